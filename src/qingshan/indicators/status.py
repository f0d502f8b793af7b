"""Judge every target and task of a plan as of a date (method: docs/indicator-status.md).

The judgement is stored as a snapshot keyed by the date and fingerprinted by its inputs, so
pages read it in a few queries and rebuild it only after data or reports changed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from qingshan.plans.models import Plan, Responsibility, Target
from qingshan.reporting.models import Report, ReportingPeriod
from qingshan.reporting.queries import ADDITIVE_EXCLUDED_UNITS, reporting_matrix

from . import progress
from .models import IndicatorValue, StatusSnapshot, TargetStatus, TaskStatus
from .values import ensure_fresh

# Which source speaks for an indicator when several gave a value for the same date.
PREFERENCE = {
    "computed": ["data", "entry", "report"],
    "reported": ["report", "entry", "data"],
    "entered": ["entry", "data", "report"],
}


# A yearly count (企业数, 公里, 亩) grows through the year; a rate or a standard does not.
NOT_ACCUMULATING = ADDITIVE_EXCLUDED_UNITS | {"微克/立方米", "毫克/升"}
STATUS_ORDER = [s.code for s in sorted(progress.STATUSES.values(), key=lambda s: s.order)]

# Without a lead unit (each district leads in its own territory) the task is as far as its
# least advanced unit: a blocked or delayed district holds the whole task back.
LEAST_ADVANCED = ["blocked", "delayed", "not_started", "in_progress", "done"]


def default_as_of(plan: Plan) -> dt.date:
    """Today, or the plan's horizon once it has passed (the final judgement stays put)."""
    return min(timezone.localdate(), dt.date(plan.horizon_year, 12, 31))


def evaluation_dates(plan: Plan) -> list[dt.date]:
    """The dates pages offer to judge as of: each quarter end of the plan up to the default."""
    default = default_as_of(plan)
    dates = [
        dt.date(y, m, d)
        for y in range(plan.start_year, plan.horizon_year + 1)
        for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))
        if dt.date(y, m, d) <= default
    ]
    return dates if default in dates else [*dates, default]


def plan_start(plan: Plan) -> dt.date:
    return plan.effective_on or dt.date(plan.start_year, 1, 1)


def milestone_group(target: Target) -> tuple:
    return (target.indicator_id, target.scope_org_id, target.scope_group_id, target.frequency)


def target_spec(target: Target, group: list[Target]) -> progress.TargetSpec:
    """The target with the earlier milestones of the same indicator and scope before it."""
    milestones = tuple(
        progress.Milestone(
            deadline=t.deadline,
            comparator=t.comparator,
            value=float(t.value),
            tolerance=None if t.tolerance is None else float(t.tolerance),
            baseline_year=t.baseline_year,
            baseline_value=None if t.baseline_value is None else float(t.baseline_value),
        )
        for t in sorted(group, key=lambda t: t.deadline)
        if t.deadline <= target.deadline
    )
    return progress.TargetSpec(
        direction=target.indicator.direction,
        milestones=milestones,
        baseline_year=target.baseline_year,
        baseline_value=None if target.baseline_value is None else float(target.baseline_value),
        frequency=target.frequency,
        start=plan_start(target.plan),
        accumulates_within_year=(target.unit or target.indicator.unit) not in NOT_ACCUMULATING,
        unit=target.unit or target.indicator.unit,
    )


def judge(spec: progress.TargetSpec, obs: list[progress.Observation], as_of: dt.date):
    """A target's own status: the verdict on its own (last) milestone, the earlier ones of
    the group only shaping the glide path towards it."""
    if spec.frequency == "yearly":
        return progress.assess_target(spec, obs, as_of)
    return progress.assess_milestones(spec, obs, as_of)[-1]


def observations(
    target: Target, values: Iterable[IndicatorValue]
) -> tuple[list[progress.Observation], dict[dt.date, IndicatorValue]]:
    """One value per date for the target's indicator and scope, by source preference."""
    order = PREFERENCE.get(target.indicator.measurement, PREFERENCE["reported"])

    def rank(v: IndicatorValue) -> tuple[int, int]:
        own = 0 if v.target_id in (None, target.pk) else 1
        return (order.index(v.source), own)

    chosen: dict[dt.date, IndicatorValue] = {}
    for v in values:
        if v.scope_org_id != target.scope_org_id:
            continue
        current = chosen.get(v.date)
        if current is None or rank(v) < rank(current):
            chosen[v.date] = v
    obs = [progress.Observation(date=d, value=float(v.value)) for d, v in sorted(chosen.items())]
    return obs, chosen


def _task_reports(plan: Plan, as_of: dt.date) -> dict[int, list[Report]]:
    latest: dict[tuple[int, int], Report] = {}
    for report in (
        Report.objects.filter(
            period__plan=plan, state=Report.State.APPROVED, period__end__lte=as_of
        )
        .select_related("period")
        .order_by("period__end", "version")
    ):
        latest[(report.task_id, report.org_id)] = report
    by_task: dict[int, list[Report]] = defaultdict(list)
    for (task_id, _), report in latest.items():
        by_task[task_id].append(report)
    return by_task


def _task_head(reports: list[Report], lead_ids: set[int]) -> Report | None:
    """The lead unit's latest report speaks for the task; without one, the least advanced."""
    if not reports:
        return None
    leads = [r for r in reports if r.org_id in lead_ids]
    if leads:
        return max(leads, key=lambda r: r.period.end)
    return min(reports, key=lambda r: (LEAST_ADVANCED.index(r.status), r.percent))


def _missing_reports(plan: Plan, as_of: dt.date) -> list[dict]:
    period = (
        ReportingPeriod.objects.filter(plan=plan, due_on__lt=as_of, kind="quarter")
        .order_by("-end")
        .first()
    )
    if period is None:
        return []
    matrix = reporting_matrix(plan, [period])
    return [
        {
            "org_id": org.pk,
            "org": org.name,
            "period": period.label,
            "period_title": period.title,
            "due_on": period.due_on.isoformat(),
            "missing": cell.missing,
            "expected": cell.expected,
        }
        for org, (cell,) in matrix.rows
        if cell.missing
    ]


def build_snapshot(plan: Plan, as_of: dt.date, inputs: str) -> StatusSnapshot:
    targets = list(plan.targets.select_related("indicator", "plan"))
    groups: dict[tuple, list[Target]] = defaultdict(list)
    for target in targets:
        groups[milestone_group(target)].append(target)
    values_by_indicator: dict[int, list[IndicatorValue]] = defaultdict(list)
    for v in IndicatorValue.objects.filter(
        indicator__plan=plan, is_current=True, date__lte=as_of
    ).order_by("date", "id"):
        values_by_indicator[v.indicator_id].append(v)

    target_rows = []
    for target in targets:
        spec = target_spec(target, groups[milestone_group(target)])
        obs, chosen = observations(target, values_by_indicator.get(target.indicator_id, []))
        result = judge(spec, obs, as_of)
        latest = chosen.get(result.latest.date) if result.latest else None
        target_rows.append(
            TargetStatus(
                target=target,
                status=result.status,
                reason=result.reason[:300],
                latest_value=latest.value if latest else None,
                latest_period=latest.period if latest else "",
                latest_value_id=latest.pk if latest else None,
                expected=result.expected,
                ratio=result.ratio,
            )
        )

    leads: dict[int, set[int]] = defaultdict(set)
    for task_id, org_id in Responsibility.objects.filter(task__plan=plan, role="lead").values_list(
        "task_id", "org_id"
    ):
        leads[task_id].add(org_id)
    reports = _task_reports(plan, as_of)
    start = plan_start(plan)
    task_rows = []
    for task in plan.tasks.all():
        head = _task_head(reports.get(task.pk, []), leads[task.pk])
        latest_report = (
            None
            if head is None
            else progress.TaskReport(
                status=head.status, percent=head.percent, period_end=head.period.end
            )
        )
        result = progress.assess_task(
            min(start, task.deadline), task.deadline, as_of, latest_report
        )
        task_rows.append(
            TaskStatus(
                task=task,
                status=result.status,
                reason=result.reason[:300],
                reported_status=head.status if head else "",
                percent=head.percent if head else None,
                as_of_period=head.period.label if head else "",
            )
        )

    missing = _missing_reports(plan, as_of)
    with transaction.atomic():
        StatusSnapshot.objects.filter(plan=plan, as_of=as_of).delete()
        snapshot = StatusSnapshot.objects.create(
            plan=plan, as_of=as_of, inputs=inputs, missing_reports=missing
        )
        for row in target_rows:
            row.snapshot = snapshot
        for task_row in task_rows:
            task_row.snapshot = snapshot
        TargetStatus.objects.bulk_create(target_rows)
        TaskStatus.objects.bulk_create(task_rows)
    return snapshot


def current_snapshot(plan: Plan, as_of: dt.date | None = None) -> StatusSnapshot:
    """The statuses as of the date, rebuilt first if the data or reports changed since."""
    as_of = as_of or default_as_of(plan)
    refresh = ensure_fresh(plan)
    snapshot = StatusSnapshot.objects.filter(plan=plan, as_of=as_of).first()
    if snapshot is not None and snapshot.inputs == refresh.inputs:
        return snapshot
    return build_snapshot(plan, as_of, refresh.inputs)
