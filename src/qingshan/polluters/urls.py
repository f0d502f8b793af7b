from django.urls import path, re_path

from . import views

app_name = "polluters"
urlpatterns = [
    path("", views.map_page, name="map"),
    path("import/", views.import_page, name="import"),
    re_path(r"^export\.(?P<fmt>csv|xlsx|json)$", views.export, name="export"),
    re_path(r"^(?P<credit_code>[0-9A-Z]{18})/$", views.enterprise_page, name="enterprise"),
]
