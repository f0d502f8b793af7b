"""City air: the years against the plan's PM2.5 targets, the city's statistics and calendar,
and the districts compared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qingshan.plans.models import Org, Target

from ..models import AirDay, AirPeriodStat, AirStation, Scope
from ..statistics import CITY
from .air_statistics import StatRow, all_attain, annual_value, stat_rows
from .charts import calendar_chart, watermark
from .colours import aqi_levels
from .daily_aqi import day_chip, latest_days
from .periods import air_years, pick_year
from .plan import PLAN_TARGETS_AIR, district_orgs, meets, plan_targets


@dataclass
class YearRow:
    year: int
    pm25: StatRow | None
    target: Target | None
    target_met: bool | None
    good_share: float | None
    good_days: int
    valid_days: int
    o3: StatRow | None


@dataclass
class DistrictRow:
    org: Org
    pm25: StatRow | None
    good_share: float | None
    valid_days: int
    stations: int


def city_context(year_param: str | None) -> dict[str, Any]:
    years = air_years(Scope.CITY, CITY)
    year = pick_year(years, year_param)
    simulated = AirStation.objects.filter(is_simulated=True).exists()
    targets = plan_targets(PLAN_TARGETS_AIR)
    by_year = {t.deadline.year: t for t in targets.values()}
    context: dict[str, Any] = {
        "years": years,
        "year": year,
        "simulated": simulated,
        "targets": sorted(targets.values(), key=lambda t: t.deadline),
        "levels": aqi_levels(),
        "station_count": AirStation.objects.count(),
        "national_count": AirStation.objects.filter(level=AirStation.Level.NATIONAL).count(),
    }
    if year is None:
        return context
    stats = {
        int(s.period): s
        for s in AirPeriodStat.objects.filter(
            scope=Scope.CITY, code=CITY, period__in=map(str, years)
        )
    }
    year_rows = []
    for y in years:
        s = stats[y]
        pm25 = annual_value(s, "PM2.5", "annual_mean")
        target = by_year.get(y)
        year_rows.append(
            YearRow(
                y,
                pm25,
                target,
                meets(target, pm25.value if pm25 and pm25.valid else None),
                None if s.good_day_share is None else 100 * s.good_day_share,
                s.good_days,
                s.valid_days,
                annual_value(s, "O3_8h", "p90"),
            )
        )
    days = list(
        AirDay.objects.filter(scope=Scope.CITY, code=CITY, date__year=year)
        .order_by("date")
        .only("date", "aqi", "level", "category", "primary")
    )
    districts = district_rows(year)
    city_stat = stats[year]
    rows = stat_rows(city_stat)
    context.update(
        {
            "year_text": str(year),
            "year_rows": year_rows,
            "year_chart": year_chart(year_rows, targets, simulated),
            "calendar": calendar_chart(days, year, simulated),
            "latest": day_chip(latest_days(Scope.CITY, [CITY]).get(CITY)),
            "stat": city_stat,
            "stat_rows": rows,
            "all_attain": all_attain(rows),
            "district_rows": districts,
            "district_chart": district_chart(districts, year_rows, year, simulated),
        }
    )
    return context


def district_rows(year: int) -> list[DistrictRow]:
    stats = {
        s.code: s for s in AirPeriodStat.objects.filter(scope=Scope.DISTRICT, period=str(year))
    }
    counts: dict[int, int] = {}
    for district_id in AirStation.objects.values_list("district_id", flat=True):
        if district_id:
            counts[district_id] = counts.get(district_id, 0) + 1
    rows = []
    for org in district_orgs():
        s = stats.get(org.code)
        if s is None:
            continue
        rows.append(
            DistrictRow(
                org,
                annual_value(s, "PM2.5", "annual_mean"),
                None if s.good_day_share is None else 100 * s.good_day_share,
                s.valid_days,
                counts.get(org.pk, 0),
            )
        )
    return rows


def year_chart(rows: list[YearRow], targets: dict[str, Target], simulated: bool) -> dict:
    by_year = {t.deadline.year: float(t.value) for t in targets.values()}
    return {
        "grid": {"left": 48, "right": 48, "top": 56, "bottom": 28},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 4, "left": 0, "textStyle": {"fontSize": 11}},
        "xAxis": {"type": "category", "data": [f"{r.year}年" for r in rows]},
        "yAxis": [
            {"type": "value", "name": "µg/m³", "min": 0},
            {"type": "value", "name": "%", "min": 0, "max": 100, "splitLine": {"show": False}},
        ],
        "series": [
            {
                "name": "PM₂.₅ 年均浓度",
                "type": "bar",
                "barMaxWidth": 40,
                "data": [r.pm25.value if r.pm25 else None for r in rows],
                "itemStyle": {"color": "#5a9d78"},
                "label": {"show": True, "position": "top"},
            },
            {
                "name": "方案目标（PM₂.₅）",
                "type": "scatter",
                "symbol": "rect",
                "symbolSize": [44, 3],
                "data": [by_year.get(r.year) for r in rows],
                "itemStyle": {"color": "#d7191c"},
                "label": {
                    "show": True,
                    "position": "right",
                    "formatter": "≤{c}",
                    "color": "#d7191c",
                },
            },
            {
                "name": "优良天数比例（%）",
                "type": "line",
                "yAxisIndex": 1,
                "data": [None if r.good_share is None else round(r.good_share, 1) for r in rows],
                "itemStyle": {"color": "#2f6fa3"},
            },
        ],
        "graphic": watermark(simulated),
    }


def district_chart(
    rows: list[DistrictRow], year_rows: list[YearRow], year: int, simulated: bool
) -> dict:
    measured = [(r.pm25.value, r) for r in rows if r.pm25 and r.pm25.value is not None]
    ordered = [r for _, r in sorted(measured, key=lambda pair: pair[0])]
    city = next((r.pm25.value for r in year_rows if r.year == year and r.pm25), None)
    series: dict[str, Any] = {
        "name": "PM₂.₅ 年均浓度",
        "type": "bar",
        "data": [r.pm25.value if r.pm25 else None for r in ordered],
        "itemStyle": {"color": "#5a9d78"},
        "label": {"show": True, "position": "right"},
        "barMaxWidth": 16,
    }
    if city is not None:
        series["markLine"] = {
            "symbol": "none",
            "data": [{"xAxis": city, "name": "全市"}],
            "label": {"formatter": "全市 {c}", "color": "#1d2a24"},
            "lineStyle": {"color": "#1d2a24", "type": "dashed"},
        }
    return {
        "grid": {"left": 8, "right": 48, "top": 28, "bottom": 24, "containLabel": True},
        "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
        "xAxis": {"type": "value", "name": "µg/m³"},
        "yAxis": {
            "type": "category",
            "data": [_short_district(r.org.name) for r in ordered],
            "axisLabel": {"fontSize": 11},
        },
        "series": [series],
        "graphic": watermark(simulated),
    }


def _short_district(name: str) -> str:
    return name.split("（")[0].replace("杭州", "")
