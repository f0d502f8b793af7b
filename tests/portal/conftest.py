"""Small hand-made data for the public pages: a year's air statistics, an approved report, an
assessment run — each made the way the importers and services make them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from qingshan.accounts.models import Membership
from qingshan.assessment import schemes
from qingshan.assessment import services as assessment
from qingshan.assessment.models import AssessmentRun
from qingshan.indicators.entry import enter_value
from qingshan.indicators.models import IndicatorValue
from qingshan.monitoring.models import AirPeriodStat
from qingshan.plans.models import Org, Plan, Task
from qingshan.reporting import services as reporting
from qingshan.reporting.models import Report
from qingshan.reporting.permissions import actor_for

EDITION = "GB3095-2012 / HJ633-2012 / HJ663-2013"


def user(username: str):
    return get_user_model().objects.get(username=username)


def air_year(
    scope: str, code: str, period: str, pm25: float, good_share: float | None = None
) -> AirPeriodStat:
    """A year's evaluation as the statistics job stores it (only the figures the tests need)."""
    return AirPeriodStat.objects.create(
        scope=scope,
        code=code,
        period=period,
        statistics=[
            {"pollutant": "PM2.5", "statistic": "annual_mean", "value": pm25, "valid": True}
        ],
        valid_days=360,
        good_days=0 if good_share is None else round(360 * good_share),
        good_day_share=good_share,
        edition=EDITION,
    )


def enter_pm25(plan: Plan, period: str, value: str, note: str = "环境状况公报") -> IndicatorValue:
    indicator = plan.indicators.get(code="pm25-annual-mean")
    return enter_value(
        user("office"), indicator, period=period, value=value, unit="微克/立方米", note=note
    )


def approve(
    plan: Plan, org_code: str, task_number: int, label: str, *, status: str = "done"
) -> Report:
    """The unit's report on the task for the period, sent by its staff and approved."""
    office = actor_for(user("office"))
    reporting.create_periods(office, plan)
    period = plan.periods.get(label=label)  # type: ignore[attr-defined]
    if not period.is_open:
        reporting.set_period_open(office, period, True)
        period.refresh_from_db()
    org = Org.objects.get(region=plan.region, code=org_code)
    staff, _ = get_user_model().objects.get_or_create(username=f"staff_{org_code}")
    for role in (Membership.Role.REPORTER, Membership.Role.APPROVER):
        Membership.objects.get_or_create(user=staff, org=org, role=role)
    unit = actor_for(staff)
    task = Task.objects.get(plan=plan, number=task_number)
    percent = 100 if status == "done" else 50
    report = reporting.save_draft(
        unit, task, org, period, {"status": status, "percent": percent, "narrative": "已完成。"}, {}
    )
    report = reporting.submit_report(unit, report)
    return reporting.approve_report(office, report)


def assess_2020(plan: Plan, *, publish: bool) -> AssessmentRun:
    office = user("office")
    scheme = schemes.ensure_default_scheme(plan, office)
    run = assessment.run_assessment(office, plan, scheme, kind="annual", year=2020)
    return assessment.publish(office, run) if publish else run


@pytest.fixture
def make_air_year(hz):
    return air_year


@pytest.fixture
def make_pm25_entry(hz):
    return enter_pm25


@pytest.fixture
def make_approved_report(hz):
    return approve


@pytest.fixture
def make_assessment(hz):
    return assess_2020
