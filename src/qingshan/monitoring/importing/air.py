"""Hourly air data: from a sheet to one checked row per station-hour.

Rules (the decisions, documented in docs/monitoring-import.md):
  * times are the END of the hour, on the hour; a date alone is refused;
  * the same station and hour twice in a file is an error; rows in any order are accepted and
    sorted (the key is station and time, so the order in a file carries no meaning);
  * a negative concentration is an error; "未检出"/"ND"/"<2" is an error for air (automatic
    analysers report a number; a guessed value would bias the means);
  * a value above a plausibility ceiling is stored with the flag "IMP", so the statistics leave
    it out as they do any flagged hour, and the import result counts it;
  * network flags are stored as written ("H", "BB", "MM" …); "N", "正常", "有效" mean valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from qingshan.monitoring.models import AIR_FIELDS, AIR_POLLUTANTS, AirStation
from qingshan.standards._frames import CO_PLAUSIBLE_MAX_MG

from . import sites as site_rules
from .cells import parse_values
from .checks import check_times, report, time_column
from .headers import AIR_NAMES, UNIT_LABELS, UNITS, norm
from .layout import Layout, normalised
from .problems import Checker
from .sheet import Sheet
from .times import parse_times

IMPLAUSIBLE = "IMP"
VALID_FLAGS = frozenset({"", "N", "正常", "有效"})
MAX_FLAG = 20
# Above these an hourly value is a unit or entry error rather than air: the top of HJ 633-2012
# Table 1 for the gases (CO at the standards kernel's own unit check, which would refuse the
# statistics otherwise); for particles, which dust storms push far past the top of the scale,
# an order of magnitude above any hourly value recorded by Chinese city networks.
CEILINGS = {"SO2": 2620.0, "NO2": 3840.0, "CO": CO_PLAUSIBLE_MAX_MG, "O3": 1200.0,
            "PM10": 10000.0, "PM2.5": 2000.0}  # fmt: skip


@dataclass
class AirData:
    frame: pl.DataFrame  # site_id, epoch, line, v_<field> and f_<field> per pollutant present
    present: list[str]  # pollutants the file has
    sites: dict[int, site_rules.Site]
    flagged: int = 0
    ignored: list[str] = field(default_factory=list)


def stations() -> list[site_rules.Site]:
    return [
        site_rules.Site(*row)
        for row in AirStation.objects.values_list("id", "code", "name", "active_from", "active_to")
    ]


def _flags(column: pl.Series | None, height: int) -> pl.Series:
    if column is None:
        return pl.Series([""] * height, dtype=pl.String)
    cleaned = column.str.strip_chars().fill_null("")
    return pl.select(
        pl.when(pl.lit(cleaned).is_in(list(VALID_FLAGS)))
        .then(pl.lit(""))
        .otherwise(pl.lit(cleaned))
    ).to_series()


def check_values(frame: pl.DataFrame, p: str, sheet: Sheet, index: int, check: Checker) -> None:
    """Problems of one pollutant's cells; `frame` has line, raw, value, nd, rule, message."""
    for rule in frame.get_column("rule").drop_nulls().unique().sort().to_list():
        report(check, frame, pl.col("rule") == rule, rule, pl.col("message"), sheet, index)
    report(check, frame, pl.col("nd"), "未检出", pl.lit(
        f"空气自动监测数据没有“未检出”：请填写仪器报出的 {p} 数值，或留空并在标识列注明"
    ), sheet, index)  # fmt: skip
    report(check, frame, pl.col("value") < 0, "负值", pl.lit(f"{p} 浓度不能为负"), sheet, index)


def check_flags(frame: pl.DataFrame, p: str, sheet: Sheet, index: int | None, check: Checker):
    # Flags are written into JSON as they are: no quotes, backslashes or control characters.
    bad = (pl.col("flag").str.len_chars() > MAX_FLAG) | pl.col("flag").str.contains(
        r'["\\\x00-\x1f]'
    )
    message = pl.lit(f"{p} 的标识过长（不超过 {MAX_FLAG} 个字符）或含引号、反斜杠、换行")
    report(check, frame, bad, "标识", message, sheet, index, "flag")


def _wide(sheet: Sheet, layout: Layout, base: pl.DataFrame, check: Checker) -> pl.DataFrame:
    columns = []
    for p in AIR_POLLUTANTS:
        measure = layout.measures.get(p)
        if measure is None:
            continue
        raw = sheet.frame.get_column(f"c{measure.value}")
        parsed = parse_values(raw, UNITS[p], UNIT_LABELS[p]).with_columns(
            raw=raw, line=base.get_column("line")
        )
        check_values(parsed, p, sheet, measure.value, check)
        flag_raw = sheet.frame.get_column(f"c{measure.flag}") if measure.flag is not None else None
        flags = pl.DataFrame({"flag": _flags(flag_raw, base.height), "line": base["line"]})
        check_flags(flags, p, sheet, measure.flag, check)
        field_name = AIR_FIELDS[p]
        columns += [
            parsed["value"].alias(f"v_{field_name}"),
            flags["flag"].alias(f"f_{field_name}"),
        ]
    return base.with_columns(columns)


def _long(sheet: Sheet, layout: Layout, base: pl.DataFrame, check: Checker) -> pl.DataFrame:
    roles = layout.roles
    item_raw = sheet.frame.get_column(f"c{roles['item']}")
    names = item_raw.drop_nulls().unique().to_list()
    known = {n: AIR_NAMES.get(norm(n)) for n in names}
    work = base.with_columns(
        item=item_raw.replace_strict(names, [known[n] for n in names], default=None,
                                     return_dtype=pl.String),
        item_raw=item_raw, raw=sheet.frame.get_column(f"c{roles['value']}"),
        flag=_flags(sheet.frame.get_column(f"c{roles['flag']}") if "flag" in roles else None,
                    base.height),
        unit=sheet.frame.get_column(f"c{roles['unit']}") if "unit" in roles else pl.lit(None),
    )  # fmt: skip
    unknown = pl.col("item").is_null()
    message = pl.lit("不是小时污染物（" + "、".join(AIR_POLLUTANTS) + "）")
    report(check, work, unknown, "项目未知", message, sheet, roles["item"], "item_raw")
    parts = []
    for (p,), part in work.filter(~unknown).partition_by("item", as_dict=True).items():
        parsed = parse_values(part["raw"], UNITS[p], UNIT_LABELS[p])
        part = part.with_columns(parsed.select("value", "nd", "rule", "message"))
        check_values(part, p, sheet, roles["value"], check)
        check_flags(part, p, sheet, roles.get("flag"), check)
        unit = normalised(part["unit"].cast(pl.String))
        wrong = unit.is_not_null() & ~unit.is_in(list(UNITS[p]))
        if layout.value_unit and layout.value_unit not in UNITS[p]:
            wrong = pl.Series([True] * part.height)
        report(check, part.with_columns(bad=wrong), pl.col("bad"), "单位不符",
               pl.lit(f"{p} 的单位应为 {UNIT_LABELS[p]}，不换算"), sheet,
               roles.get("unit", roles["value"]), "unit")  # fmt: skip
        parts.append(part.select("site_id", "epoch", "line", "item", "value", "flag"))
    if not parts:
        return base.head(0)
    rows = pl.concat(parts)
    twice = pl.struct("site_id", "epoch", "item").is_duplicated() & pl.col("site_id").is_not_null()
    report(check, rows.with_columns(raw=pl.col("item")), twice & pl.col("epoch").is_not_null(),
           "重复", pl.lit("同一站点、同一小时、同一污染物出现了不止一次"), sheet, roles["item"])  # fmt: skip
    aggregations = [pl.col("line").min()]
    for p in sorted(set(rows["item"].to_list())):
        this = pl.col("item") == p
        field_name = AIR_FIELDS[p]
        aggregations += [
            pl.col("value").filter(this).first().alias(f"v_{field_name}"),
            pl.col("flag").filter(this).first().alias(f"f_{field_name}"),
        ]
    return rows.group_by("site_id", "epoch").agg(aggregations)


def read_air(sheet: Sheet, layout: Layout, check: Checker) -> AirData:
    registry = {s.id: s for s in stations()}
    site_id = site_rules.resolve(sheet, layout, list(registry.values()), "站点", check)
    time_raw, time_index = time_column(sheet, layout, check)
    parsed = parse_times(time_raw)
    base = pl.DataFrame({"line": sheet.frame["line"], "site_id": site_id}).with_columns(
        parsed, time_raw=time_raw
    )
    check_times(base, sheet, time_index, check, hourly=True)
    site_rules.check_active(
        base.filter(pl.col("epoch").is_not_null()),
        pl.from_epoch(pl.col("epoch") - 3600).dt.replace_time_zone("UTC")
        .dt.convert_time_zone("Asia/Shanghai").dt.date(),
        registry, "站点", check,
    )  # fmt: skip
    base = base.select("line", "site_id", "epoch", "time_raw")
    if layout.long:
        frame = _long(sheet, layout, base.drop("time_raw"), check)
    else:
        if not any(m for m in layout.measures.values() if not m.water):
            raise check.refuse("表头", f"{sheet.file}：找不到空气污染物的列（SO2、PM2.5 ……）")
        frame = _wide(sheet, layout, base, check)
        keys = pl.struct("site_id", "epoch")
        twice = (
            keys.is_duplicated() & pl.col("site_id").is_not_null() & pl.col("epoch").is_not_null()
        )
        marked = frame.with_columns(first=pl.col("line").min().over("site_id", "epoch"))
        message = pl.format("与第 {} 行重复（同一站点、同一小时）", pl.col("first"))
        report(check, marked, twice & (pl.col("line") != pl.col("first")), "重复", message, sheet,
               time_index, "time_raw")  # fmt: skip
        frame = frame.drop("time_raw")
    present = [p for p in AIR_POLLUTANTS if f"v_{AIR_FIELDS[p]}" in frame.columns]
    frame = frame.filter(pl.col("site_id").is_not_null() & pl.col("epoch").is_not_null())
    flagged = 0
    for p in present:
        name = AIR_FIELDS[p]
        high = (pl.col(f"v_{name}") > CEILINGS[p]) & (pl.col(f"f_{name}") == "")
        flagged += frame.select(high.sum()).item()
        frame = frame.with_columns(
            pl.when(high)
            .then(pl.lit(IMPLAUSIBLE))
            .otherwise(pl.col(f"f_{name}"))
            .alias(f"f_{name}")
        )
    return AirData(frame.sort("site_id", "epoch"), present, registry, flagged, layout.ignored)
