"""Checks shared by the air and water readers: where the time is, and problems in bulk."""

from __future__ import annotations

import time

import polars as pl

from .layout import Layout
from .problems import Checker
from .sheet import Sheet
from .times import join_date_clock


def time_column(sheet: Sheet, layout: Layout, check: Checker) -> tuple[pl.Series, int]:
    roles = layout.roles
    if "time" in roles and "date" not in roles:
        index = roles["time"]
        return sheet.frame.get_column(f"c{index}"), index
    if "date" in roles:
        clock = roles.get("clock", roles.get("time"))
        dates = sheet.frame.get_column(f"c{roles['date']}")
        if clock is None:
            return dates, roles["date"]
        return join_date_clock(dates, sheet.frame.get_column(f"c{clock}")), roles["date"]
    raise check.refuse("表头", f"{sheet.file}：缺少时间列（时间、监测时间……）")


def report(check: Checker, frame: pl.DataFrame, mask: pl.Expr, rule: str, message: pl.Expr,
           sheet: Sheet, index: int | None, value: str = "raw") -> None:  # fmt: skip
    """Problems for the rows of `frame` matching `mask` (first few materialised)."""
    bad = frame.filter(mask)
    if bad.height == 0:
        return
    first = bad.head(500).select("line", pl.col(value).cast(pl.String), message.alias("m"))
    check.add_rows(
        rule,
        first.iter_rows(),
        count=bad.height,
        column=sheet.label(index) if index is not None else "",
        header=sheet.headers[index] if index is not None else "",
    )


def check_times(
    frame: pl.DataFrame, sheet: Sheet, index: int, check: Checker, *, hourly: bool
) -> None:
    raw = "time_raw"
    report(
        check, frame, pl.col("time_raw").is_null(), "必填", pl.lit("缺少时间"), sheet, index, raw
    )
    report(check, frame, pl.col("problem").is_not_null(), "时间格式", pl.col("problem"), sheet,
           index, raw)  # fmt: skip
    if hourly:
        report(check, frame, pl.col("date_only"), "缺少小时",
               pl.lit("小时数据须写明小时（如 2020-01-01 01:00）"), sheet, index, raw)  # fmt: skip
        off = (pl.col("epoch") % 3600 != 0) & ~pl.col("date_only")
        message = pl.lit("小时数据的时间须为整点（小时末）")
        report(check, frame, off, "非整点", message, sheet, index, raw)
    future = pl.col("epoch") > int(time.time()) + 3600
    report(check, frame, future, "时间超前", pl.lit("时间晚于当前时间"), sheet, index, raw)
