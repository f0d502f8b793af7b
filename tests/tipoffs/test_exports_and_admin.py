"""The office's and the units' exports, the holiday page, and the admin tables the office
edits (reward rules, holidays), every change audited."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from qingshan.audit.models import AuditEvent
from qingshan.tipoffs.models import Holiday, RewardRule
from qingshan.tipoffs.services import handling, triage

from .conftest import REPORTER_PHONE, actor, person

pytestmark = pytest.mark.django_db


def rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel opens UTF-8 with a BOM as Chinese
    return list(csv.reader(io.StringIO(text[1:])))


def test_office_export_lists_every_case_with_identity_and_escapes_formulas(
    report, assigned, client
):
    report(description="=cmd|' /C calc'!A0 排污")
    assigned()
    client.force_login(person("office"))
    table = rows(client.get("/tipoffs/office/export.csv"))
    header, body = table[0], table[1:]
    assert "举报人电话" in header and len(body) == 2
    original = header.index("举报内容（原文）")
    assert body[0][original].startswith("'=cmd")
    assert REPORTER_PHONE in body[0][header.index("举报人电话")]
    # The ledger with every reporter's details leaves the site only on the audit trail.
    exported = AuditEvent.objects.get(action="tipoff.ledger_export")
    assert exported.actor.username == "office" and "2 件" in exported.summary
    book = load_workbook(io.BytesIO(client.get("/tipoffs/office/export.xlsx").content))
    sheet = book.active
    assert sheet.max_row == 3 and sheet.cell(1, 1).value == "编号"


def test_unit_export_holds_its_assigned_cases_only(report, assigned, client):
    report()  # not assigned: never in a unit's export
    mine, _ = assigned()
    client.force_login(person("xihu_reporter"))
    table = rows(client.get("/tipoffs/unit/export.csv"))
    assert [r[0] for r in table[1:]] == [mine.reference]
    assert table[1][table[0].index("举报内容（经审核）")] == "某河段排污口流出黑色污水。"


def test_a_unit_given_a_case_later_does_not_export_the_earlier_units_findings(
    assigned, client, org
):
    tipoff, _ = assigned()
    handling.record_investigation(actor("xihu_reporter"), tipoff, "unfounded", "西湖区夜查未发现。")
    handling.return_to_unit(actor("office"), tipoff, "不在西湖区辖区，改交上城区。")
    triage.assign(actor("office"), tipoff, org("shangcheng"), 10, "某河段排污口流出黑色污水。")
    client.force_login(person("shangcheng_reporter"))
    table = rows(client.get("/tipoffs/unit/export.csv"))
    assert [r[0] for r in table[1:]] == [tipoff.reference]
    row = dict(zip(table[0], table[1], strict=True))
    assert row["调查核实情况"] == "" and row["核查结论"] == ""
    assert "西湖区夜查未发现。" not in client.get("/tipoffs/unit/export.csv").content.decode()
    # The office still has the earlier findings in its ledger.
    client.force_login(person("office"))
    assert "西湖区夜查未发现。" in client.get("/tipoffs/office/export.csv").content.decode()


def test_the_office_maintains_holidays_on_its_page(client, hz):
    client.force_login(person("office"))
    response = client.post(
        "/tipoffs/office/holidays/",
        {"action": "save", "date": "2027-01-01", "name": "元旦", "kind": "off", "year": "2027"},
    )
    assert response.status_code == 302
    assert Holiday.objects.get(date=dt.date(2027, 1, 1)).kind == "off"
    client.post("/tipoffs/office/holidays/", {"action": "load", "year": "2026"})
    assert Holiday.objects.filter(date__year=2026).count() > 30
    page = client.get("/tipoffs/office/holidays/?year=2020").content.decode()
    assert "2020-09-27" in page and "调休上班" in page
    holiday = Holiday.objects.get(date=dt.date(2027, 1, 1))
    client.post("/tipoffs/office/holidays/", {"action": "remove", "holiday": holiday.pk})
    assert not Holiday.objects.filter(date=dt.date(2027, 1, 1)).exists()
    actions = set(AuditEvent.objects.filter(object_type="holiday").values_list("action", flat=True))
    assert {"holiday.save", "holiday.load", "holiday.remove"} <= actions


def test_the_office_edits_reward_rules_in_the_admin_and_the_change_is_audited(client, hz):
    client.force_login(person("office"))
    assert client.get("/admin/tipoffs/rewardrule/").status_code == 200
    response = client.post(
        "/admin/tipoffs/rewardrule/add/",
        {
            "category": "dust",
            "severity": "serious",
            "amount": "1500",
            "valid_from": "2026-01-01",
            "valid_to": "",
            "note": "示例标准",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    rule = RewardRule.objects.get(category="dust")
    event = AuditEvent.objects.get(action="reward_rule.add", object_id=str(rule.pk))
    assert event.after["amount"] == "1500.00" and event.actor.username == "office"
    client.post(
        f"/admin/tipoffs/rewardrule/{rule.pk}/change/",
        {"category": "dust", "severity": "serious", "amount": "1800", "valid_from": "2026-01-01",
         "valid_to": "", "note": "示例标准"},
    )  # fmt: skip
    change = AuditEvent.objects.get(action="reward_rule.change", object_id=str(rule.pk))
    assert change.before["amount"] == "1500.00" and change.after["amount"] == "1800.00"
    assert client.get("/admin/tipoffs/holiday/").status_code == 200


def test_units_and_leaders_cannot_open_the_admin_tables(client, hz):
    for username in ("xihu_approver", "leader"):
        client.force_login(person(username))
        assert client.get("/admin/tipoffs/rewardrule/").status_code == 302
        assert client.get("/tipoffs/office/holidays/").status_code == 403
