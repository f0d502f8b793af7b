"""The public site: the home page and the open-data catalogue.  No login anywhere here."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from qingshan import opendata
from qingshan.assessment.models import AssessmentRun
from qingshan.indicators.status import current_snapshot
from qingshan.plans import services as plan_services
from qingshan.plans.exporter import export_json, export_yaml
from qingshan.plans.models import Plan

from . import datasets
from . import home as sections


def _default_plan() -> Plan | None:
    return plan_services.default_plan()


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    plan = _default_plan()
    if plan is None:
        return render(request, "plans/empty.html")
    # The page body is the same for everyone until data, reports, entries or publications
    # change: it is rendered once per change and served from the cache in between.
    key = "portal:home:" + _fingerprint(plan)
    parts = cache.get(key)
    if parts is None:
        context = _home_context(plan)
        parts = {
            "hero": render_to_string("portal/_home_hero.html", context),
            "content": render_to_string("portal/_home_content.html", context),
        }
        cache.set(key, parts, HOME_CACHE_SECONDS)
    return render(request, "portal/home.html", {"plan": plan, **parts})


HOME_CACHE_SECONDS = 600


def _fingerprint(plan: Plan) -> str:
    """Asking whether anything changed costs a few aggregate queries; under load it is asked
    at most once per process every QINGSHAN_HOME_RECHECK_SECONDS, so a change shows within
    that time (0: on every request)."""
    seconds = settings.QINGSHAN_HOME_RECHECK_SECONDS
    if not seconds:
        return sections.fingerprint(plan)
    key = f"portal:home-inputs:{plan.pk}"
    fingerprint = cache.get(key)
    if fingerprint is None:
        fingerprint = sections.fingerprint(plan)
        cache.set(key, fingerprint, seconds)
    return fingerprint


def _home_context(plan: Plan) -> dict:
    snapshot = current_snapshot(plan)
    run = sections.latest_published(plan)
    battle_rows, battle_chart = sections.battle_chart(plan, snapshot)
    per_year = plan_services.tasks_per_year(plan)
    return {
        "plan": plan,
        "snapshot": snapshot,
        "summary": plan_services.plan_summary(plan),
        "goals": sections.goal_cards(plan, snapshot),
        "battle_rows": battle_rows,
        "battle_chart": battle_chart,
        "year_rows": per_year,
        "year_chart": sections.year_bar(per_year),
        "air": sections.air_now(),
        "districts": sections.district_rows(plan, run, timezone.localdate()),
        "run": run,
        "podium": sections.podium(run),
        "water": datasets.water_map_context(),
    }


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    plan = _default_plan()
    if plan is None:
        return render(request, "plans/empty.html")
    return render(
        request,
        "portal/open_data.html",
        {"plan": plan, "catalogue": datasets.catalogue(plan)},
    )


@require_safe
def dataset(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    plan = _default_plan()
    if plan is None or fmt not in opendata.FORMATS:
        raise Http404("没有这个数据集")
    table = datasets.build(plan, name)
    if table is None:
        raise Http404("没有这个数据集")
    return opendata.respond(table, fmt)


@require_safe
def plan_file(request: HttpRequest, fmt: str) -> HttpResponse:
    """The plan in its own file format, as `qingshan plan export` writes it."""
    plan = _default_plan()
    if plan is None or fmt not in ("yaml", "json"):
        raise Http404("没有这种格式")
    body = export_yaml(plan) if fmt == "yaml" else export_json(plan)
    kind = "application/yaml" if fmt == "yaml" else "application/json"
    response = HttpResponse(body, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan.code}.{fmt}"'
    return response


@require_safe
def scorecard_data(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    run = get_object_or_404(AssessmentRun, pk=pk, published_at__isnull=False)
    if fmt not in opendata.FORMATS:
        raise Http404("没有这种格式")
    return opendata.respond(datasets.scores_table(run), fmt)
