"""Which column is what, and which kind of file this is.

WIDE (the networks' exports): one row per station and time, one column per pollutant or item,
optionally each followed by its flag column ("SO2标识", "SO2_Flag", or a bare "标识" right after
the value column).  LONG: one row per value — station, time, pollutant/item, value
[, flag, unit, detection limit].  The kind (air, water, stations, sections) is read from the
header: coordinates without a time are the registry; pollutant columns are air, GB 3838 items
water; in a LONG file the names in the item column decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from .headers import (
    AIR_NAMES,
    SECTION_ROLES,
    UNIT_LABELS,
    UNITS,
    WATER_HINTS,
    WATER_NAMES,
    norm,
    parse_header,
)
from .problems import Checker
from .sheet import Sheet

KINDS = ("air", "water", "stations", "sections")
KIND_LABELS = {
    "air": "空气小时数据",
    "water": "水质数据",
    "stations": "空气站点",
    "sections": "水质断面",
}


@dataclass
class Measure:
    item: str
    water: bool
    value: int  # column index
    flag: int | None = None
    unit: str | None = None  # the unit the header states, normalised


@dataclass
class Layout:
    roles: dict[str, int] = field(default_factory=dict)  # key role → column index
    measures: dict[str, Measure] = field(default_factory=dict)  # item → its columns
    ignored: list[str] = field(default_factory=list)  # header texts not understood
    value_unit: str | None = None  # a unit in the LONG layout's value header ("浓度(mg/L)")

    @property
    def long(self) -> bool:
        return "item" in self.roles and "value" in self.roles


def build_layout(sheet: Sheet, check: Checker) -> Layout:
    layout = Layout()
    last_measure: Measure | None = None
    pending_flags: list[tuple[str, int]] = []
    for j, text in enumerate(sheet.headers):
        header = parse_header(text)
        label = sheet.label(j)
        if header.role == "measure":
            if header.item in layout.measures:
                check.add("表头", f"“{header.item}”有两列", column=label, header=text)
                continue
            if header.unit and header.unit not in UNITS[header.item]:
                message = (
                    f"表头中的单位“{header.unit}”不是 {header.item} 的单位"
                    f"（{UNIT_LABELS[header.item]}），不换算，请改正表头或数据"
                )
                check.add("单位不符", message, column=label, header=text, value=text)
            last_measure = Measure(header.item, header.water, j, unit=header.unit)
            layout.measures[header.item] = last_measure
        elif header.role == "flag" and header.item:
            pending_flags.append((header.item, j))
        elif header.role == "flag" and last_measure is not None and "item" not in layout.roles:
            if last_measure.flag is None and last_measure.value == j - 1:
                last_measure.flag = j
            else:
                layout.ignored.append(text)
        elif header.role and header.role not in layout.roles:
            layout.roles[header.role] = j
            if header.role == "value":
                layout.value_unit = header.unit
        elif text:
            layout.ignored.append(text)
    for item, j in pending_flags:
        if item in layout.measures and layout.measures[item].flag is None:
            layout.measures[item].flag = j
        else:
            layout.ignored.append(sheet.headers[j])
    if layout.long and layout.measures:
        check.add("表头", "同一文件不能既有“污染物/项目”列又有各污染物的列，请只用一种格式")
    return layout


def _item_names(sheet: Sheet, layout: Layout) -> tuple[set[str], set[str]]:
    column = sheet.frame.get_column(f"c{layout.roles['item']}").drop_nulls().unique()
    names = {norm(n) for n in column.to_list()}
    return {AIR_NAMES[n] for n in names if n in AIR_NAMES}, {
        WATER_NAMES[n] for n in names if n in WATER_NAMES
    }


def detect_kind(sheet: Sheet, layout: Layout, check: Checker) -> str:
    roles = layout.roles
    has_time = bool({"time", "date"} & roles.keys())
    if not has_time and {"latitude", "longitude"} & roles.keys():
        code_header = sheet.headers[roles["code"]] if "code" in roles else ""
        if SECTION_ROLES & roles.keys() or any(h in norm(code_header) for h in WATER_HINTS):
            return "sections"
        return "stations"
    if not has_time:
        raise check.refuse("表头", f"{sheet.file}：缺少时间列（时间、监测时间、采样时间……）")
    if layout.long:
        air, water = _item_names(sheet, layout)
    else:
        air = {m.item for m in layout.measures.values() if not m.water}
        water = {m.item for m in layout.measures.values() if m.water}
    if air and water:
        raise check.refuse(
            "表头", f"{sheet.file}：同时有空气污染物（{'、'.join(sorted(air))}）和水质项目"
            f"（{'、'.join(sorted(water))}），请分成两个文件"
        )  # fmt: skip
    if air:
        return "air"
    if water:
        return "water"
    raise check.refuse(
        "表头", f"{sheet.file}：找不到污染物或监测项目的列（如 SO2、PM2.5、溶解氧、氨氮）"
    )


SUMMARY_LABELS = [norm(x) for x in ("平均值", "均值", "平均", "最大值", "最小值", "合计", "总计",
                                     "统计", "样本数", "有效数据", "超标率", "达标率")]  # fmt: skip


def drop_summaries(sheet: Sheet, layout: Layout) -> int:
    """Remove the statistics rows exports add at the bottom (平均值, 最大值 …): no time, and a
    summary label in a station or first column.  Returns how many were removed."""
    times = [f"c{layout.roles[r]}" for r in ("time", "date") if r in layout.roles]
    labels = [f"c{layout.roles[r]}" for r in ("code", "site", "name") if r in layout.roles]
    if not times:
        return 0
    frame = sheet.frame
    labels = labels + [c for c in frame.columns[:1] if c not in labels and c != "line"]
    labelled = pl.any_horizontal(
        pl.col(c).str.replace_all(r"\s", "").is_in(SUMMARY_LABELS) for c in labels
    )
    summary = pl.all_horizontal(pl.col(c).is_null() for c in times) & labelled
    count = frame.select(summary.sum()).item() if labels else 0
    if count:
        sheet.frame = frame.filter(~summary)
    return count


def normalised(column: pl.Series) -> pl.Series:
    """`norm` of every cell, computed once per distinct text."""
    values = column.drop_nulls().unique().to_list()
    return column.replace_strict(values, [norm(v) for v in values], default=None,
                                 return_dtype=pl.String)  # fmt: skip
