"""Gather and freeze what an assessment scores: units, duties, reports, statuses.

Everything the scoring reads comes out of `gather` as plain data, which is what the run
stores; the scores can be recomputed from the stored inputs alone.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from qingshan.audit.models import AuditEvent
from qingshan.indicators.status import current_snapshot, plan_start
from qingshan.plans.models import Org, Plan, Responsibility, Succession
from qingshan.reporting.models import DeadlineExtension, Report, ReportingPeriod
from qingshan.reporting.queries import reporting_matrix


class AssessmentError(ValueError):
    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.details = details or []


def bounds(plan: Plan, kind: str, year: int) -> tuple[dt.date, dt.date]:
    if not plan.start_year <= year <= plan.horizon_year:
        raise AssessmentError(f"{year} 年不在方案期限（{plan.start_year}–{plan.horizon_year}）内")
    if kind == "final":
        if year != plan.horizon_year:
            raise AssessmentError(f"终期考核只对目标年 {plan.horizon_year} 进行")
        return plan_start(plan), dt.date(year, 12, 31)
    return max(plan_start(plan), dt.date(year, 1, 1)), dt.date(year, 12, 31)


def pending_reports(plan: Plan, start: dt.date, end: dt.date) -> list[str]:
    """Reports of the assessed periods still waiting for review or for the unit's revision."""
    waiting = (
        Report.objects.filter(
            period__plan=plan,
            period__end__gte=start,
            period__end__lte=end,
            state__in=[Report.State.SUBMITTED, Report.State.RETURNED],
        )
        .select_related("task", "org", "period")
        .order_by("period__end", "task__number")
    )
    return [
        f"{r.period.label} 任务{r.task.number} {r.org.name}（{r.get_state_display()}）"
        for r in waiting
    ]


def _heir(org_id: int, successions: dict[int, list[tuple[dt.date, int]]], orgs, end) -> int:
    """The unit that answers at the end of the period for a unit that ceased before it."""
    seen = set()
    while org_id not in seen:
        seen.add(org_id)
        org = orgs[org_id]
        if org.valid_to is None or org.valid_to >= end:
            return org_id
        heirs = [s for d, s in successions.get(org_id, []) if d <= end]
        if not heirs:
            return org_id
        org_id = heirs[0]
    return org_id


def gather(plan: Plan, start: dt.date, end: dt.date) -> dict[str, Any]:
    orgs = Org.objects.in_bulk()
    successions: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for s in Succession.objects.order_by("date"):
        successions[s.predecessor_id].append((s.date, s.successor_id))

    def heir(org_id: int) -> int:
        return _heir(org_id, successions, orgs, end)

    duties: dict[int, dict[int, str]] = defaultdict(dict)  # unit → task → strongest role
    strength = {"lead": 0, "territorial": 1, "co": 2}
    for resp in Responsibility.objects.filter(task__plan=plan):
        unit = heir(resp.org_id)
        if not orgs[unit].is_valid_on(end) and not orgs[unit].is_valid_on(start):
            continue
        old = duties[unit].get(resp.task_id)
        if old is None or strength[resp.role] < strength[old]:
            duties[unit][resp.task_id] = resp.role
    # A successor formed from part of a unit that continues (临平 from 余杭) takes on its duties.
    for predecessor, items in successions.items():
        for date, successor in items:
            if date <= end and orgs[predecessor].valid_to is None:
                for task_id, role in duties.get(predecessor, {}).items():
                    duties[successor].setdefault(task_id, role)

    periods = list(
        ReportingPeriod.objects.filter(
            plan=plan, kind="quarter", end__gte=start, end__lte=end
        ).order_by("end")
    )
    extensions = {
        (e.period_id, e.org_id): e.due_on
        for e in DeadlineExtension.objects.filter(period__in=periods)
    }
    reports: dict[tuple[int, int, int], dict] = {}  # (unit, task, period) → current version
    for r in (
        Report.objects.filter(period__in=periods)
        .select_related("period")
        .order_by("version", "id")
        .values(
            "id",
            "org_id",
            "task_id",
            "period_id",
            "version",
            "state",
            "status",
            "percent",
            "submitted_at",
            "period__label",
            "period__end",
            "period__due_on",
        )
    ):
        due = extensions.get((r["period_id"], r["org_id"]), r["period__due_on"])
        reports[(heir(r["org_id"]), r["task_id"], r["period_id"])] = {
            "id": r["id"],
            "version": r["version"],
            "state": r["state"],
            "status": r["status"],
            "percent": r["percent"],
            "period": r["period__label"],
            "period_end": r["period__end"].isoformat(),
            "due": due.isoformat(),
            "submitted": submitted.date().isoformat() if (submitted := r["submitted_at"]) else None,
        }
    returned = set(
        int(i)
        for i in AuditEvent.objects.filter(action="report.return", object_type="report")
        .values_list("object_id", flat=True)
        .distinct()
    )

    cells: dict[int, list[dict]] = defaultdict(list)
    if periods:
        # From the quarter of a merger on, the successor's own row counts the tasks it took
        # over (reporting_matrix), so the old unit's row for those quarters is not added again.
        for org, row in reporting_matrix(plan, periods).rows:
            for period, cell in zip(periods, row, strict=True):
                unit = heir(org.pk)
                merged = unit != org.pk and any(
                    date <= period.end for date, _ in successions.get(org.pk, [])
                )
                if not cell.expected or merged:
                    continue
                cells[unit].append(
                    {
                        "unit": org.name,
                        "period": period.label,
                        "expected": cell.expected,
                        "approved": cell.approved,
                        "submitted": cell.submitted,
                        "late": cell.late,
                        "missing": cell.missing,
                    }
                )

    snapshot = current_snapshot(plan, end)
    targets = {
        ts.target_id: {
            "code": ts.target.code,
            "label": f"{ts.target.indicator.name}（{ts.target.scope_label}）{ts.target.display_value}",
            "task_id": ts.target.task_id,
            # A target scoped to a unit that merged away is answered for by its successor.
            "scope_org_id": heir(ts.target.scope_org_id) if ts.target.scope_org_id else None,
            "deadline": ts.target.deadline.isoformat(),
            "status": ts.status,
            "reason": ts.reason,
            "value": None if ts.latest_value is None else str(ts.latest_value),
            "period": ts.latest_period,
            "value_id": ts.latest_value_id,
        }
        for ts in snapshot.target_statuses.select_related(  # type: ignore[attr-defined]
            "target__indicator", "target__scope_org", "target__scope_group"
        )
    }
    tasks = {
        t.pk: {"number": t.number, "name": t.name, "deadline": t.deadline.isoformat()}
        for t in plan.tasks.all()
    }
    units = {
        unit: {
            "name": orgs[unit].name,
            "code": orgs[unit].code,
            "district": orgs[unit].is_district,
            "predecessors": [
                orgs[p].name
                for p, items in successions.items()
                if heir(p) == unit and p != unit and orgs[p].valid_to is not None
            ],
        }
        for unit in duties
        if orgs[unit].is_valid_on(end)
    }
    return {
        "plan": plan.code,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "plan_start": plan_start(plan).isoformat(),
        "status_inputs": snapshot.inputs,
        "units": {str(k): v for k, v in units.items()},
        "duties": {
            str(u): {str(t): r for t, r in d.items()} for u, d in duties.items() if u in units
        },
        "periods": [
            {"id": p.pk, "label": p.label, "end": p.end.isoformat(), "due": p.due_on.isoformat()}
            for p in periods
        ],
        "reports": [
            {"unit": u, "task": t, "period_id": p, **v, "returned": v["id"] in returned}
            for (u, t, p), v in reports.items()
            if str(u) in {str(k) for k in units}
        ],
        "reporting": {str(u): c for u, c in cells.items() if u in units},
        "targets": {str(k): v for k, v in targets.items()},
        "tasks": {str(k): v for k, v in tasks.items()},
    }
