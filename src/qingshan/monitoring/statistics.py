"""Daily, monthly and annual statistics from the stored data, through `qingshan.standards`.

Air: per station, per district (its stations) and for the city (its national stations, as the
city's official figures are computed), HJ 633 daily AQI and GB 3095 / HJ 663 evaluations.
Water: each section's monthly and annual class under GB 3838, its exceeding items and
compliance with its target class.  Results replace the stored statistics of the scopes and
periods recomputed, in one transaction per scope.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import polars as pl
from django.db import connection, transaction
from django.db.models import Q

from qingshan.standards import air_quality, water_quality

from .models import (
    AIR_FIELDS,
    AirDay,
    AirHour,
    AirPeriodStat,
    AirStation,
    Scope,
    WaterClass,
    WaterSample,
    WaterSection,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
FLAG_PATTERN = r'"{}":\s*"[^"]+"'  # a non-empty flag for one pollutant in the flags JSON
CITY = "city"


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    # Hour-end timestamps: the year's hours run from 01:00 on 1 January to 24:00 on 31 December.
    start = dt.datetime(year, 1, 1, 1, tzinfo=SHANGHAI)
    end = dt.datetime(year + 1, 1, 1, 0, tzinfo=SHANGHAI)
    return start, end


def hourly_frame(stations: Iterable[AirStation], year: int) -> pl.DataFrame:
    """The long hourly frame the standards take; a flagged value counts as missing.

    Read with one SQL query and shaped in Polars: the ORM would build a Python object per
    value, several times slower than the statistics themselves for 200 stations.
    """
    start, end = _year_bounds(year)
    codes = {s.pk: s.code for s in stations}
    if not codes:
        return _empty_hourly()
    fields = list(AIR_FIELDS.values())
    table = AirHour._meta.db_table
    placeholders = ", ".join(["%s"] * len(codes))
    sql = (
        f"SELECT station_id, time, {', '.join(fields)}, CAST(flags AS TEXT) FROM {table} "
        f"WHERE station_id IN ({placeholders}) AND time >= %s AND time <= %s"
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [*codes, adapt(start), adapt(end)])
        rows = cursor.fetchall()
    if not rows:
        return _empty_hourly()
    wide = pl.DataFrame(
        rows,
        schema=["station_id", "time", *fields, "flags"],
        orient="row",
        infer_schema_length=None,
    )
    time_col = pl.col("time")
    if wide.schema["time"] == pl.String:  # SQLite keeps UTC times as text
        time_col = time_col.str.to_datetime(time_zone="UTC", time_unit="us")
    else:
        time_col = time_col.dt.convert_time_zone("UTC").dt.cast_time_unit("us")
    flags = pl.col("flags").fill_null("")
    blanked = [
        # A non-empty flag for the pollutant ({"PM2.5": "H"}) makes its value missing.
        pl.when(flags.str.contains(FLAG_PATTERN.format(re.escape(pollutant))))
        .then(None)
        .otherwise(pl.col(field).cast(pl.Float64))
        .alias(pollutant)
        for pollutant, field in AIR_FIELDS.items()
    ]
    station_codes = pl.DataFrame(
        {"station_id": list(codes), "station": list(codes.values())},
        schema={"station_id": wide.schema["station_id"], "station": pl.String},
    )
    return (
        wide.with_columns(time_col, *blanked)
        .join(station_codes, on="station_id")
        .select("station", "time", *AIR_FIELDS)
        .unpivot(index=["station", "time"], variable_name="pollutant", value_name="value")
        .drop_nulls("value")
        .with_columns(pl.col("time").dt.convert_time_zone("Asia/Shanghai"))
    )


def _empty_hourly() -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            "station": pl.String,
            "time": pl.Datetime("us", "Asia/Shanghai"),
            "pollutant": pl.String,
            "value": pl.Float64,
        }
    )


def _store_days(scope: str, daily: pl.DataFrame, year: int) -> int:
    days = []
    for row in daily.iter_rows(named=True):
        values = {
            p: row[p]
            for p in ("SO2", "NO2", "CO", "PM10", "PM2.5", "O3", "O3_8h")
            if row[p] is not None
        }
        days.append(
            AirDay(
                scope=scope,
                code=row["station"],
                date=row["date"],
                values=values,
                aqi=row["aqi"],
                primary=list(row["primary_pollutants"] or []),
                level=row["level_number"],
                category=row["category"] or "",
                complete=bool(row["complete"]),
            )
        )
    codes = set(daily.get_column("station").to_list()) if daily.height else set()
    AirDay.objects.filter(
        scope=scope, code__in=codes, date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31)
    ).delete()
    AirDay.objects.bulk_create(days, batch_size=2000)
    return len(days)


def _store_year(scope: str, evaluation: air_quality.AnnualEvaluation) -> None:
    stats_by_code: dict[str, list[dict]] = {}
    for row in evaluation.statistics.iter_rows(named=True):
        stats_by_code.setdefault(row["station"], []).append(
            {
                "pollutant": str(row["pollutant"]),
                "statistic": row["statistic"],
                "value": row["value_rounded"],
                "unit": row["unit"],
                "n_days": row["n_days"],
                "valid": row["valid"],
                "limit_I": row["limit_I"],
                "limit_II": row["limit_II"],
                "attains_II": row["attains_II"],
            }
        )
    for row in evaluation.summary.iter_rows(named=True):
        code = row["station"]
        AirPeriodStat.objects.update_or_create(
            scope=scope,
            code=code,
            period=str(evaluation.year),
            defaults={
                "statistics": stats_by_code.get(code, []),
                "valid_days": row.get("valid_days") or 0,
                "good_days": row.get("good_days") or 0,
                "good_day_share": row.get("good_day_share"),
                "edition": " / ".join(evaluation.editions),
            },
        )


def _store_months(scope: str, daily_aqi: pl.DataFrame, year: int) -> None:
    """Monthly figures: mean of the valid daily values, good days over complete days."""
    if daily_aqi.height == 0:
        return
    monthly = daily_aqi.group_by("station", pl.col("date").dt.month().alias("month")).agg(
        *[pl.col(p).mean().alias(p) for p in ("SO2", "NO2", "CO", "PM10", "PM2.5", "O3_8h")],
        *[
            pl.col(p).count().alias(f"n_{p}")
            for p in ("SO2", "NO2", "CO", "PM10", "PM2.5", "O3_8h")
        ],
        pl.col("complete").sum().alias("valid_days"),
        (pl.col("complete") & (pl.col("aqi") <= 100)).sum().alias("good_days"),
    )
    periods: list[AirPeriodStat] = []
    for row in monthly.iter_rows(named=True):
        month = row["month"]
        needed = 25 if month == 2 else 27  # GB 3095-2012 Table 4: monthly mean validity
        stats = [
            {
                "pollutant": p,
                "statistic": "monthly_mean",
                "value": None if row[p] is None else round(row[p], 1 if p == "CO" else 0),
                "n_days": row[f"n_{p}"],
                "valid": row[f"n_{p}"] >= needed,
            }
            for p in ("SO2", "NO2", "CO", "PM10", "PM2.5", "O3_8h")
        ]
        valid_days = row["valid_days"]
        periods.append(
            AirPeriodStat(
                scope=scope,
                code=row["station"],
                period=f"{year}-{month:02d}",
                statistics=stats,
                valid_days=valid_days,
                good_days=row["good_days"],
                good_day_share=row["good_days"] / valid_days if valid_days else None,
                edition="GB3095-2012 / HJ633-2012 / HJ663-2013",
            )
        )
    codes = {p.code for p in periods}
    AirPeriodStat.objects.filter(
        scope=scope, code__in=codes, period__startswith=f"{year}-"
    ).delete()
    AirPeriodStat.objects.bulk_create(periods)


def _evaluate(scope: str, frame: pl.DataFrame, year: int, **kwargs) -> None:
    if frame.height == 0:
        return
    evaluation = air_quality.annual_evaluation(frame, year=year, **kwargs)
    # The evaluation's daily AQI is the one behind its good-day share: store that one.
    daily = evaluation.daily_aqi.filter(pl.col("date").dt.year() == year)
    with transaction.atomic():
        _store_days(scope, daily, year)
        _store_months(scope, daily, year)
        _store_year(scope, evaluation)


def _city_frame(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    """Mean over the stations of each hour (HJ 663: the city's value from its stations)."""
    return (
        frame.group_by("time", "pollutant")
        .agg(pl.col("value").mean())
        .with_columns(pl.lit(name).alias("station"))
        .select("station", "time", "pollutant", "value")
    )


def recompute_air(station_codes: Iterable[str], years: Iterable[int]) -> None:
    """Recompute the stations' statistics and those of their districts and the city.

    Each year's hours are read once, for every station any of those scopes needs.
    """
    touched = list(
        AirStation.objects.filter(code__in=list(station_codes)).select_related("district")
    )
    districts = {s.district for s in touched if s.district is not None}
    members = {
        d.code: set(AirStation.objects.filter(district=d).values_list("code", flat=True))
        for d in districts
    }
    national = set(
        AirStation.objects.filter(level=AirStation.Level.NATIONAL).values_list("code", flat=True)
    )
    needed = {s.code for s in touched} | national | set().union(*members.values())
    stations = list(AirStation.objects.filter(code__in=needed))
    for year in sorted(set(years)):
        frame = hourly_frame(stations, year)
        if frame.height == 0:
            continue
        station = pl.col("station")
        _evaluate(Scope.STATION, frame.filter(station.is_in([s.code for s in touched])), year)
        for code, member_codes in members.items():
            part = frame.filter(station.is_in(list(member_codes)))
            if part.height:
                _evaluate(Scope.DISTRICT, _city_frame(part, code), year)
        part = frame.filter(station.is_in(list(national)))
        if part.height:
            _evaluate(Scope.CITY, _city_frame(part, CITY), year)


# --- water -------------------------------------------------------------------------------------


def _water_frame(sections: list[WaterSection], start: dt.date, end: dt.date) -> pl.DataFrame:
    by_pk = {s.pk: s for s in sections}
    rows = WaterSample.objects.filter(
        Q(value__isnull=False) | Q(below_detection=True, detection_limit__isnull=False),
        section_id__in=by_pk,
        time__gte=dt.datetime.combine(start, dt.time(), SHANGHAI),
        time__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), SHANGHAI),
    ).values_list("section_id", "time", "item", "value", "below_detection", "detection_limit")
    records = []
    for section_id, time, item, value, below, limit in rows:
        section = by_pk[section_id]
        # 未检出: half the detection limit is the usual convention for averaging; below the
        # class I limit of every item it never decides a class.
        measured = (limit if below else value) or 0.0
        if below:
            measured /= 2
        local_day = time.astimezone(SHANGHAI).date()
        records.append(
            (
                section.code,
                local_day,
                item,
                float(measured),
                section.water_body,
                section.target_class,
            )
        )
    return pl.DataFrame(
        records,
        schema={
            "station": pl.String,
            "time": pl.Date,
            "pollutant": pl.String,
            "value": pl.Float64,
            "water_body": pl.String,
            "target": pl.String,
        },
        orient="row",
    )


def _store_classes(sections: list[WaterSection], frame: pl.DataFrame, period: str) -> None:
    by_code = {s.code: s for s in sections}
    result = water_quality.classify_frame(frame, period="month" if period == "month" else "year")
    for row in result.iter_rows(named=True):
        label = row["time"].strftime("%Y-%m") if period == "month" else str(row["time"].year)
        WaterClass.objects.update_or_create(
            section=by_code[row["station"]],
            period=label,
            defaults={
                "grade": row["grade"] or "",
                "exceeding": [
                    {"item": e["item"], "multiple": round(e["multiple"], 2)}
                    for e in row["exceedances"] or []
                ],
                "compliant": row["compliant"],
                "samples": row["n_items"] or 0,
                "edition": "GB3838-2002",
            },
        )


def recompute_water(section_codes: Iterable[str], years: Iterable[int]) -> None:
    sections = list(WaterSection.objects.filter(code__in=list(section_codes)))
    for year in sorted(set(years)):
        frame = _water_frame(sections, dt.date(year, 1, 1), dt.date(year, 12, 31))
        if frame.height == 0:
            continue
        with transaction.atomic():
            WaterClass.objects.filter(section__in=sections, period__startswith=str(year)).delete()
            _store_classes(sections, frame, "month")
            _store_classes(sections, frame, "year")


def water_summary(period: str) -> dict[str, object]:
    """The city's water figures for a year or month: share of 市控以上 sections meeting their
    target, counts of class V and 劣V sections, drinking-water sources meeting their target."""
    classes = WaterClass.objects.filter(period=period).select_related("section")
    assessed = [c for c in classes if c.grade]
    city_level = [c for c in assessed if c.section.level != WaterSection.Level.DISTRICT]
    drinking = [c for c in assessed if c.section.is_drinking_source]

    def share(items: list[WaterClass]) -> float | None:
        return 100 * sum(1 for c in items if c.compliant) / len(items) if items else None

    return {
        "period": period,
        "sections": len(city_level),
        "meeting_share": share(city_level),
        # The plan's 消除V类/劣V类 counts the 市控以上 sections, like the compliance share.
        "class_v": sum(1 for c in city_level if c.grade == "V"),
        "worse_than_v": sum(1 for c in city_level if c.grade == "劣V"),
        "drinking_sources": len(drinking),
        "drinking_share": share(drinking),
    }
