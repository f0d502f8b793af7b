from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("<slug:plan_code>/", views.overview, name="overview"),
    path("<slug:plan_code>/tasks/", views.task_list, name="tasks"),
    path("<slug:plan_code>/tasks/<int:number>/", views.task_detail, name="task"),
    path("<slug:plan_code>/targets/", views.target_list, name="targets"),
    path("<slug:plan_code>/units/", views.unit_list, name="units"),
    path("<slug:plan_code>/units/<slug:unit_code>/", views.unit_detail, name="unit"),
]
