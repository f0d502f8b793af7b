"""The shared open-data writer: CSV (UTF-8 with BOM), Excel and JSON of one table, each saying
what its data are, none letting a spreadsheet run a cell as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from decimal import Decimal
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.utils import timezone

from qingshan import opendata
from qingshan.opendata import Table

SHANGHAI = ZoneInfo("Asia/Shanghai")


def table(rows: list[list[object]], **fields) -> Table:
    given: dict = {
        "title": "断面水质",
        "filename": "断面水质-2020",
        "headers": ["断面", "类别", "数值"],
        "rows": rows,
        "simulated": False,
    } | fields
    return Table(**given)


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_xlsx(body: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(body))


# --- formula-safe text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://example.com","点此")', "+86 571 8700", "-1+2", "@SUM(A1)", "\tx", "\rx"],
)
def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(text):
    assert opendata.safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["钱塘江闸口", "II类", "a=b", "（=）", "＝1+1", ""])
def test_other_text_is_left_alone(text):
    assert opendata.safe_text(text) == text


def test_numbers_are_numbers_even_when_negative():
    assert opendata.cell_text(-3) == "-3"
    assert opendata.cell_text(-0.5) == "-0.5"
    assert opendata.cell_text(Decimal("-1.25")) == "-1.25"
    assert opendata.cell_text("-3") == "'-3"  # text that starts with a minus sign is still text


# --- cell text --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "是"),
        (False, "否"),
        (36.0, "36"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e-7, "0.0000001"),  # never in exponent notation
        (2.5e16, "25000000000000000"),
        (7, "7"),
        (Decimal("38.0000"), "38"),  # a DecimalField's places are storage, not precision
        (Decimal("90.3000"), "90.3"),
        (Decimal("100"), "100"),
        (Decimal("0.00"), "0"),
        (dt.date(2020, 12, 31), "2020-12-31"),
        ("V类", "V类"),
    ],
)
def test_cell_text(value, text):
    assert opendata.cell_text(value) == text


# --- CSV --------------------------------------------------------------------------------------


def test_csv_has_a_bom_a_header_and_the_nature_of_every_row():
    rows = read_csv(opendata.to_csv(table([["闸口", "II", 1.5], ["三堡", "劣V", None]])))
    assert rows == [
        ["断面", "类别", "数值", "数据性质"],
        ["闸口", "II", "1.5", "监测数据"],
        ["三堡", "劣V", "", "监测数据"],
    ]


def test_csv_lines_end_in_crlf_and_quote_commas_quotes_and_newlines():
    note = '含“引号”、逗号,和"英文引号"\n第二行'
    body = opendata.to_csv(table([["闸口", note, 1]]))
    assert body.count(b"\r\n") == 2  # the header and the row; the note's newline stays inside
    assert read_csv(body)[1] == ["闸口", note, "1", "监测数据"]


def test_csv_of_simulated_data_says_so_on_every_row():
    rows = read_csv(opendata.to_csv(table([["闸口", "II", 1]], simulated=True)))
    assert [r[-1] for r in rows[1:]] == ["模拟（演示数据）"]


def test_csv_of_other_real_data_names_their_nature():
    rows = read_csv(opendata.to_csv(table([["闸口", "II", 1]], real_nature="单位报告与评估结果")))
    assert rows[1][-1] == "单位报告与评估结果"


def test_csv_writes_formula_looking_text_with_an_apostrophe():
    rows = read_csv(opendata.to_csv(table([["=1+1", "@cmd", "+1"]])))
    assert rows[1][:3] == ["'=1+1", "'@cmd", "'+1"]


def test_an_empty_table_is_still_a_header():
    assert read_csv(opendata.to_csv(table([]))) == [["断面", "类别", "数值", "数据性质"]]


# --- Excel ------------------------------------------------------------------------------------


def test_excel_has_a_data_sheet_with_a_bold_header_and_an_about_sheet():
    book = read_xlsx(
        opendata.to_xlsx(table([["闸口", "II", 1.5], ["三堡", "劣V", 4]], notes=["GB 3838-2002"]))
    )
    assert book.sheetnames == ["数据", "说明"]
    data = book["数据"]
    assert list(data.iter_rows(values_only=True)) == [
        ("断面", "类别", "数值", "数据性质"),
        ("闸口", "II", 1.5, "监测数据"),
        ("三堡", "劣V", 4, "监测数据"),
    ]
    assert all(c.font.bold for c in data[1])
    assert data.freeze_panes == "A2"
    about = [str(r[0]) for r in book["说明"].iter_rows(values_only=True)]
    assert about[:2] == ["断面水质", "GB 3838-2002"]
    assert re.fullmatch(
        r"导出时间：\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）· 青山 生态文明建设行动方案平台", about[2]
    )
    assert len(about) == 3


def test_excel_of_simulated_data_says_so_on_the_about_sheet_and_in_every_row():
    book = read_xlsx(opendata.to_xlsx(table([["闸口", "II", 1]], simulated=True)))
    about = [str(r[0]) for r in book["说明"].iter_rows(values_only=True)]
    assert about[1] == "演示数据（模拟）：本表数据为演示用的模拟数据，不是真实结果。"
    assert book["数据"]["D2"].value == "模拟（演示数据）"


def test_excel_keeps_formula_looking_text_as_text():
    formula = '=HYPERLINK("http://example.com","点此")'
    sheet = read_xlsx(opendata.to_xlsx(table([[formula, "-1", "@x"]])))["数据"]
    cells = sheet[2][:3]
    assert [c.value for c in cells] == [formula, "-1", "@x"]  # shown as typed
    assert {c.data_type for c in cells} == {"s"}


def test_excel_writes_times_in_beijing_time_and_booleans_in_words():
    moment = dt.datetime(2020, 12, 31, 16, 30, tzinfo=dt.UTC)  # 00:30 on 1 January in Beijing
    sheet = read_xlsx(opendata.to_xlsx(table([[moment, True, dt.date(2020, 6, 30)]])))["数据"]
    assert sheet["A2"].value == dt.datetime(2021, 1, 1, 0, 30)
    assert sheet["B2"].value == "是"
    assert sheet["C2"].value == dt.datetime(2020, 6, 30)  # openpyxl reads a date cell back so


def test_the_export_time_is_beijing_time(settings):
    settings.TIME_ZONE = "UTC"  # even on a server that keeps UTC
    before = timezone.localtime(timezone.now(), SHANGHAI)
    line = opendata.exported_at()
    after = timezone.localtime(timezone.now(), SHANGHAI)
    assert line[5:21] in {f"{before:%Y-%m-%d %H:%M}", f"{after:%Y-%m-%d %H:%M}"}


# --- JSON -------------------------------------------------------------------------------------


def test_json_has_title_columns_and_one_object_per_row():
    body = json.loads(
        opendata.to_json(
            table(
                [["闸口", "II", Decimal("1.50")], ["三堡", "=1+1", dt.date(2020, 12, 31)]],
                notes=["GB 3838-2002"],
            )
        )
    )
    assert body["title"] == "断面水质" and body["notes"] == ["GB 3838-2002"]
    assert body["simulated"] is False
    assert body["columns"] == ["断面", "类别", "数值"]
    assert body["rows"] == [
        {"断面": "闸口", "类别": "II", "数值": 1.5},
        # JSON is read by programs: text is given as it is, dates in ISO form.
        {"断面": "三堡", "类别": "=1+1", "数值": "2020-12-31"},
    ]
    assert dt.datetime.fromisoformat(body["exported_at"]).tzinfo is not None


def test_json_keeps_chinese_readable():
    assert "闸口".encode() in opendata.to_json(table([["闸口", "II", 1]]))


def test_json_of_simulated_data_says_so():
    assert json.loads(opendata.to_json(table([], simulated=True)))["simulated"] is True


# --- responses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", "application/json; charset=utf-8"),
    ],
)
def test_a_response_is_a_download_named_after_the_table(fmt, content_type):
    response = opendata.respond(table([["闸口", "II", 1]]), fmt)
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.split("''", 1)[1]) == f"断面水质-2020.{fmt}"


def test_a_simulated_tables_file_name_says_so():
    response = opendata.respond(table([], simulated=True), "csv")
    name = unquote(response["Content-Disposition"].split("''", 1)[1])
    assert name == "断面水质-2020-演示数据（模拟）.csv"


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="pdf"):
        opendata.respond(table([]), "pdf")
