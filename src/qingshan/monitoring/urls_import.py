from django.urls import path

from . import views_import

# Included under /monitoring/import/ in the "monitoring" namespace.
urlpatterns = [
    path("", views_import.import_page, name="import"),
    path("progress/<str:token>/", views_import.import_progress, name="import_progress"),
    path("batches/<int:pk>/", views_import.batch_detail, name="import_batch"),
]
