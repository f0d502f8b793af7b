"""Indicators computed from monitoring statistics, keyed by the indicator's code.

A plan file names an indicator by code; these codes are the ones any city's plan uses for the
figures the monitoring network can produce.  Each computation returns, per year, the value for
the city and, where the data allow, for each district, with the statistic's provenance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from qingshan.monitoring.models import AirPeriodStat, Scope, WaterClass
from qingshan.monitoring.pages.air_statistics import annual_value
from qingshan.monitoring.statistics import water_summary


@dataclass(frozen=True)
class Computed:
    year: int
    value: float
    district_code: str | None  # None: the city
    reference: dict[str, Any]
    edition: str
    partial: bool


def _year_over(year: int, today: dt.date) -> bool:
    return dt.date(year, 12, 31) < today


def _air_annual(pollutant: str, statistic: str) -> Callable[[Iterable[int], dt.date], list]:
    def compute(years: Iterable[int], today: dt.date) -> list[Computed]:
        wanted = [str(y) for y in years]
        out = []
        stats = AirPeriodStat.objects.filter(
            scope__in=[Scope.CITY, Scope.DISTRICT], period__in=wanted
        )
        for stat in stats:
            row = annual_value(stat, pollutant, statistic)
            if row is None or row.value is None:
                continue
            year = int(stat.period)
            out.append(
                Computed(
                    year=year,
                    value=float(row.value),
                    district_code=None if stat.scope == Scope.CITY else stat.code,
                    reference={
                        "kind": "air_year",
                        "scope": stat.scope,
                        "code": stat.code,
                        "period": stat.period,
                        "valid_days": stat.valid_days,
                        "statistic_valid": bool(row.valid),
                    },
                    edition=stat.edition,
                    partial=not _year_over(year, today),
                )
            )
        return out

    return compute


def _water(key: str) -> Callable[[Iterable[int], dt.date], list]:
    def compute(years: Iterable[int], today: dt.date) -> list[Computed]:
        out = []
        for year in years:
            summary = water_summary(str(year))
            value = summary.get(key)
            if value is None or not summary.get("sections"):
                continue
            edition = (
                WaterClass.objects.filter(period=str(year))
                .values_list("edition", flat=True)
                .first()
            )
            out.append(
                Computed(
                    year=year,
                    value=float(value),  # type: ignore[arg-type]
                    district_code=None,
                    reference={
                        "kind": "water_year",
                        "period": str(year),
                        "figure": key,
                        "sections": summary["sections"],
                        "drinking_sources": summary["drinking_sources"],
                    },
                    edition=edition or "",
                    partial=not _year_over(year, today),
                )
            )
        return out

    return compute


COMPUTATIONS: dict[str, tuple[str, Callable[[Iterable[int], dt.date], list[Computed]]]] = {
    "pm25-annual-mean": (
        "PM2.5 年平均浓度（GB 3095 / HJ 663）",
        _air_annual("PM2.5", "annual_mean"),
    ),
    "city-section-compliance-rate": ("市控以上断面达标比例（GB 3838）", _water("meeting_share")),
    "class-v-sections": ("V 类断面数（GB 3838）", _water("class_v")),
    "worse-than-v-water-bodies": ("劣 V 类断面数（GB 3838）", _water("worse_than_v")),
    "drinking-source-quality-rate": ("饮用水水源地达标比例（GB 3838）", _water("drinking_share")),
}


def describe(indicator_code: str) -> str | None:
    entry = COMPUTATIONS.get(indicator_code)
    return entry[0] if entry else None
