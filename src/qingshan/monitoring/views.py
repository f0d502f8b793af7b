"""Public pages of environmental quality: city air, stations, water sections; their exports.

No login: like the plan pages, these are what the public reads.  The queries and rows live in
`pages.py`, the files in `exports.py`.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from qingshan import opendata
from qingshan.plans.services import default_plan

from . import exports, pages
from .models import AirStation, Scope, WaterSection
from .statistics import CITY


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    context.setdefault("plan", default_plan())
    context.setdefault("import_url", pages.import_url())
    context.setdefault("simulated_label", pages.SIMULATED_LABEL)
    return render(request, template, context)


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        raise Http404("请指定年份") from None


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return redirect("monitoring:air_city")


@require_safe
def air_city(request: HttpRequest) -> HttpResponse:
    context = pages.city_context(request.GET.get("year"))
    return _render(request, "monitoring/air_city.html", context)


@require_safe
def stations(request: HttpRequest) -> HttpResponse:
    level = request.GET.get("level") or None
    if level not in (None, *AirStation.Level.values):
        level = None
    district = request.GET.get("district") or None
    groups, year = pages.station_groups(level, district)
    return _render(
        request,
        "monitoring/station_list.html",
        {
            "groups": groups,
            "year": year,
            "count": sum(len(g.rows) for g in groups),
            "any_station": AirStation.objects.exists(),
            "simulated": any(r.station.is_simulated for g in groups for r in g.rows),
            "levels": AirStation.Level.choices,
            "level": level,
            "districts": pages.district_orgs(),
            "district": district,
            "aqi_levels": pages.aqi_levels(),
        },
    )


@require_safe
def station(request: HttpRequest, code: str) -> HttpResponse:
    st = get_object_or_404(AirStation.objects.select_related("district"), code=code)
    pollutant = request.GET.get("p", "PM2.5")
    if pollutant not in pages.POLLUTANTS:
        pollutant = "PM2.5"
    window = request.GET.get("range", "30d")
    if window not in pages.WINDOWS:
        window = "30d"
    context = pages.station_context(st, request.GET.get("year"), pollutant, window)
    return _render(request, "monitoring/station.html", context)


@require_safe
def station_export(request: HttpRequest, code: str, kind: str, fmt: str) -> HttpResponse:
    st = get_object_or_404(AirStation, code=code)
    label = f"{st.name}（{st.code}）"
    if kind == "hours":
        table = exports.station_hours(st, _year(request))
    elif kind == "days":
        table = exports.days(Scope.STATION, st.code, label, _year(request), st.is_simulated)
    elif kind == "annual":
        table = exports.annual(Scope.STATION, st.code, label, st.is_simulated)
    else:
        raise Http404("没有这种导出")
    return opendata.respond(table, fmt)


@require_safe
def city_export(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    simulated = AirStation.objects.filter(is_simulated=True).exists()
    if kind == "days":
        table = exports.days(Scope.CITY, CITY, "杭州市（国控站点）", _year(request), simulated)
    elif kind == "annual":
        table = exports.annual(Scope.CITY, CITY, "杭州市（国控站点）", simulated)
    else:
        raise Http404("没有这种导出")
    table.filename = table.filename.replace(CITY, "全市", 1)
    return opendata.respond(table, fmt)


@require_safe
def water(request: HttpRequest) -> HttpResponse:
    context = pages.water_context(request.GET.get("year"))
    return _render(request, "monitoring/water.html", context)


@require_safe
def water_export(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if kind != "classes":
        raise Http404("没有这种导出")
    return opendata.respond(exports.water_classes(_year(request)), fmt)


@require_safe
def section(request: HttpRequest, code: str) -> HttpResponse:
    sec = get_object_or_404(WaterSection.objects.select_related("district"), code=code)
    context = pages.section_context(sec, request.GET.get("year"), request.GET.get("item"))
    return _render(request, "monitoring/section.html", context)


@require_safe
def section_export(request: HttpRequest, code: str, kind: str, fmt: str) -> HttpResponse:
    sec = get_object_or_404(WaterSection, code=code)
    if kind != "samples":
        raise Http404("没有这种导出")
    return opendata.respond(exports.section_samples(sec, _year(request)), fmt)
