from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "qingshan.assessment"
    verbose_name = "考核评估"
