"""Water sections: each section's class for a year, the map, the figures against the plan's
targets, and the water page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from qingshan.plans.models import Target

from ..models import WaterClass, WaterSection
from ..statistics import water_summary
from .charts import watermark
from .colours import GRADES, WATER_COLOURS, WATER_TEXT, grade_label
from .limits import water_items
from .periods import pick_year, water_years
from .plan import PLAN_TARGETS_WATER, meets, plan_targets


@dataclass
class Exceedance:
    item: str
    name: str
    multiple: float


@dataclass
class SectionRow:
    section: WaterSection
    grade: str
    grade_label: str
    colour: str
    text: str
    compliant: bool | None
    exceeding: list[Exceedance]
    samples: int
    url: str
    target: str


def exceedances(items: list[dict]) -> list[Exceedance]:
    names = water_items()
    return [
        Exceedance(e["item"], names.get(e["item"], (e["item"], ""))[0], e["multiple"])
        for e in sorted(items, key=lambda e: -e.get("multiple", 0))
    ]


def section_rows(year: int | None) -> list[SectionRow]:
    sections = WaterSection.objects.select_related("district").order_by("id")
    classes = (
        {c.section_id: c for c in WaterClass.objects.filter(period=str(year))}
        if year is not None
        else {}
    )
    base = reverse("monitoring:section", args=["x"])[:-2]
    rows = []
    for s in sections:
        c = classes.get(s.pk)
        grade = c.grade if c else ""
        rows.append(
            SectionRow(
                s,
                grade,
                grade_label(grade),
                WATER_COLOURS.get(grade, WATER_COLOURS[""]),
                WATER_TEXT.get(grade, "#1d2a24"),
                c.compliant if c else None,
                exceedances(c.exceeding) if c else [],
                c.samples if c else 0,
                f"{base}{s.code}/",
                grade_label(s.target_class),
            )
        )
    return rows


def water_map(rows: list[SectionRow], simulated: bool, urban: bool = False) -> dict:
    """Sections as points on the district map, coloured by class: the whole city, or (urban)
    the main urban area enlarged.  The map ("hangzhou") is registered by the page's script
    from the vendored GeoJSON."""
    geo: dict[str, Any] = {
        "map": "hangzhou",
        "roam": True,
        "scaleLimit": {"min": 0.8, "max": 40},
        "itemStyle": {"areaColor": "#eef4f0", "borderColor": "#9bb5a8", "borderWidth": 1},
        "emphasis": {"itemStyle": {"areaColor": "#dcebe2"}, "label": {"show": True}},
        "label": {"show": True, "color": "#71857a", "fontSize": 10},
        "select": {"disabled": True},
        "top": 36,
        "bottom": 8,
        "left": 8,
        "right": 8,
    }
    if urban:
        geo |= {"center": [120.21, 30.27], "zoom": 5.2, "label": {"show": True, "fontSize": 11}}
    series = []
    for grade in (*GRADES, ""):
        data = [
            {
                "name": r.section.name,
                "value": [r.section.longitude, r.section.latitude],
                "code": r.section.code,
                "water": r.section.water,
                "grade": r.grade_label,
                "target": r.target,
                "compliant": r.compliant,
                "url": r.url,
            }
            for r in rows
            if r.grade == grade
        ]
        if data:
            series.append(
                {
                    "name": grade_label(grade),
                    "type": "scatter",
                    "coordinateSystem": "geo",
                    "data": data,
                    "symbolSize": 12 if urban else 10,
                    "itemStyle": {
                        "color": WATER_COLOURS[grade],
                        "borderColor": "#ffffff",
                        "borderWidth": 1,
                    },
                    "emphasis": {"scale": 1.6},
                }
            )
    title = "主城区（放大）" if urban else "全市"
    return {
        "title": {"text": title, "left": 8, "top": 4, "textStyle": {"fontSize": 13}},
        "tooltip": {"trigger": "item", "formatter": "qs:section"},
        # One legend (on the city map) toggles both maps: the page connects them.
        "legend": {"show": not urban, "top": 6, "left": "center", "itemWidth": 12},
        "geo": geo,
        "series": series,
        "graphic": watermark(simulated),
    }


def grade_counts(rows: list[SectionRow]) -> list[tuple[str, str, str, int]]:
    counts = {g: 0 for g in (*GRADES, "")}
    for r in rows:
        counts[r.grade if r.grade in counts else ""] += 1
    return [
        (grade_label(g), WATER_COLOURS[g], WATER_TEXT[g], n)
        for g, n in counts.items()
        if n or g != ""
    ]


@dataclass
class WaterFigure:
    label: str
    value: str
    target: Target | None
    met: bool | None
    note: str = ""


def water_figures(summary: dict[str, Any], targets: dict[str, Target]) -> list[WaterFigure]:
    def pct(v: float | None) -> str:
        return "—" if v is None else f"{v:.1f}%"

    share = summary.get("meeting_share")
    drinking = summary.get("drinking_share")
    t_share = targets.get("city-sections-2020")
    t_v = targets.get("class-v-sections-2020")
    t_worse = targets.get("worse-than-v-2020")
    t_drink = targets.get("drinking-water-quality-2022")
    return [
        WaterFigure(
            "市控以上断面水质达标率",
            pct(share),
            t_share,
            meets(t_share, share),
            f"{summary.get('sections', 0)} 个市控以上断面",
        ),
        WaterFigure("Ⅴ类水质断面", f"{summary['class_v']} 个", t_v, meets(t_v, summary["class_v"])),
        WaterFigure(
            "劣Ⅴ类水质断面",
            f"{summary['worse_than_v']} 个",
            t_worse,
            meets(t_worse, summary["worse_than_v"]),
        ),
        WaterFigure(
            "饮用水水源地水质达标率",
            pct(drinking),
            t_drink,
            meets(t_drink, drinking),
            f"{summary.get('drinking_sources', 0)} 个水源地断面",
        ),
    ]


def water_context(year_param: str | None) -> dict[str, Any]:
    years = water_years()
    year = pick_year(years, year_param)
    rows = section_rows(year)
    simulated = any(r.section.is_simulated for r in rows)
    context: dict[str, Any] = {
        "years": years,
        "year": year,
        "year_text": str(year),
        "rows": rows,
        "simulated": simulated,
        "colours": [(grade_label(g), WATER_COLOURS[g], WATER_TEXT[g]) for g in GRADES],
    }
    if year is not None:
        targets = plan_targets(PLAN_TARGETS_WATER)
        context.update(
            {
                "figures": water_figures(water_summary(str(year)), targets),
                "map": water_map(rows, simulated),
                "map_urban": water_map(rows, simulated, urban=True),
                "grade_counts": grade_counts(rows),
            }
        )
    elif rows:
        context["map"] = water_map(rows, simulated)
        context["map_urban"] = water_map(rows, simulated, urban=True)
    return context
