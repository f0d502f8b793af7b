from django.apps import AppConfig


class PollutersConfig(AppConfig):
    name = "qingshan.polluters"
    verbose_name = "重点排污单位"
