"""A list file as tables of raw cells: one per worksheet that has a header (CSV: one).

The file's type is decided by its bytes and its size capped (`monitoring.importing.files`);
CSV may be UTF-8 or, as Excel in China saves it, GBK/GB18030.  The header is the first of the
first 15 rows that reads as one (a title above it is skipped); a second header row naming the
categories under a merged 类别 is folded in.  Merged cells of the data area are kept as ranges:
the rules decide which columns may span rows (区县 may, a credit code may not).

`monitoring.importing.sheet` reads monitoring files into Polars frames of text; a list is a
few thousand rows at most and its rules need the raw cells (a credit code Excel turned into a
float, merged ranges per column), so it is read here with the same file checks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import python_calamine

from qingshan.monitoring.importing.files import (
    MAX_REGISTRY_BYTES,
    decode_prefix,
    file_kind,
    gb18030_to_utf8,
)
from qingshan.monitoring.importing.problems import Checker

from .columns import header_score, is_category_subheader

HEADER_SEARCH_ROWS = 15
MAX_BYTES = MAX_REGISTRY_BYTES


@dataclass(frozen=True)
class Merged:
    """A merged range of the data area, as rows of the file (1-based) and column indexes."""

    first_line: int
    last_line: int
    first_col: int
    last_col: int


@dataclass
class Table:
    sheet: str  # "" for CSV
    headers: list[str]
    lines: list[int]  # the row number an editor or Excel shows, per data row
    rows: list[list[Any]]  # raw cells: str, or float/int/bool/date from Excel; None when empty
    merged: list[Merged] = field(default_factory=list)


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _header(rows: list[list[Any]]) -> tuple[int, list[str], int] | None:
    """(index of the header row, header texts, header rows: 1 or 2)."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if header_score(row) >= 3:
            top = ["" if _blank(c) else str(c).strip() for c in row]
            if i + 1 < len(rows) and is_category_subheader(rows[i + 1]):
                sub = rows[i + 1]
                width = max(len(top), len(sub))
                top += [""] * (width - len(top))
                for j, cell in enumerate(sub):
                    if not _blank(cell):
                        top[j] = str(cell).strip()
                return i, top, 2
            return i, top, 1
    return None


def _table(sheet: str, rows: list[list[Any]], lines: list[int], merged: list) -> Table | None:
    found = _header(rows)
    if found is None:
        return None
    index, headers, depth = found
    start = index + depth
    width = max([len(headers), *(len(r) for r in rows[start:])], default=len(headers))
    headers += [""] * (width - len(headers))
    data, data_lines = [], []
    for row, line in zip(rows[start:], lines[start:], strict=True):
        cells = [None if _blank(c) else c for c in row] + [None] * (width - len(row))
        if any(c is not None for c in cells):
            data.append(cells)
            data_lines.append(line)
    first_data_line = lines[start] if start < len(lines) else 0
    ranges = [
        Merged(r0 + 1, r1 + 1, c0, c1)
        for (r0, c0), (r1, c1) in merged
        if r0 + 1 >= first_data_line and (r1 > r0 or c1 > c0)
    ]
    return Table(sheet, headers, data_lines, data, ranges)


def _csv_text(data: bytes, check: Checker) -> str:
    _, encoding = decode_prefix(data, check)
    if encoding == "gb18030":
        data = gb18030_to_utf8(data, check)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:  # UTF-8 at the start, something else further down
        return gb18030_to_utf8(data, check).decode("utf-8")


def read_csv(name: str, data: bytes, check: Checker) -> list[Table]:
    text = _csv_text(data, check)
    first = text.split("\n", 1)[0]
    separator = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[list[Any]] = []
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            rows.append(list(record))
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise check.refuse("文件格式", f"{name}：第 {start} 行 CSV 格式有误（{exc}）") from None
    table = _table("", rows, lines, [])
    if table is None:
        raise _no_header(name, check)
    return [table]


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return str(value)
    return value


def read_excel(name: str, data: bytes, check: Checker) -> list[Table]:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise check.refuse("文件损坏", f"{name}：无法读取该工作簿（{exc}）") from None
    tables = []
    for meta in book.sheets_metadata:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
            rows = [[_cell(c) for c in r] for r in sheet.to_python(skip_empty_area=False)]
            merged = sheet.merged_cell_ranges or []
        except python_calamine.CalamineError as exc:
            raise check.refuse(
                "文件损坏", f"{name}：无法读取工作表“{meta.name}”（{exc}）"
            ) from None
        table = _table(meta.name, rows, list(range(1, len(rows) + 1)), merged)
        if table is not None:
            tables.append(table)
    if not tables:
        raise _no_header(name, check)
    return tables


def _no_header(name: str, check: Checker):
    return check.refuse(
        "表头",
        f"{name}：前 {HEADER_SEARCH_ROWS} 行中找不到名录的表头"
        "（应有 区县、单位名称、统一社会信用代码 等列）",
    )


def read_tables(name: str, data: bytes, check: Checker) -> list[Table]:
    kind = file_kind(name, data, check, max_bytes=MAX_BYTES)
    if kind == "csv":
        return read_csv(name, data, check)
    return read_excel(name, data, check)
