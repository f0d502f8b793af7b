"""What a header cell means: a key column (station, time, …), a pollutant or GB 3838 item (with
its unit, if the header states one), the flag column of a pollutant, or nothing we know.

Headers are compared after NFKC (full-width letters and brackets, µ → μ, m³ → m3), case
folding and removing spaces, so "PM2.5（μg/m³）", "pm2.5(ug/m3)" and "ＰＭ２.５" are the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from qingshan.monitoring.models import AIR_POLLUTANTS


def norm(text: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).casefold()


def _aliases(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {norm(alias): key for key, aliases in table.items() for alias in (key, *aliases)}


AIR_NAMES = _aliases(
    {
        "SO2": ("二氧化硫",),
        "NO2": ("二氧化氮",),
        "CO": ("一氧化碳",),
        "O3": ("臭氧", "O3_1h", "O3-1h", "O3(1h)", "臭氧1小时", "臭氧(1小时)"),
        "PM10": ("可吸入颗粒物", "PM₁₀"),
        "PM2.5": ("PM25", "PM2_5", "细颗粒物", "PM₂.₅"),
    }
)
WATER_NAMES = _aliases(
    {
        "pH": ("pH值",),
        "DO": ("溶解氧",),
        "CODMn": ("高锰酸盐指数", "COD_Mn", "CODMN", "高锰酸钾指数"),
        "COD": ("化学需氧量", "CODCr", "COD_Cr"),
        "BOD5": ("五日生化需氧量", "生化需氧量", "BOD₅"),
        "NH3-N": ("氨氮", "NH3N", "NH3_N", "NH₃-N"),
        "TP": ("总磷",),
        "TN": ("总氮",),
        "Cu": ("铜",),
        "Zn": ("锌",),
        "F": ("氟化物", "氟化物(以F-计)"),
        "Se": ("硒",),
        "As": ("砷",),
        "Hg": ("汞",),
        "Cd": ("镉",),
        "Cr6+": ("六价铬", "Cr(VI)", "Cr(Ⅵ)", "铬(六价)"),
        "Pb": ("铅",),
        "CN": ("氰化物",),
        "volatile_phenol": ("挥发酚",),
        "petroleum": ("石油类",),
        "LAS": ("阴离子表面活性剂",),
        "sulfide": ("硫化物",),
        "fecal_coliform": ("粪大肠菌群",),
        "water_temperature": ("水温",),
    }
)
# Parameters automatic water stations report beside the GB 3838 items: not stored, not an error.
WATER_EXTRAS = {norm(x) for x in ("电导率", "浊度", "叶绿素a", "藻密度", "透明度", "水位", "流量")}

MICROGRAM = frozenset({"μg/m3", "ug/m3", "微克/立方米", "微克每立方米"})
MILLIGRAM = frozenset({"mg/m3", "毫克/立方米", "毫克每立方米"})
MG_PER_L = frozenset({"mg/l", "毫克/升"})
UNITS: dict[str, frozenset[str]] = {p: MICROGRAM for p in AIR_POLLUTANTS} | {"CO": MILLIGRAM}
UNITS |= {item: MG_PER_L for item in set(WATER_NAMES.values())}
UNITS |= {
    "pH": frozenset({"无量纲", "无单位"}),
    "fecal_coliform": frozenset({"个/l", "mpn/l"}),
    "water_temperature": frozenset({"°c", "摄氏度"}),
}
UNIT_LABELS = {p: "μg/m³" for p in AIR_POLLUTANTS} | {"CO": "mg/m³"}
UNIT_LABELS |= {i: "mg/L" for i in set(WATER_NAMES.values())}
UNIT_LABELS |= {"pH": "无量纲", "fecal_coliform": "个/L", "water_temperature": "℃"}
ALL_UNITS = frozenset().union(*UNITS.values())

ROLES: dict[str, set[str]] = {
    "code": {"站点编码", "站点代码", "站点编号", "站号", "站码", "测点编码", "监测点编码", "点位编码",
             "点位代码", "断面编码", "断面代码", "断面编号", "编码", "代码", "code", "stationcode",
             "station_code", "sectioncode", "section_code"},
    "name": {"站点名称", "监测点名称", "监测点位", "点位名称", "测点名称", "断面名称", "监测断面",
             "名称", "stationname", "station_name", "sectionname", "section_name", "name"},
    "site": {"站点", "监测点", "点位", "测点", "断面", "station", "section", "site"},
    "time": {"时间", "监测时间", "数据时间", "日期时间", "时间点", "采样时间", "监测日期时间",
             "采样日期时间", "time", "datetime", "date_time", "timepoint"},
    "date": {"日期", "监测日期", "采样日期", "date"},
    "clock": {"小时", "时刻", "时段", "hour", "采样时刻"},
    "item": {"污染物", "监测项目", "项目", "因子", "监测因子", "指标", "监测指标", "参数",
             "污染物名称", "项目名称", "pollutant", "item", "parameter"},
    "value": {"浓度", "数值", "监测值", "值", "结果", "监测结果", "浓度值", "value",
              "concentration", "result"},
    "flag": {"标识", "标志", "标记", "数据标识", "数据标记", "标识位", "flag"},
    "unit": {"单位", "计量单位", "unit"},
    "limit": {"检出限", "检出下限", "detectionlimit", "detection_limit"},
    "mode": {"监测方式", "采样方式", "方式", "mode"},
    # the registry of stations and sections
    "latitude": {"纬度", "latitude", "lat"},
    "longitude": {"经度", "longitude", "lon", "lng"},
    "level": {"级别", "站点级别", "断面级别", "控制级别", "level"},
    "district": {"所在区县", "所在区、县(市)", "所在区县(市)", "区县", "区、县(市)", "区县(市)",
                 "所属区县", "行政区", "所在行政区", "district"},
    "active_from": {"启用日期", "建站日期", "投运日期", "开始日期", "active_from"},
    "active_to": {"停用日期", "撤销日期", "结束日期", "active_to"},
    "water": {"所在水体", "水体", "水体名称", "河流", "河流名称", "所在河流", "water"},
    "body": {"水体类型", "断面类型", "类型", "water_body"},
    "target": {"水质目标", "目标水质", "水质目标类别", "目标类别", "target_class"},
    "cross": {"交接断面", "跨界断面", "跨行政区域交接断面", "是否交接断面", "cross_boundary"},
    "source": {"饮用水水源地", "饮用水源地", "水源地", "是否饮用水水源地", "drinking_source"},
    "zone": {"保护区", "所在保护区", "保护区级别", "protection_zone"},
}  # fmt: skip
SECTION_ROLES = {"water", "body", "target", "cross", "source", "zone"}
ROLE_OF = {norm(h): role for role, names in ROLES.items() for h in names}
WATER_HINTS = ("断面", "section")
SUB_HEADERS = {norm(h): h for h in ("浓度", "数值", "值", "监测值", "小时值")}
FLAG_SUFFIX = re.compile(r"^(.+?)[_\-]?(?:标识|标志|标记|flag)$")
BRACKETS = re.compile(r"^(.*?)[(\[](.*)[)\]]$")


@dataclass(frozen=True)
class Header:
    text: str
    role: str = ""  # a key role (ROLES), "measure" (a pollutant or item), "flag", or "" unknown
    item: str = ""  # the pollutant or item a measure or flag column is for
    water: bool = False  # the item is a GB 3838 one (else an air pollutant)
    unit: str | None = None  # the unit written in the header, normalised; None if none


def _item(name: str) -> tuple[str, bool] | None:
    name = name.removesuffix("浓度").removeprefix("浓度")
    if name in AIR_NAMES:
        return AIR_NAMES[name], False
    if name in WATER_NAMES:
        return WATER_NAMES[name], True
    return None


def _measure(n: str) -> tuple[str, bool, str | None] | None:
    """(item, water, unit) of a header like "PM2.5(μg/m3)", "氨氮mg/L" or "可吸入颗粒物(PM10)"."""
    found = _item(n)
    if found:
        return (*found, None)
    match = BRACKETS.match(n)
    if match:
        name, inner = match[1], match[2]
        found = _item(name)
        if found:
            return (*found, inner)
        found = _item(inner)
        if found and (name in AIR_NAMES or name in WATER_NAMES or not _item(name)):
            return (*found, None)
    for unit in sorted(ALL_UNITS, key=len, reverse=True):
        if n.endswith(unit) and _item(n[: -len(unit)]):
            found = _item(n[: -len(unit)])
            assert found is not None
            return (*found, unit)
    return None


def parse_header(text: Any) -> Header:
    raw = "" if text is None else str(text).strip()
    n = norm(raw)
    if not n:
        return Header(raw)
    bare = BRACKETS.sub(r"\1", n)  # "时间(北京时间)" is a time column
    role = ROLE_OF.get(n) or ROLE_OF.get(bare)
    if role:
        unit = BRACKETS.match(n)
        return Header(raw, role, unit=unit[2] if unit and role == "value" else None)
    measure = _measure(n)
    if measure:
        return Header(raw, "measure", measure[0], measure[1], measure[2])
    flag = FLAG_SUFFIX.match(n)
    if flag:
        measure = _measure(flag[1])
        if measure:
            return Header(raw, "flag", measure[0], measure[1])
    return Header(raw)


def combine(top: list[Any], sub: list[Any]) -> list[str] | None:
    """Two header rows as one ("SO2" merged over "浓度 | 标识" → "SO2", "SO2标识"), or None when
    the second row is not a row of sub-headers."""
    subs = [norm(s) if s is not None else "" for s in sub]
    if not any(subs) or any(s and s not in SUB_HEADERS and ROLE_OF.get(s) != "flag" for s in subs):
        return None
    names, current = [], ""
    for j in range(max(len(top), len(sub))):
        head = str(top[j]).strip() if j < len(top) and top[j] not in (None, "") else ""
        current = head or current  # a merged cell keeps its text in its first column only
        s = subs[j] if j < len(subs) else ""
        if not s:
            names.append(head)
        elif ROLE_OF.get(s) == "flag":
            names.append(f"{current}标识")
        else:
            names.append(current)
    return names


def header_score(cells: list[Any]) -> int:
    """How many cells of a row read as headers we know (to find the header row)."""
    return sum(1 for c in cells if c not in (None, "") and parse_header(c).role)
