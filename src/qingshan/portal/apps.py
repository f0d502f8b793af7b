from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "qingshan.portal"
    verbose_name = "公众门户"
