from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "qingshan.plans"
    verbose_name = "行动方案"
