"""ECharts pieces shared by the pages: the simulated-data watermark, time-axis labels, the
daily AQI calendar and the line of one measured quantity against its limit."""

from __future__ import annotations

from typing import Any

from qingshan.opendata import SIMULATED_LABEL

from ..models import AirDay
from .colours import GREEN, aqi_levels
from .labels import LABELS

# ECharts time-axis labels per level of detail (a template per level, no functions needed).
TIME_LABELS = {
    "year": "{yyyy}年",
    "month": "{M}月",
    "day": "{M}月{d}日",
    "hour": "{HH}:{mm}",
    "minute": "{HH}:{mm}",
}


def watermark(simulated: bool) -> list[dict]:
    """A label drawn inside a chart, so that a copied chart still says what it shows."""
    if not simulated:
        return []
    return [
        {
            "type": "text",
            "right": 12,
            "top": 4,
            "z": 100,
            "style": {"text": SIMULATED_LABEL, "fill": "#b07d2b", "font": "12px sans-serif"},
        }
    ]


def calendar_chart(days: list[AirDay], year: int, simulated: bool) -> dict:
    """Daily AQI calendar of one year, coloured by HJ 633 level."""
    pieces: list[dict[str, Any]] = []
    for level in aqi_levels():
        piece: dict[str, Any] = {"min": level.low, "color": level.colour}
        if level.high is None:
            piece["label"] = f"{level.category} >{level.low - 1}"
        else:
            piece["max"] = level.high
            piece["label"] = f"{level.category} {level.low}–{level.high}"
        pieces.append(piece)
    pieces.append({"value": -1, "color": "#dfe5e2", "label": "无有效日报"})
    data = []
    for d in days:
        data.append(
            {
                "value": [d.date.isoformat(), d.aqi if d.aqi is not None else -1],
                "category": d.category or "数据不足",
                "primary": "、".join(LABELS.get(p, p) for p in d.primary),
            }
        )
    return {
        "tooltip": {"formatter": "qs:calendar"},
        "visualMap": {
            "type": "piecewise",
            "pieces": pieces,
            "orient": "horizontal",
            "left": "center",
            "bottom": 0,
            "itemWidth": 14,
            "itemHeight": 10,
            "textStyle": {"fontSize": 11},
            "dimension": 1,
        },
        "calendar": {
            "range": str(year),
            "top": 44,
            "left": 36,
            "right": 12,
            "bottom": 44,
            "cellSize": ["auto", "auto"],
            "dayLabel": {"nameMap": "ZH", "firstDay": 1, "fontSize": 10},
            "monthLabel": {"nameMap": "ZH", "fontSize": 11},
            "yearLabel": {"show": False},
            "itemStyle": {"borderColor": "#ffffff", "borderWidth": 1.5, "color": "#f4f6f5"},
            "splitLine": {"lineStyle": {"color": "#8fa79b", "width": 1}},
        },
        "series": [{"type": "heatmap", "coordinateSystem": "calendar", "data": data}],
        "graphic": watermark(simulated),
    }


def line_option(
    name: str, unit: str, points: list, flagged: list, limit: tuple[str, float] | None
) -> dict:
    series: list[dict[str, Any]] = [
        {
            "name": name,
            "type": "line",
            "data": points,
            "showSymbol": False,
            "sampling": "lttb",
            "connectNulls": False,
            "lineStyle": {"width": 1.4, "color": GREEN},
            "itemStyle": {"color": GREEN},
            "areaStyle": {"color": "rgba(31,122,77,0.08)"},
        }
    ]
    if limit:
        series[0]["markLine"] = {
            "symbol": "none",
            "silent": True,
            "lineStyle": {"color": "#d7191c", "type": "dashed"},
            "label": {"formatter": limit[0], "position": "insideEndTop", "color": "#d7191c"},
            "data": [{"yAxis": limit[1]}],
        }
    if flagged:
        series.append(
            {
                "name": "标记无效（不参与统计）",
                "type": "scatter",
                "data": flagged,
                "symbolSize": 5,
                "itemStyle": {"color": "#9a6b2b"},
            }
        )
    return {
        "grid": {"left": 48, "right": 20, "top": 50, "bottom": 56},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 4, "left": 0, "textStyle": {"fontSize": 11}},
        "xAxis": {"type": "time", "axisLabel": {"formatter": TIME_LABELS}},
        "yAxis": {"type": "value", "name": unit, "nameTextStyle": {"align": "right"}},
        "dataZoom": [{"type": "inside"}, {"type": "slider", "height": 18, "bottom": 8}],
        "series": series,
    }
