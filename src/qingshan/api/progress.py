"""Public, read-only API over progress: target and task statuses, indicator values with their
provenance, and published assessment scores.  The same data as the open-data downloads."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from qingshan.assessment.models import AssessmentRun
from qingshan.assessment.services import published_runs
from qingshan.indicators.models import IndicatorValue
from qingshan.indicators.progress import STATUSES
from qingshan.indicators.status import current_snapshot
from qingshan.indicators.values import ensure_fresh

from .plans import published_or_404

router = Router(tags=["进展与考核 progress"])


class TargetStatusOut(Schema):
    target: str
    indicator: str
    scope: str
    requirement: str
    deadline: dt.date
    status: str
    status_label: str
    reason: str
    latest_value: float | None
    latest_period: str
    expected: float | None


class TaskStatusOut(Schema):
    number: int
    name: str
    deadline: dt.date
    status: str
    status_label: str
    reason: str
    reported_status: str
    percent: int | None
    as_of_period: str


class StatusesOut(Schema):
    plan: str
    as_of: dt.date
    computed_at: dt.datetime
    targets: list[TargetStatusOut]
    tasks: list[TaskStatusOut]


class ValueOut(Schema):
    scope: str
    period: str
    date: dt.date
    value: float
    unit: str
    source: str
    produced_by: str
    edition: str
    partial: bool
    reference: dict
    note: str


class RunOut(Schema):
    id: int
    title: str
    kind: str
    year: int
    start: dt.date
    end: dt.date
    scheme_version: int
    published_at: dt.datetime


class ScoreOut(Schema):
    unit: str
    unit_code: str
    group: str
    rank: int | None
    grade: str
    total: float | None
    items: list[dict]
    deductions: list[dict]
    note: str


def _number(value) -> float | None:
    return None if value is None else float(value)


@router.get("/plans/{code}/statuses", response=StatusesOut, auth=None)
def statuses(request: HttpRequest, code: str, as_of: dt.date | None = None):
    """Every target's and task's status as of a date (default: today, or the plan's horizon
    once it has passed), by the method of /indicators/method/."""
    plan = published_or_404(code)
    snapshot = current_snapshot(plan, as_of)
    targets = snapshot.target_statuses.select_related(  # type: ignore[attr-defined]
        "target__indicator", "target__scope_org", "target__scope_group"
    ).order_by("target__order")
    tasks = snapshot.task_statuses.select_related("task").order_by("task__number")  # type: ignore[attr-defined]
    return {
        "plan": plan.code,
        "as_of": snapshot.as_of,
        "computed_at": snapshot.computed_at,
        "targets": [
            {
                "target": ts.target.code,
                "indicator": ts.target.indicator.code,
                "scope": ts.target.scope_label,
                "requirement": ts.target.display_value,
                "deadline": ts.target.deadline,
                "status": ts.status,
                "status_label": STATUSES[ts.status].label,
                "reason": ts.reason,
                "latest_value": _number(ts.latest_value),
                "latest_period": ts.latest_period,
                "expected": ts.expected,
            }
            for ts in targets
        ],
        "tasks": [
            {
                "number": t.task.number,
                "name": t.task.name,
                "deadline": t.task.deadline,
                "status": t.status,
                "status_label": STATUSES[t.status].label,
                "reason": t.reason,
                "reported_status": t.reported_status,
                "percent": t.percent,
                "as_of_period": t.as_of_period,
            }
            for t in tasks
        ],
    }


@router.get("/plans/{code}/indicators/{indicator}/values", response=list[ValueOut], auth=None)
def indicator_values(request: HttpRequest, code: str, indicator: str):
    """Every current value of the indicator, the city's and each unit's, with where it came
    from: monitoring statistics (with the standard's edition), approved reports (unit, period,
    version) or the office's entry (its source)."""
    plan = published_or_404(code)
    found = get_object_or_404(plan.indicators, code=indicator)  # type: ignore[attr-defined]
    ensure_fresh(plan)
    rows = (
        IndicatorValue.objects.filter(indicator=found, is_current=True)
        .select_related("scope_org")
        .order_by("scope_org_id", "date", "id")
    )
    return [
        {
            "scope": v.scope_org.name if v.scope_org else "全市",
            "period": v.period,
            "date": v.date,
            "value": float(v.value),
            "unit": v.unit,
            "source": v.source,
            "produced_by": v.produced_by,
            "edition": v.edition,
            "partial": v.partial,
            "reference": v.reference,
            "note": v.note,
        }
        for v in rows
    ]


def _run_out(run: AssessmentRun) -> dict:
    return {
        "id": run.pk,
        "title": run.title,
        "kind": run.kind,
        "year": run.year,
        "start": run.start,
        "end": run.end,
        "scheme_version": run.scheme.version,
        "published_at": run.published_at,
    }


@router.get("/plans/{code}/assessments", response=list[RunOut], auth=None)
def assessments(request: HttpRequest, code: str):
    """Published assessment runs, newest first (drafts are never listed)."""
    return [
        _run_out(r) for r in published_runs(published_or_404(code)).select_related("scheme", "plan")
    ]


@router.get("/assessments/{run_id}/scores", response=list[ScoreOut], auth=None)
def scores(request: HttpRequest, run_id: int):
    """A published run's scores with every item explained; an unpublished run is not found."""
    run = get_object_or_404(AssessmentRun, pk=run_id, published_at__isnull=False)
    return [
        {
            "unit": s.org_name,
            "unit_code": s.org.code,
            "group": s.group,
            "rank": s.rank,
            "grade": s.grade,
            "total": _number(s.total),
            "items": s.items,
            "deductions": s.deductions,
            "note": s.note,
        }
        for s in run.scores.select_related("org").order_by("group", "rank", "org_name")  # type: ignore[attr-defined]
    ]
