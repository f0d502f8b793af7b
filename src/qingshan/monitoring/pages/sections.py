"""One water section's page: its classes over the years and months, its items, and the line of
the item that matters most."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ..models import WaterClass, WaterSample, WaterSection
from .charts import TIME_LABELS, watermark
from .colours import GRADES, WATER_COLOURS, WATER_TEXT, grade_label
from .limits import water_items
from .periods import SHANGHAI, pick_year, year_end
from .section_items import ItemRow, item_rows, target_limit
from .water import exceedances

MAIN_ITEMS = ("CODMn", "NH3-N", "TP", "DO", "COD", "BOD5", "TN")


def timeline_chart(classes: list[WaterClass], target: str, simulated: bool) -> dict:
    labels = [grade_label(g) for g in GRADES]
    months = sorted(c.period for c in classes)
    data = [
        {
            "value": [c.period, grade_label(c.grade)],
            "itemStyle": {"color": WATER_COLOURS.get(c.grade, WATER_COLOURS[""])},
            "exceeding": "、".join(
                f"{e.name}（{e.multiple:g}倍）" for e in exceedances(c.exceeding)
            ),
        }
        for c in sorted(classes, key=lambda c: c.period)
        if c.grade
    ]
    return {
        "grid": {"left": 56, "right": 80, "top": 16, "bottom": 56},
        "tooltip": {"trigger": "item", "formatter": "qs:month"},
        "xAxis": {"type": "category", "data": months, "axisLabel": {"fontSize": 10}},
        "yAxis": {"type": "category", "data": labels, "inverse": True},
        "dataZoom": [{"type": "slider", "height": 16, "bottom": 8}],
        "series": [
            {
                "type": "scatter",
                "symbol": "roundRect",
                "symbolSize": [10, 16],
                "data": data,
                "markLine": {
                    "symbol": "none",
                    "silent": True,
                    "lineStyle": {"color": "#d7191c", "type": "dashed"},
                    "label": {"formatter": f"目标 {grade_label(target)}", "color": "#d7191c"},
                    "data": [{"yAxis": grade_label(target)}],
                },
            }
        ],
        "graphic": watermark(simulated),
    }


def item_chart(
    section: WaterSection, item: str, samples: list[WaterSample], simulated: bool
) -> dict:
    name, unit = water_items().get(item, (item, ""))
    points = [
        [
            timezone.localtime(s.time, SHANGHAI).date().isoformat(),
            (s.detection_limit / 2 if s.detection_limit else None)
            if s.below_detection
            else s.value,
        ]
        for s in samples
    ]
    series: dict[str, Any] = {
        "name": f"{name}（{unit}）",
        "type": "line",
        "data": points,
        "symbolSize": 5,
        "itemStyle": {"color": "#2f6fa3"},
    }
    found = target_limit(section, item)
    if found is not None:
        direction, limit, limits = found
        lines = [limits[0], limits[1]] if direction == "range" else [limit]
        series["markLine"] = {
            "symbol": "none",
            "silent": True,
            "lineStyle": {"color": "#d7191c", "type": "dashed"},
            "label": {
                "formatter": f"{grade_label(section.target_class)}限值 {{c}}",
                "position": "insideEndTop",
                "color": "#d7191c",
            },
            "data": [{"yAxis": v} for v in lines if v is not None],
        }
    return {
        "grid": {"left": 52, "right": 24, "top": 50, "bottom": 56},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 4, "left": 0},
        "xAxis": {"type": "time", "axisLabel": {"formatter": TIME_LABELS}},
        "yAxis": {"type": "value", "name": unit, "scale": True},
        "dataZoom": [{"type": "inside"}, {"type": "slider", "height": 16, "bottom": 8}],
        "series": [series],
        "graphic": watermark(simulated),
    }


def section_context(section: WaterSection, year_param: str | None, item: str | None) -> dict:
    classes = list(WaterClass.objects.filter(section=section))
    annual = sorted((c for c in classes if len(c.period) == 4), key=lambda c: c.period)
    monthly = [c for c in classes if len(c.period) == 7]
    years = [int(c.period) for c in annual]
    year = pick_year(years, year_param)
    simulated = section.is_simulated
    context: dict[str, Any] = {
        "section": section,
        "simulated": simulated,
        "years": years,
        "year": year,
        "target_label": grade_label(section.target_class),
        "target_colour": WATER_COLOURS.get(section.target_class, WATER_COLOURS[""]),
        "target_text": WATER_TEXT.get(section.target_class, "#1d2a24"),
        "colours": [(grade_label(g), WATER_COLOURS[g], WATER_TEXT[g]) for g in GRADES],
        "grade_styles": [(g, grade_label(g), WATER_COLOURS[g], WATER_TEXT[g]) for g in GRADES],
        "main_item_codes": MAIN_ITEMS,
        "year_text": str(year),
        "has_samples": WaterSample.objects.filter(section=section).exists(),
    }
    context["annual"] = [
        {
            "period": c.period,
            "grade": grade_label(c.grade),
            "colour": WATER_COLOURS.get(c.grade, WATER_COLOURS[""]),
            "text": WATER_TEXT.get(c.grade, "#1d2a24"),
            "compliant": c.compliant,
            "exceeding": exceedances(c.exceeding),
            "samples": c.samples,
            "current": c.period == str(year),
        }
        for c in annual
    ]
    if monthly:
        context["timeline"] = timeline_chart(monthly, section.target_class, simulated)
    if year is None:
        return context
    start = dt.datetime(year, 1, 1, tzinfo=SHANGHAI)
    samples = list(
        WaterSample.objects.filter(section=section, time__gte=start, time__lt=year_end(year))
        .order_by("time")
        .only("item", "time", "value", "below_detection", "detection_limit")
    )
    rows = item_rows(section, samples)
    available = [r.item for r in rows if r.item in MAIN_ITEMS]
    if item not in {r.item for r in rows}:
        item = _worst_item(section, rows) or (available[0] if available else None)
    context.update({"items": rows, "item": item, "main_items": _item_choices(rows)})
    if item:
        series = list(
            WaterSample.objects.filter(section=section, item=item)
            .order_by("time")
            .only("time", "value", "below_detection", "detection_limit")
        )
        context["item_chart"] = item_chart(section, item, series, simulated)
        context["item_name"] = water_items().get(item, (item, ""))[0]
    return context


def _item_choices(rows: list[ItemRow]) -> list[tuple[str, str]]:
    present = {r.item: r.name for r in rows}
    return [(i, present[i]) for i in MAIN_ITEMS if i in present]


def _worst_item(section: WaterSection, rows: list[ItemRow]) -> str | None:
    """The main item whose annual mean sits closest to (or furthest past) its target limit."""
    best, worst = None, -1.0
    for r in rows:
        if r.item not in MAIN_ITEMS or r.mean is None:
            continue
        found = target_limit(section, r.item)
        if found is None or found[1] is None:
            continue
        direction, limit, _ = found
        assert limit is not None
        ratio = limit / r.mean if direction == "ge" and r.mean else r.mean / limit
        if ratio > worst:
            best, worst = r.item, ratio
    return best
