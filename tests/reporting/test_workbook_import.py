"""Importing a filled-in workbook: validated whole, every problem located, all rows or none."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from decimal import Decimal

import openpyxl
import pytest
from django.db.models.signals import post_save

from qingshan.accounts.demo_accounts import demo_password
from qingshan.audit.models import AuditEvent
from qingshan.plans.models import Org, Target, Task
from qingshan.reporting import services
from qingshan.reporting.models import Report, ReportValue
from qingshan.reporting.workbook import build_workbook
from qingshan.reporting.workbook_import import (
    MAX_WORKBOOK_BYTES,
    ImportProblem,
    WorkbookImportError,
    import_workbook,
)

from .conftest import actor

# --- fixtures and helpers ---------------------------------------------------------------------


@pytest.fixture
def q4(open_period):
    return open_period("2020Q4")


@pytest.fixture
def unit(hz):
    return lambda code: Org.objects.get(region=hz.region, code=code)


@pytest.fixture
def lsj(unit):
    return unit("lsj")


def edit(data: bytes, change: Callable[[openpyxl.Workbook], None]) -> bytes:
    """Open the workbook as a person would in Excel, change it, save it."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(ws, number: int) -> int:
    """The sheet row of task `number` (序号 in column A)."""
    for row in ws.iter_rows(min_row=3):
        if row[0].value == number:
            return row[0].row
    raise AssertionError(f"task {number} not in sheet {ws.title}")


def value_row(ws, code: str) -> int:
    for row in ws.iter_rows(min_row=3):
        if row[7].value == code:
            return row[0].row
    raise AssertionError(f"target {code} not in sheet {ws.title}")


def refused(call: Callable[[], object]) -> list[ImportProblem]:
    with pytest.raises(WorkbookImportError) as info:
        call()
    return info.value.problems


def stored_counts() -> tuple[int, int, int]:
    return (
        Report.objects.count(),
        ReportValue.objects.count(),
        AuditEvent.objects.filter(action__in=["report.save", "report.import"]).count(),
    )


def lsj_import(lsj, q4, data: bytes, name: str = "填报.xlsx"):
    return import_workbook(actor("lsj_reporter"), lsj, q4, name, data)


def task(hz, number: int) -> Task:
    return Task.objects.get(plan=hz, number=number)


def target(code: str) -> Target:
    return Target.objects.get(code=code)


# --- the round trip ---------------------------------------------------------------------------


def test_round_trip_export_fill_import_creates_drafts_with_the_values(hz, q4, lsj):
    duties = [d.task.number for d in services.duties_for(lsj, q4)]

    def fill(wb):
        ws = wb["填报"]
        r = row_of(ws, 16)
        ws[f"D{r}"] = "推进中"
        ws[f"E{r}"] = 65
        ws[f"F{r}"] = "完成 12 个水源地的达标建设"
        ws[f"G{r}"] = "资金缺口"
        ws[f"H{r}"] = "四季度完成剩余 3 个"
        values = wb["目标数值"]
        values[f"G{value_row(values, 'drinking-source-safety-2022')}"] = 80
        values[f"G{value_row(values, 'drinking-source-risks-2022')}"] = "2"
        values[f"G{value_row(values, 'dredging-2019')}"] = 312.25

    data = edit(build_workbook(lsj, q4), fill)
    result = lsj_import(lsj, q4, data)

    assert (result.created, result.updated, result.unchanged) == (len(duties), 0, 0)
    reports = Report.objects.filter(org=lsj, period=q4)
    assert sorted(r.task.number for r in reports) == duties
    assert all(r.state == Report.State.DRAFT for r in reports)
    report = reports.get(task__number=16)
    assert (report.status, report.percent) == ("in_progress", 65)
    assert (report.narrative, report.problems, report.next_steps) == (
        "完成 12 个水源地的达标建设",
        "资金缺口",
        "四季度完成剩余 3 个",
    )
    values = {v.target.code: v.value for v in report.values.all()}
    assert values == {
        "drinking-source-safety-2022": Decimal("80"),
        "drinking-source-risks-2022": Decimal("2"),
    }
    dredging = ReportValue.objects.get(report__task__number=49, report__org=lsj)
    assert dredging.value == Decimal("312.25")
    # Every row went through save_draft (its audit event) and the import is recorded once.
    assert AuditEvent.objects.filter(action="report.save").count() == len(duties)
    event = AuditEvent.objects.get(action="report.import")
    assert event.after["created"] == len(duties) and event.actor.username == "lsj_reporter"


def test_importing_the_same_workbook_again_changes_nothing(hz, q4, lsj):
    data = edit(build_workbook(lsj, q4), lambda wb: wb["填报"].__setitem__("F3", "已开展"))
    lsj_import(lsj, q4, data)
    before = stored_counts()
    versions = dict(Report.objects.values_list("pk", "row_version"))

    again = lsj_import(lsj, q4, data)

    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == len(versions)
    assert stored_counts() == before
    assert dict(Report.objects.values_list("pk", "row_version")) == versions


def test_a_fresh_download_of_drafts_can_be_changed_and_imported_as_updates(hz, q4, lsj):
    lsj_import(lsj, q4, build_workbook(lsj, q4))
    data = edit(build_workbook(lsj, q4), lambda wb: wb["填报"].__setitem__("E3", 30))

    result = lsj_import(lsj, q4, data)

    assert (result.created, result.updated) == (0, 1)
    report = Report.objects.get(org=lsj, period=q4, task__number=12)
    assert (report.percent, report.row_version) == (30, 2)


# --- refusals of the whole file -------------------------------------------------------------


def test_a_workbook_of_another_unit_is_refused_and_nothing_stored(hz, q4, lsj, unit):
    xihu = unit("xihu")
    data = build_workbook(lsj, q4)
    before = stored_counts()

    problems = refused(lambda: import_workbook(actor("xihu_reporter"), xihu, q4, "lsj.xlsx", data))

    assert len(problems) == 1
    assert problems[0].rule == "单位或期次不符"
    assert "市林水局" in problems[0].message and "西湖区" in problems[0].message
    assert stored_counts() == before


def test_a_workbook_of_another_period_is_refused(hz, open_period, lsj):
    q3, q4 = open_period("2020Q3"), open_period("2020Q4")
    data = build_workbook(lsj, q3)

    problems = refused(lambda: lsj_import(lsj, q4, data))

    assert problems[0].rule == "单位或期次不符"
    assert q3.title in problems[0].message
    assert Report.objects.count() == 0


def test_a_closed_period_is_refused(hz, open_period, lsj):
    q4 = open_period("2020Q4")
    data = build_workbook(lsj, q4)
    services.set_period_open(actor("office"), q4, False)

    problems = refused(lambda: lsj_import(lsj, q4, data))

    assert "未开放填报" in problems[0].message
    assert Report.objects.count() == 0


def test_someone_outside_the_unit_cannot_import(hz, q4, lsj):
    data = build_workbook(lsj, q4)
    with pytest.raises(services.NotAllowed):
        import_workbook(actor("xihu_reporter"), lsj, q4, "lsj.xlsx", data)
    with pytest.raises(services.NotAllowed):
        import_workbook(actor("office"), lsj, q4, "lsj.xlsx", data)
    assert Report.objects.count() == 0


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("填报.xlsx", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF", "扩展名与文件内容不符"),
        ("填报.xlsx", "序号,进展状态\n12,推进中\n".encode(), "扩展名与文件内容不符"),
        ("填报.xlsx", _zip({"a.txt": b"hello"}), "不是 Office 文档"),
        (
            "填报.xlsx",
            _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w/>"}),
            "扩展名与文件内容不符",
        ),
        ("填报.txt", "序号,进展状态\n12,推进中\n".encode(), "只能上传"),
        ("填报.pdf", b"%PDF-1.4\n%%EOF", "只能上传"),
        ("填报.xlsx", b"", "文件为空"),
    ],
    ids=["pdf-renamed", "text-renamed", "plain-zip", "docx-renamed", "txt", "pdf", "empty"],
)
def test_files_that_are_not_workbooks_are_refused(hz, q4, lsj, name, data, says):
    problems = refused(lambda: lsj_import(lsj, q4, data, name=name))
    assert problems[0].rule == "文件类型"
    assert says in problems[0].message
    assert Report.objects.count() == 0


def test_an_xlsx_renamed_to_csv_is_refused(hz, q4, lsj):
    problems = refused(lambda: lsj_import(lsj, q4, build_workbook(lsj, q4), name="填报.csv"))
    assert "扩展名与文件内容不符" in problems[0].message


def test_an_oversize_upload_is_refused(hz, q4, lsj):
    data = build_workbook(lsj, q4)
    data += b"\0" * (MAX_WORKBOOK_BYTES + 1 - len(data))

    problems = refused(lambda: lsj_import(lsj, q4, data))

    assert problems[0].rule == "文件大小"
    assert "10 MB" in problems[0].message
    assert Report.objects.count() == 0


def test_a_zip_bomb_is_refused(hz, q4, lsj):
    bomb = _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b" " * 50_000_000,  # 50 MB of spaces: ~50 kB packed
        }
    )
    assert len(bomb) < 200_000

    problems = refused(lambda: lsj_import(lsj, q4, bomb))

    assert problems[0].rule == "压缩炸弹"
    assert Report.objects.count() == 0


def test_a_zip_member_that_lies_about_its_size_is_refused(hz, q4, lsj):
    """Headers declaring a small size (so the ratio looks harmless) over a huge stream."""
    data = bytearray(
        _zip(
            {
                "[Content_Types].xml": CONTENT_TYPES,
                "xl/workbook.xml": b"<workbook/>",
                "xl/worksheets/sheet1.xml": b"<row/>" * 2_000_000,
            }
        )
    )
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    claimed = info.compress_size * 2
    struct.pack_into("<I", data, info.header_offset + 22, claimed)  # local header
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_len] == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, central + 24, claimed)  # central directory
        central = data.find(b"PK\x01\x02", central + 4)
    forged = bytes(data)
    assert (
        zipfile.ZipFile(io.BytesIO(forged)).getinfo("xl/worksheets/sheet1.xml").file_size == claimed
    )

    problems = refused(lambda: lsj_import(lsj, q4, forged))

    assert problems[0].rule == "压缩炸弹"
    assert Report.objects.count() == 0


# --- cell rules -------------------------------------------------------------------------------


def test_formula_cells_are_refused_with_their_position(hz, q4, lsj):
    def fill(wb):
        wb["填报"]["E4"] = "=40+40"
        values = wb["目标数值"]
        values[f"G{value_row(values, 'dredging-2019')}"] = "=SUM(F3:F4)"

    data = edit(build_workbook(lsj, q4), fill)
    before = stored_counts()

    problems = refused(lambda: lsj_import(lsj, q4, data))

    formulas = [(p.sheet, p.row, p.column, p.header, p.value) for p in problems if p.rule == "公式"]
    row = value_row(openpyxl.load_workbook(io.BytesIO(data))["目标数值"], "dredging-2019")
    assert formulas == [
        ("填报", 4, "E", "完成比例（%）", "=40+40"),
        ("目标数值", row, "G", "本期累计值", "=SUM(F3:F4)"),
    ]
    assert stored_counts() == before


def test_full_width_digits_commas_and_percent_signs_are_accepted(hz, q4, lsj):
    def fill(wb):
        ws = wb["填报"]
        ws[f"E{row_of(ws, 12)}"] = "８０"
        ws[f"E{row_of(ws, 16)}"] = "45%"
        ws[f"E{row_of(ws, 17)}"] = "１００％"
        values = wb["目标数值"]
        values[f"G{value_row(values, 'dredging-2019')}"] = "１，２３４．５"
        values[f"G{value_row(values, 'small-rivers-remediated')}"] = "1,234"
        values[f"G{value_row(values, 'forest-stock-2020')}"] = " 1 650 "

    lsj_import(lsj, q4, edit(build_workbook(lsj, q4), fill))

    percents = dict(Report.objects.filter(org=lsj).values_list("task__number", "percent"))
    assert (percents[12], percents[16], percents[17]) == (80, 45, 100)
    values = dict(ReportValue.objects.values_list("target__code", "value"))
    assert values["dredging-2019"] == Decimal("1234.5")
    assert values["small-rivers-remediated"] == Decimal("1234")
    assert values["forest-stock-2020"] == Decimal("1650")


@pytest.mark.parametrize(
    ("percent", "value", "rule"),
    [
        ("80.5", None, "取值范围"),
        (0.8, None, "取值范围"),
        ("101", None, "取值范围"),
        ("八十", None, "取值范围"),
        (None, "-3", "格式"),
        (None, "12 万", "格式"),
        (None, "1.23456", "格式"),
    ],
)
def test_out_of_range_or_unreadable_numbers_are_refused(hz, q4, lsj, percent, value, rule):
    def fill(wb):
        if percent is not None:
            wb["填报"]["E3"] = percent
        if value is not None:
            values = wb["目标数值"]
            values[f"G{value_row(values, 'dredging-2019')}"] = value

    problems = refused(lambda: lsj_import(lsj, q4, edit(build_workbook(lsj, q4), fill)))

    assert len(problems) == 1
    assert problems[0].rule == rule
    assert problems[0].column == ("E" if percent is not None else "G")
    assert Report.objects.count() == 0


def test_status_accepts_the_labels_and_the_english_codes_only(hz, q4, lsj):
    def fill(wb):
        ws = wb["填报"]
        ws[f"D{row_of(ws, 12)}"] = "blocked"
        ws[f"D{row_of(ws, 16)}"] = " 已完成 "
        ws[f"D{row_of(ws, 17)}"] = "进行中"  # not one of the five

    problems = refused(lambda: lsj_import(lsj, q4, edit(build_workbook(lsj, q4), fill)))
    assert [(p.row, p.column, p.rule) for p in problems] == [(5, "D", "取值范围")]
    assert "未启动、推进中、已完成、滞后、受阻" in problems[0].message

    lsj_import(
        lsj,
        q4,
        edit(build_workbook(lsj, q4), lambda wb: (fill(wb), wb["填报"].__setitem__("D5", "滞后"))),
    )
    statuses = dict(Report.objects.values_list("task__number", "status"))
    assert (statuses[12], statuses[16], statuses[17]) == ("blocked", "done", "delayed")


def test_merged_cells_and_blank_rows_are_handled(hz, q4, lsj):
    def fill(wb):
        ws = wb["填报"]
        ws["F3"] = "合并单元格里的说明"
        ws.merge_cells("F3:H3")  # the text applies to the first cell only
        ws.insert_rows(5, amount=2)  # two blank rows in the middle
        ws.merge_cells("A4:A5")  # task 16's 序号 spills over a blank row: still a blank row
        ws.cell(row=ws.max_row + 2, column=6, value="   ")  # whitespace further down
        values = wb["目标数值"]
        # Task 12's two targets share a merged 序号/项目名称 cell (A3:A4, B3:B4) in the export.
        assert values["A4"].value is None
        values["G3"] = 95
        values["G4"] = 88
        values.cell(row=values.max_row + 3, column=7, value="")

    data = edit(build_workbook(lsj, q4), fill)
    result = lsj_import(lsj, q4, data)

    assert result.created == len(services.duties_for(lsj, q4))
    report = Report.objects.get(org=lsj, task__number=12)
    assert (report.narrative, report.problems, report.next_steps) == ("合并单元格里的说明", "", "")
    values = dict(report.values.values_list("target__code", "value"))
    assert values == {
        "site-dust-seven-100": Decimal("95"),
        "site-dust-standard-mgmt-2020": Decimal("88"),
    }


def test_a_vertically_merged_task_cell_in_the_main_sheet_is_a_duplicate_row(hz, q4, lsj):
    def fill(wb):
        ws = wb["填报"]
        ws["A4"] = None
        ws.merge_cells("A3:A4")  # row 4 now claims task 12 as well

    problems = refused(lambda: lsj_import(lsj, q4, edit(build_workbook(lsj, q4), fill)))

    assert [(p.sheet, p.row, p.column, p.rule) for p in problems][0] == ("填报", 4, "A", "重复")
    assert "第 3 行" in problems[0].message
    # Task 16, whose row that was, now has values without a row: said for each of them.
    assert {(p.sheet, p.rule) for p in problems[1:]} == {("目标数值", "任务不符")}
    assert all("任务 16" in p.message for p in problems[1:]) and len(problems) == 3


CSV_HEADER = "序号,项目名称,进展状态,完成比例（%）,工作完成情况,存在问题,下步打算"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_a_csv_in_gbk_gb18030_or_utf8_is_accepted(hz, q4, lsj, encoding):
    names = {d.task.number: d.task.name for d in services.duties_for(lsj, q4)}
    special = "䶮𠮷" if encoding != "gbk" else "浙江"
    lines = [CSV_HEADER]
    for number, name in names.items():
        lines.append(f'{number},{name},推进中,"８０",完成，{special},"资金,人员",下季度完成')
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    if encoding == "gb18030":
        with pytest.raises(UnicodeEncodeError):
            "\n".join(lines).encode("gbk")  # the text really needs GB18030

    result = lsj_import(lsj, q4, data, name="填报.csv")

    assert result.created == len(names)
    report = Report.objects.get(org=lsj, period=q4, task__number=16)
    assert (report.status, report.percent) == ("in_progress", 80)
    assert report.narrative == f"完成，{special}"
    assert report.problems == "资金,人员"


def test_a_csv_with_a_formula_is_refused(hz, q4, lsj):
    data = (CSV_HEADER + '\n12,,推进中,80,=HYPERLINK("http://x"),,\n').encode("utf-8")
    problems = refused(lambda: lsj_import(lsj, q4, data, name="填报.csv"))
    assert [(p.sheet, p.row, p.column, p.rule) for p in problems] == [("填报", 2, "E", "公式")]


def test_a_row_for_a_task_the_unit_does_not_carry_is_refused_with_its_row(hz, q4, lsj):
    def fill(wb):
        ws = wb["填报"]
        assert ws["A6"].value == 28  # a task of lsj without targets
        ws["A6"] = 1  # task 1 belongs to other units
        ws["B6"] = None

    before = stored_counts()
    problems = refused(lambda: lsj_import(lsj, q4, edit(build_workbook(lsj, q4), fill)))

    assert [(p.sheet, p.row, p.column, p.rule) for p in problems] == [("填报", 6, "A", "任务不符")]
    assert "市林水局" in problems[0].message and "不承担任务 1" in problems[0].message
    assert stored_counts() == before


def test_a_row_whose_name_does_not_match_its_number_is_refused(hz, q4, lsj):
    problems = refused(
        lambda: lsj_import(
            lsj, q4, edit(build_workbook(lsj, q4), lambda wb: wb["填报"].__setitem__("A3", 16))
        )
    )
    assert (problems[0].row, problems[0].column, problems[0].rule) == (3, "B", "任务不符")


def test_a_value_for_a_target_the_unit_does_not_report_is_refused(hz, q4, lsj):
    def fill(wb):
        values = wb["目标数值"]
        values["H3"] = "coal-consumption-2020"  # a target of task 1, not lsj's
        values["A3"] = None

    problems = refused(lambda: lsj_import(lsj, q4, edit(build_workbook(lsj, q4), fill)))
    assert [(p.sheet, p.row, p.column, p.rule) for p in problems] == [
        ("目标数值", 3, "H", "任务不符")
    ]


def test_one_bad_row_among_many_saves_nothing(hz, q4, lsj):
    def fill(wb):
        ws = wb["填报"]
        for row in ws.iter_rows(min_row=3):
            row[3].value = "推进中"
            row[4].value = 50
            row[5].value = "按计划推进"
        ws[f"E{row_of(ws, 52)}"] = "abc"

    before = stored_counts()
    problems = refused(lambda: lsj_import(lsj, q4, edit(build_workbook(lsj, q4), fill)))

    data = openpyxl.load_workbook(io.BytesIO(build_workbook(lsj, q4)))
    assert [(p.row, p.column) for p in problems] == [(row_of(data["填报"], 52), "E")]
    assert stored_counts() == before


def test_every_problem_is_reported_at_once_in_sheet_and_row_order(hz, q4, lsj):
    def fill(wb):
        ws = wb["填报"]
        ws["E7"] = 300
        ws["D4"] = None
        ws["A6"] = 999
        values = wb["目标数值"]
        values[f"G{value_row(values, 'dredging-2019')}"] = "很多"

    problems = refused(lambda: lsj_import(lsj, q4, edit(build_workbook(lsj, q4), fill)))

    assert [(p.sheet, p.row, p.column, p.rule) for p in problems][:3] == [
        ("填报", 4, "D", "必填"),
        ("填报", 6, "A", "任务不符"),
        ("填报", 7, "E", "取值范围"),
    ]
    assert problems[3].sheet == "目标数值" and problems[3].column == "G"
    assert len(problems) == 4


# --- reports that must not be overwritten -----------------------------------------------------


def _approve(hz, q4, lsj, number: int) -> Report:
    report = services.save_draft(
        actor("lsj_reporter"),
        task(hz, number),
        lsj,
        q4,
        {"status": "done", "percent": 100, "narrative": "已按期完成"},
    )
    report = services.submit_report(actor("lsj_approver"), report)
    return services.approve_report(actor("office"), report)


def test_import_does_not_touch_an_approved_report(hz, q4, lsj):
    approved = _approve(hz, q4, lsj, 16)
    data = build_workbook(lsj, q4)
    row = row_of(openpyxl.load_workbook(io.BytesIO(data))["填报"], 16)
    changed = edit(data, lambda wb: wb["填报"].__setitem__(f"F{row}", "改写已通过的内容"))
    before = stored_counts()

    problems = refused(lambda: lsj_import(lsj, q4, changed))

    assert [(p.row, p.rule) for p in problems] == [(row, "不可修改")]
    assert "已通过" in problems[0].message
    assert stored_counts() == before

    # Left as downloaded, the approved row is skipped and the others are saved.
    result = lsj_import(lsj, q4, data)
    assert result.unchanged == 1
    approved.refresh_from_db()
    assert (approved.state, approved.narrative, approved.row_version) == (
        "approved",
        "已按期完成",
        3,
    )


def test_a_draft_saved_after_the_download_is_not_overwritten(hz, q4, lsj):
    data = build_workbook(lsj, q4)
    services.save_draft(
        actor("lsj_approver"), task(hz, 12), lsj, q4, {"status": "delayed", "percent": 20}
    )
    changed = edit(data, lambda wb: wb["填报"].__setitem__("E3", 40))

    problems = refused(lambda: lsj_import(lsj, q4, changed))

    assert [(p.row, p.rule) for p in problems] == [(3, "已被修改")]
    assert Report.objects.count() == 1
    assert Report.objects.get().percent == 20


def test_a_refusal_by_save_draft_rolls_back_the_rows_saved_before_it(hz, q4, lsj):
    """Someone submits task 16 while the import runs: its row is refused by save_draft, and the
    row of task 12, already saved in the same import, is rolled back with it."""
    lsj_import(lsj, q4, build_workbook(lsj, q4))
    versions = dict(Report.objects.values_list("task__number", "row_version"))

    def fill(wb):
        ws = wb["填报"]
        ws[f"E{row_of(ws, 12)}"] = 30
        ws[f"E{row_of(ws, 16)}"] = 60

    data = edit(build_workbook(lsj, q4), fill)

    def someone_submits_task_16(sender, instance, **kwargs):
        if instance.task.number == 12:  # the import has just saved task 12
            Report.objects.filter(org=lsj, task__number=16).update(state=Report.State.SUBMITTED)

    post_save.connect(someone_submits_task_16, sender=Report, dispatch_uid="submit-16")
    try:
        problems = refused(lambda: lsj_import(lsj, q4, data))
    finally:
        post_save.disconnect(sender=Report, dispatch_uid="submit-16")

    row = row_of(openpyxl.load_workbook(io.BytesIO(data))["填报"], 16)
    assert [(p.row, p.rule) for p in problems] == [(row, "保存")]
    assert "已提交" in problems[0].message
    assert dict(Report.objects.values_list("task__number", "row_version")) == versions
    assert Report.objects.get(org=lsj, task__number=12).percent == 0


# --- the legacy .xls format -------------------------------------------------------------------


def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _biff8(rows: list[list[object]], formulas: set[tuple[int, int]] = frozenset()) -> bytes:
    """A minimal BIFF8 workbook stream: one sheet "填报", strings in a shared string table."""
    strings: list[str] = []
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if (r, c) in formulas:  # =value, cached result value
                body = struct.pack("<HHHdHIH", r, c, 0, float(value), 0, 0, 3)
                cells += _record(0x0006, body + b"\x1e" + struct.pack("<H", int(value)))
            elif isinstance(value, str):
                strings.append(value)
                cells += _record(0x00FD, struct.pack("<HHHI", r, c, 0, len(strings) - 1))
            else:
                cells += _record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
    sst = struct.pack("<II", len(strings), len(strings)) + b"".join(
        struct.pack("<HB", len(s.encode("utf-16-le")) // 2, 1) + s.encode("utf-16-le")
        for s in strings
    )
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06)
    padding = b"".join(_record(0x005C, b" " * 112) for _ in range(40))  # keep the stream > 4 kB
    name = "填报".encode("utf-16-le")

    def globals_part(offset: int) -> bytes:
        sheet = _record(0x0085, struct.pack("<IBB", offset, 0, 0) + bytes([2, 1]) + name)
        return (
            _record(0x0809, bof)
            + _record(0x0042, struct.pack("<H", 1200))
            + padding
            + sheet
            + _record(0x00FC, sst)
            + _record(0x000A)
        )

    head = globals_part(0)
    sheet_bof = struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 0x06)
    dims = struct.pack("<IIHHH", 0, len(rows), 0, max(len(r) for r in rows), 0)
    body = _record(0x0809, sheet_bof) + _record(0x0200, dims) + cells + _record(0x000A)
    return globals_part(len(head)) + body


def _compound_file(stream: bytes) -> bytes:
    """Wrap a stream as "Workbook" in an OLE compound file (version 3, 512-byte sectors)."""
    free, end, fat_mark = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    n = -(-len(stream) // 512)
    assert n + 2 <= 128
    sectors = stream.ljust(n * 512, b"\0")

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", free, free, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, free, 0, len(stream))
    directory = directory.ljust(512, b"\0")
    fat = [*range(1, n), end, end, fat_mark]
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIIII", 0, 1, n, 0, 4096, end, 0, end, 0, n + 1)
    )
    header += b"\xff" * (512 - len(header))
    return header + sectors + directory + fat_sector


def _xls_rows(hz, lsj, q4) -> list[list[object]]:
    rows: list[list[object]] = [
        ["序号", "项目名称", "进展状态", "完成比例（%）", "工作完成情况", "存在问题", "下步打算"]
    ]
    for duty in services.duties_for(lsj, q4):
        rows.append(
            [duty.task.number, duty.task.name, "推进中", 70, "旧版 Excel 填报", None, "继续推进"]
        )
    return rows


def test_a_legacy_xls_workbook_is_accepted(hz, q4, lsj):
    data = _compound_file(_biff8(_xls_rows(hz, lsj, q4)))

    result = lsj_import(lsj, q4, data, name="填报.xls")

    assert result.created == len(services.duties_for(lsj, q4))
    report = Report.objects.get(org=lsj, task__number=16)
    assert (report.status, report.percent, report.narrative) == (
        "in_progress",
        70,
        "旧版 Excel 填报",
    )


def test_a_formula_in_an_xls_workbook_is_refused(hz, q4, lsj):
    rows = _xls_rows(hz, lsj, q4)
    data = _compound_file(_biff8(rows, formulas={(2, 3)}))  # the second task's percent

    problems = refused(lambda: lsj_import(lsj, q4, data, name="填报.xls"))

    assert [(p.sheet, p.row, p.column, p.rule) for p in problems] == [("填报", 3, "D", "公式")]
    assert Report.objects.count() == 0


# --- the pages --------------------------------------------------------------------------------


UPLOAD = "/reporting/2020Q4/workbook/lsj/upload/"


def login(client, username: str):
    assert client.login(username=username, password=demo_password())
    return client


def post_file(client, data: bytes, name: str = "填报.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(UPLOAD, {"workbook": upload})


def test_upload_page_offers_the_download_and_a_progress_indicator(client, hz, q4, lsj):
    html = login(client, "lsj_reporter").get(UPLOAD).content.decode()
    assert "用 Excel 离线填报" in html
    assert 'href="/reporting/2020Q4/workbook/lsj/"' in html
    assert 'id="upload-spinner"' in html and "spinner-border" in html
    assert 'enctype="multipart/form-data"' in html


def test_uploading_a_good_workbook_shows_the_counts(client, hz, q4, lsj):
    login(client, "lsj_reporter")
    response = post_file(client, build_workbook(lsj, q4))
    html = response.content.decode()
    assert response.status_code == 200
    count = len(services.duties_for(lsj, q4))
    assert "导入成功" in html and f"新建 <strong>{count}</strong> 份" in html
    assert Report.objects.filter(org=lsj, period=q4).count() == count


def test_uploading_a_bad_workbook_lists_the_problems_and_saves_nothing(client, hz, q4, lsj):
    login(client, "lsj_reporter")
    data = edit(
        build_workbook(lsj, q4),
        lambda wb: (wb["填报"].__setitem__("E3", 150), wb["填报"].__setitem__("A4", 1)),
    )
    html = post_file(client, data).content.decode()
    assert "未导入任何内容" in html
    assert 'id="import-problems"' in html
    assert "须为 0 到 100 的整数" in html and "不承担任务 1" in html
    assert Report.objects.count() == 0


def test_uploading_without_a_file_asks_for_one(client, hz, q4, lsj):
    html = login(client, "lsj_reporter").post(UPLOAD, {}).content.decode()
    assert "请选择要上传的工作簿文件" in html


def test_a_reporter_of_another_unit_cannot_upload(client, hz, q4, lsj):
    data = build_workbook(lsj, q4)
    login(client, "xihu_reporter")
    assert client.get(UPLOAD).status_code == 403
    assert post_file(client, data).status_code == 403
    login(client, "office")  # the office may download, but not report for the unit
    assert post_file(client, data).status_code == 403
    assert Report.objects.count() == 0
