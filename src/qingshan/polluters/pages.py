"""The map options (ECharts, drawn by static/qingshan/polluters.js over the vendored district
shapes) and the rows of the list, built from listings the services selected."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from qingshan.opendata import SIMULATED_LABEL

from .models import Category, Enterprise, Listing

COLOURS = {
    Category.WATER: "#2b7bb9",
    Category.AIR: "#7b5ab6",
    Category.SOIL: "#9c6b30",
    Category.NOISE: "#e08a00",
    Category.RISK: "#d0342c",
}
GEO_NAME = "hangzhou"


def _geo(**extra: Any) -> dict[str, Any]:
    return {
        "map": GEO_NAME,
        "roam": True,
        "scaleLimit": {"min": 0.8, "max": 60},
        "itemStyle": {"areaColor": "#eef4f0", "borderColor": "#9bb5a8", "borderWidth": 1},
        "emphasis": {"itemStyle": {"areaColor": "#dcebe2"}, "label": {"show": True}},
        "label": {"show": True, "color": "#71857a", "fontSize": 10},
        "select": {"disabled": True},
        "top": 36,
        "bottom": 8,
        "left": 8,
        "right": 8,
    } | extra


def _watermark(simulated: bool) -> list[dict]:
    if not simulated:
        return []
    return [
        {
            "type": "text",
            "right": 12,
            "bottom": 6,
            "z": 100,
            "style": {"text": SIMULATED_LABEL, "fill": "#b07d2b", "font": "12px sans-serif"},
        }
    ]


def _point(e: Enterprise, labels: list[str]) -> dict[str, Any]:
    return {
        "name": e.name,
        "value": [float(e.longitude or 0), float(e.latitude or 0)],
        "district": e.district.name,
        "industry": e.industry,
        "categories": "、".join(labels),
        "url": e.get_absolute_url(),
    }


def map_option(
    listings: Iterable[Listing], simulated: bool, only: str = "", urban: bool = False
) -> dict[str, Any]:
    """One scatter series per category (an enterprise on several lists is in each), so the
    legend switches categories on and off; `only` keeps the one category filtered by.  The
    whole city, or (urban) the main urban area enlarged, where most points crowd."""
    series = []
    rows = [item for item in listings if item.enterprise.longitude is not None]
    for cat in Category:
        if only and cat.value != only:
            continue
        data = [_point(i.enterprise, i.category_labels) for i in rows if getattr(i, cat.value)]
        series.append(
            {
                "name": cat.label,
                "type": "scatter",
                "coordinateSystem": "geo",
                "data": data,
                "symbolSize": 11 if urban else 9,
                "itemStyle": {"color": COLOURS[cat], "borderColor": "#ffffff", "borderWidth": 1},
                "emphasis": {"scale": 1.7},
            }
        )
    geo = _geo(center=[120.24, 30.3], zoom=4.2, label={"show": True, "fontSize": 11})
    return {
        "title": {"text": "主城区（放大）" if urban else "全市", "left": 8, "top": 4,
                  "textStyle": {"fontSize": 13}},
        "tooltip": {"trigger": "item", "formatter": "qs:enterprise"},
        # One legend (on the city map) switches both: the page connects the two charts.
        "legend": {"show": not urban, "top": 26, "left": 8, "itemWidth": 12},
        "geo": geo if urban else _geo(top=64),
        "series": series,
        "graphic": _watermark(simulated),
    }  # fmt: skip


def location_option(enterprise: Enterprise, labels: list[str]) -> dict[str, Any] | None:
    if enterprise.longitude is None or enterprise.latitude is None:
        return None
    point = _point(enterprise, labels)
    point.pop("url")
    centre = point["value"]
    return {
        "tooltip": {"trigger": "item", "formatter": "qs:enterprise"},
        "geo": _geo(center=centre, zoom=2.5, top=8),
        "series": [
            {
                "type": "effectScatter",
                "coordinateSystem": "geo",
                "data": [point],
                "symbolSize": 14,
                "itemStyle": {"color": "#d0342c"},
            }
        ],
        "graphic": _watermark(enterprise.is_simulated),
    }


def badges(listing: Listing | None) -> list[tuple[str, str]]:
    """(label, colour) of each category of a listing, for the coloured badges."""
    if listing is None:
        return []
    return [(c.label, COLOURS[c]) for c in Category if getattr(listing, c.value)]
