from django.urls import include, path

app_name = "monitoring"

urlpatterns = [
    path("import/", include("qingshan.monitoring.urls_import")),
    path("", include("qingshan.monitoring.urls_pages")),
]
