from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "qingshan.audit"
    verbose_name = "审计日志"
