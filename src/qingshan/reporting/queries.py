"""Read-side views of reporting: a unit's inbox, the office's queue and matrix, task progress."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from qingshan.plans.models import Org, Plan, Responsibility, Succession, Task

from .models import DeadlineExtension, Report, ReportingPeriod
from .services import Duty, duties_for


@dataclass
class InboxRow:
    period: ReportingPeriod
    duty: Duty
    report: Report | None
    due_on: dt.date

    @property
    def bucket(self) -> str:
        state = self.report.state if self.report else None
        if state == Report.State.RETURNED:
            return "returned"
        if state in (Report.State.SUBMITTED, Report.State.APPROVED):
            return state
        return "overdue" if dt.date.today() > self.due_on else "due"


BUCKET_LABELS = {
    "due": "待填报",
    "overdue": "已逾期",
    "returned": "被退回",
    "submitted": "待审核",
    "approved": "已通过",
}


def unit_inbox(org: Org, plan: Plan) -> list[InboxRow]:
    periods = list(plan.periods.filter(is_open=True).order_by("start"))  # type: ignore[attr-defined]
    extensions = {
        e.period_id: e.due_on for e in DeadlineExtension.objects.filter(org=org, period__in=periods)
    }
    latest: dict[tuple[int, int], Report] = {}
    for report in Report.objects.filter(org=org, period__in=periods).order_by("version"):
        latest[(report.period_id, report.task_id)] = report
    rows = []
    for period in periods:
        due = extensions.get(period.pk, period.due_on)
        for duty in duties_for(org, period):
            rows.append(InboxRow(period, duty, latest.get((period.pk, duty.task.pk)), due))
    return rows


def review_queue(plan: Plan):
    return (
        Report.objects.filter(period__plan=plan, state=Report.State.SUBMITTED)
        .select_related("task", "org", "period")
        .order_by("submitted_at")
    )


@dataclass
class MatrixCell:
    expected: int = 0
    approved: int = 0
    submitted: int = 0  # submitted or returned: in review, not yet approved
    late: int = 0

    @property
    def missing(self) -> int:
        return max(0, self.expected - self.approved - self.submitted)

    @property
    def css(self) -> str:
        if self.expected == 0:
            return "none"
        if self.approved >= self.expected:
            return "late" if self.late else "done"
        if self.approved or self.submitted:
            return "partial"
        return "missing"


@dataclass
class Matrix:
    periods: list[ReportingPeriod]
    rows: list[tuple[Org, list[MatrixCell]]] = field(default_factory=list)


def reporting_matrix(plan: Plan, periods: list[ReportingPeriod]) -> Matrix:
    """Units × periods: how many of its reports each unit owed, sent, had approved, sent late."""
    matrix = Matrix(periods=periods)
    own_tasks: dict[int, set[int]] = defaultdict(set)
    for org_id, task_id in Responsibility.objects.filter(task__plan=plan).values_list(
        "org_id", "task_id"
    ):
        own_tasks[org_id].add(task_id)
    # Successors report their predecessors' tasks from the succession on (as duties_for does).
    inherits: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for succession in Succession.objects.filter(predecessor_id__in=own_tasks):
        inherits[succession.successor_id].append((succession.date, succession.predecessor_id))
    orgs = list(Org.objects.filter(pk__in=set(own_tasks) | set(inherits)).order_by("kind", "id"))

    def expected(org: Org, period: ReportingPeriod) -> int:
        if not (org.is_valid_on(period.start) or org.is_valid_on(period.end)):
            return 0
        tasks = set(own_tasks.get(org.pk, ()))
        for date, predecessor_id in inherits.get(org.pk, ()):
            if date <= period.end:
                tasks |= own_tasks[predecessor_id]
        return len(tasks)

    extensions = {
        (e.period_id, e.org_id): e.due_on
        for e in DeadlineExtension.objects.filter(period__in=periods)
    }
    cells: dict[tuple[int, int], MatrixCell] = {}
    # One pass in version order: the last row seen for a (unit, period, task) is its current one.
    current: dict[tuple[int, int, int], tuple[str, dt.datetime | None]] = {}
    reports = (
        Report.objects.filter(period__in=periods)
        .order_by("version")
        .values_list("org_id", "period_id", "task_id", "state", "submitted_at")
    )
    for org_id, period_id, task_id, state, submitted_at in reports:
        current[(org_id, period_id, task_id)] = (state, submitted_at)
    due = {p.pk: p.due_on for p in periods}
    for (org_id, period_id, _), (state, submitted_at) in current.items():
        cell = cells.setdefault((org_id, period_id), MatrixCell())
        if state == Report.State.APPROVED:
            cell.approved += 1
        elif state in (Report.State.SUBMITTED, Report.State.RETURNED):
            cell.submitted += 1
        deadline = extensions.get((period_id, org_id), due[period_id])
        if submitted_at and submitted_at.date() > deadline:
            cell.late += 1
    for org in orgs:
        row = []
        for period in periods:
            cell = cells.get((org.pk, period.pk), MatrixCell())
            cell.expected = expected(org, period)
            row.append(cell)
        matrix.rows.append((org, row))
    return matrix


def approved_trail(task: Task, limit: int = 60) -> list[Report]:
    """Every approved report of the task, newest period first: the evidence behind the roll-up."""
    return list(
        Report.objects.filter(task=task, state=Report.State.APPROVED)
        .select_related("org", "period")
        .order_by("-period__end", "org__name", "-version")[:limit]
    )


# --- task progress ----------------------------------------------------------------------------


@dataclass
class TargetProgress:
    target_id: int
    value: Decimal | None
    source: str  # "sum of N units" or the unit name


@dataclass
class TaskProgress:
    status: str | None = None
    percent: int | None = None
    as_of: ReportingPeriod | None = None
    reports: list[Report] = field(default_factory=list)  # latest approved per unit
    targets: dict[int, TargetProgress] = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return dict(Report.Status.choices).get(self.status or "", "尚无已通过的报告")


ADDITIVE_EXCLUDED_UNITS = {"%", "年一遇"}


def roll_up_value(target, values, lead_ids: set[int], territorial_ids: set[int]) -> TargetProgress:
    """One target's value from the units' latest approved values (rule: docs/reporting.md).

    A count or quantity is the districts' sum when districts reported it (they answer for
    their territories, which add up to the city); otherwise the lead unit's figure.  A rate
    or standard is never summed: the lead unit's figure, or the mean of what was reported.
    """
    unit = target.unit or target.indicator.unit
    additive = unit not in ADDITIVE_EXCLUDED_UNITS and target.comparator not in (
        "reduce_by",
        "about",
        "no_increase",
    )
    districts = [(r, v) for r, v in values if r.org_id in territorial_ids]
    leads = [(r, v) for r, v in values if r.org_id in lead_ids]
    if additive and districts:
        total = sum((v for _, v in districts), Decimal(0))
        return TargetProgress(target.pk, total, f"{len(districts)} 个区、县（市）合计")
    if leads:
        report, value = leads[-1]
        return TargetProgress(target.pk, value, report.org.name)
    if additive:
        total = sum((v for _, v in values), Decimal(0))
        return TargetProgress(target.pk, total, f"{len(values)} 个单位合计")
    mean = sum((v for _, v in values), Decimal(0)) / len(values)
    return TargetProgress(target.pk, mean, f"{len(values)} 个单位平均")


def task_progress(task: Task) -> TaskProgress:
    """Roll a task's progress up from its units' latest approved reports.

    The rule (documented in docs/reporting.md): the lead unit's report carries the task's status
    and percent; a task without a single lead (each district leads in its territory) takes the
    least advanced status and the mean percent.  Target values: see `roll_up_value`.
    """
    progress = TaskProgress()
    latest: dict[int, Report] = {}
    approved = (
        Report.objects.filter(task=task, state=Report.State.APPROVED)
        .select_related("org", "period")
        .prefetch_related("values")
        .order_by("period__end", "version")
    )
    for report in approved:
        latest[report.org_id] = report
    if not latest:
        return progress
    progress.reports = sorted(latest.values(), key=lambda r: r.org.name)
    lead_ids = set(
        Responsibility.objects.filter(task=task, role="lead").values_list("org_id", flat=True)
    )
    lead_reports = [r for r in latest.values() if r.org_id in lead_ids]
    order = [s for s, _ in Report.Status.choices]
    if lead_reports:
        head = max(lead_reports, key=lambda r: r.period.end)
        progress.status, progress.percent = head.status, head.percent
    elif not lead_ids:
        reports = list(latest.values())
        blocked = [r.status for r in reports if r.status in ("delayed", "blocked")]
        progress.status = (
            blocked[0] if blocked else min((r.status for r in reports), key=order.index)
        )
        progress.percent = round(sum(r.percent for r in reports) / len(reports))
    progress.as_of = max((r.period for r in latest.values()), key=lambda p: p.end)
    territorial_ids = set(
        Responsibility.objects.filter(task=task, role="territorial").values_list(
            "org_id", flat=True
        )
    )
    for target in task.targets.select_related("indicator"):  # type: ignore[attr-defined]
        values = [
            (r, v.value)
            for r in latest.values()
            for v in r.values.all()
            if v.target_id == target.pk
        ]
        if values:
            progress.targets[target.pk] = roll_up_value(target, values, lead_ids, territorial_ids)
    return progress
