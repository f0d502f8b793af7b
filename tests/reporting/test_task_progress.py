"""A task's progress rolls up from the units' latest approved reports by the documented rule."""

from __future__ import annotations

from decimal import Decimal

from qingshan.accounts.models import Membership
from qingshan.reporting import services
from qingshan.reporting.queries import task_progress

from .conftest import actor, person


def approved(task, org, period, username, approver, fields, values=None):
    services.set_period_open(actor("office"), period, True)
    report = services.save_draft(actor(username), task, org, period, fields, values)
    report = services.submit_report(actor(approver), report)
    return services.approve_report(actor("office"), report)


def test_no_approved_reports_means_no_status(quarter, task):
    progress = task_progress(task(52))
    assert progress.status is None and progress.reports == []


def test_the_lead_units_report_carries_status_and_percent(quarter, task, org):
    t52 = task(52)
    approved(
        t52,
        org("xihu"),
        quarter,
        "xihu_reporter",
        "xihu_approver",
        {"status": "delayed", "percent": 20, "narrative": "区"},
    )
    approved(
        t52,
        org("lsj"),
        quarter,
        "lsj_reporter",
        "lsj_approver",
        {"status": "in_progress", "percent": 70, "narrative": "市"},
    )
    progress = task_progress(t52)
    assert (progress.status, progress.percent) == ("in_progress", 70)
    assert progress.as_of == quarter


def test_drafts_and_submitted_reports_do_not_count(quarter, task, org):
    t52 = task(52)
    report = services.save_draft(
        actor("lsj_reporter"), t52, org("lsj"), quarter, {"percent": 90, "narrative": "x"}
    )
    services.submit_report(actor("lsj_approver"), report)
    assert task_progress(t52).status is None


def test_district_quantities_add_up_and_rates_come_from_the_lead(quarter, task, org):
    t52 = task(52)
    stock = t52.targets.get(indicator__name="森林保有量")
    cover = t52.targets.get(indicator__name="森林覆盖率")
    approved(
        t52,
        org("lsj"),
        quarter,
        "lsj_reporter",
        "lsj_approver",
        {"narrative": "市"},
        {stock.pk: Decimal(1600), cover.pk: Decimal("66.9")},
    )
    approved(
        t52,
        org("xihu"),
        quarter,
        "xihu_reporter",
        "xihu_approver",
        {"narrative": "区"},
        {stock.pk: Decimal(40), cover.pk: Decimal("70.1")},
    )
    Membership.objects.create(
        user=person("shangcheng_reporter"), org=org("shangcheng"), role="approver"
    )
    approved(
        t52,
        org("shangcheng"),
        quarter,
        "shangcheng_reporter",
        "shangcheng_reporter",
        {"narrative": "区"},
        {stock.pk: Decimal("2.5")},
    )
    progress = task_progress(t52)
    # The districts' figures add up (40 + 2.5); the lead's city figure is not added to them.
    assert progress.targets[stock.pk].value == Decimal("42.5")
    assert "区、县（市）合计" in progress.targets[stock.pk].source
    # A rate is never summed: the lead unit's figure.
    assert progress.targets[cover.pk].value == Decimal("66.9")
    assert progress.targets[cover.pk].source == "市林水局"


def test_a_later_period_replaces_the_earlier_one(periods, task, org):
    t52 = task(52)
    q3, q4 = periods.get(label="2020Q3"), periods.get(label="2020Q4")
    approved(
        t52, org("lsj"), q3, "lsj_reporter", "lsj_approver", {"percent": 50, "narrative": "三季度"}
    )
    approved(
        t52, org("lsj"), q4, "lsj_reporter", "lsj_approver", {"percent": 80, "narrative": "四季度"}
    )
    progress = task_progress(t52)
    assert progress.percent == 80 and progress.as_of == q4


def test_task_page_fragment_shows_progress_and_the_trail(client, quarter, task, org):
    approved(
        task(52),
        org("lsj"),
        quarter,
        "lsj_reporter",
        "lsj_approver",
        {"status": "in_progress", "percent": 70, "narrative": "全市新增造林1.2万亩"},
    )
    html = client.get("/reporting/progress/hangzhou-2019/52/").content.decode()
    assert "推进中" in html and "70%" in html
    assert "全市新增造林1.2万亩" in html
    assert "2020年第4季度 · 市林水局" in html
