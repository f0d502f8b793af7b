"""Daily values and daily AQI from hourly frames: GB 3095-2012 Table 4 and HJ 663-2013
validity edges, the O3 8-hour windows, and hand-computed daily AQI."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from qingshan.standards import air_quality, aqi

DAY = dt.date(2024, 5, 10)


def daily(frame: pl.DataFrame, **kwargs) -> dict[str, dict]:
    out = air_quality.daily_values(frame, **kwargs)
    return {row["pollutant"]: row for row in out.iter_rows(named=True)}


class TestTwentyFourHourMean:
    def test_19_hours_do_not_make_a_daily_mean(self, day_frame):
        frame = day_frame({("S1", "PM2.5"): dict.fromkeys(range(19), 40.0)}, DAY)
        row = daily(frame)["PM2.5"]
        assert (row["n"], row["valid"], row["value"]) == (19, False, None)

    def test_20_hours_make_a_daily_mean(self, day_frame):
        frame = day_frame({("S1", "PM2.5"): dict.fromkeys(range(20), 40.0)}, DAY)
        row = daily(frame)["PM2.5"]
        assert (row["n"], row["valid"], row["value"]) == (20, True, 40.0)

    def test_null_hours_count_as_missing(self, day_frame):
        values = dict.fromkeys(range(24), 40.0) | dict.fromkeys(range(20, 24), None)
        values |= {19: None}
        row = daily(day_frame({("S1", "SO2"): values}, DAY))["SO2"]
        assert (row["n"], row["valid"]) == (19, False)

    def test_daily_mean_is_the_arithmetic_mean_of_the_valid_hours(self, day_frame):
        values = {h: 10.0 * (h % 4) for h in range(24)}  # 0, 10, 20, 30 repeated -> 15
        assert daily(day_frame({("S1", "NO2"): values}, DAY))["NO2"]["value"] == 15.0


class TestOzoneEightHour:
    def test_a_window_with_6_hours_is_a_mean_and_with_5_is_not(self, day_frame):
        # Hours 0-5 present: the mean ending 08:00 (hours 0-7) has 6 values, the next 5.
        six = day_frame({("S1", "O3"): dict.fromkeys(range(6), 300.0)}, DAY)
        five = day_frame({("S1", "O3"): dict.fromkeys(range(5), 300.0)}, DAY)
        # One valid mean is below the 14 required, but 300 > 160 keeps it (HJ 663 exception)
        row = daily(six)["O3_8h"]
        assert (row["n"], row["value"], row["valid"]) == (1, 300.0, True)
        row = daily(five)["O3_8h"]
        assert (row["n"], row["value"], row["valid"]) == (0, None, False)

    def test_14_valid_eight_hour_means_make_a_daily_maximum(self, day_frame):
        # Hours 0-18 present: means ending 08:00 … 21:00 have ≥ 6 values -> 14
        frame = day_frame({("S1", "O3"): {h: 100.0 + h for h in range(19)}}, DAY)
        row = daily(frame)["O3_8h"]
        # best mean: ending 21:00 covers hours 13-20, of which 13..18 are present:
        # (113 + … + 118) / 6 = 115.5 (ending 20:00: 112..118 -> 115; 19:00: 111..118 -> 114.5)
        assert (row["n"], row["valid"], row["value"]) == (14, True, 115.5)

    def test_13_valid_eight_hour_means_do_not(self, day_frame):
        # Hours 0-17: means ending 08:00 … 20:00 -> 13
        frame = day_frame({("S1", "O3"): {h: 100.0 + h for h in range(18)}}, DAY)
        row = daily(frame)["O3_8h"]
        assert (row["n"], row["valid"], row["value"]) == (13, False, None)

    def test_13_means_still_count_when_the_maximum_exceeds_the_limit(self, day_frame):
        frame = day_frame({("S1", "O3"): dict.fromkeys(range(18), 200.0)}, DAY)
        assert daily(frame)["O3_8h"]["valid"] is True
        assert daily(frame, o3_exception=False)["O3_8h"]["valid"] is False

    def test_windows_stay_inside_the_day(self, day_frame):
        # High values late on the previous day must not leak into this day's windows.
        before = DAY - dt.timedelta(days=1)
        frame = pl.concat(
            [
                day_frame({("S1", "O3"): dict.fromkeys(range(24), 400.0)}, before),
                day_frame({("S1", "O3"): dict.fromkeys(range(24), 50.0)}, DAY),
            ]
        )
        out = air_quality.daily_values(frame).filter(pl.col("pollutant") == "O3_8h")
        assert out.get_column("value").to_list() == [400.0, 50.0]

    def test_complete_and_gappy_days_give_the_same_maximum(self, day_frame):
        values = {h: float(10 * h) for h in range(24)}
        full = daily(day_frame({("S1", "O3"): values}, DAY))["O3_8h"]
        gappy = {h: v for h, v in values.items() if h != 3}
        partial = daily(day_frame({("S1", "O3"): gappy}, DAY))["O3_8h"]
        # max mean: ending 24:00, hours 16-23: mean of 160..230 = 195
        assert full["value"] == partial["value"] == 195.0
        assert (full["n"], partial["n"]) == (17, 17)

    def test_daily_maximum_one_hour_value(self, day_frame):
        values = {h: float(h) for h in range(24)}
        row = daily(day_frame({("S1", "O3"): values}, DAY))["O3"]
        assert (row["value"], row["valid"]) == (23.0, True)


class TestHourLabels:
    def test_end_labels_put_the_24_00_hour_into_the_day_it_ends(self, day_frame):
        frame = day_frame({("S1", "PM10"): dict.fromkeys(range(24), 50.0)}, DAY)
        out = air_quality.daily_values(frame)
        assert out.get_column("date").to_list() == [DAY]
        shifted = air_quality.daily_values(frame, hour_label="start")
        assert shifted.get_column("date").to_list() == [DAY, DAY + dt.timedelta(days=1)]
        assert shifted.get_column("n").to_list() == [23, 1]

    def test_time_zone_is_converted_to_shanghai(self, day_frame):
        frame = day_frame({("S1", "PM10"): dict.fromkeys(range(24), 50.0)}, DAY)
        in_utc = frame.with_columns(pl.col("time").dt.convert_time_zone("UTC"))
        assert air_quality.daily_values(in_utc).equals(air_quality.daily_values(frame))


def test_daily_aqi_hand_computed(day_frame):
    spec = {
        ("S1", "SO2"): dict.fromkeys(range(24), 100.0),  # 75
        ("S1", "NO2"): dict.fromkeys(range(24), 40.0),  # 50
        ("S1", "CO"): dict.fromkeys(range(24), 3.9),  # 97.5 -> 98
        ("S1", "PM10"): dict.fromkeys(range(24), 150.0),  # 100
        ("S1", "PM2.5"): dict.fromkeys(range(24), 80.0),  # 106.25 -> 107
        ("S1", "O3"): dict.fromkeys(range(24), 100.0),  # 1 h: 31.25 -> 32; 8 h: 50
    }
    row = aqi.daily_aqi_frame(day_frame(spec, DAY)).row(0, named=True)
    assert {k: row[f"iaqi_{k}"] for k in ("SO2", "NO2", "CO", "PM10", "PM2.5", "O3", "O3_8h")} == {
        "SO2": 75,
        "NO2": 50,
        "CO": 98,
        "PM10": 100,
        "PM2.5": 107,
        "O3": 32,
        "O3_8h": 50,
    }
    assert row["aqi"] == 107
    assert row["primary_pollutants"] == ["PM2.5"]
    assert row["exceeding_pollutants"] == ["PM2.5"]
    assert (row["level"], row["category"], row["colour"]) == ("三级", "轻度污染", "#FF7E00")
    assert row["complete"] is True


def test_daily_aqi_ties_and_incomplete_days(day_frame):
    spec = {
        ("S1", "SO2"): dict.fromkeys(range(24), 5.0),
        ("S1", "NO2"): dict.fromkeys(range(24), 5.0),
        ("S1", "CO"): dict.fromkeys(range(24), 0.2),
        ("S1", "PM10"): dict.fromkeys(range(24), 150.0),  # 100
        ("S1", "PM2.5"): dict.fromkeys(range(24), 75.0),  # 100
        ("S1", "O3"): dict.fromkeys(range(24), 20.0),
        ("S2", "PM2.5"): dict.fromkeys(range(24), 20.0),
    }
    out = aqi.daily_aqi_frame(day_frame(spec, DAY))
    s1, s2 = out.iter_rows(named=True)
    assert s1["aqi"] == 100
    assert s1["primary_pollutants"] == ["PM10", "PM2.5"]
    assert s2["aqi"] is None and s2["complete"] is False
    assert s2["aqi_partial"] == 29  # 20 / 35 * 50 = 28.57 -> 29
    assert s2["missing"] == ["SO2", "NO2", "CO", "PM10", "O3", "O3_8h"]


def test_o3_8h_above_800_is_replaced_by_the_o3_1h_iaqi_in_the_daily_aqi(day_frame):
    spec = {("S1", "O3"): dict.fromkeys(range(24), 900.0)}
    row = aqi.daily_aqi_frame(day_frame(spec, DAY)).row(0, named=True)
    # O3 1 h 900: 350; O3_8h 900 > 800 is not indexed, so it carries the 1 h IAQI
    assert row["iaqi_O3"] == 350
    assert row["iaqi_O3_8h"] == 350


@pytest.mark.parametrize("n_hours", [19, 20])
def test_daily_aqi_needs_valid_24h_means(day_frame, n_hours):
    spec = {
        (station, p): dict.fromkeys(range(n_hours), v)
        for station in ["S1"]
        for p, v in [
            ("SO2", 5.0),
            ("NO2", 5.0),
            ("CO", 0.2),
            ("PM10", 20.0),
            ("PM2.5", 10.0),
        ]
    } | {("S1", "O3"): dict.fromkeys(range(24), 50.0)}
    row = aqi.daily_aqi_frame(day_frame(spec, DAY)).row(0, named=True)
    assert row["complete"] is (n_hours == 20)
