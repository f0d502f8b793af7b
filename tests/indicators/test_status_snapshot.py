"""Target statuses stored per date, judged on the plan's PM2.5 targets from hand-made values.

The expected ratios are worked out here with the formulas of docs/indicator-status.md; the
plan (hangzhou-2019.yaml) sets PM2.5 ≤ 38 µg/m³ by 2020 and ≤ 35 by 2022, with no baseline,
and is in force from 2019-03-04."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from qingshan.indicators.entry import enter_value
from qingshan.indicators.models import StatusSnapshot, TargetStatus
from qingshan.indicators.status import current_snapshot
from qingshan.plans.models import Target

AS_OF = dt.date(2019, 12, 31)


def enter(plan, period: str, value: str):
    office = get_user_model().objects.get(username="office")
    indicator = plan.indicators.get(code="pm25-annual-mean")
    enter_value(
        office, indicator, period=period, value=value, unit="微克/立方米", note="环境状况公报"
    )


def status(snapshot: StatusSnapshot, code: str) -> TargetStatus:
    return snapshot.target_statuses.get(target__code=code)  # type: ignore[attr-defined]


def ratio(start: float, latest: float, aim: float, years_seen: float, years_to_aim: float) -> float:
    """R = σ · r_L / |r_T| with geometric rates; σ = −1 (lower is better)."""
    required = (aim / start) ** (1 / years_to_aim) - 1
    observed = (latest / start) ** (1 / years_seen) - 1
    return -1 * observed / abs(required)


@pytest.fixture
def pm25(hz):
    targets = {
        t.code: t for t in Target.objects.filter(plan=hz, indicator__code="pm25-annual-mean")
    }
    assert set(targets) == {"pm25-2020", "pm25-2022"}
    assert all(t.baseline_value is None and t.baseline_year is None for t in targets.values())
    assert hz.effective_on == dt.date(2019, 3, 4)
    enter(hz, "2018", "45")
    enter(hz, "2019", "42")
    return targets


def test_pm25_in_2019_is_at_risk_on_the_way_to_both_milestones(hz, pm25):
    # Anchor: the last value on or before 2019-03-04 → (2018, 45).  The 2019 value lies on the
    # first leg of the glide path, 45 (2018) → 38 (2020), for both targets.
    expected_ratio = ratio(45, 42, 38, 1, 2)
    assert 0.6 <= expected_ratio < 0.95  # 0.82: 存在风险
    snapshot = current_snapshot(hz, AS_OF)
    for code in ("pm25-2020", "pm25-2022"):
        row = status(snapshot, code)
        assert row.status == "at_risk", code
        assert row.ratio == pytest.approx(expected_ratio)
        assert row.expected == pytest.approx(45 * (38 / 45) ** 0.5)  # the path at 2019: 41.35
        assert (row.latest_value, row.latest_period) == (42, "2019")


def test_pm25_rising_is_off_track(hz, pm25):
    enter(hz, "2019", "46")
    assert ratio(45, 46, 38, 1, 2) < 0  # the wrong direction
    snapshot = current_snapshot(hz, AS_OF)
    assert status(snapshot, "pm25-2022").status == "off_track"
    assert "与目标方向相反" in status(snapshot, "pm25-2022").reason


def test_pm25_already_at_38_has_met_2020_early_and_is_on_track_for_2022(hz, pm25):
    enter(hz, "2019", "38")  # a correction of the 2019 value
    assert ratio(45, 38, 38, 1, 2) >= 0.95
    snapshot = current_snapshot(hz, AS_OF)
    assert status(snapshot, "pm25-2020").status == "achieved"
    assert status(snapshot, "pm25-2022").status == "on_track"
    assert status(snapshot, "pm25-2022").latest_value == 38


def test_without_values_pm25_has_no_data(hz):
    snapshot = current_snapshot(hz, AS_OF)
    assert status(snapshot, "pm25-2022").status == "no_data"


def test_the_snapshot_is_rebuilt_only_when_its_inputs_change(hz, pm25):
    first = current_snapshot(hz, AS_OF)
    again = current_snapshot(hz, AS_OF)
    assert again.pk == first.pk
    assert again.computed_at == first.computed_at
    assert StatusSnapshot.objects.filter(plan=hz, as_of=AS_OF).count() == 1

    enter(hz, "2019", "38")
    rebuilt = current_snapshot(hz, AS_OF)
    assert rebuilt.pk != first.pk
    assert rebuilt.inputs != first.inputs
    assert status(rebuilt, "pm25-2022").status == "on_track"
    assert StatusSnapshot.objects.filter(plan=hz, as_of=AS_OF).count() == 1


def test_each_date_keeps_its_own_snapshot(hz, pm25):
    at_2019 = current_snapshot(hz, AS_OF)
    at_2021 = current_snapshot(hz, dt.date(2021, 3, 31))
    assert at_2019.pk != at_2021.pk
    # By 2021-03-31 the 2020 deadline has passed with no 2020 value.
    assert status(at_2021, "pm25-2020").status == "no_data"
    assert status(at_2019, "pm25-2020").status == "at_risk"
