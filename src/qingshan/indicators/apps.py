from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "qingshan.indicators"
    verbose_name = "指标与预警"
