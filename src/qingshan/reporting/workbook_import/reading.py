"""Reading the checked upload into rows of cell values: xlsx and xls with python-calamine, CSV
with the csv module; formulas are found here too, so validation can report them by cell."""

from __future__ import annotations

import csv
import io
import struct
from dataclasses import dataclass, field
from typing import Any

import python_calamine

from ..workbook import HELP_SHEET, MAIN_SHEET, META_SHEET, VALUES_SHEET
from .files import Formula, check_file, xlsx_formulas, xlsx_parts
from .legacy_xls import biff_formulas, ole_stream
from .problems import refuse

MAX_ROWS = 5000
MAX_COLUMNS = 200


@dataclass
class Table:
    """A sheet's cells as rows of values; index i is Excel's row i + 1, column j its j + 1."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


@dataclass
class Upload:
    kind: str  # "xlsx", "xls" or "csv"
    tables: dict[str, Table]
    main: str | None  # name of the sheet with one row per task
    formulas: list[Formula]  # sheet, row, column (1-based), formula text


def _calamine_tables(name: str, data: bytes) -> tuple[dict[str, Table], str | None]:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise refuse("文件损坏", f"{name}：无法读取该工作簿（{exc}）") from None
    worksheets = [
        m for m in book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet
    ]
    names = [m.name for m in worksheets]
    main = MAIN_SHEET if MAIN_SHEET in names else None
    if main is None:  # re-saved or re-built by hand: the first visible sheet of ours
        visible = [
            m.name
            for m in worksheets
            if m.visible == python_calamine.SheetVisibleEnum.Visible
            and m.name not in (VALUES_SHEET, HELP_SHEET, META_SHEET)
        ]
        main = visible[0] if visible else None
    tables = {}
    for sheet_name in {main, VALUES_SHEET, META_SHEET}:
        if sheet_name is None or sheet_name not in names:
            continue
        try:
            sheet = book.get_sheet_by_name(sheet_name)
            end = sheet.end
            if end is not None and (end[0] >= MAX_ROWS or end[1] >= MAX_COLUMNS):
                raise refuse(
                    "行数过多",
                    f"工作表“{sheet_name}”有数据的区域过大（到第 {end[0] + 1} 行、第 {end[1] + 1} 列），"
                    f"请删除多余的行列（上限 {MAX_ROWS} 行）",
                )
            rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except python_calamine.CalamineError as exc:
            raise refuse("文件损坏", f"{name}：无法读取工作表“{sheet_name}”（{exc}）") from None
        tables[sheet_name] = Table(sheet_name, [list(r) for r in rows], list(merged))
    return tables, main


def decode_text(data: bytes) -> str:
    """CSV text as Excel writes it: UTF-8 (with or without BOM), else GB18030 (⊃ GBK)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise refuse("文件编码", "CSV 文件的编码无法识别，请保存为 UTF-8 或 GBK/GB18030 编码")


def _csv_table(name: str, data: bytes) -> Table:
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    rows = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(record)
            if len(rows) > MAX_ROWS:
                raise refuse("行数过多", f"{name}：行数过多（上限 {MAX_ROWS} 行）")
    except csv.Error as exc:
        raise refuse("文件格式", f"{name}：CSV 格式有误（{exc}）") from None
    return Table(MAIN_SHEET, rows)


def read_upload(name: str, data: bytes) -> Upload:
    kind = check_file(name, data)
    if kind == "csv":
        table = _csv_table(name, data)
        formulas = [
            (MAIN_SHEET, r + 1, c + 1, cell.strip())
            for r, row in enumerate(table.rows)
            for c, cell in enumerate(row)
            if cell.strip().startswith("=")
        ]
        return Upload("csv", {MAIN_SHEET: table}, MAIN_SHEET, formulas)
    if kind == "xlsx":
        formulas = xlsx_formulas(xlsx_parts(name, data))
    else:
        try:
            formulas, encrypted = biff_formulas(ole_stream(data))
        except (ValueError, struct.error):
            raise refuse("文件损坏", f"{name}：不是有效的 .xls 工作簿") from None
        if encrypted:
            raise refuse("文件类型", f"{name}：工作簿设置了打开密码，请取消密码后再上传")
    tables, main = _calamine_tables(name, data)
    return Upload(kind, tables, main, formulas)
