"""Local time and the years a page can show: those with stored annual statistics."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from ..models import AirPeriodStat, WaterClass

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local_text(moment: dt.datetime) -> str:
    return timezone.localtime(moment, SHANGHAI).strftime("%Y-%m-%d %H:%M")


def year_end(year: int) -> dt.datetime:
    return dt.datetime(year + 1, 1, 1, 0, tzinfo=SHANGHAI)


def air_years(scope: str, code: str) -> list[int]:
    periods = AirPeriodStat.objects.filter(scope=scope, code=code).values_list("period", flat=True)
    return sorted({int(p) for p in periods if len(p) == 4})


def water_years() -> list[int]:
    periods = WaterClass.objects.values_list("period", flat=True).distinct()
    return sorted({int(p) for p in periods if len(p) == 4})


def pick_year(years: list[int], wanted: str | None) -> int | None:
    if not years:
        return None
    try:
        year = int(wanted or "")
    except ValueError:
        return years[-1]
    return year if year in years else years[-1]
