from django.urls import path

from . import views, views_workbook

app_name = "reporting"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("review/", views.review_queue, name="queue"),
    path("matrix/", views.matrix, name="matrix"),
    path("periods/", views.periods, name="periods"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/<slug:action>/", views.act_on_report, name="act"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
    path(
        "progress/<slug:plan_code>/<int:number>/",
        views.task_progress_fragment,
        name="task-progress",
    ),
    path("<str:period_label>/tasks/<int:number>/<slug:unit>/", views.edit_report, name="edit"),
    path(
        "<str:period_label>/workbook/<slug:unit>/",
        views_workbook.download_workbook,
        name="workbook",
    ),
    path(
        "<str:period_label>/workbook/<slug:unit>/upload/",
        views_workbook.upload_workbook,
        name="workbook-upload",
    ),
]
