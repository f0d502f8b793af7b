from django.apps import AppConfig


class TipoffsConfig(AppConfig):
    name = "qingshan.tipoffs"
    verbose_name = "有奖举报"
