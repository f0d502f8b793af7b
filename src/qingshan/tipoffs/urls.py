from django.urls import path

from . import views_media, views_office, views_public, views_unit

app_name = "tipoffs"

urlpatterns = [
    path("", views_public.index, name="index"),
    path("new/", views_public.report, name="report"),
    path("enterprises/", views_public.enterprise_search, name="enterprise_search"),
    path("track/", views_public.track, name="track"),
    path("track/add/", views_public.track_add, name="track_add"),
    path("track/claim/", views_public.track_claim, name="track_claim"),
    path("cases/<str:reference>/", views_public.public_case_page, name="public_case"),
    path("media/<int:pk>/", views_media.shown_copy, name="media"),
    path("media/<int:pk>/original/", views_media.original, name="media_original"),
    path("office/", views_office.queue, name="office_queue"),
    path("office/holidays/", views_office.holidays, name="holidays"),
    path("office/export.<str:fmt>", views_office.export, name="office_export"),
    path("office/<int:pk>/", views_office.case, name="office_case"),
    path("office/<int:pk>/identity/", views_office.identity, name="identity"),
    path("office/<int:pk>/<slug:action>/", views_office.act, name="office_act"),
    path("unit/", views_unit.unit_list, name="unit_list"),
    path("unit/export.<str:fmt>", views_unit.unit_export, name="unit_export"),
    path("unit/<int:pk>/", views_unit.unit_case, name="unit_case"),
]
