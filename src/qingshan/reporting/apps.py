from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "qingshan.reporting"
    verbose_name = "进展填报"
