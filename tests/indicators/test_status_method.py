"""The status method of docs/indicator-status.md on hand-made series.

Every expected ratio and status is worked out here from the formulas of that page (the helpers
below are written from it, not taken from the code under test)."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from qingshan.indicators.progress import (
    STATUSES,
    Milestone,
    Observation,
    TargetSpec,
    TaskReport,
    assess_milestones,
    assess_target,
    assess_task,
    assess_years,
    expected_path,
    year_coordinate,
)

# ── the documented formulas, written out again ──────────────────────────────────────────────


def tau(d: date) -> float:
    """τ(d) = (year − 1) + dayofyear / daysinyear."""
    days = 366 if (d.year % 4 == 0 and d.year % 100 != 0) or d.year % 400 == 0 else 365
    return d.year - 1 + (d - date(d.year, 1, 1)).days / days + 1 / days


def cagr(start: float, end: float, years: float) -> float:
    return (end / start) ** (1 / years) - 1


def status_of(ratio: float) -> str:
    if ratio >= 0.95:
        return "on_track"
    if ratio >= 0.6:
        return "at_risk"
    return "off_track"


def ye(year: int) -> date:
    return date(year, 12, 31)


def series(**values: float) -> list[Observation]:
    """series(y2018=42, y2019=40) → year-end observations."""
    return [Observation(ye(int(k[1:])), v) for k, v in values.items()]


PLAN_START = date(2019, 3, 4)
PM25 = TargetSpec(
    "decrease",
    (Milestone(ye(2020), "<=", 38), Milestone(ye(2022), "<=", 35)),
    start=PLAN_START,
    unit="微克/立方米",
)
PM25_VALUES = series(y2018=42, y2019=40, y2020=37.5, y2021=36.8)


# ── the status table ─────────────────────────────────────────────────────────────────────────


def test_status_table_orders_worst_first_with_labels_and_colours():
    rows = sorted(STATUSES.values(), key=lambda s: s.order)
    assert [(s.code, s.label, s.colour) for s in rows] == [
        ("off_track", "严重滞后", "danger"),
        ("at_risk", "存在风险", "warning"),
        ("no_data", "暂无数据", "secondary"),
        ("cannot_assess", "无法评估", "dark"),
        ("on_track", "进度正常", "info"),
        ("achieved", "已达标", "success"),
    ]


def test_year_coordinate_puts_each_year_end_on_the_whole_year():
    assert year_coordinate(date(2019, 12, 31)) == 2019
    assert year_coordinate(date(2020, 12, 31)) == 2020
    assert year_coordinate(date(2020, 6, 30)) == pytest.approx(2019 + 182 / 366)
    assert year_coordinate(date(2021, 3, 31)) == pytest.approx(2020 + 90 / 365)


# ── the worked example of the page ──────────────────────────────────────────────────────────


def test_pm25_mid_2020_is_judged_on_the_2019_value_against_the_2020_milestone():
    a = assess_target(PM25, PM25_VALUES, date(2020, 6, 30))
    required = cagr(42, 38, 2)  # anchor 2018 (last value before the plan started) → 2020
    actual = cagr(42, 40, 1)
    ratio = -1 * actual / abs(required)
    assert a.anchor == Observation(ye(2018), 42)
    assert a.milestone == PM25.milestones[0]
    assert a.method == "geometric"
    assert a.required_rate == pytest.approx(required)
    assert a.actual_rate == pytest.approx(actual)
    assert a.ratio == pytest.approx(ratio)
    assert a.status == status_of(ratio) == "on_track"
    assert a.expected == pytest.approx(42 * (38 / 42) ** 0.5)
    assert "比值 0.98" in a.reason


def test_pm25_after_meeting_2020_is_judged_from_the_2020_point_of_the_path():
    first, second = assess_milestones(PM25, PM25_VALUES, date(2022, 3, 1))
    assert first.status == "achieved"  # 37.5 ≤ 38 in 2020
    assert first.latest == Observation(ye(2020), 37.5)
    ratio = -1 * cagr(38, 36.8, 1) / abs(cagr(38, 35, 2))
    assert second.ratio == pytest.approx(ratio)
    assert second.status == status_of(ratio) == "at_risk"
    assert assess_target(PM25, PM25_VALUES, date(2022, 3, 1)) == second


def test_a_milestone_whose_year_has_no_value_has_no_data_after_its_deadline():
    a = assess_target(PM25, PM25_VALUES, date(2023, 3, 1))
    assert a.status == "no_data"
    assert a.milestone == PM25.milestones[1]
    assert "2022" in a.reason


@pytest.mark.parametrize(("value", "status"), [(35.0, "achieved"), (35.4, "off_track")])
def test_a_passed_deadline_is_met_or_missed_on_its_years_value(value, status):
    values = [*PM25_VALUES, Observation(ye(2022), value)]
    assert assess_target(PM25, values, date(2023, 3, 1)).status == status


def test_later_values_do_not_change_a_missed_milestone():
    values = series(y2018=42, y2019=40, y2020=39, y2021=30)
    first, second = assess_milestones(PM25, values, date(2022, 3, 1))
    assert first.status == "off_track"
    assert first.latest == Observation(ye(2020), 39)
    assert second.status == "achieved"  # 30 ≤ 35 already


def test_the_glide_path_runs_through_the_anchor_and_every_milestone():
    days = [ye(2017), ye(2018), ye(2019), ye(2020), date(2021, 6, 30), ye(2022), ye(2024)]
    path = expected_path(PM25, PM25_VALUES, days)
    mid_2021 = 38 * (35 / 38) ** ((tau(date(2021, 6, 30)) - 2020) / 2)
    assert path[0] is None  # before the anchor
    assert path[1] == 42
    assert path[2] == pytest.approx(42 * (38 / 42) ** 0.5)
    assert path[3] == pytest.approx(38)
    assert path[4] == pytest.approx(mid_2021)
    assert path[5] == pytest.approx(35)
    assert path[6] == 35  # kept after the last deadline


# ── anchors and baselines ───────────────────────────────────────────────────────────────────


def test_anchor_is_the_last_value_before_the_plan_starts_not_the_first_value():
    values = series(y2015=60, y2016=55, y2017=50, y2018=45, y2019=41)
    a = assess_target(PM25, values, date(2020, 3, 1))
    assert a.anchor == Observation(ye(2018), 45)
    ratio = -1 * cagr(45, 41, 1) / abs(cagr(45, 38, 2))
    assert a.ratio == pytest.approx(ratio)
    assert a.status == status_of(ratio)


def test_without_a_plan_start_the_first_value_is_the_anchor():
    spec = TargetSpec("decrease", (Milestone(ye(2020), "<=", 38),))
    values = series(y2016=50, y2019=41)
    a = assess_target(spec, values, date(2020, 3, 1))
    assert a.anchor == Observation(ye(2016), 50)
    assert a.ratio == pytest.approx(-1 * cagr(50, 41, 3) / abs(cagr(50, 38, 4)))


def test_a_stated_baseline_year_is_looked_up_among_the_values():
    spec = TargetSpec("decrease", (Milestone(ye(2020), "<=", 38),), baseline_year=2016)
    values = series(y2015=60, y2016=50, y2019=41)
    assert assess_target(spec, values, date(2020, 3, 1)).anchor == Observation(ye(2016), 50)


def test_a_missing_baseline_year_value_falls_back_and_the_reason_says_so():
    spec = TargetSpec(
        "decrease", (Milestone(ye(2020), "<=", 38),), baseline_year=2015, start=PLAN_START
    )
    a = assess_target(spec, series(y2018=45, y2019=44), date(2020, 3, 1))
    assert a.anchor == Observation(ye(2018), 45)
    assert "没有2015年基准值" in a.reason


def test_a_baseline_value_without_a_year_sits_at_the_end_of_the_year_before_the_plan():
    spec = TargetSpec(
        "increase", (Milestone(ye(2020), ">", 66.8),), baseline_value=66.8, start=PLAN_START
    )
    a = assess_target(spec, series(y2019=66.9), date(2020, 3, 1))
    assert a.status == "achieved"
    assert a.anchor == Observation(ye(2018), 66.8)


def test_staying_on_the_threshold_of_a_strict_comparator_is_off_track():
    spec = TargetSpec(
        "increase", (Milestone(ye(2020), ">", 66.8),), baseline_value=66.8, start=PLAN_START
    )
    a = assess_target(spec, series(y2019=66.8), date(2020, 3, 1))
    assert a.status == "off_track"  # required rate 0: the path starts on the aim
    assert a.ratio is None


def test_a_baseline_value_with_neither_year_nor_plan_start_cannot_be_placed():
    spec = TargetSpec("increase", (Milestone(ye(2020), ">=", 70),), baseline_value=66.8)
    a = assess_target(spec, series(y2019=67), date(2020, 3, 1))
    assert a.status == "cannot_assess"
    assert "年份" in a.reason


def test_only_the_anchor_value_means_no_data_yet():
    a = assess_target(PM25, series(y2018=42), date(2019, 6, 30))
    assert a.status == "no_data"
    assert "之后尚无数据" in a.reason


def test_no_values_at_all_is_no_data_and_no_path():
    assert assess_target(PM25, [], date(2020, 3, 1)).status == "no_data"
    assert expected_path(PM25, [], [ye(2019), ye(2020)]) == [None, None]


def test_values_after_the_assessment_date_are_not_used():
    late = [*PM25_VALUES, Observation(date(2022, 6, 30), 30)]
    assert assess_target(PM25, late, date(2022, 3, 1)) == assess_target(
        PM25, PM25_VALUES, date(2022, 3, 1)
    )


# ── thresholds, exactly, on a linear path (target 0) ───────────────────────────────────────

ELIMINATE = TargetSpec("decrease", (Milestone(ye(2020), "=", 0),), baseline_year=2018)


@pytest.mark.parametrize(
    ("value_2019", "status"),
    [
        (10 - 5 * 0.95, "on_track"),  # R = 0.95 exactly
        (10 - 5 * 0.6, "at_risk"),  # R = 0.6 exactly
        (10 - 5 * 0.59, "off_track"),
        (11, "off_track"),  # worse than the start: R < 0
        (0, "achieved"),
    ],
)
def test_ratio_thresholds_on_a_target_of_zero_use_linear_rates(value_2019, status):
    a = assess_target(ELIMINATE, series(y2018=10, y2019=value_2019), date(2020, 3, 1))
    assert a.status == status
    if status != "achieved":
        required = (0 - 10) / 2
        actual = (value_2019 - 10) / 1
        assert a.method == "linear"
        assert a.ratio == pytest.approx(-1 * actual / abs(required))
        assert "线性" in a.reason


def test_moving_away_from_the_target_is_called_the_wrong_direction():
    a = assess_target(ELIMINATE, series(y2018=10, y2019=11), date(2020, 3, 1))
    assert "与目标方向相反" in a.reason


# ── comparators ─────────────────────────────────────────────────────────────────────────────


def test_at_least_on_an_increasing_indicator_uses_the_growth_ratio():
    spec = TargetSpec("increase", (Milestone(ye(2020), "at_least", 90.3),), baseline_year=2018)
    a = assess_target(spec, series(y2018=80, y2019=84), date(2020, 3, 1))
    ratio = cagr(80, 84, 1) / abs(cagr(80, 90.3, 2))
    assert a.ratio == pytest.approx(ratio)
    assert a.status == status_of(ratio)


def test_equals_follows_the_indicator_direction():
    up = TargetSpec("increase", (Milestone(ye(2022), "=", 100),), baseline_year=2018)
    down = TargetSpec("decrease", (Milestone(ye(2022), "=", 3),), baseline_year=2018)
    assert assess_target(up, series(y2018=90, y2019=100.5), date(2020, 1, 1)).status == "achieved"
    assert assess_target(down, series(y2018=9, y2019=2), date(2020, 1, 1)).status == "achieved"


def test_equals_without_direction_needs_the_exact_value_unless_a_tolerance_is_given():
    exact = TargetSpec("none", (Milestone(ye(2022), "=", 100),), baseline_year=2018)
    loose = TargetSpec("none", (Milestone(ye(2022), "=", 100, tolerance=1),), baseline_year=2018)
    values = series(y2018=90, y2019=99.5)
    assert assess_target(exact, series(y2018=90, y2019=100), date(2020, 1, 1)).status == (
        "achieved"
    )
    assert assess_target(exact, values, date(2020, 1, 1)).status != "achieved"
    assert assess_target(loose, values, date(2020, 1, 1)).status == "achieved"


ABOUT_92 = TargetSpec("increase", (Milestone(ye(2020), "about", 92),), baseline_year=2018)


@pytest.mark.parametrize("value", [92 * 0.95, 92 * 1.05, 90])
def test_about_is_met_within_five_percent_of_the_value_by_default(value):
    a = assess_target(ABOUT_92, series(y2018=80, y2019=value), date(2020, 3, 1))
    assert a.status == "achieved"
    assert "默认容差" in a.reason


def test_about_below_the_band_is_judged_by_the_ratio_towards_the_value():
    a = assess_target(ABOUT_92, series(y2018=80, y2019=84), date(2020, 3, 1))
    ratio = cagr(80, 84, 1) / abs(cagr(80, 92, 2))
    assert a.ratio == pytest.approx(ratio)
    assert a.status == status_of(ratio)


def test_about_past_the_far_side_of_the_band_is_at_risk():
    a = assess_target(ABOUT_92, series(y2018=80, y2019=97), date(2020, 3, 1))
    assert a.status == "at_risk"
    assert "越过" in a.reason


def test_reduce_by_aims_at_the_baseline_less_the_percentage():
    spec = TargetSpec("decrease", (Milestone(ye(2020), "reduce_by", 5),), baseline_year=2015)
    values = series(y2015=1000, y2018=970)
    a = assess_target(spec, values, date(2019, 6, 30))
    ratio = -1 * cagr(1000, 970, 3) / abs(cagr(1000, 950, 5))
    assert a.ratio == pytest.approx(ratio)
    assert a.status == status_of(ratio)
    assert "950" in a.reason
    ends = expected_path(spec, values, [ye(2020)])
    assert ends[0] == pytest.approx(950)
    met = assess_target(spec, [*values, Observation(ye(2019), 950)], date(2020, 6, 30))
    assert met.status == "achieved"  # 950 ≤ 1000 × (1 − 5/100) despite float rounding


def test_reduce_by_without_any_baseline_cannot_be_assessed():
    spec = TargetSpec("decrease", (Milestone(ye(2020), "reduce_by", 5),))
    a = assess_target(spec, series(y2018=970, y2019=960), date(2020, 3, 1))
    assert a.status == "cannot_assess"
    assert "基准值" in a.reason
    assert expected_path(spec, series(y2018=970), [ye(2019)]) == [None]


def test_reduce_by_with_a_baseline_year_that_has_no_value_cannot_be_assessed():
    spec = TargetSpec("decrease", (Milestone(ye(2020), "reduce_by", 30),), baseline_year=2015)
    a = assess_target(spec, series(y2018=970, y2019=960), date(2020, 3, 1))
    assert a.status == "cannot_assess"
    assert "缺少2015年的基准值" in a.reason


def test_no_increase_aims_at_the_baseline_and_ignores_the_value():
    spec = TargetSpec(
        "decrease", (Milestone(ye(2020), "no_increase", 0),), baseline_year=2017, baseline_value=500
    )
    assert assess_target(spec, series(y2019=490), date(2020, 3, 1)).status == "achieved"
    worse = assess_target(spec, series(y2019=510), date(2020, 3, 1))
    assert worse.status == "off_track"  # the path is flat at 500: required rate 0


def test_each_milestone_may_have_its_own_baseline():
    spec = TargetSpec(
        "decrease",
        (
            Milestone(ye(2020), "no_increase", 0, baseline_year=2015),
            Milestone(ye(2022), "reduce_by", 2, baseline_year=2017),
        ),
        start=PLAN_START,
        unit="吨",
    )
    values = series(y2015=100, y2017=95, y2018=101, y2020=99, y2021=97)
    first, second = assess_milestones(spec, values, date(2022, 3, 1))
    assert first.status == "achieved"  # 99 ≤ 100, the 2015 value
    aim = 95 * (1 - 2 / 100)  # 2 % below the 2017 value
    ratio = -1 * cagr(100, 97, 1) / abs(cagr(100, aim, 2))  # the path's 2020 point is 100
    assert second.ratio == pytest.approx(ratio)
    assert second.status == status_of(ratio) == "at_risk"
    assert "比2017年（95）下降 2%" in second.reason


@pytest.mark.parametrize(
    ("direction", "comparator"),
    [("increase", "<="), ("decrease", ">="), ("none", "at_least"), ("increase", "reduce_by")],
)
def test_a_comparator_against_the_indicator_direction_cannot_be_assessed(direction, comparator):
    spec = TargetSpec(direction, (Milestone(ye(2020), comparator, 5),), baseline_value=10)
    a = assess_target(spec, series(y2019=8), date(2020, 3, 1))
    assert a.status == "cannot_assess"
    assert "不一致" in a.reason


# ── yearly targets ──────────────────────────────────────────────────────────────────────────

YEARLY_COUNT = TargetSpec(
    "increase",
    (Milestone(ye(2020), "at_least", 100),),
    frequency="yearly",
    start=PLAN_START,
    accumulates_within_year=True,
    unit="家",
)


def test_a_yearly_count_part_way_through_the_year_is_compared_with_the_elapsed_share():
    values = [Observation(ye(2019), 120), Observation(date(2020, 6, 30), 40)]
    a = assess_target(YEARLY_COUNT, values, date(2020, 7, 15))
    share = tau(date(2020, 6, 30)) - 2019
    ratio = 40 / (100 * share)
    assert a.expected == pytest.approx(100 * share)
    assert a.ratio == pytest.approx(ratio)
    assert a.status == status_of(ratio) == "at_risk"


def test_a_missed_year_makes_a_yearly_target_off_track_and_lists_the_years():
    values = series(y2019=80, y2020=90)
    years = assess_years(YEARLY_COUNT, values, date(2021, 2, 1))
    assert [(y, a.status) for y, a in years] == [(2019, "off_track"), (2020, "off_track")]
    a = assess_target(YEARLY_COUNT, values, date(2021, 2, 1))
    assert a.status == "off_track"
    assert "2019、2020年" in a.reason


def test_a_yearly_target_met_every_year_is_achieved_once_the_years_are_over():
    values = series(y2019=100, y2020=130)
    assert assess_target(YEARLY_COUNT, values, date(2021, 2, 1)).status == "achieved"


def test_a_year_without_a_value_is_no_data():
    values = series(y2020=130)
    a = assess_target(YEARLY_COUNT, values, date(2021, 2, 1))
    assert a.status == "no_data"
    assert "2019" in a.reason


def test_past_years_met_and_no_value_yet_this_year_is_on_track():
    a = assess_target(YEARLY_COUNT, series(y2019=120), date(2020, 3, 1))
    assert a.status == "on_track"


def test_a_yearly_rate_short_of_its_level_mid_year_is_at_risk_then_off_track():
    spec = TargetSpec(
        "increase",
        (Milestone(ye(2022), ">=", 1),),
        frequency="yearly",
        start=PLAN_START,
        unit="次/天",
    )
    values = [Observation(date(2019, 6, 30), 0.9)]
    assert assess_target(spec, values, date(2019, 7, 15)).status == "at_risk"
    assert assess_target(spec, values, date(2020, 1, 15)).status == "off_track"


def test_a_yearly_target_needs_the_plan_start():
    spec = TargetSpec("increase", (Milestone(ye(2020), "at_least", 100),), frequency="yearly")
    assert assess_target(spec, series(y2019=120), date(2020, 3, 1)).status == "cannot_assess"


def test_a_yearly_path_rises_through_the_year_for_counts_and_is_flat_for_levels():
    days = [date(2018, 6, 30), date(2019, 6, 30), ye(2020), date(2021, 6, 30)]
    path = expected_path(YEARLY_COUNT, [], days)
    assert path[0] is None and path[3] is None  # outside the judged years
    assert path[1] == pytest.approx(100 * (tau(date(2019, 6, 30)) - 2018))
    assert path[2] == pytest.approx(100)
    flat = TargetSpec(
        "increase", (Milestone(ye(2022), ">=", 1),), frequency="yearly", start=PLAN_START
    )
    assert expected_path(flat, [], days) == [None, 1, 1, 1]


# ── tasks ───────────────────────────────────────────────────────────────────────────────────

TASK_START, TASK_END = date(2019, 3, 4), date(2020, 12, 31)


def report(status: str, percent: float, day: date) -> TaskReport:
    return TaskReport(status, percent, day)


def share(day: date) -> float:
    return (day - TASK_START).days / (TASK_END - TASK_START).days


def test_a_task_without_an_approved_report_has_no_data():
    assert assess_task(TASK_START, TASK_END, date(2019, 6, 1), None).status == "no_data"
    late = assess_task(TASK_START, TASK_END, date(2021, 2, 1), None)
    assert late.status == "no_data" and "已过完成时限" in late.reason


@pytest.mark.parametrize(
    ("status", "as_of", "expected"),
    [
        ("done", date(2021, 6, 1), "achieved"),
        ("in_progress", date(2021, 1, 1), "off_track"),  # overdue
        ("blocked", date(2019, 12, 1), "off_track"),
        ("delayed", date(2019, 12, 1), "at_risk"),
    ],
)
def test_task_status_rules_before_the_time_comparison(status, as_of, expected):
    latest = report(status, 90, date(2019, 9, 30))
    assert assess_task(TASK_START, TASK_END, as_of, latest).status == expected


@pytest.mark.parametrize("percent", [10, 20, 30, 40, 60])
def test_task_percent_is_compared_with_the_share_of_time_used(percent):
    day = date(2020, 3, 31)
    expected = 100 * share(day)
    wanted = "on_track" if expected - percent <= 5 else status_of(percent / expected)
    a = assess_task(TASK_START, TASK_END, date(2020, 4, 10), report("in_progress", percent, day))
    assert a.status == wanted
    assert a.expected == pytest.approx(expected)


def test_a_task_a_few_points_behind_early_on_is_on_track():
    day = date(2019, 3, 31)  # 27 of 668 days: 4 % of the time
    a = assess_task(TASK_START, TASK_END, date(2019, 4, 5), report("not_started", 0, day))
    assert 100 * share(day) <= 5
    assert a.status == "on_track"


def test_a_task_not_started_a_third_of_the_way_in_is_off_track():
    day = date(2019, 9, 30)
    a = assess_task(TASK_START, TASK_END, date(2019, 10, 5), report("not_started", 0, day))
    assert a.status == "off_track"
    assert a.ratio == 0


# ── refused inputs ──────────────────────────────────────────────────────────────────────────


def test_malformed_inputs_are_refused():
    with pytest.raises(ValueError):
        Milestone(ye(2020), "approximately", 5)
    with pytest.raises(ValueError):
        Milestone(ye(2020), "reduce_by", 120)
    with pytest.raises(ValueError):
        Observation(ye(2020), math.nan)
    with pytest.raises(ValueError):
        TargetSpec("increase", ())
    with pytest.raises(ValueError):
        TargetSpec("upward", (Milestone(ye(2020), ">=", 1),))
    with pytest.raises(ValueError):
        TargetSpec("increase", (Milestone(ye(2022), ">=", 2), Milestone(ye(2020), ">=", 1)))
    with pytest.raises(ValueError):
        assess_target(PM25, [Observation(ye(2019), 40), Observation(ye(2019), 41)], ye(2020))
    with pytest.raises(ValueError):
        TaskReport("in_progress", 101, ye(2019))
    with pytest.raises(ValueError):
        assess_task(TASK_END, TASK_START, ye(2020), None)


# ── properties ──────────────────────────────────────────────────────────────────────────────

positive = st.floats(min_value=1, max_value=1000, allow_nan=False, allow_infinity=False)
ONE_SIDED = {"<=": "decrease", ">=": "increase", "at_least": "increase", "=": "increase"}


@st.composite
def one_sided_targets(draw):
    comparator = draw(st.sampled_from(sorted(ONE_SIDED) + ["=down", "reduce_by"]))
    if comparator == "=down":
        comparator, direction = "=", "decrease"
    elif comparator == "reduce_by":
        direction = "decrease"
    else:
        direction = ONE_SIDED[comparator]
    if comparator == "reduce_by":
        values = [draw(st.floats(min_value=1, max_value=60))]
        values.append(draw(st.floats(min_value=values[0], max_value=80)))
    else:
        values = [draw(positive), draw(positive)]
    milestones = (
        Milestone(ye(2020), comparator, values[0]),
        Milestone(ye(2022), comparator, values[1]),
    )
    spec = TargetSpec(direction, milestones, baseline_year=2018, baseline_value=draw(positive))
    years = draw(st.lists(st.sampled_from([2019, 2020, 2021]), min_size=1, unique=True))
    obs = [Observation(ye(y), draw(positive)) for y in sorted(years)]
    return spec, obs


@given(one_sided_targets(), st.floats(min_value=0.01, max_value=500))
def test_improving_the_latest_value_never_worsens_the_status(target, step):
    spec, obs = target
    sense = 1 if spec.direction == "increase" else -1
    latest = obs[-1]
    better = [*obs[:-1], Observation(latest.date, latest.value + sense * step)]
    as_of = date(2022, 6, 30)
    before = assess_target(spec, obs, as_of)
    after = assess_target(spec, better, as_of)
    assert STATUSES[after.status].order >= STATUSES[before.status].order


@given(one_sided_targets())
def test_the_ratio_is_the_documented_growth_ratio_on_the_first_segment(target):
    spec, obs = target
    first = obs[0]
    assume(first.date.year <= 2020)
    a = assess_target(spec, [first], date(2020, 6, 30) if first.date.year < 2020 else ye(2020))
    b0 = spec.baseline_value
    m = spec.milestones[0]
    aim = b0 * (1 - m.value / 100) if m.comparator == "reduce_by" else m.value
    sense = 1 if spec.direction == "increase" else -1
    required = cagr(b0, aim, 2)
    if a.status == "achieved":
        return
    if required == 0:  # the path starts on the aim: no ratio, and not meeting it is off track
        assert a.ratio is None
        assert a.status == "off_track"
        return
    ratio = sense * cagr(b0, first.value, first.date.year - 2018) / abs(required)
    assert a.ratio == pytest.approx(ratio)
    assert a.status == status_of(ratio)


@given(one_sided_targets(), st.lists(st.dates(date(2017, 1, 1), date(2024, 12, 31)), max_size=8))
def test_the_glide_path_meets_each_aim_and_stays_between_neighbouring_points(target, days):
    spec, obs = target
    points = [spec.baseline_value] + [
        spec.baseline_value * (1 - m.value / 100) if m.comparator == "reduce_by" else m.value
        for m in spec.milestones
    ]
    at = expected_path(spec, obs, [ye(2018), ye(2020), ye(2022), *days])
    assert at[:3] == pytest.approx(points)
    for d, value in zip(days, at[3:], strict=True):
        if d <= ye(2018):
            assert value is None or d == ye(2018)
            continue
        k = 1 if d <= ye(2020) else 2
        lo, hi = sorted(points[k - 1 : k + 1])
        assert value is not None
        assert lo - 1e-9 <= value <= hi + 1e-9


@given(
    st.sampled_from(["not_started", "in_progress"]),
    st.floats(min_value=0, max_value=100),
    st.floats(min_value=0, max_value=100),
    st.dates(date(2019, 3, 4), date(2020, 12, 31)),
)
def test_a_higher_task_percent_never_worsens_the_status(status, a, b, day):
    lo, hi = sorted((a, b))
    as_of = date(2020, 12, 31)
    worse = assess_task(TASK_START, TASK_END, as_of, TaskReport(status, lo, day))
    better = assess_task(TASK_START, TASK_END, as_of, TaskReport(status, hi, day))
    assert better.order >= worse.order
