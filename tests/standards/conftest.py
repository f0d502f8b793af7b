"""Builders of small hourly frames shared by the air-quality tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import polars as pl
import pytest

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def hourly_rows(
    station: str,
    pollutant: str,
    day: dt.date,
    values: dict[int, float | None],
) -> list[tuple]:
    """Rows for one station-day; keys are start hours 0..23 (the hour 00:00-01:00 is 0) and
    timestamps are end-labelled, as HJ 663-2013 Table A.1 labels hourly means."""
    base = dt.datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)
    return [
        (station, base + dt.timedelta(hours=h + 1), pollutant, v) for h, v in sorted(values.items())
    ]


def to_frame(rows: Iterable[tuple]) -> pl.DataFrame:
    frame = pl.DataFrame(
        list(rows),
        schema={
            "station": pl.String,
            "time": pl.Datetime("us", "UTC"),
            "pollutant": pl.String,
            "value": pl.Float64,
        },
        orient="row",
    )
    return frame.with_columns(pl.col("time").dt.convert_time_zone("Asia/Shanghai"))


@pytest.fixture
def day_frame() -> Callable[..., pl.DataFrame]:
    """day_frame({("S1", "PM2.5"): {0: 35.0, ...}}, day=date) -> hourly long frame."""

    def build(spec: dict[tuple[str, str], dict[int, float | None]], day: dt.date) -> pl.DataFrame:
        rows: list[tuple] = []
        for (station, pollutant), values in spec.items():
            rows.extend(hourly_rows(station, pollutant, day, values))
        return to_frame(rows)

    return build


@pytest.fixture
def year_frame() -> Callable[..., pl.DataFrame]:
    """year_frame(daily={date: value}, pollutant=..., station=...) -> 24 equal hourly values on
    each listed day, so that each daily mean is exactly the listed value."""

    def build(daily: dict[dt.date, float], pollutant: str = "PM2.5", station: str = "S1"):
        hours = []
        for day, value in daily.items():
            hours.extend(hourly_rows(station, pollutant, day, dict.fromkeys(range(24), value)))
        return to_frame(hours)

    return build
