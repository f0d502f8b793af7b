"""Stored air statistics as rows: a period's statistics against GB 3095-2012 Grade II, and a
year's months (good-day share and PM2.5) with their chart."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import AirPeriodStat
from .charts import watermark
from .labels import LABELS, NAMES, STAT_ORDER, STATISTICS, unit_of


@dataclass
class StatRow:
    pollutant: str
    label: str
    name: str
    statistic: str
    value: float | None
    unit: str
    limit_II: float | None
    attains: bool | None
    n_days: int
    valid: bool


def stat_rows(stat: AirPeriodStat | None) -> list[StatRow]:
    if stat is None:
        return []
    order = {p: i for i, p in enumerate(STAT_ORDER)}
    rows = []
    for r in stat.statistics:
        rows.append(
            StatRow(
                pollutant=r["pollutant"],
                label=LABELS.get(r["pollutant"], r["pollutant"]),
                name=NAMES.get(r["pollutant"], ""),
                statistic=STATISTICS.get(r["statistic"], r["statistic"]),
                value=r.get("value"),
                unit=r.get("unit") or unit_of(r["pollutant"]),
                limit_II=r.get("limit_II"),
                attains=r.get("attains_II") if r.get("valid") else None,
                n_days=r.get("n_days") or 0,
                valid=bool(r.get("valid")),
            )
        )
    rows.sort(key=lambda row: (order.get(row.pollutant, 99), row.statistic != "年平均"))
    return rows


def annual_value(stat: AirPeriodStat | None, pollutant: str, statistic: str) -> StatRow | None:
    for row in stat_rows(stat):
        if row.pollutant == pollutant and row.statistic == STATISTICS[statistic]:
            return row
    return None


def all_attain(rows: list[StatRow]) -> bool | None:
    """The verdict of the annual evaluation (standards.air_quality._attainment): any valid
    statistic over the Grade II limit fails it; otherwise a statistic without enough data
    leaves it open (None); otherwise it attains."""
    if any(r.valid and r.attains is False for r in rows):
        return False
    if not rows or any(not r.valid or r.attains is None for r in rows):
        return None
    return True


@dataclass
class MonthRow:
    month: int
    valid_days: int
    good_days: int
    share: float | None
    pm25: float | None


def month_rows(scope: str, code: str, year: int) -> list[MonthRow]:
    stats = AirPeriodStat.objects.filter(scope=scope, code=code, period__startswith=f"{year}-")
    by_month = {int(s.period[5:]): s for s in stats}
    rows = []
    for month in range(1, 13):
        s = by_month.get(month)
        pm25 = None
        if s is not None:
            pm25 = next(
                (r["value"] for r in s.statistics if r["pollutant"] == "PM2.5" and r["valid"]),
                None,
            )
        rows.append(
            MonthRow(
                month,
                s.valid_days if s else 0,
                s.good_days if s else 0,
                None if s is None or s.good_day_share is None else 100 * s.good_day_share,
                pm25,
            )
        )
    return rows


def month_chart(rows: list[MonthRow], simulated: bool) -> dict:
    return {
        "grid": {"left": 44, "right": 44, "top": 50, "bottom": 28},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 4, "left": 0, "textStyle": {"fontSize": 11}},
        "xAxis": {"type": "category", "data": [f"{r.month}月" for r in rows]},
        "yAxis": [
            {"type": "value", "name": "%", "min": 0, "max": 100},
            {"type": "value", "name": "µg/m³", "splitLine": {"show": False}},
        ],
        "series": [
            {
                "name": "优良天数比例（%）",
                "type": "bar",
                "data": [None if r.share is None else round(r.share, 1) for r in rows],
                "itemStyle": {"color": "#7cc08a"},
                "barMaxWidth": 28,
                "label": {"show": True, "position": "top", "fontSize": 10},
            },
            {
                "name": "PM₂.₅ 月均值",
                "type": "line",
                "yAxisIndex": 1,
                "data": [r.pm25 for r in rows],
                "itemStyle": {"color": "#b07d2b"},
            },
        ],
        "graphic": watermark(simulated),
    }
