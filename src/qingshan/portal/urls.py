from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.open_data, name="open-data"),
    path("plan.<str:fmt>", views.plan_file, name="plan-file"),
    path("<slug:name>.<str:fmt>", views.dataset, name="dataset"),
    path("assessment/<int:pk>.<str:fmt>", views.scorecard_data, name="scores"),
]
