from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("method/", views.method, name="method"),
    path("<slug:plan_code>/", views.board, name="board"),
    path("<slug:plan_code>/warnings/", views.warnings, name="warnings"),
    path("<slug:plan_code>/i/<slug:code>/", views.indicator_detail, name="indicator"),
    path("<slug:plan_code>/i/<slug:code>/enter/", views.enter_value, name="enter"),
    path("values/<int:pk>/evidence/", views.evidence_file, name="evidence"),
]
