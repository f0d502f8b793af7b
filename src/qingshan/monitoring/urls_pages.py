from django.urls import path, register_converter

from . import views


class ExportFormat:
    regex = "csv|xlsx|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormat, "exportfmt")

urlpatterns = [
    path("", views.index, name="index"),
    path("air/", views.air_city, name="air_city"),
    path("air/export/<slug:kind>.<exportfmt:fmt>", views.city_export, name="city_export"),
    path("air/stations/", views.stations, name="stations"),
    path("air/stations/<str:code>/", views.station, name="station"),
    path(
        "air/stations/<str:code>/export/<slug:kind>.<exportfmt:fmt>",
        views.station_export,
        name="station_export",
    ),
    path("water/", views.water, name="water"),
    path("water/export/<slug:kind>.<exportfmt:fmt>", views.water_export, name="water_export"),
    path("water/sections/<str:code>/", views.section, name="section"),
    path(
        "water/sections/<str:code>/export/<slug:kind>.<exportfmt:fmt>",
        views.section_export,
        name="section_export",
    ),
]
