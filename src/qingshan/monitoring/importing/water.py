"""Water samples: from a sheet to one checked row per section, sampling time and item.

Rules (the decisions, documented in docs/monitoring-import.md):
  * items are GB 3838-2002 Table 1 items under the names `standards.water_quality` uses
    (pH, DO, CODMn, NH3-N, TP, TN …), written as codes or in Chinese (溶解氧, 氨氮 …);
  * "未检出"/"ND" and "<0.01"/"0.01L" are stored as below the detection limit, with the limit
    when the cell or a 检出限 column gives it — never as zero; pH and water temperature cannot
    be below detection;
  * negative values are errors (water temperature may go to −2 ℃); pH must lie in 0–14;
  * a date alone is a sample taken that day (stored at 00:00 China time); automatic stations
    give the time (every 4 h);  a 监测方式 column (自动/手工) or the import's `automatic`
    option says which samples come from automatic stations;
  * the same section, time and item twice in a file is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from qingshan.monitoring.models import WaterSection

from . import sites as site_rules
from .cells import parse_values
from .checks import check_times, report, time_column
from .headers import UNIT_LABELS, UNITS, WATER_EXTRAS, WATER_NAMES, norm
from .layout import Layout, normalised
from .problems import Checker
from .sheet import Sheet
from .times import parse_times

MODES = {norm(k): v for k, v in {"自动": True, "自动站": True, "自动监测": True, "auto": True,
         "automatic": True, "手工": False, "人工": False, "手工监测": False,
         "manual": False}.items()}  # fmt: skip
NO_DETECTION_LIMIT = {"pH", "water_temperature"}
LOWEST = {"water_temperature": -2.0}
HIGHEST = {"pH": 14.0}


@dataclass
class WaterData:
    frame: pl.DataFrame  # site_id, epoch, item, value, nd, limit, automatic, line
    sites: dict[int, site_rules.Site]
    ignored: list[str] = field(default_factory=list)
    extras: int = 0  # values of parameters outside GB 3838 (电导率, 浊度 …), not stored


def sections() -> list[site_rules.Site]:
    return [
        site_rules.Site(*row)
        for row in WaterSection.objects.values_list(
            "id", "code", "name", "active_from", "active_to"
        )
    ]


def _check_item(part: pl.DataFrame, item: str, sheet: Sheet, index: int, check: Checker) -> None:
    for rule in part.get_column("rule").drop_nulls().unique().sort().to_list():
        report(check, part, pl.col("rule") == rule, rule, pl.col("message"), sheet, index)
    low, high = LOWEST.get(item, 0.0), HIGHEST.get(item)
    below = pl.col("value") < low
    report(check, part, below, "负值" if low == 0 else "取值范围",
           pl.lit(f"{item} 不能小于 {low:g}"), sheet, index)  # fmt: skip
    if high is not None:
        message = pl.lit(f"{item} 须在 {low:g}–{high:g} 之间")
        report(check, part, pl.col("value") > high, "取值范围", message, sheet, index)
    if item in NO_DETECTION_LIMIT:
        message = pl.lit(f"{item} 没有“未检出”")
        report(check, part, pl.col("nd"), "未检出", message, sheet, index)
    report(check, part, pl.col("limit") < 0, "负值", pl.lit("检出限不能为负"), sheet, index)


def _parse(part: pl.DataFrame, item: str, sheet: Sheet, index: int, check: Checker):
    parsed = parse_values(part["raw"], UNITS[item], UNIT_LABELS[item])
    part = part.with_columns(parsed.select("value", "nd", "limit", "rule", "message"))
    _check_item(part, item, sheet, index, check)
    return part


def _wide(sheet: Sheet, layout: Layout, base: pl.DataFrame, check: Checker) -> list[pl.DataFrame]:
    parts = []
    for item, measure in layout.measures.items():
        if not measure.water:
            continue
        part = base.with_columns(raw=sheet.frame.get_column(f"c{measure.value}"), item=pl.lit(item))
        parts.append(_parse(part, item, sheet, measure.value, check))
    if not parts:
        raise check.refuse("表头", f"{sheet.file}：找不到水质项目的列（溶解氧、氨氮、总磷 ……）")
    return parts


def _long(sheet: Sheet, layout: Layout, base: pl.DataFrame, check: Checker, data: WaterData):
    roles = layout.roles
    names = normalised(sheet.frame.get_column(f"c{roles['item']}"))
    uniques = names.drop_nulls().unique().to_list()
    items = names.replace_strict(uniques, [WATER_NAMES.get(n) for n in uniques], default=None,
                                 return_dtype=pl.String)  # fmt: skip
    work = base.with_columns(
        item=items, item_raw=sheet.frame.get_column(f"c{roles['item']}"),
        extra=names.is_in(list(WATER_EXTRAS)),
        raw=sheet.frame.get_column(f"c{roles['value']}"),
        unit=normalised(sheet.frame.get_column(f"c{roles['unit']}")) if "unit" in roles
        else pl.lit(None, pl.String),
        limit_raw=sheet.frame.get_column(f"c{roles['limit']}") if "limit" in roles
        else pl.lit(None, pl.String),
    )  # fmt: skip
    data.extras = work.select(pl.col("extra").sum()).item()
    unknown = pl.col("item").is_null() & ~pl.col("extra")
    report(check, work, unknown, "项目未知", pl.lit("不是 GB 3838 的项目"), sheet, roles["item"],
           "item_raw")  # fmt: skip
    parts = []
    for (item,), part in (
        work.filter(pl.col("item").is_not_null()).partition_by("item", as_dict=True).items()
    ):
        part = _parse(part, str(item), sheet, roles["value"], check)
        wrong = part["unit"].is_not_null() & ~part["unit"].is_in(list(UNITS[str(item)]))
        if layout.value_unit and layout.value_unit not in UNITS[str(item)]:
            wrong = pl.Series([True] * part.height)
        report(check, part.with_columns(bad=wrong), pl.col("bad"), "单位不符",
               pl.lit(f"{item} 的单位应为 {UNIT_LABELS[str(item)]}，不换算"), sheet,
               roles.get("unit", roles["value"]), "unit")  # fmt: skip
        if "limit" in roles:
            limits = parse_values(part["limit_raw"], UNITS[str(item)], UNIT_LABELS[str(item)])
            limit = limits["value"]
            report(check, part.with_columns(rule=limits["rule"], message=limits["message"],
                   raw=part["limit_raw"]), pl.col("rule").is_not_null(), "数值格式",
                   pl.col("message"), sheet, roles["limit"])  # fmt: skip
            part = part.with_columns(limit=pl.col("limit").fill_null(limit))
        parts.append(part)
    return parts


def _automatic(sheet: Sheet, layout: Layout, default: bool, check: Checker) -> pl.Series:
    if "mode" not in layout.roles:
        return pl.Series([default] * sheet.frame.height, dtype=pl.Boolean)
    index = layout.roles["mode"]
    raw = sheet.frame.get_column(f"c{index}")
    names = normalised(raw)
    uniques = names.drop_nulls().unique().to_list()
    mode = names.replace_strict(uniques, [MODES.get(n) for n in uniques], default=None,
                                return_dtype=pl.Boolean)  # fmt: skip
    frame = pl.DataFrame({"line": sheet.frame["line"], "raw": raw, "mode": mode})
    bad = pl.col("raw").is_not_null() & pl.col("mode").is_null()
    report(check, frame, bad, "监测方式", pl.lit("监测方式须为“自动”或“手工”"), sheet, index)
    return mode.fill_null(default)


def read_water(sheet: Sheet, layout: Layout, check: Checker, *, automatic: bool) -> WaterData:
    registry = {s.id: s for s in sections()}
    site_id = site_rules.resolve(sheet, layout, list(registry.values()), "断面", check)
    time_raw, time_index = time_column(sheet, layout, check)
    base = pl.DataFrame({"line": sheet.frame["line"], "site_id": site_id}).with_columns(
        parse_times(time_raw), time_raw=time_raw
    )
    check_times(base, sheet, time_index, check, hourly=False)
    site_rules.check_active(
        base.filter(pl.col("epoch").is_not_null()),
        pl.from_epoch(pl.col("epoch")).dt.replace_time_zone("UTC")
        .dt.convert_time_zone("Asia/Shanghai").dt.date(),
        registry, "断面", check,
    )  # fmt: skip
    base = base.select("line", "site_id", "epoch").with_columns(
        automatic=_automatic(sheet, layout, automatic, check)
    )
    data = WaterData(pl.DataFrame(), registry, layout.ignored)
    parts = (
        _long(sheet, layout, base, check, data)
        if layout.long
        else _wide(sheet, layout, base, check)
    )
    columns = ["site_id", "epoch", "item", "value", "nd", "limit", "automatic", "line", "raw"]
    frame = pl.concat([p.select(columns) for p in parts]) if parts else pl.DataFrame()
    if frame.height:
        frame = frame.filter(pl.col("site_id").is_not_null() & pl.col("epoch").is_not_null())
        keys = pl.struct("site_id", "epoch", "item")
        marked = frame.with_columns(first=pl.col("line").min().over("site_id", "epoch", "item"))
        message = pl.format("与第 {} 行重复（同一断面、同一时间、同一项目）", pl.col("first"))
        twice = keys.is_duplicated() & (pl.col("line") != pl.col("first"))
        report(check, marked, twice, "重复", message, sheet, time_index, "item")
        # A blank cell is an item not measured in that sample; "—" is a value missing.
        frame = frame.filter(pl.col("raw").is_not_null()).drop("raw")
    data.frame = frame.sort("site_id", "epoch", "item") if frame.height else frame
    return data
