"""Where things are in a sheet: header texts → column keys, the header row, vertically merged
key cells, and the data rows below the header (each read by column key)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .cells import blank, cell_text, normal
from .problems import Checker
from .reading import Table

# Accepted header texts (after normalising: NFKC, no spaces) → column key.
MAIN_HEADERS = {
    "序号": "number",
    "任务序号": "number",
    "任务编号": "number",
    "项目名称": "name",
    "任务名称": "name",
    "职责": "role",
    "进展状态": "status",
    "完成比例(%)": "percent",
    "完成比例%": "percent",
    "完成比例": "percent",
    "工作完成情况": "narrative",
    "完成情况": "narrative",
    "存在问题": "problems",
    "下步打算": "next_steps",
    "下一步打算": "next_steps",
    "当前状态": "state",
}
MAIN_REQUIRED = ("number", "status", "percent", "narrative", "problems", "next_steps")
VALUE_HEADERS = {
    "序号": "number",
    "任务序号": "number",
    "项目名称": "name",
    "指标": "indicator",
    "目标": "target",
    "单位": "unit",
    "上期已通过累计值": "previous",
    "本期累计值": "value",
    "指标代码": "code",
}
VALUE_REQUIRED = ("code", "value")
KEY_COLUMNS = ("number", "name")
HEADER_LABELS = {
    "number": "序号",
    "name": "项目名称",
    "status": "进展状态",
    "percent": "完成比例（%）",
    "narrative": "工作完成情况",
    "problems": "存在问题",
    "next_steps": "下步打算",
    "value": "本期累计值",
    "code": "指标代码",
}


@dataclass
class Line:
    """One row of a sheet being validated: reads its cells by column key, reports problems."""

    check: Checker
    sheet: str
    line: int
    columns: dict[str, int]
    raw: list[Any]

    def get(self, key: str) -> Any:
        col = self.columns.get(key)
        return self.raw[col] if col is not None and col < len(self.raw) else None

    def add(self, key: str, rule: str, message: str, value: Any = None) -> None:
        col = self.columns.get(key)
        self.check.add(
            rule,
            message,
            sheet=self.sheet,
            row=self.line,
            col=col + 1 if col is not None else None,
            header=HEADER_LABELS.get(key, ""),
            value=value,
        )

    def parse(self, key: str, parse: Callable[[Any], Any], rule: str = "格式") -> Any:
        """The parsed cell, or None after reporting why it is refused."""
        value = self.get(key)
        try:
            return parse(value)
        except ValueError as exc:
            self.add(key, rule, str(exc), value)
            return None


def find_header(table: Table, known: dict[str, str]) -> tuple[int, dict[str, int]] | None:
    """Find the header row (the first one with 序号 or 指标代码 in the first 10 rows)."""
    for index, row in enumerate(table.rows[:10]):
        columns: dict[str, int] = {}
        for col, value in enumerate(row):
            key = known.get(normal(value)) if not blank(value) else None
            if key and key not in columns:
                columns[key] = col
        if "number" in columns or "code" in columns:
            return index, columns
    return None


def header_text(table: Table | None, col: int) -> str:
    """The header above a column (1-based), for problems found outside the row checks."""
    found = find_header(table, {**MAIN_HEADERS, **VALUE_HEADERS}) if table is not None else None
    if table is None or found is None or col > len(table.rows[found[0]]):
        return ""
    return cell_text(table.rows[found[0]][col - 1])


def _fill_merged_keys(table: Table, columns: dict[str, int]) -> set[tuple[int, int]]:
    """A vertically merged 序号/项目名称 cell applies to every row it spans; return the cells
    filled that way (a row with nothing else in it is still a blank row)."""
    key_cols = {columns[k] for k in KEY_COLUMNS if k in columns}
    filled: set[tuple[int, int]] = set()
    for (r0, c0), (r1, _c1) in table.merged:
        if c0 not in key_cols or r1 <= r0 or r0 >= len(table.rows):
            continue
        top = table.rows[r0][c0] if c0 < len(table.rows[r0]) else None
        for r in range(r0 + 1, min(r1, len(table.rows) - 1) + 1):
            row = table.rows[r]
            if c0 < len(row) and blank(row[c0]):
                row[c0] = top
                filled.add((r, c0))
    return filled


def data_lines(
    table: Table, known: dict[str, str], required: tuple[str, ...], check: Checker
) -> list[Line]:
    """The non-blank rows below the header, or none after reporting a missing header."""
    found = find_header(table, known)
    if found is None:
        wanted = "、".join(f"“{HEADER_LABELS[k]}”" for k in required)
        check.add(
            "表头", f"找不到表头（应有{wanted}等列），请使用系统下载的工作簿", sheet=table.name
        )
        return []
    header_index, columns = found
    missing = [HEADER_LABELS[k] for k in required if k not in columns]
    if missing:
        check.add("表头", "缺少列：" + "、".join(missing), sheet=table.name, row=header_index + 1)
        return []
    merged = _fill_merged_keys(table, columns)
    lines = []
    for index in range(header_index + 1, len(table.rows)):
        raw = table.rows[index]
        if all(blank(v) or (index, c) in merged for c, v in enumerate(raw)):
            continue  # a stray blank row
        lines.append(Line(check, table.name, index + 1, columns, raw))
    return lines
