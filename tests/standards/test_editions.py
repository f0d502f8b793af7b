"""Editions: registry, effective dates, and the gap at 2026-03-01 that must never be crossed
by accident."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from qingshan.standards import air_quality, aqi, editions, water_quality
from qingshan.standards.errors import (
    EditionGapError,
    EditionNotImplementedError,
    UnknownEditionError,
)

CHANGE = dt.date(2026, 3, 1)


def test_the_2026_editions_are_registered_but_not_implemented():
    for code in ("GB3095-2026", "HJ633-2026", "HJ663-2026"):
        edition = editions.get(code)
        assert edition.effective_from == CHANGE
        assert not edition.implemented


def test_the_2012_editions_are_superseded_on_2026_03_01():
    for code, successor in [
        ("GB3095-2012", "GB3095-2026"),
        ("HJ633-2012", "HJ633-2026"),
        ("HJ663-2013", "HJ663-2026"),
    ]:
        edition = editions.get(code)
        assert (edition.superseded_on, edition.superseded_by) == (CHANGE, successor)
        assert edition.in_force_on(CHANGE - dt.timedelta(days=1))
        assert not edition.in_force_on(CHANGE)


def test_in_force_follows_the_effective_dates():
    assert editions.in_force("HJ 633", dt.date(2025, 12, 31)).code == "HJ633-2012"
    assert editions.in_force("HJ 633", CHANGE).code == "HJ633-2026"
    assert editions.in_force("GB 3838", dt.date(2024, 1, 1)).code == "GB3838-2002"
    assert editions.in_force("GB 3095", dt.date(2015, 12, 31)) is None


def test_codes_are_matched_whatever_the_spacing_or_dash():
    assert editions.get("HJ 633—2012").code == "HJ633-2012"


def test_unknown_and_mismatched_editions_are_refused():
    with pytest.raises(UnknownEditionError):
        editions.get("HJ633-1999")
    with pytest.raises(UnknownEditionError):
        editions.resolve("HJ 633", edition="GB3095-2012")


def test_choosing_an_unimplemented_edition_explicitly_is_refused():
    with pytest.raises(EditionNotImplementedError, match="HJ633-2026"):
        aqi.iaqi("PM2.5", 36, edition="HJ633-2026")


def test_a_value_dated_on_or_after_2026_03_01_raises_an_edition_gap():
    with pytest.raises(EditionGapError, match=r"HJ633-2026.*HJ633-2012"):
        aqi.iaqi("PM2.5", 36, on=CHANGE)
    assert aqi.iaqi("PM2.5", 36, on=CHANGE - dt.timedelta(days=1)) == 52


def test_the_superseded_edition_applies_when_chosen_explicitly():
    assert aqi.iaqi("PM2.5", 36, on=CHANGE, edition="HJ633-2012") == 52
    result = aqi.aqi({"PM2.5": 36}, on=dt.datetime(2026, 6, 1), edition="HJ633-2012")
    assert result.edition == "HJ633-2012"


def test_hourly_frames_after_the_change_need_an_explicit_choice(day_frame):
    frame = day_frame({("S1", "PM2.5"): dict.fromkeys(range(24), 40.0)}, CHANGE)
    with pytest.raises(EditionGapError, match="2026-03-01"):
        aqi.daily_aqi_frame(frame)
    assert aqi.daily_aqi_frame(frame, edition="HJ633-2012").height == 1
    assert aqi.daily_aqi_frame(frame, allow_superseded=True).height == 1
    out = air_quality.daily_values(frame, edition="GB3095-2012")
    assert out.get_column("valid").to_list() == [True]


def test_frames_spanning_the_change_are_refused_without_a_choice(day_frame):
    frame = pl.concat(
        [
            day_frame({("S1", "NO2"): dict.fromkeys(range(24), 40.0)}, CHANGE - dt.timedelta(1)),
            day_frame({("S1", "NO2"): dict.fromkeys(range(24), 40.0)}, CHANGE),
        ]
    )
    with pytest.raises(EditionGapError):
        air_quality.daily_values(frame)


def test_annual_evaluation_of_2026_needs_an_explicit_choice(day_frame):
    frame = day_frame({("S1", "NO2"): dict.fromkeys(range(24), 40.0)}, dt.date(2026, 1, 5))
    with pytest.raises(EditionGapError, match="GB3095-2026"):
        air_quality.annual_evaluation(frame, year=2026)
    ev = air_quality.annual_evaluation(frame, year=2026, edition="GB3095-2012")
    assert ev.editions == ("GB3095-2012", "HJ663-2013", "HJ633-2012")


def test_data_before_any_registered_edition_is_refused(day_frame):
    frame = day_frame({("S1", "NO2"): dict.fromkeys(range(24), 40.0)}, dt.date(2015, 6, 1))
    with pytest.raises(EditionGapError, match="no edition"):
        air_quality.daily_values(frame)
    assert air_quality.daily_values(frame, edition="GB3095-2012").height == 1


def test_water_samples_resolve_gb3838_2002():
    assert water_quality.classify({"DO": 8}, on=dt.date(2026, 6, 1)).edition == "GB3838-2002"
    with pytest.raises(EditionGapError):
        water_quality.classify({"DO": 8}, on=dt.date(2001, 1, 1))
