from __future__ import annotations

import datetime as dt

import pytest

from qingshan.audit.models import AuditEvent
from qingshan.reporting import services
from qingshan.reporting.models import ReportingPeriod

from .conftest import actor, person


def test_office_creates_the_quarterly_schedule_of_the_plan(hz):
    created = services.create_periods(actor("office"), hz)
    labels = [p.label for p in created]
    assert labels[0] == "2019Q1" and labels[-1] == "2022Q4" and len(labels) == 16
    q4 = ReportingPeriod.objects.get(plan=hz, label="2020Q4")
    assert (q4.start, q4.end) == (dt.date(2020, 10, 1), dt.date(2020, 12, 31))
    assert q4.due_on == dt.date(2021, 1, 15)
    assert q4.title == "2020年第4季度"
    assert services.create_periods(actor("office"), hz) == []  # idempotent
    assert AuditEvent.objects.filter(action="period.create").count() == 1


def test_half_yearly_and_monthly_schedules(hz):
    halves = services.create_periods(actor("office"), hz, kind="half")
    assert [p.label for p in halves][:2] == ["2019H1", "2019H2"]
    months = services.create_periods(actor("office"), hz, kind="month")
    assert len(months) == 48
    feb = ReportingPeriod.objects.get(plan=hz, label="2020-02")
    assert feb.end == dt.date(2020, 2, 29)


def test_only_the_office_manages_periods(hz):
    for username in ("lsj_reporter", "lsj_approver", "leader", "xihu_approver"):
        with pytest.raises(services.NotAllowed):
            services.create_periods(actor(username), hz)


def test_extending_a_units_deadline_needs_a_reason_and_a_later_date(quarter, org):
    with pytest.raises(services.ReportingError, match="理由"):
        services.extend_deadline(actor("office"), quarter, org("xihu"), dt.date(2021, 2, 1), " ")
    with pytest.raises(services.ReportingError, match="晚于"):
        services.extend_deadline(
            actor("office"), quarter, org("xihu"), dt.date(2021, 1, 10), "疫情"
        )
    ext = services.extend_deadline(
        actor("office"), quarter, org("xihu"), dt.date(2021, 2, 1), "区划调整交接"
    )
    assert ext.due_on == dt.date(2021, 2, 1)
    event = AuditEvent.objects.get(action="period.extend")
    assert "区划调整交接" in event.summary


def test_matrix_counts_what_each_unit_owes_including_inherited_tasks(client, periods):
    from qingshan.plans.models import Org
    from qingshan.reporting.queries import reporting_matrix

    q4_2020, q4_2021 = periods.get(label="2020Q4"), periods.get(label="2021Q4")
    matrix = reporting_matrix(q4_2020.plan, [q4_2020, q4_2021])
    rows = {org.name: cells for org, cells in matrix.rows}
    # 江干区 is gone after the redistricting; 钱塘区 (new) owes the development zone's tasks.
    assert rows["江干区"][0].expected > 0 and rows["江干区"][1].expected == 0
    djd = Org.objects.get(code="djd")
    assert rows["钱塘区"][0].expected == 0
    assert rows["钱塘区"][1].expected == djd.responsibilities.count()
    # 上城区 takes on task 48, which named 江干区 but not 上城区.
    assert rows["上城区"][1].expected == rows["上城区"][0].expected + 1
    client.force_login(person("office"))
    html = client.get("/reporting/matrix/?year=2021").content.decode()
    assert "钱塘区" in html and "审核队列" in html
