"""Draft → submit → return → revise → approve → correct, each step audited."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail

from qingshan.audit.models import AuditEvent
from qingshan.reporting import services
from qingshan.reporting.models import Report

from .conftest import actor


def forest_targets(task52):
    return {t.indicator.name: t for t in task52.targets.select_related("indicator")}


def draft(task, org, quarter, username="xihu_reporter", **fields):
    data = {"status": "in_progress", "percent": 40, "narrative": "完成造林1200亩。"} | fields
    return services.save_draft(actor(username), task, org, quarter, data)


def test_a_reporter_saves_a_draft_with_values(quarter, task, org):
    t52 = task(52)
    stock = forest_targets(t52)["森林保有量"]
    report = services.save_draft(
        actor("lsj_reporter"),
        t52,
        org("lsj"),
        quarter,
        {"status": "in_progress", "percent": 60, "narrative": "全市新增造林。"},
        {stock.pk: Decimal("1648.5")},
    )
    assert report.state == "draft" and report.version == 1
    assert report.values.get(target=stock).value == Decimal("1648.5")
    event = AuditEvent.objects.get(action="report.save", object_id=str(report.pk))
    assert event.actor.username == "lsj_reporter"
    assert event.before is None
    assert event.after["values"] == {stock.code: "1648.5"}


def test_full_cycle_return_revise_approve(quarter, task, org):
    report = draft(task(52), org("xihu"), quarter)
    report = services.submit_report(actor("xihu_approver"), report)
    assert report.state == "submitted" and report.submitted_at

    report = services.return_report(actor("office"), report, "请补充造林地块清单。")
    assert report.state == "returned"
    assert report.review_comment == "请补充造林地块清单。"

    report = draft(
        task(52), org("xihu"), quarter, percent=55, narrative="完成造林1500亩，附地块清单。"
    )
    assert report.state == "returned"  # still awaiting resubmission
    report = services.submit_report(actor("xihu_approver"), report)
    report = services.approve_report(actor("office"), report)
    assert report.state == "approved" and report.is_locked

    actions = list(
        AuditEvent.objects.filter(object_type="report", object_id=str(report.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "report.save",
        "report.submit",
        "report.return",
        "report.save",
        "report.submit",
        "report.approve",
    ]
    returned = AuditEvent.objects.get(action="report.return")
    assert returned.before["state"] == "submitted" and returned.after["state"] == "returned"


def test_returning_mails_the_unit(quarter, task, org, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(username="xihu_reporter").update(email="xihu@example.gov.cn")
    report = services.submit_report(actor("xihu_approver"), draft(task(52), org("xihu"), quarter))
    with django_capture_on_commit_callbacks(execute=True):
        services.return_report(actor("office"), report, "数据口径不一致")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["xihu@example.gov.cn"]
    assert "数据口径不一致" in mail.outbox[0].body


def test_returning_needs_a_comment(quarter, task, org):
    report = services.submit_report(actor("xihu_approver"), draft(task(52), org("xihu"), quarter))
    with pytest.raises(services.ReportingError, match="审核意见"):
        services.return_report(actor("office"), report, "  ")


def test_submitting_needs_a_narrative(quarter, task, org):
    report = draft(task(52), org("xihu"), quarter, narrative="")
    with pytest.raises(services.ReportingError, match="工作完成情况"):
        services.submit_report(actor("xihu_approver"), report)


def test_an_approved_report_is_locked_and_corrected_by_a_new_version(quarter, task, org):
    report = services.submit_report(actor("xihu_approver"), draft(task(52), org("xihu"), quarter))
    approved = services.approve_report(actor("office"), report)
    with pytest.raises(services.ReportingError, match="不能修改"):
        draft(task(52), org("xihu"), quarter, percent=90)

    correction = services.start_correction(actor("xihu_reporter"), approved)
    assert correction.version == 2 and correction.supersedes == approved
    assert correction.percent == approved.percent and correction.state == "draft"
    edited = draft(task(52), org("xihu"), quarter, percent=45)
    assert edited.pk == correction.pk and edited.percent == 45
    approved.refresh_from_db()
    assert approved.state == "approved" and approved.percent == 40  # the old one stays
    with pytest.raises(services.NotAllowed):
        services.start_correction(actor("xihu_reporter"), approved)  # already being corrected


def test_a_second_save_from_a_stale_form_is_refused(quarter, task, org):
    first = draft(task(52), org("xihu"), quarter)
    seen_by_both = first.row_version
    services.save_draft(
        actor("xihu_reporter"), task(52), org("xihu"), quarter, {"percent": 50}, None, seen_by_both
    )
    with pytest.raises(services.StaleEdit, match="已被他人修改"):
        services.save_draft(
            actor("xihu_approver"),
            task(52),
            org("xihu"),
            quarter,
            {"percent": 70},
            None,
            seen_by_both,
        )
    assert Report.objects.get(pk=first.pk).percent == 50


def test_a_closed_period_takes_no_drafts(periods, task, org):
    closed = periods.get(label="2019Q1")
    with pytest.raises(services.ReportingError, match="未开放"):
        draft(task(52), org("xihu"), closed)


def test_a_unit_reports_only_on_its_own_tasks(quarter, task, org):
    with pytest.raises(services.ReportingError, match="不承担任务 11"):
        draft(task(11), org("xihu"), quarter)


def test_values_only_for_targets_the_unit_answers_for(quarter, task, org):
    t48 = task(48)
    xihu_rivers = t48.targets.get(scope_org__code="xihu")
    binjiang_rivers = t48.targets.get(scope_org__code="binjiang")
    report = services.save_draft(
        actor("xihu_reporter"),
        t48,
        org("xihu"),
        quarter,
        {"narrative": "x"},
        {xihu_rivers.pk: Decimal(9)},
    )
    assert report.values.get().value == 9
    with pytest.raises(services.ReportingError, match="不属于本单位"):
        services.save_draft(
            actor("xihu_reporter"), t48, org("xihu"), quarter, {}, {binjiang_rivers.pk: Decimal(3)}
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"percent": 101}, "0 到 100"),
        ({"percent": -1}, "0 到 100"),
        ({"status": "finished"}, "无效"),
    ],
)
def test_bad_fields_are_refused(quarter, task, org, fields, message):
    with pytest.raises(services.ReportingError, match=message):
        draft(task(52), org("xihu"), quarter, **fields)
    assert not Report.objects.exists()


def test_a_successor_reports_on_its_predecessors_tasks_after_the_redistricting(periods, task, org):
    before = periods.get(label="2020Q4")
    after = periods.get(label="2021Q3")
    shangcheng = {d.task.number: d for d in services.duties_for(org("shangcheng"), after)}
    assert shangcheng[48].inherited_from.name == "江干区"
    assert 48 not in {d.task.number for d in services.duties_for(org("shangcheng"), before)}
    assert services.duties_for(org("jianggan"), after) == []
    assert 48 in {d.task.number for d in services.duties_for(org("jianggan"), before)}


@pytest.mark.parametrize("value", [Decimal("1.23456"), Decimal(10) ** 12, Decimal(-1)])
def test_values_out_of_range_are_refused_before_the_database_sees_them(quarter, task, org, value):
    stock = forest_targets(task(52))["森林保有量"]
    with pytest.raises(services.ReportingError, match="森林保有量"):
        services.save_draft(
            actor("lsj_reporter"),
            task(52),
            org("lsj"),
            quarter,
            {"narrative": "x"},
            {stock.pk: value},
        )
    assert not Report.objects.exists()
