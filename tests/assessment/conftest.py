"""Small hand-made situations for assessments: a unit's staff, quarterly periods, reports sent
on a chosen day and approved (or left in review), all through the reporting services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from qingshan.accounts.models import Membership
from qingshan.assessment import schemes
from qingshan.plans.models import Org, Plan, Task
from qingshan.reporting import services
from qingshan.reporting.models import Report, ReportingPeriod
from qingshan.reporting.permissions import Actor, actor_for


def person(username: str):
    return get_user_model().objects.get(username=username)


def staff(org: Org) -> Actor:
    """Someone who both fills in and submits the unit's reports."""
    user, _ = get_user_model().objects.get_or_create(username=f"staff_{org.code}")
    for role in (Membership.Role.REPORTER, Membership.Role.APPROVER):
        Membership.objects.get_or_create(user=user, org=org, role=role)
    return actor_for(user)


class Reports:
    """Files reports for a plan the way units and the office would."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.office = actor_for(person("office"))
        services.create_periods(self.office, plan)

    def org(self, code: str) -> Org:
        return Org.objects.get(region=self.plan.region, code=code)

    def task(self, number: int) -> Task:
        return Task.objects.get(plan=self.plan, number=number)

    def period(self, label: str) -> ReportingPeriod:
        period = ReportingPeriod.objects.get(plan=self.plan, label=label)
        if not period.is_open:
            services.set_period_open(self.office, period, True)
            period.refresh_from_db()
        return period

    def file(
        self,
        org_code: str,
        task_number: int,
        label: str,
        *,
        status: str = "in_progress",
        percent: int = 50,
        values: dict[str, str] | None = None,
        late_by_days: int | None = None,
        returned_once: bool = False,
        approve: bool = True,
    ) -> Report:
        """A report sent five days before the due date (or `late_by_days` after it)."""
        org, task, period = self.org(org_code), self.task(task_number), self.period(label)
        unit = staff(org)
        by_code = {t.code: t.pk for t in task.targets.all()}  # type: ignore[attr-defined]
        report = services.save_draft(
            unit,
            task,
            org,
            period,
            {"status": status, "percent": percent, "narrative": f"{period.title}工作情况。"},
            {by_code[code]: Decimal(v) for code, v in (values or {}).items()},
        )
        report = services.submit_report(unit, report)
        if returned_once:
            report = services.return_report(self.office, report, "请补充佐证材料。")
            report = services.save_draft(unit, task, org, period, {"narrative": "已补充。"})
            report = services.submit_report(unit, report)
        if approve:
            report = services.approve_report(self.office, report)
        # The services stamp today's time; date the submission as the unit would have sent it.
        offset = -5 if late_by_days is None else late_by_days
        sent = dt.datetime.combine(period.due_on + dt.timedelta(days=offset), dt.time(10))
        Report.objects.filter(pk=report.pk).update(submitted_at=sent.replace(tzinfo=dt.UTC))
        report.refresh_from_db()
        return report


@pytest.fixture
def reports(hz) -> Reports:
    return Reports(hz)


@pytest.fixture
def office(hz):
    return person("office")


@pytest.fixture
def user_named():
    return person


@pytest.fixture
def scheme(hz, office):
    return schemes.ensure_default_scheme(hz, office)
