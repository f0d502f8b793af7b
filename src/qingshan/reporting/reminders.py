"""Overdue and returned reports, per unit, for the reminder mails."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from qingshan.plans.models import Org, Plan

from .models import Report, effective_due
from .notifications import notify_overdue
from .services import duties_for


def outstanding(plan: Plan, today: dt.date) -> dict[Org, list[str]]:
    """For each unit: the open-period reports past their due date and not yet sent, and the
    reports the office returned that still wait for a revision."""
    items: dict[Org, list[str]] = defaultdict(list)
    units = Org.objects.filter(responsibilities__task__plan=plan).distinct()
    for period in plan.periods.filter(is_open=True).order_by("start"):  # type: ignore[attr-defined]
        states: dict[tuple[int, int], str] = {}
        for org_id, task_id, latest_state in (
            Report.objects.filter(period=period)
            .order_by("version")
            .values_list("org_id", "task_id", "state")
        ):
            states[(org_id, task_id)] = latest_state  # the highest version wins
        for org in units:
            due = effective_due(period, org)
            for duty in duties_for(org, period):
                state = states.get((org.pk, duty.task.pk))
                if state == Report.State.RETURNED:
                    items[org].append(f"{period.title} 任务{duty.task.number}（被退回，待修改）")
                elif today > due and state in (None, Report.State.DRAFT):
                    items[org].append(
                        f"{period.title} 任务{duty.task.number}（截止 {due:%Y-%m-%d}）"
                    )
    return items


def send_reminders(plan: Plan, today: dt.date) -> int:
    sent = 0
    for org, lines in outstanding(plan, today).items():
        sent += notify_overdue(org, lines, today)
    return sent
