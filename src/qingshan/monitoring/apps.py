from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "qingshan.monitoring"
    verbose_name = "环境监测"
