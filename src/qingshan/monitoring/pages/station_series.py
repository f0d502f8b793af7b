"""The line of one pollutant at one station: hourly values over 7 or 30 days, or daily values
over a year or all years."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from ..models import AIR_FIELDS, AirDay, AirHour, AirStation, Scope
from .charts import line_option, watermark
from .labels import LABELS, WINDOWS, unit_of
from .limits import air_limits
from .periods import local_text, year_end


@dataclass
class SeriesInfo:
    option: dict
    label: str
    points: int
    start: str = ""
    end: str = ""
    note: str = ""


def hourly_series(
    station: AirStation, pollutant: str, window: str, year: int, simulated: bool
) -> SeriesInfo:
    """The line of one pollutant: hourly values over 7 or 30 days (gaps kept, flagged values
    drawn apart), or daily values over a year or all years (never tens of thousands of
    hourly points)."""
    label, days = WINDOWS[window]
    if days is None:
        return _daily_series(station, pollutant, window, year, simulated)
    column = AIR_FIELDS[pollutant]
    end = AirHour.objects.filter(station=station, time__lte=year_end(year)).aggregate(
        last=Max("time")
    )["last"]
    if end is None:
        return SeriesInfo({}, label, 0)
    start = end - dt.timedelta(days=days)
    rows = AirHour.objects.filter(station=station, time__gt=start, time__lte=end).values_list(
        "time", column, "flags"
    )
    by_time = {t: (v, (flags or {}).get(pollutant)) for t, v, flags in rows}
    points, flagged = [], []
    moment = start + dt.timedelta(hours=1)
    while moment <= end:
        value, flag = by_time.get(moment, (None, None))
        text = local_text(moment)
        if flag and value is not None:
            flagged.append([text, value])
            points.append([text, None])
        else:
            points.append([text, value])
        moment += dt.timedelta(hours=1)
    hour_limit = air_limits().get((pollutant, "1h"))
    limit = ("1小时平均二级限值", hour_limit[1]) if hour_limit else None
    option = line_option(f"{LABELS[pollutant]} 小时值", unit_of(pollutant), points, flagged, limit)
    option["graphic"] = watermark(simulated)
    return SeriesInfo(
        option,
        label,
        len(points),
        local_text(start + dt.timedelta(hours=1)),
        local_text(end),
        "时间为小时末（北京时间）；断开处为缺测。",
    )


def _daily_series(
    station: AirStation, pollutant: str, window: str, year: int, simulated: bool
) -> SeriesInfo:
    label, _ = WINDOWS[window]
    key = "O3_8h" if pollutant == "O3" else pollutant
    days = AirDay.objects.filter(scope=Scope.STATION, code=station.code)
    if window == "year":
        days = days.filter(date__year=year)
    rows = list(days.order_by("date").values_list("date", "values"))
    if not rows:
        return SeriesInfo({}, label, 0)
    by_date = {d: (values or {}).get(key) for d, values in rows}
    points = []
    day, last = rows[0][0], rows[-1][0]
    while day <= last:
        value = by_date.get(day)
        points.append([day.isoformat(), None if value is None else round(value, 2)])
        day += dt.timedelta(days=1)
    averaging = "8h" if key == "O3_8h" else "24h"
    day_limit = air_limits().get((pollutant, averaging))
    limit_name = "日最大8小时平均二级限值" if key == "O3_8h" else "24小时平均二级限值"
    limit = (limit_name, day_limit[1]) if day_limit else None
    name = f"{LABELS[key]} 日均值" if key != "O3_8h" else f"{LABELS[key]} 日最大8小时均值"
    option = line_option(name, unit_of(pollutant), points, [], limit)
    option["graphic"] = watermark(simulated)
    return SeriesInfo(
        option,
        label,
        len(points),
        rows[0][0].isoformat(),
        rows[-1][0].isoformat(),
        "按 GB 3095-2012 有效性规定计算的日均值；空白处为数据不足的日子。",
    )
