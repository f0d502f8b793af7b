"""Which registered station or section each row is for, and whether it was active then.

Rows are matched by code; a file without a code column is matched by name, which must then be
unique in the registry.  An unknown code, or a date before a station's `active_from` or after
its `active_to`, is an error reported once per station (with its first row and a count), not
once for each of its 8,760 hours.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

import polars as pl

from .layout import Layout
from .problems import Checker
from .sheet import Sheet


@dataclass(frozen=True)
class Site:
    id: int
    code: str
    name: str
    active_from: dt.date
    active_to: dt.date | None


def _clean(column: pl.Series) -> pl.Series:
    values = column.unique().drop_nulls().to_list()
    cleaned = [unicodedata.normalize("NFKC", v).strip() for v in values]
    return column.replace_strict(values, cleaned, default=None, return_dtype=pl.String)


def resolve(
    sheet: Sheet, layout: Layout, sites: list[Site], what: str, check: Checker
) -> pl.Series:
    """The site id of each row (null where unknown, after reporting it)."""
    role = next((r for r in ("code", "site", "name") if r in layout.roles), None)
    if role is None:
        raise check.refuse("表头", f"{sheet.file}：缺少{what}列（如 {what}编码 或 {what}名称）")
    index = layout.roles[role]
    column = _clean(sheet.frame.get_column(f"c{index}"))
    by_code = {s.code: s.id for s in sites}
    names: dict[str, list[int]] = {}
    for s in sites:
        names.setdefault(s.name, []).append(s.id)
    mapping: dict[str, int] = {}
    found = pl.DataFrame({"key": column, "line": sheet.frame.get_column("line")})
    groups = found.group_by("key").agg(pl.col("line").min(), pl.len().alias("n")).sort("line")
    for key, line, count in groups.iter_rows():
        if key is None:
            check.add_rows(
                "必填",
                [(line, "", f"缺少{what}")],
                count=count,
                column=sheet.label(index),
                header=sheet.headers[index],
            )
            continue
        if role != "name" and key in by_code:
            mapping[key] = by_code[key]
            continue
        ids = names.get(key, []) if role != "code" else []
        if len(ids) == 1:
            mapping[key] = ids[0]
            continue
        message = (
            f"有 {len(ids)} 个{what}叫“{key}”，请改用{what}编码"
            if ids
            else f"未登记的{what}“{key}”（共 {count} 行）；请先在{what}名录中登记"
        )
        check.add("未登记" if not ids else "名称重复", message, row=line,
                  column=sheet.label(index), header=sheet.headers[index], value=key)  # fmt: skip
    return column.replace_strict(list(mapping), list(mapping.values()), default=None,
                                 return_dtype=pl.Int64)  # fmt: skip


def check_active(
    frame: pl.DataFrame, day: pl.Expr, sites: dict[int, Site], what: str, check: Checker
) -> None:
    """Refuse rows dated outside their site's active period (one problem per site and side)."""
    known = frame.filter(pl.col("site_id").is_not_null()).with_columns(day=day)
    spans = known.group_by("site_id").agg(
        pl.col("day").min().alias("first"), pl.col("day").max().alias("last")
    )
    for site_id, first, last in spans.iter_rows():
        site = sites[site_id]
        for bad, rule, message in (
            (first < site.active_from, "早于启用",
             f"{what}“{site.code}”于 {site.active_from} 启用，此前没有数据"),
            (site.active_to is not None and last > site.active_to, "晚于停用",
             f"{what}“{site.code}”已于 {site.active_to} 停用，此后没有数据"),
        ):  # fmt: skip
            if not bad:
                continue
            if rule == "早于启用":
                outside = pl.col("day") < site.active_from
            else:
                outside = pl.col("day") > site.active_to
            rows = known.filter((pl.col("site_id") == site_id) & outside).sort("line")
            check.add_rows(
                rule,
                [(line, str(d), f"{message}（共 {rows.height} 行）") for line, d in
                 rows.select("line", "day").head(1).iter_rows()],
                count=1,
            )  # fmt: skip
