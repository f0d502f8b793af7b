"""Simulated progress reports so a fresh installation shows the workflow with data in it.

Every narrative says it is simulated.  Reports go through the real services (drafts, submission,
review), so the audit trail and the roll-ups are what real use would produce.  The lead units
report on every task for each quarter up to 2022Q3; 2022Q4 stays open with a mix of drafts,
submitted, returned and missing reports.  The other units' reports are inserted as approved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from qingshan.accounts.models import Membership
from qingshan.plans.models import Org, Plan, Responsibility, Succession, Task

from . import permissions as perms
from . import services
from .models import Report, ReportingPeriod

SIMULATED = "（演示数据，模拟生成）"
DISTRICT_TASKS = (45, 48, 52)  # districts report on these too, so roll-ups sum their values


def has_simulated_reports(plan: Plan) -> bool:
    """Whether the plan's reports include the simulated ones (their narratives say so)."""
    return Report.objects.filter(period__plan=plan, narrative__endswith=SIMULATED).exists()


def _fraction(task: Task, period: ReportingPeriod, plan_start: dt.date) -> float:
    total = (task.deadline - plan_start).days or 1
    return max(0.0, min(1.0, (period.end - plan_start).days / total))


def _status(fraction: float, task: Task, period: ReportingPeriod, seed: int) -> str:
    if fraction >= 1.0:
        return "done" if seed % 9 else "delayed"
    if seed % 17 == 0:
        return "blocked"
    return "in_progress" if fraction > 0.05 else "not_started"


def _values(task: Task, org: Org, fraction: float, share: int) -> dict[int, Decimal]:
    """Plausible cumulative values; a district reports its share of a city-wide quantity."""
    values = {}
    for target in services.reportable_targets(task, org):
        unit = target.unit or target.indicator.unit
        if target.comparator in ("reduce_by", "no_increase", "<=") or unit == "%":
            value = target.value * Decimal(str(round(0.8 + 0.2 * fraction, 3)))
        else:
            value = target.value * Decimal(str(round(fraction, 3)))
            if target.scope_org_id is None and target.scope_group_id is None:
                value /= share
        values[target.pk] = value.quantize(Decimal("0.01"))
    return values


def _demo_actor(org: Org) -> perms.Actor:
    """A unit's demo staff: its approver if it has one, else a generated reporter-approver."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=f"demo_{org.code}",
        defaults={"first_name": f"{org.name}（演示）", "is_active": False},
    )
    for role in (Membership.Role.REPORTER, Membership.Role.APPROVER):
        Membership.objects.get_or_create(user=user, org=org, role=role)
    return perms.actor_for(user)


@transaction.atomic
def create_demo_reports(plan: Plan, office_user) -> int:
    office = perms.actor_for(office_user)
    services.create_periods(office, plan)
    if Report.objects.filter(period__plan=plan).exists():
        return 0
    duties = list(
        Responsibility.objects.filter(task__plan=plan)
        .filter(role="lead")
        .select_related("task", "org")
    ) + list(
        Responsibility.objects.filter(
            task__plan=plan, task__number__in=DISTRICT_TASKS, role="territorial"
        ).select_related("task", "org")
    )
    territorial: dict[int, int] = {}
    for duty in duties:
        if duty.role == "territorial":
            territorial[duty.task.pk] = territorial.get(duty.task.pk, 0) + 1
    plan_start = dt.date(plan.start_year, 1, 1)
    actors: dict[int, perms.Actor] = {}
    count = 0
    periods = list(plan.periods.filter(kind="quarter").order_by("start"))  # type: ignore[attr-defined]
    for index, period in enumerate(periods):
        last = index == len(periods) - 1
        services.set_period_open(office, period, True)
        for n, duty in enumerate(duties):
            org, task = duty.org, duty.task
            if not (org.is_valid_on(period.start) or org.is_valid_on(period.end)):
                continue
            if last and n % 4 == 3:
                continue  # some units have not reported yet
            actor = actors.setdefault(org.pk, _demo_actor(org))
            fraction = _fraction(task, period, plan_start)
            seed = task.number * 31 + index * 7 + org.pk
            share = 1 if duty.role == "lead" else territorial[task.pk]
            report = services.save_draft(
                actor,
                task,
                org,
                period,
                {
                    "status": _status(fraction, task, period, seed),
                    "percent": round(100 * fraction),
                    "narrative": f"{period.title}，{org.name}推进“{task.name}”各项工作。{SIMULATED}",
                    "problems": "个别项目进度偏慢。" if seed % 5 == 0 else "",
                    "next_steps": "按计划推进。",
                },
                _values(task, org, fraction, share),
            )
            count += 1
            if last and n % 4 == 0:
                continue  # left as a draft
            report = services.submit_report(actor, report)
            if last and n % 4 == 1:
                continue  # waiting in the office's queue
            if last and n % 4 == 2 or seed % 23 == 0:
                report = services.return_report(office, report, f"请补充佐证材料。{SIMULATED}")
                if last:
                    continue
                report = services.submit_report(actor, report)
            services.approve_report(office, report)
        if not last:
            services.set_period_open(office, period, False)
    count += _other_duties(plan, duties, periods, plan_start, office_user)
    _date_as_if_on_time(plan)
    return count


def _other_duties(plan: Plan, shown, periods, plan_start: dt.date, office_user) -> int:
    """The co-operating units' and the other territorial reports, inserted directly: thousands
    of them through the review services would take minutes, and the workflow is already shown
    by the lead units' reports.  Approved up to 2022Q3; about one in seven units is missing
    each quarter, so the reporting matrix and the assessment have gaps to show."""
    done = {(d.task_id, d.org_id) for d in shown}
    rest = [
        r
        for r in Responsibility.objects.filter(task__plan=plan).select_related("task", "org")
        if (r.task_id, r.org_id) not in done
    ]
    rows = []
    for index, period in enumerate(periods[:-1]):
        pairs = {(r.task, r.org) for r in rest}
        # Units formed in 2021 (临平区, 钱塘区) report their predecessors' tasks from then on.
        for successor in {s.successor for s in Succession.objects.select_related("successor")}:
            for duty in services.duties_for(successor, period):
                if (duty.task.pk, successor.pk) not in done:
                    pairs.add((duty.task, successor))
        for task, org in sorted(pairs, key=lambda p: (p[0].number, p[1].pk)):
            if not (org.is_valid_on(period.start) or org.is_valid_on(period.end)):
                continue
            seed = task.number * 31 + index * 7 + org.pk
            if seed % 7 == 0:
                continue  # not reported
            fraction = _fraction(task, period, plan_start)
            rows.append(
                Report(
                    task=task,
                    org=org,
                    period=period,
                    state=Report.State.APPROVED,
                    status=_status(fraction, task, period, seed),
                    percent=round(100 * fraction),
                    narrative=f"{period.title}，{org.name}推进“{task.name}”。{SIMULATED}",
                    created_by=office_user,
                    submitted_at=timezone.now(),
                    reviewed_at=timezone.now(),
                )
            )
    Report.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _date_as_if_on_time(plan: Plan) -> None:
    """The simulated reports were all sent today; date them as units would have sent them:
    most a few days before the due date, about one in nine a few days late, reviewed two
    days later — so timeliness and assessments on the demo data mean something."""
    dated = []
    for report in Report.objects.filter(
        period__plan=plan, submitted_at__isnull=False
    ).select_related("period"):
        seed = report.task_id * 7 + report.org_id * 13 + report.period_id
        offset = 3 if seed % 9 == 0 else -(seed % 10)
        due = dt.datetime.combine(report.period.due_on, dt.time(10), tzinfo=dt.UTC)
        submitted = due + dt.timedelta(days=offset)
        reviewed = submitted + dt.timedelta(days=2) if report.reviewed_at else None
        report.submitted_at, report.reviewed_at = submitted, reviewed
        dated.append(report)
    Report.objects.bulk_update(dated, ["submitted_at", "reviewed_at"], batch_size=1000)
