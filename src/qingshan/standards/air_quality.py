"""Ambient air-quality evaluation per GB 3095-2012 and HJ 663-2013.

From an hourly long frame (station, time, pollutant, value [, unit]):

* :func:`daily_values` — 24 h means, O3 daily maximum 1 h and 8 h values, each with its
  validity (GB 3095-2012 Table 4, HJ 663-2013);
* :func:`annual_evaluation` — annual means, HJ 663 percentiles, attainment of the Grade I/II
  limits of GB 3095-2012 Table 1, the share of good days, and every missing or invalid day.

Per station and/or per city. A city is evaluated from the mean over its stations, by default
of each hour (``city_method="hourly"``) — see docs/standards.md for why and for the
alternative (``"daily"``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import polars as pl

from qingshan.standards import _daily, _frames, aqi, editions
from qingshan.standards.errors import StandardsValueError

__all__ = [
    "EVALUATED_POLLUTANTS",
    "AnnualEvaluation",
    "hj663_percentile",
    "daily_values",
    "annual_evaluation",
    "limits",
]

#: The six pollutants of the annual evaluation (O3 by its daily maximum 8 h mean).
EVALUATED_POLLUTANTS: tuple[str, ...] = ("SO2", "NO2", "CO", "O3_8h", "PM10", "PM2.5")

Scope = Literal["station", "city", "both"]
CityMethod = Literal["hourly", "daily"]
Rounding = Literal["gb8170", "none"]


@dataclass(frozen=True)
class AnnualEvaluation:
    """Result of :func:`annual_evaluation`; every attribute is a Polars frame except the
    metadata.

    * ``statistics``: station, pollutant, statistic (annual_mean, p98, p95, p90), percentile,
      value (null unless valid), value_rounded, unit, n_days, short_months, valid, limit_I,
      limit_II, attains_I, attains_II (null when not assessable).
    * ``summary``: per station — attainment over all six pollutants, pollutants exceeding or
      not assessable, valid (complete) AQI days, good days and their share.
    * ``daily_aqi``: the daily AQI frame behind the good-day share.
    * ``gaps``: every station, index and day of the year without a valid daily value (status
      "missing" — no valid hour at all — or "insufficient").
    """

    year: int
    editions: tuple[str, ...]
    statistics: pl.DataFrame
    summary: pl.DataFrame
    daily_aqi: pl.DataFrame
    gaps: pl.DataFrame


def hj663_percentile(values: Sequence[float], p: float) -> float:
    """HJ 663-2013 percentile of a series: sort ascending, k = 1 + (n − 1)·p/100, q = ⌊k⌋,
    value = s(q) + (s(q+1) − s(q))·(k − q) with s 1-based. Reference implementation; frames
    use Polars' "linear" quantile, which is the same formula."""
    data = sorted(float(v) for v in values)
    if not data:
        raise StandardsValueError("percentile of an empty series")
    if not 0 <= p <= 100:
        raise StandardsValueError(f"percentile must be within 0…100, got {p}")
    k = 1 + (len(data) - 1) * p / 100
    q = math.floor(k)
    if q >= len(data):
        return data[-1]
    return data[q - 1] + (data[q] - data[q - 1]) * (k - q)


def limits(*, edition: str | None = None) -> pl.DataFrame:
    """GB 3095-2012 Table 1 as a frame: pollutant, averaging, limit_I, limit_II, unit."""
    tables = editions.resolve("GB 3095", edition=edition).tables
    rows = [
        (p, avg, lim[0], lim[1], "mg/m³" if p == "CO" else "µg/m³")
        for (p, avg), lim in tables.LIMITS.items()
    ]
    return pl.DataFrame(
        rows, schema=["pollutant", "averaging", "limit_I", "limit_II", "unit"], orient="row"
    )


def daily_values(
    hourly: pl.DataFrame,
    *,
    scope: Scope = "station",
    city_method: CityMethod = "hourly",
    city_name: str = "city",
    hour_label: _frames.HourLabel = "end",
    on_invalid: _frames.OnInvalid = "raise",
    o3_exception: bool = True,
    edition: str | None = None,
    allow_superseded: bool = False,
) -> pl.DataFrame:
    """Long daily frame: station, date, pollutant (SO2, NO2, CO, PM10, PM2.5, O3 = daily max
    1 h, O3_8h = daily max 8 h mean), value (null unless valid), n, n_flagged, valid."""
    data = _frames.prepare_hourly(hourly, hour_label=hour_label, on_invalid=on_invalid)
    bundle = editions.resolve_air(
        edition=edition, dates=[data.first_day, data.last_day], allow_superseded=allow_superseded
    )
    daily, _ = _scoped_daily(data, bundle, scope, city_method, city_name, o3_exception)
    return daily.sort("station", "date", "pollutant")


def _scoped_daily(
    data: _frames.HourlyData,
    bundle: editions.AirEditions,
    scope: str,
    city_method: str,
    city_name: str,
    o3_exception: bool,
) -> tuple[pl.DataFrame, _daily.DailyParts | None]:
    """The long daily frame of ``scope``, and for stations alone the parts it was built from
    (whose wide form needs no pivot)."""
    if scope not in ("station", "city", "both"):
        raise StandardsValueError(f"scope must be 'station', 'city' or 'both', not {scope!r}")
    if city_method not in ("hourly", "daily"):
        raise StandardsValueError(f"city_method must be 'hourly' or 'daily', not {city_method!r}")
    parts = []
    station_daily = None
    if scope in ("station", "both") or city_method == "daily":
        station_parts = _daily.daily_parts(data, bundle, o3_exception=o3_exception)
        station_daily = station_parts.long()
        if scope == "station":
            return station_daily, station_parts
        if scope != "city":
            parts.append(station_daily)
    if scope in ("city", "both"):
        if city_method == "hourly":
            city = _daily.daily_values(
                _daily.city_hourly(data, city_name), bundle, o3_exception=o3_exception
            )
        else:
            assert station_daily is not None
            city = _daily.city_daily(station_daily, city_name)
        if scope == "both":
            # The city's name must fit the station column: a Categorical takes it, an Enum or
            # an integer column cannot, so those become strings.
            dtype: Any = parts[0].schema["station"]
            if not isinstance(dtype, pl.Categorical | pl.String):
                dtype = pl.String
                parts[0] = parts[0].with_columns(pl.col("station").cast(pl.String))
            city = city.with_columns(pl.col("station").cast(dtype))
        parts.append(city)
    return (pl.concat(parts, how="vertical_relaxed") if len(parts) > 1 else parts[0]), None


def _statistic_specs(bundle: editions.AirEditions) -> pl.DataFrame:
    gb3095, hj663 = bundle.gb3095.tables, bundle.hj663.tables
    rows = []
    for pollutant in EVALUATED_POLLUTANTS:
        base = "O3" if pollutant == "O3_8h" else pollutant
        unit = "mg/m³" if base == "CO" else "µg/m³"
        decimals = hj663.ROUNDING_DECIMALS.get(base, hj663.DEFAULT_ROUNDING_DECIMALS)
        if pollutant in hj663.ANNUAL_MEAN_POLLUTANTS:
            lim = gb3095.LIMITS[(base, "annual")]
            rows.append((pollutant, "annual_mean", None, *lim, unit, decimals))
        p = hj663.ANNUAL_PERCENTILES[pollutant]
        lim = gb3095.LIMITS[(base, "8h" if pollutant == "O3_8h" else "24h")]
        rows.append((pollutant, f"p{p}", p, *lim, unit, decimals))
    return pl.DataFrame(
        rows,
        schema={
            "pollutant": pl.String,
            "statistic": pl.String,
            "percentile": pl.Int8,
            "limit_I": pl.Float64,
            "limit_II": pl.Float64,
            "unit": pl.String,
            "decimals": pl.Int8,
        },
        orient="row",
    )


def _month_rules(bundle: editions.AirEditions) -> pl.DataFrame:
    gb3095 = bundle.gb3095.tables
    return pl.DataFrame(
        {
            "month": list(range(1, 13)),
            "required": [
                gb3095.MIN_DAYS_FEBRUARY if m == 2 else gb3095.MIN_DAYS_PER_MONTH
                for m in range(1, 13)
            ],
        },
        schema={"month": pl.Int8, "required": pl.Int32},
    )


def _annual_statistics(
    daily: pl.DataFrame, bundle: editions.AirEditions, rounding: str
) -> pl.DataFrame:
    gb3095 = bundle.gb3095.tables
    evaluated = daily.filter(pl.col("pollutant").cast(pl.String).is_in(EVALUATED_POLLUTANTS))
    evaluated = evaluated.with_columns(pl.col("pollutant").cast(pl.String))
    stations = daily.select("station").unique()
    grid = stations.join(pl.DataFrame({"pollutant": list(EVALUATED_POLLUTANTS)}), how="cross")
    good = evaluated.filter(pl.col("valid"))

    months = (
        grid.join(_month_rules(bundle), how="cross")
        .join(
            good.group_by("station", "pollutant", pl.col("date").dt.month().cast(pl.Int8))
            .len()
            .rename({"date": "month"}),
            on=["station", "pollutant", "month"],
            how="left",
        )
        .with_columns(pl.col("len").fill_null(0))
        .group_by("station", "pollutant")
        .agg(
            pl.col("month").filter(pl.col("len") < pl.col("required")).sort().alias("short_months")
        )
    )
    percentiles = sorted(set(bundle.hj663.tables.ANNUAL_PERCENTILES.values()))
    sums = good.group_by("station", "pollutant").agg(
        pl.len().cast(pl.Int32).alias("n_days"),
        pl.col("value").mean().alias("annual_mean"),
        *[pl.col("value").quantile(p / 100, "linear").alias(f"p{p}") for p in percentiles],
    )
    wide = grid.join(sums, on=["station", "pollutant"], how="left").join(
        months, on=["station", "pollutant"], how="left"
    )
    long = wide.unpivot(
        index=["station", "pollutant", "n_days", "short_months"],
        on=["annual_mean", *[f"p{p}" for p in percentiles]],
        variable_name="statistic",
        value_name="value",
    ).join(_statistic_specs(bundle), on=["pollutant", "statistic"], how="inner")

    valid = (pl.col("n_days").fill_null(0) >= gb3095.MIN_DAYS_PER_YEAR) & (
        pl.col("short_months").list.len() == 0
    )
    value = pl.when(valid).then(pl.col("value"))
    if rounding == "gb8170":
        rounded = pl.when(pl.col("decimals") == 1).then(value.round(1)).otherwise(value.round(0))
    else:
        rounded = value
    long = long.with_columns(
        valid.alias("valid"),
        pl.col("n_days").fill_null(0),
        value.alias("value"),
        rounded.alias("value_rounded"),
    )
    return (
        long.with_columns(
            pl.when("valid").then(pl.col("value_rounded") <= pl.col("limit_I")).alias("attains_I"),
            pl.when("valid")
            .then(pl.col("value_rounded") <= pl.col("limit_II"))
            .alias("attains_II"),
        )
        .select(
            "station",
            "pollutant",
            "statistic",
            "percentile",
            "value",
            "value_rounded",
            "unit",
            "n_days",
            "short_months",
            "valid",
            "limit_I",
            "limit_II",
            "attains_I",
            "attains_II",
        )
        .sort("station", "pollutant", "statistic")
    )


def _attainment(grade: str) -> list[pl.Expr]:
    attains = pl.col(f"attains_{grade}")
    return [
        # A failure is definitive; otherwise an unassessable statistic leaves it open.
        pl.when((attains == False).any())  # noqa: E712 - Polars element-wise comparison
        .then(False)
        .when(attains.is_null().any())
        .then(None)
        .otherwise(True)
        .alias(f"attains_{grade}"),
        pl.col("pollutant").filter(attains == False).unique().sort().alias(f"exceeding_{grade}"),  # noqa: E712
    ]


def _summary(stats: pl.DataFrame, daily_aqi: pl.DataFrame, good_max: int) -> pl.DataFrame:
    by_station = stats.group_by("station").agg(
        *_attainment("I"),
        *_attainment("II"),
        pl.col("pollutant").filter(~pl.col("valid")).unique().sort().alias("not_assessable"),
    )
    days = daily_aqi.group_by("station").agg(
        pl.col("complete").sum().cast(pl.Int32).alias("valid_days"),
        (pl.col("aqi") <= good_max).sum().cast(pl.Int32).alias("good_days"),
    )
    return (
        by_station.join(days, on="station", how="left")
        .with_columns(pl.col("valid_days", "good_days").fill_null(0))
        .with_columns(
            pl.when(pl.col("valid_days") > 0)
            .then(pl.col("good_days") / pl.col("valid_days"))
            .alias("good_day_share")
        )
        .sort("station")
    )


def _gaps(daily: pl.DataFrame, year: int) -> pl.DataFrame:
    first = dt.date(year, 1, 1)
    days_in_year = (dt.date(year + 1, 1, 1) - first).days
    key = ["station", "pollutant", "date"]
    insufficient = daily.filter(~pl.col("valid")).select(
        *key,
        "n",
        pl.when(pl.col("n") == 0)
        .then(pl.lit("missing"))
        .otherwise(pl.lit("insufficient"))
        .alias("status"),
    )
    # Only pairs with fewer rows than days can lack a day entirely; the full date grid is
    # built for those alone.
    indices = pl.DataFrame(
        {"pollutant": list(_daily.DAILY_POLLUTANTS)}, schema={"pollutant": _daily.DAILY_DTYPE}
    )
    pairs = daily.select("station").unique().join(indices, how="cross")
    short = pairs.join(
        daily.group_by("station", "pollutant").len(), on=["station", "pollutant"], how="left"
    ).filter(pl.col("len").fill_null(0) < days_in_year)
    dates = pl.date_range(first, dt.date(year, 12, 31), eager=True).alias("date").to_frame()
    absent = (
        short.select("station", "pollutant")
        .join(dates, how="cross")
        .join(daily.select(key), on=key, how="anti")
        .with_columns(pl.lit(0, pl.Int32).alias("n"), pl.lit("missing").alias("status"))
    )
    return pl.concat([insufficient, absent.select(insufficient.columns)]).sort(key)


def annual_evaluation(
    hourly: pl.DataFrame,
    *,
    year: int,
    scope: Scope = "station",
    city_method: CityMethod = "hourly",
    city_name: str = "city",
    rounding: Rounding = "gb8170",
    hour_label: _frames.HourLabel = "end",
    on_invalid: _frames.OnInvalid = "raise",
    o3_exception: bool = True,
    edition: str | None = None,
    allow_superseded: bool = False,
) -> AnnualEvaluation:
    """Annual evaluation of ``year`` (local calendar year) from hourly data.

    Hours outside the year are ignored. ``rounding="gb8170"`` rounds each statistic half to
    even (GB/T 8170) — integers in µg/m³, 0.1 mg/m³ for CO — before comparing it with the
    limit; ``"none"`` compares unrounded values. The edition follows the dates of the year
    unless ``edition`` is given.
    """
    if rounding not in ("gb8170", "none"):
        raise StandardsValueError(f"rounding must be 'gb8170' or 'none', not {rounding!r}")
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    bundle = editions.resolve_air(
        edition=edition, dates=[first, last], allow_superseded=allow_superseded
    )
    data = _frames.prepare_hourly(hourly, hour_label=hour_label, on_invalid=on_invalid)
    if data.first_day < first or data.last_day > last:
        lo, hi = _frames.day_index(first) * 24, (_frames.day_index(last) + 1) * 24
        frame = data.frame.filter(data.hidx.is_between(lo, hi, closed="left"))
        if frame.height == 0:
            raise StandardsValueError(f"no hourly values in {year}")
        data = replace(data, frame=frame, first_day=first, last_day=last)
    daily, station_parts = _scoped_daily(data, bundle, scope, city_method, city_name, o3_exception)
    stats = _annual_statistics(daily, bundle, rounding)
    if station_parts is not None:
        daily_aqi = aqi.aqi_from_wide(station_parts.wide(), bundle)
    else:
        daily_aqi = aqi.aqi_from_daily(daily, bundle)
    daily_aqi = daily_aqi.sort("station", "date")
    summary = _summary(stats, daily_aqi, bundle.hj663.tables.GOOD_DAY_MAX_AQI)
    return AnnualEvaluation(
        year=year,
        editions=bundle.codes,
        statistics=stats,
        summary=summary,
        daily_aqi=daily_aqi,
        gaps=_gaps(daily, year),
    )
