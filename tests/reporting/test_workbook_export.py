"""The unit's offline workbook: its tasks, pre-filled, with drop-downs, protection and _meta."""

from __future__ import annotations

import io
from decimal import Decimal
from urllib.parse import quote

import openpyxl
import pytest

from qingshan.accounts.demo_accounts import demo_password
from qingshan.plans.models import Org, Task
from qingshan.reporting import services
from qingshan.reporting.models import Report
from qingshan.reporting.workbook import (
    META_SHEET,
    STATUS_LABELS,
    build_workbook,
    targets_by_task,
)
from qingshan.reporting.workbook_import import import_workbook

from .conftest import actor


@pytest.fixture
def lsj(hz):
    return Org.objects.get(region=hz.region, code="lsj")


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def task_numbers(ws) -> list[int]:
    return [row[0] for row in ws.iter_rows(min_row=3, values_only=True) if row[0] is not None]


def meta_of(wb) -> dict:
    ws = wb[META_SHEET]
    pairs = {}
    for key, value, *_ in ws.iter_rows(values_only=True):
        if key is None:
            break
        pairs[key] = value
    return pairs


def approve(hz, period, org, number, fields, values=None) -> Report:
    task = Task.objects.get(plan=hz, number=number)
    report = services.save_draft(
        actor(f"{org.code}_reporter"), task, org, period, fields, values or {}
    )
    report = services.submit_report(actor(f"{org.code}_approver"), report)
    return services.approve_report(actor("office"), report)


def test_export_lists_the_units_tasks_with_dropdowns_protection_and_meta(hz, open_period, lsj):
    period = open_period("2020Q4")
    wb = load(build_workbook(lsj, period))

    assert wb.sheetnames[:2] == ["填报", "目标数值"]
    ws = wb["填报"]
    # The plan's 任务分解表 names 市林水局 on these tasks; 55 through “委员会及成员单位” and
    # 57 through “市直各单位”.
    expected = [12, 16, 17, 28, 30, 31, 32, 44, 45, 46, 47, 49, 50, 51, 52, 55, 57, 59, 60]
    assert task_numbers(ws) == expected
    headers = [c.value for c in ws[2]]
    assert headers[:8] == [
        "序号",
        "项目名称",
        "职责",
        "进展状态",
        "完成比例（%）",
        "工作完成情况",
        "存在问题",
        "下步打算",
    ]
    assert ws.freeze_panes == "A3"

    validations = ws.data_validations.dataValidation
    status = next(v for v in validations if v.type == "list")
    assert status.formula1 == '"' + ",".join(STATUS_LABELS) + '"'
    assert STATUS_LABELS == ["未启动", "推进中", "已完成", "滞后", "受阻"]
    last = 2 + len(expected)
    assert "D3" in status.sqref and f"D{last}" in status.sqref
    percent = next(v for v in validations if v.type == "whole")
    assert (percent.operator, percent.formula1, percent.formula2) == ("between", "0", "100")
    assert "E3" in percent.sqref

    assert ws.protection.sheet is True
    assert wb.security is not None and wb.security.lockStructure
    for coordinate in ("D3", "E3", "F3", "G3", "H3"):
        assert ws[coordinate].protection.locked is False, coordinate
    for coordinate in ("A3", "B3", "C3", "A2"):
        assert ws[coordinate].protection.locked is True, coordinate

    values = wb["目标数值"]
    assert values.protection.sheet is True
    codes = [row[7] for row in values.iter_rows(min_row=3, values_only=True)]
    reportable = [
        t.code
        for d in services.duties_for(lsj, period)
        for t in services.reportable_targets(d.task, lsj)
    ]
    assert codes == reportable
    assert values["G3"].protection.locked is False  # 本期累计值
    assert values["F3"].protection.locked is True  # 上期已通过累计值 is read-only

    meta = wb[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    pairs = meta_of(wb)
    assert pairs["plan"] == "hangzhou-2019"
    assert pairs["period"] == "2020Q4"
    assert pairs["org"] == "lsj"
    assert pairs["generated_at"]
    rows = [r for r in meta.iter_rows(values_only=True) if r[0] == "填报"]
    assert [r[2] for r in rows] == expected
    assert [r[1] for r in rows] == list(range(3, 3 + len(expected)))


def test_a_task_with_several_targets_has_its_cells_merged_across_them(hz, open_period, lsj):
    wb = load(build_workbook(lsj, open_period()))
    ws = wb["目标数值"]
    ranges = {str(r) for r in ws.merged_cells.ranges}
    # Task 12 comes first and has two city-wide targets: rows 3 and 4.
    assert ws["A3"].value == 12
    assert "A3:A4" in ranges and "B3:B4" in ranges


def test_export_prefills_from_the_last_approved_report(hz, open_period, lsj):
    q3, q4 = open_period("2020Q3"), open_period("2020Q4")
    task = Task.objects.get(plan=hz, number=16)
    target = services.reportable_targets(task, lsj).first()
    approve(
        hz,
        q3,
        lsj,
        16,
        {"status": "in_progress", "percent": 60, "narrative": "三季度完成水源地整治"},
        {target.pk: Decimal("75.5")},
    )

    wb = load(build_workbook(lsj, q4))
    ws = wb["填报"]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == 16)
    assert [c.value for c in row[3:6]] == ["推进中", 60, "三季度完成水源地整治"]
    assert row[8].value == "未填报"
    values = wb["目标数值"]
    line = next(r for r in values.iter_rows(min_row=3) if r[7].value == target.code)
    assert line[5].value == 75.5  # 上期已通过累计值
    assert line[6].value == 75.5  # pre-filled 本期累计值


def test_export_prefers_the_current_draft_and_locks_submitted_rows(hz, open_period, lsj):
    q4 = open_period("2020Q4")
    reporter = actor("lsj_reporter")
    services.save_draft(
        reporter, Task.objects.get(plan=hz, number=12), lsj, q4, {"status": "delayed", "percent": 5}
    )
    submitted = services.save_draft(
        reporter,
        Task.objects.get(plan=hz, number=16),
        lsj,
        q4,
        {"status": "done", "percent": 100, "narrative": "已完成"},
    )
    services.submit_report(actor("lsj_approver"), submitted)

    ws = load(build_workbook(lsj, q4))["填报"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    assert [c.value for c in rows[12][3:5]] == ["滞后", 5]
    assert rows[12][8].value == "草稿"
    assert rows[12][3].protection.locked is False
    assert [c.value for c in rows[16][3:6]] == ["已完成", 100, "已完成"]
    assert rows[16][8].value == "已提交"
    for cell in rows[16][3:8]:
        assert cell.protection.locked is True


def test_text_that_looks_like_a_formula_is_exported_as_text(hz, open_period, lsj):
    q4 = open_period()
    task = Task.objects.get(plan=hz, number=12)
    services.save_draft(
        actor("lsj_reporter"),
        task,
        lsj,
        q4,
        {"status": "in_progress", "percent": 10, "narrative": "=完成 3 处"},
    )
    data = build_workbook(lsj, q4)
    cell = load(data)["填报"]["F3"]
    assert cell.value == "=完成 3 处"
    assert cell.data_type == "s"
    # ... and so it imports back as the text it is, not as a refused formula.
    result = import_workbook(actor("lsj_reporter"), lsj, q4, "lsj.xlsx", data)
    assert result.unchanged >= 1
    assert Report.objects.get(task=task, org=lsj, period=q4).narrative == "=完成 3 处"


@pytest.mark.parametrize("code", ["lsj", "xihu", "shangcheng"])
def test_bulk_target_lookup_matches_reportable_targets(hz, open_period, code):
    org = Org.objects.get(region=hz.region, code=code)
    period = open_period()
    tasks = [d.task for d in services.duties_for(org, period)]
    bulk = targets_by_task(tasks, org)
    for task in tasks:
        assert [t.pk for t in bulk.get(task.pk, [])] == [
            t.pk for t in services.reportable_targets(task, org)
        ], task.number


def login(client, username: str):
    assert client.login(username=username, password=demo_password())
    return client


def test_download_sends_the_xlsx_with_an_rfc5987_file_name(client, hz, open_period, lsj):
    login(client, "lsj_reporter")
    response = client.get("/reporting/2020Q4/workbook/lsj/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" + quote("2020Q4_市林水局_进展填报.xlsx") in disposition
    assert 'filename="2020Q4_lsj_workbook.xlsx"' in disposition
    wb = load(response.content)
    assert meta_of(wb)["org"] == "lsj"


def test_only_the_unit_and_the_office_can_download(client, hz, open_period, lsj):
    url = "/reporting/2020Q4/workbook/lsj/"
    assert client.get(url).status_code == 302  # to the login page
    assert login(client, "xihu_reporter").get(url).status_code == 403
    assert login(client, "leader").get(url).status_code == 403
    assert login(client, "office").get(url).status_code == 200
    assert login(client, "lsj_approver").get(url).status_code == 200


def test_unknown_period_or_unit_is_not_found(client, hz, open_period):
    login(client, "office")
    assert client.get("/reporting/1999Q1/workbook/lsj/").status_code == 404
    assert client.get("/reporting/2020Q4/workbook/nosuchunit/").status_code == 404
