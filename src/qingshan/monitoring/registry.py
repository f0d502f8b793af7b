"""The registry of air stations and water sections, imported from a spreadsheet (xlsx, xls,
CSV) and upserted by code: a new code creates, a known one updates what differs, an equal row
changes nothing.  Nothing is deleted: a station that closes gets its 停用日期.

Columns (any order; see docs/monitoring-import.md for every accepted header):
  stations: 站点编码, 站点名称, 级别 (国控/省控/区县控), 所在区县, 经度, 纬度, 启用日期 [, 停用日期]
  sections: 断面编码, 断面名称, [所在水体,] 水体类型 (河流/湖库), 级别 (国控/省控/市控/区县控),
            水质目标 (I–V), 所在区县, [交接断面, 饮用水水源地, 保护区,] 经度, 纬度, 启用日期 [, 停用日期]
A district is written as its Chinese name (西湖区, or the unit's full name, an alias or its
code) and resolved among the district-level units of the default plan's region.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.db import transaction

from qingshan.numbers import parse_decimal
from qingshan.plans.models import Org
from qingshan.plans.services import default_plan

from .importing.headers import norm
from .importing.layout import Layout
from .importing.problems import Checker
from .importing.progress import Progress
from .importing.saving import Origin, record_batch
from .importing.sheet import Sheet
from .models import AirStation, ImportBatch, WaterSection

LEVELS = {
    "stations": {"国控": "national", "国家": "national", "national": "national", "省控": "provincial",
                 "省级": "provincial", "provincial": "provincial", "区县控": "district",
                 "区控": "district", "县控": "district", "district": "district"},
    "sections": {"国控": "national", "national": "national", "省控": "provincial",
                 "provincial": "provincial", "市控": "city", "city": "city", "区县控": "district",
                 "区控": "district", "县控": "district", "district": "district"},
}  # fmt: skip
BODIES = {"河流": "river", "河": "river", "江": "river", "river": "river", "湖库": "lake",
          "湖泊": "lake", "湖": "lake", "水库": "lake", "库": "lake", "lake": "lake",
          "reservoir": "lake"}  # fmt: skip
CLASSES = {"i": "I", "ii": "II", "iii": "III", "iv": "IV", "v": "V", "1": "I", "2": "II",
           "3": "III", "4": "IV", "5": "V", "一": "I", "二": "II", "三": "III", "四": "IV",
           "五": "V"}  # fmt: skip
YES = {"是", "y", "yes", "true", "1", "√", "✓"}
NO = {"否", "n", "no", "false", "0", "×", "✗", "-", "—"}
DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ t]0{1,2}:00(?::00)?)?$")
REQUIRED = {
    "stations": ("code", "name", "level", "latitude", "longitude", "active_from"),
    "sections": ("code", "name", "body", "level", "target", "latitude", "longitude", "active_from"),
}
LABELS = {"code": "编码", "name": "名称", "level": "级别", "latitude": "纬度", "longitude": "经度",
          "active_from": "启用日期", "active_to": "停用日期", "district": "所在区县",
          "body": "水体类型", "target": "水质目标", "water": "所在水体", "cross": "交接断面",
          "source": "饮用水水源地", "zone": "保护区"}  # fmt: skip


def _text(value: str | None) -> str:
    return unicodedata.normalize("NFKC", value or "").strip()


def _choice(table: dict[str, str], what: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        key = norm(value).removesuffix("类") if what == "水质目标" else norm(value)
        key = {"Ⅰ": "i", "Ⅱ": "ii", "Ⅲ": "iii", "Ⅳ": "iv", "Ⅴ": "v"}.get(key, key)
        if key not in table:
            raise ValueError(f"{what}须为{'、'.join(dict.fromkeys(table))}之一")
        return table[key]

    return parse


def _date(value: str) -> dt.date:
    match = DATE.match(norm(value)) or re.match(r"^(\d{4})(\d{2})(\d{2})$", norm(value))
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise ValueError("须为日期（如 2019-01-01）")


def _coordinate(low: float, high: float) -> Callable[[str], float]:
    def parse(value: str) -> float:
        number = float(parse_decimal(_text(value).removesuffix("°")))
        if not low <= number <= high:
            raise ValueError(f"须为十进制度数，在 {low:g}–{high:g} 之间（中国境内）")
        return number

    return parse


def _flag(value: str) -> bool:
    key = norm(value)
    if key in YES or key in NO:
        return key in YES
    raise ValueError("须为“是”或“否”")


def _districts() -> dict[str, Org]:
    plan = default_plan()
    region = plan.region if plan is not None else "杭州市"
    found: dict[str, Org] = {}
    for org in Org.objects.filter(region=region, kind=Org.Kind.DISTRICT):
        for name in (org.code, org.name, org.full_name, *(org.aliases or [])):
            if name:
                found.setdefault(norm(name), org)
    return found


def _parsers(kind: str) -> dict[str, Callable[[str], Any]]:
    parsers: dict[str, Callable[[str], Any]] = {
        "code": _text, "name": _text, "level": _choice(LEVELS[kind], "级别"),
        "latitude": _coordinate(3.0, 54.0), "longitude": _coordinate(73.0, 136.0),
        "active_from": _date, "active_to": _date,
    }  # fmt: skip
    if kind == "sections":
        parsers |= {"water": _text, "body": _choice(BODIES, "水体类型"),
                    "target": _choice(CLASSES, "水质目标"), "cross": _flag, "source": _flag,
                    "zone": _text}  # fmt: skip
    return parsers


BLANK: dict[str, Any] = {"active_to": None, "water": "", "cross": False, "source": False,
                         "zone": ""}  # fmt: skip
FIELD_OF = {"body": "water_body", "target": "target_class", "cross": "is_cross_boundary",
            "source": "is_drinking_source", "zone": "protection_zone"}  # fmt: skip


def _rows(sheet: Sheet, layout: Layout, kind: str, check: Checker) -> list[dict[str, Any]]:
    missing = [LABELS[r] for r in REQUIRED[kind] if r not in layout.roles]
    if missing:
        raise check.refuse("表头", f"{sheet.file}：缺少列 {'、'.join(missing)}")
    parsers, districts = _parsers(kind), _districts()
    seen: dict[str, int] = {}
    rows = []
    for record in sheet.frame.iter_rows(named=True):
        line, values, ok = record["line"], {}, True
        for role, parse in parsers.items():
            if role not in layout.roles:
                continue
            index = layout.roles[role]
            raw = record[f"c{index}"]
            where = {"row": line, "column": sheet.label(index), "header": sheet.headers[index]}
            if raw is None:
                if role in REQUIRED[kind]:
                    check.add("必填", f"缺少{LABELS[role]}", **where)
                    ok = False
                else:  # a blank optional cell says "none": it clears what was stored
                    values[FIELD_OF.get(role, role)] = BLANK[role]
                continue
            try:
                values[FIELD_OF.get(role, role)] = parse(raw)
            except ValueError as exc:
                check.add("取值", str(exc), value=raw, **where)
                ok = False
        if "district" in layout.roles:
            values["district"] = None
        if "district" in layout.roles and record[f"c{layout.roles['district']}"] is not None:
            index = layout.roles["district"]
            raw = record[f"c{index}"]
            org = districts.get(norm(raw))
            if org is None:
                check.add("区县未知", f"“{raw}”不是本市的区、县（市）", row=line,
                          column=sheet.label(index), header=sheet.headers[index], value=raw)  # fmt: skip
                ok = False
            values["district"] = org
        code = values.get("code")
        if code and code in seen:
            check.add("重复", f"编码“{code}”在第 {seen[code]} 行已出现", row=line, value=code)
            ok = False
        elif code:
            seen[code] = line
        if values.get("protection_zone") and not values.get("is_drinking_source"):
            check.add(
                "保护区", "只有饮用水水源地有保护区", row=line, value=values["protection_zone"]
            )
            ok = False
        if (
            values.get("active_to")
            and values.get("active_from")
            and values["active_to"] < values["active_from"]
        ):
            check.add("停用日期", "停用日期早于启用日期", row=line, value=str(values["active_to"]))
            ok = False
        if ok:
            rows.append(values)
    return rows


def import_registry(
    sheet: Sheet, layout: Layout, kind: str, origin: Origin, check: Checker, progress: Progress
) -> ImportBatch:
    """Upsert the stations or sections of a sheet by code — all rows, or none and raise."""
    model: type[AirStation] | type[WaterSection] = (
        AirStation if kind == "stations" else WaterSection
    )
    progress.stage("校验数据", sheet.frame.height)
    rows = _rows(sheet, layout, kind, check)
    if not rows and not check.problems:
        check.add("无数据", "表头下没有数据行")
    check.raise_if_any()
    progress.stage("写入数据库", len(rows))
    created = updated = 0
    with transaction.atomic():
        existing = {o.code: o for o in model.objects.select_for_update().filter(
            code__in=[r["code"] for r in rows])}  # fmt: skip
        for values in rows:
            current = existing.get(values["code"])
            if current is None:
                model.objects.create(**values)
                created += 1
            elif any(getattr(current, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                current.save()
                updated += 1
            progress.advance(1)
        batch = record_batch(kind, origin, created, updated, len(rows) - created - updated)
    return batch
