"""Indicator pages: the public status board and indicator series; the office's entry form and
the warning list for the office and leaders."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from qingshan.accounts.roles import is_office, reads_oversight
from qingshan.plans.models import Plan
from qingshan.plans.views import plan_or_404

from . import entry, pages, progress
from .computations import describe
from .forms import EntryForm
from .models import IndicatorValue
from .status import STATUS_ORDER, current_snapshot, default_as_of, evaluation_dates
from .values import values_for
from .warnings import warning_list


def _as_of(request: HttpRequest, plan: Plan) -> tuple[dt.date, list[dt.date]]:
    """The evaluation date chosen on the page, if it is one the plan offers; else the default."""
    choices = evaluation_dates(plan)
    try:
        chosen = dt.date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        chosen = default_as_of(plan)
    return (chosen if chosen in choices else default_as_of(plan)), choices


def method(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "indicators/method.html",
        {
            "on_track": progress.ON_TRACK_RATIO,
            "at_risk": progress.AT_RISK_RATIO,
            "tolerance": progress.ABOUT_TOLERANCE_DEFAULT,
            "slack": progress.TASK_SLACK_POINTS,
        },
    )


def board(request: HttpRequest, plan_code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    as_of, choices = _as_of(request, plan)
    snapshot = current_snapshot(plan, as_of)
    status = request.GET.get("status", "")
    if status not in STATUS_ORDER:
        status = ""
    return render(
        request,
        "indicators/board.html",
        {
            "plan": plan,
            "snapshot": snapshot,
            "as_of": as_of,
            "as_of_choices": choices,
            "groups": pages.board(snapshot, status=status),
            "counts": pages.status_counts(snapshot),
            "status_filter": status,
        },
    )


def _detail(request: HttpRequest, plan: Plan, indicator, form, status: int = 200) -> HttpResponse:
    snapshot = current_snapshot(plan)
    targets = list(indicator.targets.select_related("scope_org", "scope_group", "task"))
    statuses = {
        s.target_id: s
        for s in snapshot.target_statuses.filter(target__in=targets)  # type: ignore[attr-defined]
    }
    values = list(values_for(indicator))
    district_values = (
        IndicatorValue.objects.filter(indicator=indicator, scope_org__isnull=False, is_current=True)
        .select_related("scope_org", "target")
        .order_by("scope_org__id", "date")
    )
    return render(
        request,
        "indicators/indicator.html",
        {
            "plan": plan,
            "indicator": indicator,
            "snapshot": snapshot,
            "targets": [(t, statuses.get(t.pk)) for t in targets],
            "values": values,
            "district_values": list(district_values),
            "chart": pages.series_chart(indicator, values, targets),
            "computation": describe(indicator.code),
            "form": form,
            "signed_in": request.user.is_authenticated,
        },
        status=status,
    )


def indicator_detail(request: HttpRequest, plan_code: str, code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    indicator = get_object_or_404(plan.indicators, code=code)  # type: ignore[attr-defined]
    form = EntryForm(indicator=indicator) if is_office(request.user) else None
    return _detail(request, plan, indicator, form)


@login_required
@require_POST
def enter_value(request: HttpRequest, plan_code: str, code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    indicator = get_object_or_404(plan.indicators, code=code)  # type: ignore[attr-defined]
    if not is_office(request.user):
        raise PermissionDenied("只有美丽杭州办可以录入指标数值")
    form = EntryForm(request.POST, request.FILES, indicator=indicator)
    if form.is_valid():
        upload = form.cleaned_data.get("evidence")
        try:
            row = entry.enter_value(
                request.user,
                indicator,
                period=form.cleaned_data["period"],
                value=form.cleaned_data["value"],
                unit=form.cleaned_data["unit"],
                note=form.cleaned_data["note"],
                scope_org=form.cleaned_data.get("scope_org"),
                evidence=entry.Evidence(upload.name, upload.read()) if upload else None,
            )
        except entry.EntryError as exc:
            for field, message in exc.problems.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request, f"已录入 {indicator.name} {row.period}：{row.value} {row.unit}"
            )
            return redirect("indicators:indicator", plan.code, indicator.code)
    return _detail(request, plan, indicator, form, status=400)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    value = get_object_or_404(IndicatorValue, pk=pk)
    if not value.evidence:
        raise Http404("没有佐证材料")
    return FileResponse(value.evidence.open("rb"), as_attachment=True, filename=value.evidence_name)


@login_required
def warnings(request: HttpRequest, plan_code: str) -> HttpResponse:
    plan = plan_or_404(plan_code)
    if not reads_oversight(request.user):
        raise PermissionDenied("预警清单仅供美丽杭州办和市领导查看")
    as_of, choices = _as_of(request, plan)
    listing = warning_list(current_snapshot(plan, as_of))
    kind = request.GET.get("kind", "")
    items = [w for w in listing.items if not kind or w.kind == kind]
    return render(
        request,
        "indicators/warnings.html",
        {
            "plan": plan,
            "listing": listing,
            "items": items,
            "kind": kind,
            "kinds": [
                (key, label, listing.count(key))
                for key, label in (("target", "目标"), ("task", "任务"), ("report", "报送"))
            ],
            "as_of": as_of,
            "as_of_choices": choices,
        },
    )
