"""Derived indicator values: from approved reports and from monitoring statistics, each with
its provenance; rebuilt when, and only when, their inputs change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from qingshan.accounts.models import Membership
from qingshan.indicators.models import IndicatorValue, ValueRefresh
from qingshan.indicators.values import ensure_fresh, refresh_values
from qingshan.monitoring.models import AirPeriodStat
from qingshan.plans.models import Org, Target, Task
from qingshan.reporting import services
from qingshan.reporting.permissions import actor_for

EDITION = "GB3095-2012 / HJ633-2012 / HJ663-2013"


def office():
    return actor_for(get_user_model().objects.get(username="office"))


def approve(plan, org_code: str, task_number: int, label: str, values: dict[str, str]):
    """A unit's report on the task for the period, sent and approved."""
    org = Org.objects.get(region=plan.region, code=org_code)
    task = Task.objects.get(plan=plan, number=task_number)
    period = plan.periods.get(label=label)
    if not period.is_open:
        services.set_period_open(office(), period, True)
        period.refresh_from_db()
    user, _ = get_user_model().objects.get_or_create(username=f"staff_{org_code}")
    for role in (Membership.Role.REPORTER, Membership.Role.APPROVER):
        Membership.objects.get_or_create(user=user, org=org, role=role)
    unit = actor_for(user)
    targets = {t.code: t.pk for t in task.targets.all()}  # type: ignore[attr-defined]
    report = services.save_draft(
        unit,
        task,
        org,
        period,
        {"status": "in_progress", "percent": 60, "narrative": "造林和林相改造。"},
        {targets[code]: Decimal(v) for code, v in values.items()},
    )
    report = services.submit_report(unit, report)
    return services.approve_report(office(), report)


def correct(report, values: dict[str, str]):
    """A new version of an approved report with other values, sent and approved."""
    unit = actor_for(get_user_model().objects.get(username=f"staff_{report.org.code}"))
    targets = {t.code: t.pk for t in report.task.targets.all()}
    correction = services.start_correction(unit, report)
    correction = services.save_draft(
        unit,
        report.task,
        report.org,
        report.period,
        {"narrative": "更正：补录两家企业。"},
        {targets[code]: Decimal(v) for code, v in values.items()},
    )
    correction = services.submit_report(unit, correction)
    return services.approve_report(office(), correction)


@pytest.fixture
def periods(hz):
    services.create_periods(office(), hz)
    return hz.periods


@pytest.fixture
def stock(hz):
    return Target.objects.get(plan=hz, code="forest-stock-2020")


def test_a_units_value_for_a_target_scoped_to_it_names_the_unit_and_the_report(hz, periods):
    """Task 19 gives 萧山区 its own target: 14 chemical plants closed by the end of 2020."""
    target = Target.objects.get(plan=hz, code="t19-xiaoshan-chem-closure-2020")
    report = approve(hz, "xiaoshan", 19, "2020Q2", {target.code: "9"})
    refresh_values(hz)
    own = IndicatorValue.objects.get(indicator=target.indicator, scope_org__code="xiaoshan")
    assert own.source == "report"
    assert own.target == target
    assert own.value == Decimal("9")
    assert (own.period, own.date) == ("2020Q2", dt.date(2020, 6, 30))
    assert own.unit == "家"
    assert own.reference == {"kind": "reports", "reports": [[report.pk, 1, "萧山区", "2020Q2"]]}
    assert own.edition == "报告第 1 版"
    assert own.produced_by == "萧山区"


def test_a_corrected_report_replaces_the_value_it_corrects(hz, periods):
    target = Target.objects.get(plan=hz, code="t19-xiaoshan-chem-closure-2020")
    first = approve(hz, "xiaoshan", 19, "2020Q2", {target.code: "9"})
    correction = correct(first, {target.code: "11"})
    assert correction.version == 2
    refresh_values(hz)
    own = IndicatorValue.objects.filter(indicator=target.indicator, scope_org__code="xiaoshan")
    assert [(v.value, v.edition) for v in own] == [(Decimal("11"), "报告第 2 版")]
    assert own.get().reference["reports"] == [[correction.pk, 2, "萧山区", "2020Q2"]]


def test_the_districts_values_of_a_city_quantity_roll_up_to_their_sum(hz, periods, stock):
    """Task 52 (森林城市建设): the districts answer for their territories, so a quantity in 万亩
    is their sum; the city-wide target keeps no per-district rows."""
    xihu = approve(hz, "xihu", 52, "2020Q4", {"forest-stock-2020": "10.5"})
    shangcheng = approve(hz, "shangcheng", 52, "2020Q4", {"forest-stock-2020": "4.25"})
    refresh_values(hz)
    rows = IndicatorValue.objects.filter(indicator=stock.indicator, source="report")
    city = rows.get()
    assert city.scope_org is None
    assert city.target == stock
    assert (city.period, city.date) == ("2020Q4", dt.date(2020, 12, 31))
    assert city.value == Decimal("10.5") + Decimal("4.25")
    assert city.unit == "万亩"
    assert city.produced_by == "2 个区、县（市）合计"
    cited = {tuple(r) for r in city.reference["reports"]}
    assert cited == {(xihu.pk, 1, "西湖区", "2020Q4"), (shangcheng.pk, 1, "上城区", "2020Q4")}


def test_a_city_pm25_annual_mean_becomes_a_data_value_with_its_edition(hz):
    AirPeriodStat.objects.create(
        scope="city",
        code="city",
        period="2020",
        statistics=[
            {"pollutant": "PM2.5", "statistic": "annual_mean", "value": 37.4, "valid": True},
            {"pollutant": "PM10", "statistic": "annual_mean", "value": 60.0, "valid": True},
        ],
        valid_days=366,
        edition=EDITION,
    )
    AirPeriodStat.objects.create(
        scope="district",
        code="xihu",
        period="2020",
        statistics=[
            {"pollutant": "PM2.5", "statistic": "annual_mean", "value": 33.0, "valid": True}
        ],
        valid_days=360,
        edition=EDITION,
    )
    refresh_values(hz)
    values = IndicatorValue.objects.filter(indicator__code="pm25-annual-mean", source="data")
    city = values.get(scope_org=None)
    assert city.value == Decimal("37.4")
    assert (city.period, city.date) == ("2020", dt.date(2020, 12, 31))
    assert city.unit == "微克/立方米"
    assert city.edition == EDITION
    assert city.reference["kind"] == "air_year"
    assert (city.reference["scope"], city.reference["period"]) == ("city", "2020")
    assert city.reference["valid_days"] == 366
    assert city.partial is False  # 2020 is over
    assert values.get(scope_org__code="xihu").value == Decimal("33.0")
    assert values.count() == 2


def _derived(plan) -> list[tuple]:
    return sorted(
        IndicatorValue.objects.filter(indicator__plan=plan)
        .exclude(source="entry")
        .values_list("indicator_id", "scope_org_id", "period", "value", "source", "edition")
    )


def test_refreshing_twice_gives_the_same_values(hz, periods):
    approve(hz, "xihu", 52, "2020Q4", {"forest-stock-2020": "10.5"})
    AirPeriodStat.objects.create(
        scope="city",
        code="city",
        period="2021",
        statistics=[
            {"pollutant": "PM2.5", "statistic": "annual_mean", "value": 36.0, "valid": True}
        ],
        edition=EDITION,
    )
    first = refresh_values(hz)
    once = _derived(hz)
    second = refresh_values(hz)
    assert _derived(hz) == once
    assert len(once) == first.data_values + first.report_values == 2  # PM2.5, the roll-up
    assert (second.data_values, second.report_values) == (first.data_values, first.report_values)
    assert ValueRefresh.objects.filter(plan=hz).count() == 1


def test_ensure_fresh_rebuilds_after_a_new_approval_and_not_otherwise(hz, periods, stock):
    approve(hz, "xihu", 52, "2020Q3", {"forest-stock-2020": "6"})
    first = ensure_fresh(hz)
    ids = set(IndicatorValue.objects.filter(indicator__plan=hz).values_list("id", flat=True))
    assert len(ids) == 1  # the roll-up of 2020Q3

    again = ensure_fresh(hz)
    assert again.inputs == first.inputs
    assert again.refreshed_at == first.refreshed_at
    assert (
        set(IndicatorValue.objects.filter(indicator__plan=hz).values_list("id", flat=True)) == ids
    )

    approve(hz, "xihu", 52, "2020Q4", {"forest-stock-2020": "10"})
    rebuilt = ensure_fresh(hz)
    assert rebuilt.inputs != first.inputs
    assert rebuilt.report_values == 2
    periods_seen = IndicatorValue.objects.filter(indicator=stock.indicator, scope_org=None)
    assert sorted(periods_seen.values_list("period", "value")) == [
        ("2020Q3", Decimal("6")),
        ("2020Q4", Decimal("10")),
    ]
    assert not ids & set(IndicatorValue.objects.values_list("id", flat=True))
