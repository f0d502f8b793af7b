"""Annual evaluation (GB 3095-2012, HJ 663-2013): the percentile formula, the annual validity
rules at their edges, rounding before comparison with the limits, attainment, good days,
gaps and the city mean."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from qingshan.standards import air_quality
from qingshan.standards.air_quality import hj663_percentile

YEAR = 2023  # not a leap year: February has 28 days


def first_days(counts: dict[int, int], year: int = YEAR) -> list[dt.date]:
    """The first ``counts[m]`` days of each month m (months not listed: every day)."""
    days = []
    for month in range(1, 13):
        n_days = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.date(year, month, 1)).days
        days += [dt.date(year, month, d) for d in range(1, counts.get(month, n_days) + 1)]
    return days


def stat(evaluation, pollutant: str, statistic: str) -> dict:
    rows = evaluation.statistics.filter(
        (pl.col("pollutant") == pollutant) & (pl.col("statistic") == statistic)
    )
    return rows.row(0, named=True)


class TestPercentileFormula:
    def test_hand_computed_example(self):
        # k = 1 + (5 - 1) * 0.9 = 4.6 -> s4 + (s5 - s4) * 0.6 = 40 + 6 = 46
        assert hj663_percentile([50, 10, 40, 20, 30], 90) == pytest.approx(46)
        # k = 1 + 4 * 0.5 = 3 -> s3 = 30
        assert hj663_percentile([50, 10, 40, 20, 30], 50) == 30

    def test_98th_and_95th_of_ten_values(self):
        values = list(range(1, 11))
        # k = 1 + 9 * 0.98 = 9.82 -> 9 + 0.82 * (10 - 9)
        assert hj663_percentile(values, 98) == pytest.approx(9.82)
        # k = 1 + 9 * 0.95 = 9.55
        assert hj663_percentile(values, 95) == pytest.approx(9.55)

    def test_edges(self):
        assert hj663_percentile([7], 95) == 7
        assert hj663_percentile([1, 2, 3], 100) == 3
        assert hj663_percentile([1, 2, 3], 0) == 1


class TestAnnualStatistics:
    def test_annual_mean_and_percentile_of_daily_means(self, year_frame):
        days = first_days({})
        frame = year_frame({day: float(i) for i, day in enumerate(days, 1)})  # 1 … 365
        ev = air_quality.annual_evaluation(frame, year=YEAR, rounding="none")
        mean = stat(ev, "PM2.5", "annual_mean")
        p95 = stat(ev, "PM2.5", "p95")
        assert mean["value"] == pytest.approx(183.0)  # (1 + 365) / 2
        # k = 1 + 364 * 0.95 = 346.8 -> 346 + 0.8 * (347 - 346)
        assert p95["value"] == pytest.approx(346.8)
        assert p95["n_days"] == 365 and p95["valid"] is True

    def test_o3_uses_the_90th_percentile_of_the_daily_maximum_8h_mean(self, year_frame):
        days = first_days({})
        frame = year_frame({day: float(i) for i, day in enumerate(days, 1)}, pollutant="O3")
        p90 = stat(air_quality.annual_evaluation(frame, year=YEAR, rounding="none"), "O3_8h", "p90")
        # every 8 h mean of day i is i; k = 1 + 364 * 0.9 = 328.6
        assert p90["value"] == pytest.approx(328.6)
        assert (p90["limit_I"], p90["limit_II"]) == (100, 160)

    def test_so2_and_no2_use_the_98th_percentile_and_co_the_95th(self, year_frame):
        days = first_days({})
        values = {day: float(i) for i, day in enumerate(days, 1)}
        so2 = air_quality.annual_evaluation(year_frame(values, pollutant="SO2"), year=YEAR)
        # k = 1 + 364 * 0.98 = 357.72 -> 357.72; rounded half to even: 358
        row = stat(so2, "SO2", "p98")
        assert row["value"] == pytest.approx(357.72)
        assert row["value_rounded"] == 358
        co_values = {day: i / 100 for i, day in enumerate(days, 1)}
        co = air_quality.annual_evaluation(year_frame(co_values, pollutant="CO"), year=YEAR)
        row = stat(co, "CO", "p95")
        assert row["value"] == pytest.approx(3.468)  # 346.8 / 100
        assert row["value_rounded"] == pytest.approx(3.5)  # 0.1 mg/m³
        assert (row["unit"], row["limit_II"], row["attains_II"]) == ("mg/m³", 4, True)


class TestAnnualValidity:
    @pytest.mark.parametrize(("extra", "valid"), [(0, False), (1, True)])
    def test_323_daily_means_are_not_enough_and_324_are(self, year_frame, extra, valid):
        # every month at its minimum (27, February 25) = 322, plus 1 or 2 days in March
        counts = dict.fromkeys(range(1, 13), 27) | {2: 25, 3: 28 + extra}
        days = first_days(counts)
        assert len(days) == 323 + extra
        ev = air_quality.annual_evaluation(year_frame(dict.fromkeys(days, 30.0)), year=YEAR)
        row = stat(ev, "PM2.5", "annual_mean")
        assert row["valid"] is valid
        assert row["short_months"] == []
        assert (row["value"] is not None) is valid

    @pytest.mark.parametrize(("march", "valid"), [(26, False), (27, True)])
    def test_a_month_needs_27_daily_means(self, year_frame, march, valid):
        days = first_days({3: march})
        ev = air_quality.annual_evaluation(year_frame(dict.fromkeys(days, 30.0)), year=YEAR)
        row = stat(ev, "PM2.5", "p95")
        assert row["valid"] is valid
        assert row["short_months"] == ([] if valid else [3])
        assert row["attains_II"] is (True if valid else None)

    @pytest.mark.parametrize(("february", "valid"), [(24, False), (25, True)])
    def test_february_needs_25_daily_means(self, year_frame, february, valid):
        days = first_days({2: february})
        ev = air_quality.annual_evaluation(year_frame(dict.fromkeys(days, 30.0)), year=YEAR)
        assert stat(ev, "PM2.5", "annual_mean")["valid"] is valid

    def test_days_with_19_hours_do_not_count(self, day_frame, year_frame):
        days = first_days({})
        frame = year_frame(dict.fromkeys(days, 30.0))
        # replace 5 days of January by 19-hour days: January keeps 26 valid days
        short = [dt.date(YEAR, 1, d) for d in range(1, 6)]
        frame = frame.filter(~pl.col("time").dt.offset_by("-1h").dt.date().is_in(short))
        partial = pl.concat(
            [day_frame({("S1", "PM2.5"): dict.fromkeys(range(19), 30.0)}, d) for d in short]
        )
        ev = air_quality.annual_evaluation(pl.concat([frame, partial]), year=YEAR)
        row = stat(ev, "PM2.5", "annual_mean")
        assert (row["n_days"], row["short_months"], row["valid"]) == (360, [1], False)
        gaps = ev.gaps.filter(pl.col("pollutant") == "PM2.5")
        assert gaps.get_column("date").to_list() == short
        assert set(gaps.get_column("status")) == {"insufficient"}
        assert set(gaps.get_column("n")) == {19}


class TestAttainment:
    @pytest.mark.parametrize(
        ("value", "rounding", "attains"),
        [
            (35.0, "gb8170", True),
            (35.4, "gb8170", True),  # 35.4 -> 35 ≤ 35
            (35.5, "gb8170", False),  # 35.5 -> 36 (half to even)
            (35.4, "none", False),
        ],
    )
    def test_pm25_annual_mean_against_grade_ii_after_rounding(
        self, year_frame, value, rounding, attains
    ):
        frame = year_frame(dict.fromkeys(first_days({}), value))
        ev = air_quality.annual_evaluation(frame, year=YEAR, rounding=rounding)
        row = stat(ev, "PM2.5", "annual_mean")
        assert (row["limit_I"], row["limit_II"]) == (15, 35)
        assert row["attains_II"] is attains
        assert row["attains_I"] is False

    def test_a_station_with_unassessable_pollutants_is_open_unless_one_fails(self, year_frame):
        clean = year_frame(dict.fromkeys(first_days({}), 20.0))
        summary = air_quality.annual_evaluation(clean, year=YEAR).summary.row(0, named=True)
        assert summary["attains_II"] is None
        assert summary["not_assessable"] == ["CO", "NO2", "O3_8h", "PM10", "SO2"]
        dirty = year_frame(dict.fromkeys(first_days({}), 80.0))
        summary = air_quality.annual_evaluation(dirty, year=YEAR).summary.row(0, named=True)
        assert summary["attains_II"] is False
        assert summary["exceeding_II"] == ["PM2.5"]

    def test_good_day_share_counts_complete_days_with_aqi_up_to_100(self, day_frame):
        frames = []
        for d in range(1, 11):
            pm25 = 30.0 if d <= 7 else 100.0  # IAQI 43 vs 132
            spec = {
                ("S1", p): dict.fromkeys(range(24), v)
                for p, v in [
                    ("SO2", 5.0),
                    ("NO2", 10.0),
                    ("CO", 0.5),
                    ("O3", 60.0),
                    ("PM10", 40.0),
                    ("PM2.5", pm25),
                ]
            }
            frames.append(day_frame(spec, dt.date(YEAR, 6, d)))
        ev = air_quality.annual_evaluation(pl.concat(frames), year=YEAR)
        row = ev.summary.row(0, named=True)
        assert (row["valid_days"], row["good_days"]) == (10, 7)
        assert row["good_day_share"] == pytest.approx(0.7)


class TestCity:
    def test_city_hourly_mean_then_daily_mean(self, day_frame):
        day = dt.date(YEAR, 6, 1)
        spec = {
            ("A", "PM2.5"): dict.fromkeys(range(24), 30.0),
            ("B", "PM2.5"): dict.fromkeys(range(10, 24), 50.0),  # 14 hours: B's day invalid
        }
        frame = day_frame(spec, day)
        hourly = air_quality.daily_values(frame, scope="city").row(0, named=True)
        # hours 0-9: A alone (30); hours 10-23: (30 + 50) / 2 = 40
        assert hourly["station"] == "city"
        assert hourly["value"] == pytest.approx((10 * 30 + 14 * 40) / 24)
        daily = air_quality.daily_values(frame, scope="city", city_method="daily")
        # station daily means first: only A's is valid
        assert daily.row(0, named=True)["value"] == 30.0

    def test_both_scopes_are_returned_together(self, day_frame):
        frame = day_frame({("A", "NO2"): dict.fromkeys(range(24), 30.0)}, dt.date(YEAR, 6, 1))
        out = air_quality.daily_values(frame, scope="both")
        assert sorted(set(out.get_column("station"))) == ["A", "city"]

    @pytest.mark.parametrize("dtype", [pl.Categorical, pl.Enum(["A"]), pl.Int32])
    def test_city_rows_fit_any_station_column_type(self, day_frame, dtype):
        frame = day_frame({("A", "NO2"): dict.fromkeys(range(24), 30.0)}, dt.date(YEAR, 6, 1))
        if dtype == pl.Int32:
            frame = frame.with_columns(pl.lit(7, pl.Int32).alias("station"))
        else:
            frame = frame.with_columns(pl.col("station").cast(dtype))
        out = air_quality.daily_values(frame, scope="both")
        assert set(out.get_column("station").cast(pl.String)) == {
            "A" if dtype != pl.Int32 else "7",
            "city",
        }
