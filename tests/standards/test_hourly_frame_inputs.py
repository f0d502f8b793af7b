"""Bad hourly frames are refused with a clear error, or flagged per the validity rules —
never turned into a number."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from qingshan.standards import air_quality, aqi
from qingshan.standards.errors import (
    DuplicateRecordError,
    FrameSchemaError,
    InvalidConcentrationError,
    TimezoneError,
    UnitError,
    UnknownPollutantError,
)

DAY = dt.date(2024, 5, 10)


def test_naive_timestamps_are_refused(day_frame):
    frame = day_frame({("S1", "PM2.5"): dict.fromkeys(range(24), 40.0)}, DAY)
    naive = frame.with_columns(pl.col("time").dt.replace_time_zone(None))
    with pytest.raises(TimezoneError, match="naive"):
        aqi.daily_aqi_frame(naive)


def test_timestamps_off_the_hour_are_refused(day_frame):
    frame = day_frame({("S1", "PM2.5"): dict.fromkeys(range(24), 40.0)}, DAY)
    shifted = frame.with_columns(pl.col("time") + pl.duration(minutes=30))
    with pytest.raises(TimezoneError, match="not on the hour"):
        air_quality.daily_values(shifted)


def test_duplicate_timestamps_are_refused_and_named(day_frame):
    frame = day_frame({("S1", "PM2.5"): dict.fromkeys(range(24), 40.0)}, DAY)
    doubled = pl.concat([frame, frame.slice(5, 1)])
    with pytest.raises(DuplicateRecordError, match=r"S1.*2024-05-10T06:00"):
        air_quality.daily_values(doubled)


def test_duplicates_are_found_in_unsorted_frames_too(day_frame):
    frame = day_frame({("S1", "O3"): dict.fromkeys(range(24), 40.0)}, DAY)
    doubled = pl.concat([frame, frame.slice(0, 1)]).reverse()
    with pytest.raises(DuplicateRecordError):
        air_quality.daily_values(doubled)


def test_unsorted_frames_give_the_same_result(day_frame):
    spec = {
        ("S1", "O3"): {h: float(h) for h in range(24)},
        ("S2", "O3"): {h: float(2 * h) for h in range(24)},
    }
    frame = day_frame(spec, DAY)
    assert air_quality.daily_values(frame.reverse()).equals(air_quality.daily_values(frame))


def test_negative_values_raise_naming_pollutant_value_and_rule(day_frame):
    values = dict.fromkeys(range(24), 40.0) | {3: -2.0}
    frame = day_frame({("S1", "NO2"): values}, DAY)
    with pytest.raises(InvalidConcentrationError, match=r"NO2 value -2.0.*S1"):
        air_quality.daily_values(frame)


def test_invalid_values_can_be_flagged_as_missing_instead(day_frame):
    values = dict.fromkeys(range(24), 40.0) | {3: -2.0, 4: float("nan"), 5: -1.0, 6: -1.0}
    frame = day_frame({("S1", "NO2"): values}, DAY)
    row = air_quality.daily_values(frame, on_invalid="missing").row(0, named=True)
    assert (row["n"], row["n_flagged"], row["valid"], row["value"]) == (20, 4, True, 40.0)


def test_unknown_pollutants_are_refused(day_frame):
    frame = day_frame({("S1", "PM25"): dict.fromkeys(range(24), 40.0)}, DAY)
    with pytest.raises(UnknownPollutantError, match="PM25"):
        aqi.daily_aqi_frame(frame)


def test_o3_8h_is_derived_not_supplied(day_frame):
    frame = day_frame({("S1", "O3_8h"): dict.fromkeys(range(24), 40.0)}, DAY)
    with pytest.raises(UnknownPollutantError, match="O3_8h"):
        aqi.daily_aqi_frame(frame)


def test_co_in_micrograms_without_a_unit_column_is_refused(day_frame):
    frame = day_frame({("S1", "CO"): dict.fromkeys(range(24), 900.0)}, DAY)
    with pytest.raises(UnitError, match="CO value 900"):
        air_quality.daily_values(frame)


def test_a_unit_column_converts_co_from_micrograms(day_frame):
    frame = day_frame({("S1", "CO"): dict.fromkeys(range(24), 900.0)}, DAY)
    frame = frame.with_columns(pl.lit("µg/m³").alias("unit"))
    assert air_quality.daily_values(frame).get_column("value").to_list() == [pytest.approx(0.9)]


def test_unknown_units_are_refused(day_frame):
    frame = day_frame({("S1", "CO"): dict.fromkeys(range(24), 0.9)}, DAY)
    with pytest.raises(UnitError, match="ppm"):
        air_quality.daily_values(frame.with_columns(pl.lit("ppm").alias("unit")))


def test_missing_columns_and_non_frames_are_refused(day_frame):
    frame = day_frame({("S1", "CO"): dict.fromkeys(range(24), 0.9)}, DAY)
    with pytest.raises(FrameSchemaError, match="value"):
        air_quality.daily_values(frame.drop("value"))
    with pytest.raises(FrameSchemaError):
        air_quality.daily_values(frame.lazy())


def test_float32_values_are_taken_as_the_decimals_written(day_frame):
    # CO 2.4 mg/m³ is IAQI 60 exactly; as float32 it is 2.4000000954, which must not become 61
    spec = {("S1", p): dict.fromkeys(range(24), v) for p, v in [("CO", 2.4), ("PM2.5", 10.0)]}
    frame = day_frame(spec, DAY).with_columns(pl.col("value").cast(pl.Float32))
    row = aqi.daily_aqi_frame(frame).row(0, named=True)
    assert row["iaqi_CO"] == 60
