"""Importing a year's 重点排污单位名录 from CSV, xlsx or xls: the whole file is checked, then
written in one transaction or not at all.  Used by the command, the upload page and tests."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from qingshan.monitoring.importing.problems import Checker, ImportRefused, Problem

from ..districts import DistrictNames
from ..models import CoordinateSystem
from .reading import MAX_BYTES, read_tables
from .rules import parse_tables
from .saving import save_entries

__all__ = ["MAX_BYTES", "ImportRefused", "ImportResult", "Problem", "import_list", "year_problem"]
FIRST_YEAR = 2000


@dataclass
class ImportResult:
    file_name: str
    year: int
    rows: int
    created: int
    updated: int
    unchanged: int
    removed: int
    ignored: list[str]
    sheets: list[str]
    event_id: int | None


def year_problem(year: int) -> str | None:
    last = dt.date.today().year + 1
    if not FIRST_YEAR <= year <= last:
        return f"名录年份应在 {FIRST_YEAR}–{last} 之间，这里是 {year}"
    return None


def import_list(
    name: str,
    data: bytes,
    *,
    year: int,
    user: Any = None,
    label: str = "",
    crs: str = CoordinateSystem.WGS84,
    replace: bool = False,
    publish: bool = True,
) -> ImportResult:
    """Check and store one list file; raises ImportRefused (nothing stored) on any problem."""
    check = Checker(name)
    why = year_problem(year)
    if why:
        raise check.refuse("名录年份", why)
    if crs not in CoordinateSystem.values:
        raise check.refuse("坐标系", f"坐标系应为 {'、'.join(CoordinateSystem.values)}")
    tables = read_tables(name, data, check)
    parsed = parse_tables(name, tables, year, check, DistrictNames())
    if not parsed.entries and not check.problems:
        check.add("无数据", "文件中没有任何单位（表头下面是空的）")
    check.raise_if_any()
    outcome = save_entries(
        parsed.entries,
        year=year,
        crs=crs,
        replace=replace,
        publish=publish,
        audit={
            "user": user,
            "label": label,
            "file": name,
            "sha256": hashlib.sha256(data).hexdigest(),
        },
    )
    return ImportResult(
        file_name=name,
        year=year,
        rows=len(parsed.entries),
        created=len(outcome.created),
        updated=len(outcome.updated),
        unchanged=outcome.unchanged,
        removed=len(outcome.removed),
        ignored=parsed.ignored,
        sheets=parsed.sheets,
        event_id=outcome.event_id,
    )
