"""Air stations: the list grouped by district, and one station's page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ..models import AirDay, AirHour, AirPeriodStat, AirStation, Scope
from .air_statistics import StatRow, all_attain, annual_value, month_chart, month_rows, stat_rows
from .charts import calendar_chart
from .colours import aqi_levels
from .daily_aqi import DayChip, day_chip, latest_days
from .labels import LABELS, POLLUTANTS, WINDOWS
from .periods import SHANGHAI, air_years, pick_year
from .station_series import hourly_series

LEVEL_ORDER = {"national": 0, "provincial": 1, "district": 2}


@dataclass
class StationRow:
    station: AirStation
    latest: DayChip | None
    url: str
    pm25: StatRow | None = None
    good_share: float | None = None


@dataclass
class DistrictGroup:
    name: str
    rows: list[StationRow] = field(default_factory=list)


def station_groups(
    level: str | None, district: str | None
) -> tuple[list[DistrictGroup], int | None]:
    """Stations by district (the plan's order), national first, each with its latest daily
    AQI and the PM2.5 mean and good-day share of the latest year evaluated."""
    stations = AirStation.objects.select_related("district")
    if level:
        stations = stations.filter(level=level)
    if district:
        stations = stations.filter(district__code=district)
    stations_list = sorted(
        stations,
        key=lambda s: (s.district_id or 10**9, LEVEL_ORDER.get(s.level, 9), s.code),
    )
    codes = [s.code for s in stations_list]
    latest = latest_days(Scope.STATION, codes)
    years = AirPeriodStat.objects.filter(scope=Scope.STATION, code__in=codes).values_list(
        "period", flat=True
    )
    year = max((int(p) for p in set(years) if len(p) == 4), default=None)
    stats = (
        {
            s.code: s
            for s in AirPeriodStat.objects.filter(
                scope=Scope.STATION, code__in=codes, period=str(year)
            )
        }
        if year
        else {}
    )
    base = reverse("monitoring:station", args=["x"])[:-2]
    groups: dict[str, DistrictGroup] = {}
    for s in stations_list:
        name = s.district.name if s.district else "未指定区、县（市）"
        group = groups.setdefault(name, DistrictGroup(name))
        stat = stats.get(s.code)
        group.rows.append(
            StationRow(
                s,
                day_chip(latest.get(s.code)),
                f"{base}{s.code}/",
                annual_value(stat, "PM2.5", "annual_mean"),
                None if stat is None or stat.good_day_share is None else 100 * stat.good_day_share,
            )
        )
    return list(groups.values()), year


def station_context(
    station: AirStation, year_param: str | None, pollutant: str, window: str
) -> dict[str, Any]:
    years = air_years(Scope.STATION, station.code)
    year = pick_year(years, year_param)
    simulated = station.is_simulated
    latest = latest_days(Scope.STATION, [station.code]).get(station.code)
    context: dict[str, Any] = {
        "station": station,
        "simulated": simulated,
        "years": years,
        "year": year,
        "pollutant": pollutant,
        "window": window,
        "pollutants": [(p, LABELS[p]) for p in POLLUTANTS],
        "windows": [(k, v[0]) for k, v in WINDOWS.items()],
        "latest": day_chip(latest),
        "levels": aqi_levels(),
    }
    has_hours = AirHour.objects.filter(station=station).exists()
    context["has_hours"] = has_hours
    if year is None:
        if has_hours:
            end = AirHour.objects.filter(station=station).aggregate(last=Max("time"))["last"]
            context["series"] = hourly_series(
                station, pollutant, window if window in ("7d", "30d") else "30d",
                timezone.localtime(end, SHANGHAI).year, simulated,
            )  # fmt: skip
        return context
    stat = AirPeriodStat.objects.filter(
        scope=Scope.STATION, code=station.code, period=str(year)
    ).first()
    days = list(
        AirDay.objects.filter(scope=Scope.STATION, code=station.code, date__year=year)
        .order_by("date")
        .only("date", "aqi", "level", "category", "primary")
    )
    rows = stat_rows(stat)
    months = month_rows(Scope.STATION, station.code, year)
    context.update(
        {
            "year_text": str(year),
            "stat": stat,
            "good_share": None
            if stat is None or stat.good_day_share is None
            else 100 * stat.good_day_share,
            "stat_rows": rows,
            "all_attain": all_attain(rows),
            "pm25": annual_value(stat, "PM2.5", "annual_mean"),
            "calendar": calendar_chart(days, year, simulated),
            "day_count": sum(1 for d in days if d.aqi is not None),
            "months": months,
            "month_chart": month_chart(months, simulated),
            "series": hourly_series(station, pollutant, window, year, simulated),
        }
    )
    return context
