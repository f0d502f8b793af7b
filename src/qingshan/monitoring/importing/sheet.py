"""Reading an upload into one table of text cells: the header, and the data rows as a Polars
frame of strings (`c0` … `cN`) with `line`, the row number an editor or Excel shows.

CSV goes through Polars' reader (multi-threaded, no Python object per cell); Excel through
python-calamine.  Everything is text here; values and times are parsed, vectorised, later.
Blank rows are dropped wherever they are; a title above the header is skipped (the header is
the first of the first 15 rows that reads as one); a second header row of "浓度 | 标识" under
merged pollutant names is folded in; in Excel, vertically merged key cells (station, time)
apply to every row they span, other merged cells keep their value in the first cell only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl
import python_calamine
from openpyxl.utils import get_column_letter

from .files import decode_prefix, gb18030_to_utf8
from .headers import combine, parse_header
from .problems import Checker

HEADER_SEARCH_ROWS = 15
KEY_ROLES = {"code", "name", "site", "time", "date", "clock"}
Score = Callable[[list[Any]], int]


@dataclass
class Sheet:
    file: str
    headers: list[str]
    frame: pl.DataFrame  # c0 … cN (String), line (Int64); blank rows removed
    by_key: bool = False  # JSON records: columns are named by their keys, not by letters

    def label(self, index: int) -> str:
        return self.headers[index] if self.by_key else get_column_letter(index + 1)


def _find_header(rows: list[list[Any]], score: Score) -> tuple[int, list[str], int] | None:
    """(index of the header row, header texts, number of header rows)."""
    best = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if score(row) >= 2:
            best = i
            break
    if best is None:
        return None
    top = rows[best]
    if best + 1 < len(rows):
        combined = combine(top, rows[best + 1])
        if combined is not None:
            return best, combined, 2
    return best, ["" if c is None else str(c).strip() for c in top], 1


def _frame(columns: list[list[str | None]], lines: list[int], width: int) -> pl.DataFrame:
    data: dict[str, Any] = {f"c{j}": columns[j] for j in range(width)}
    data["line"] = lines
    schema = {f"c{j}": pl.String for j in range(width)} | {"line": pl.Int64}
    return pl.DataFrame(data, schema=schema)


def drop_blank(frame: pl.DataFrame) -> pl.DataFrame:
    cells = [c for c in frame.columns if c != "line"]
    frame = frame.with_columns(pl.col(c).str.strip_chars() for c in cells)
    frame = frame.with_columns(pl.when(pl.col(c) != "").then(pl.col(c)).alias(c) for c in cells)
    if not cells:
        return frame
    return frame.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in cells))


def read_csv(name: str, data: bytes, score: Score, check: Checker) -> Sheet:
    text, encoding = decode_prefix(data, check)
    if encoding == "gb18030":  # Polars reads UTF-8 only
        data = gb18030_to_utf8(data, check)
        text = data[:65536].decode("utf-8", errors="ignore")
    elif data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    separator = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows, ends = [], []
    try:
        for record in reader:
            rows.append(record)
            ends.append(reader.line_num)
            if len(rows) > HEADER_SEARCH_ROWS + 1:
                break
    except csv.Error:
        pass
    found = _find_header(rows, score)
    if found is None:
        raise check.refuse(
            "表头", f"{name}：前 {HEADER_SEARCH_ROWS} 行中找不到表头（如 站点编码、时间、PM2.5）"
        )
    index, headers, depth = found
    skip = ends[index - 1] if index else 0
    try:
        raw = _polars_csv(data, skip, separator)
    except pl.exceptions.PolarsError as exc:
        if "utf-8" not in str(exc) or encoding != "utf-8":
            raise check.refuse("文件格式", f"{name}：CSV 格式有误（{exc}）") from None
        # UTF-8 in its first 64 kB, GBK further down (a file pasted together): read as GB18030
        data = gb18030_to_utf8(data, check)
        raw = _polars_csv(data, skip, separator)
    raw = raw.slice(depth)
    raw = raw.rename({c: f"c{j}" for j, c in enumerate(raw.columns)})
    first_line = ends[index + depth - 1] + 1 if index + depth - 1 < len(ends) else skip + depth + 1
    lines = pl.int_range(first_line, first_line + raw.height, eager=True, dtype=pl.Int64)
    if data.count(b"\n") + (not data.endswith(b"\n")) != first_line - 1 + raw.height:
        lines = pl.Series(_record_lines(data, separator, first_line - 1)[: raw.height])
    headers += [""] * (raw.width - len(headers))
    return Sheet(name, headers[: raw.width], drop_blank(raw.with_columns(line=lines)))


def _polars_csv(data: bytes, skip: int, separator: str) -> pl.DataFrame:
    return pl.read_csv(
        io.BytesIO(data), has_header=False, skip_lines=skip, separator=separator,
        infer_schema=False, truncate_ragged_lines=True, raise_if_empty=False,
    )  # fmt: skip


def _record_lines(data: bytes, separator: str, skip: int) -> list[int]:
    """The first line of each record, when quoted cells hold line breaks (a rare, slow path)."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=separator)
    lines, previous = [], 0
    for _ in reader:
        if previous >= skip:
            lines.append(previous + 1)
        previous = reader.line_num
    return lines


def _cell(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        # Excel keeps times as fractions of a day: 01:00 may come back as 00:59:59.999.
        value = (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        return value.isoformat(sep=" ")
    if isinstance(value, dt.timedelta):  # "24:00" typed into a time cell
        seconds = round(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_excel(name: str, data: bytes, score: Score, check: Checker) -> Sheet:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise check.refuse("文件损坏", f"{name}：无法读取该工作簿（{exc}）") from None
    for meta in book.sheets_metadata:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
            rows = [list(r) for r in sheet.to_python(skip_empty_area=False)]
            merged = sheet.merged_cell_ranges or []
        except python_calamine.CalamineError as exc:
            raise check.refuse(
                "文件损坏", f"{name}：无法读取工作表“{meta.name}”（{exc}）"
            ) from None
        found = _find_header(rows, score)
        if found is not None:
            return _excel_sheet(f"{name}", rows, merged, found)
    raise check.refuse("表头", f"{name}：各工作表前 {HEADER_SEARCH_ROWS} 行中都找不到表头")


def _excel_sheet(name: str, rows: list[list[Any]], merged: list, found) -> Sheet:
    index, headers, depth = found
    width = max([len(headers), *(len(r) for r in rows[index:])])
    keys = {j for j, h in enumerate(headers) if parse_header(h).role in KEY_ROLES}
    start = index + depth
    blank = {i for i, row in enumerate(rows) if not any((_cell(c) or "").strip() for c in row)}
    for (r0, c0), (r1, c1) in merged:
        for j in range(c0, c1 + 1):
            if j in keys and r0 >= start and r0 < len(rows) and j < len(rows[r0]):
                for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
                    if r in blank:  # a blank row inside the merged range stays blank
                        continue
                    rows[r] += [None] * (j + 1 - len(rows[r]))
                    rows[r][j] = rows[r0][j]
    columns: list[list[str | None]] = [[] for _ in range(width)]
    lines = []
    for i in range(start, len(rows)):
        row = rows[i]
        for j in range(width):
            columns[j].append(_cell(row[j]) if j < len(row) else None)
        lines.append(i + 1)
    headers = headers + [""] * (width - len(headers))
    return Sheet(name, headers, drop_blank(_frame(columns, lines, width)))


def sheet_from_records(name: str, records: list[dict[str, Any]]) -> Sheet:
    """JSON records (the API) as a sheet: the keys are the header, record n is row n."""
    keys: dict[str, int] = {}
    for record in records:
        for key in record:
            keys.setdefault(str(key), len(keys))
    columns: list[list[str | None]] = [[] for _ in keys]
    for record in records:
        values = {str(k): v for k, v in record.items()}
        for key, j in keys.items():
            value = values.get(key)
            columns[j].append(None if value is None else _cell(value))
    frame = _frame(columns, list(range(1, len(records) + 1)), len(keys))
    return Sheet(name, list(keys), drop_blank(frame), by_key=True)
