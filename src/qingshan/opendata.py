"""Tables as files for download: CSV (UTF-8 with BOM, so Excel opens it as Chinese), Excel and
JSON.

Every table says what it holds: a 数据性质 column (simulated data say so, also in the file name
and on the workbook's 说明 sheet), its notes and the time of export.  Text that a spreadsheet
would run as a formula (=, +, -, @ first) is written as text: with a leading apostrophe in CSV,
as a text cell in Excel.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

SHANGHAI = ZoneInfo("Asia/Shanghai")
NATURE = "数据性质"
SIMULATED_LABEL = "演示数据（模拟）"
SIMULATED = "模拟（演示数据）"
MEASURED = "监测数据"
FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    title: str
    filename: str
    headers: list[str]
    rows: list[list[object]]
    simulated: bool
    notes: list[str] = field(default_factory=list)
    real_nature: str = MEASURED  # what the 数据性质 column says of data that are not simulated
    simulated_note: str = "本表数据为演示用的模拟数据，不是真实结果。"
    # A table whose rows mix real and simulated records carries 数据性质 as its own last
    # column, row by row; the writer then adds none.
    nature_in_rows: bool = False
    sheet_name: str = "数据"

    @property
    def columns(self) -> list[str]:
        return list(self.headers) if self.nature_in_rows else [*self.headers, NATURE]

    def cells(self, row: list[object]) -> list[object]:
        return list(row) if self.nature_in_rows else [*row, _nature(self)]


def safe_text(value: str) -> str:
    """A leading apostrophe keeps a spreadsheet from running text as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, Decimal):
        # Stored decimals keep their column's places (38.0000); write the number, not the column.
        return format(value.normalize(), "f")
    if isinstance(value, int):
        return str(value)
    return safe_text(str(value))


def _xlsx_value(sheet, value: object) -> object:
    """Excel keeps text as typed when the cell is marked as text: no apostrophe shows, and
    nothing that looks like a formula is ever run."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, dt.datetime):
        return timezone.localtime(value, SHANGHAI).replace(tzinfo=None)
    return value


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _nature(table: Table) -> str:
    return SIMULATED if table.simulated else table.real_nature


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([cell_text(v) for v in table.cells(row)])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def exported_at() -> str:
    moment = timezone.localtime(timezone.now(), SHANGHAI)
    return f"导出时间：{moment:%Y-%m-%d %H:%M}（北京时间）· 青山 生态文明建设行动方案平台"


def to_xlsx(table: Table) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.sheet_name)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for text in table.columns:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        sheet.append([_xlsx_value(sheet, v) for v in table.cells(row)])
    about = book.create_sheet("说明")
    about.append([table.title])
    if table.simulated:
        about.append([f"{SIMULATED_LABEL}：{table.simulated_note}"])
    for note in table.notes:
        about.append([note])
    about.append([exported_at()])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_json(table: Table) -> bytes:
    body = {
        "title": table.title,
        "simulated": table.simulated,
        "notes": table.notes,
        "columns": table.headers,
        "rows": [
            dict(zip(table.headers, (_json_value(v) for v in row), strict=True))
            for row in table.rows
        ],
        "exported_at": timezone.now().isoformat(),
    }
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def respond(table: Table, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise ValueError(f"不支持的格式：{fmt}")
    name = table.filename + ("-" + SIMULATED_LABEL if table.simulated else "") + "." + fmt
    body = {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}[fmt](table)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response
