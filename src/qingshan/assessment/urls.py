from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("<slug:plan_code>/", views.run_list, name="runs"),
    path("<slug:plan_code>/scheme/", views.scheme, name="scheme"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/publish/", views.publish_run, name="publish"),
    path("runs/<int:pk>/rerun/", views.rerun_run, name="rerun"),
    path("runs/<int:pk>/report.pdf", views.run_pdf, name="pdf"),
    path("runs/<int:pk>/scores.xlsx", views.run_excel, name="excel"),
    path("runs/<int:pk>/units/<slug:org_code>/", views.scorecard, name="scorecard"),
]
