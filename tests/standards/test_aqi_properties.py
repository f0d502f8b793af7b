"""Properties of the HJ 633-2012 IAQI, checked against a reference written from the formula
(HJ 633-2012 formula (1)) in this file."""

from __future__ import annotations

import math

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from qingshan.standards import aqi

IAQI = [0, 50, 100, 150, 200, 300, 400, 500]
SCALES = {
    ("SO2", "24h"): [0, 50, 150, 475, 800, 1600, 2100, 2620],
    ("NO2", "24h"): [0, 40, 80, 180, 280, 565, 750, 940],
    ("NO2", "1h"): [0, 100, 200, 700, 1200, 2340, 3090, 3840],
    ("PM10", "24h"): [0, 50, 150, 250, 350, 420, 500, 600],
    ("CO", "24h"): [0, 2, 4, 14, 24, 36, 48, 60],
    ("CO", "1h"): [0, 5, 10, 35, 60, 90, 120, 150],
    ("O3", "1h"): [0, 160, 200, 300, 400, 800, 1000, 1200],
    ("PM2.5", "24h"): [0, 35, 75, 115, 150, 250, 350, 500],
}
scale = st.sampled_from(sorted(SCALES))


def reference(bps: list[float], c: float) -> float:
    """IAQI_P = (IAQI_Hi - IAQI_Lo) / (BP_Hi - BP_Lo) * (C_P - BP_Lo) + IAQI_Lo, capped."""
    for i in range(1, len(bps)):
        if c <= bps[i]:
            return (IAQI[i] - IAQI[i - 1]) / (bps[i] - bps[i - 1]) * (c - bps[i - 1]) + IAQI[i - 1]
    return IAQI[len(bps) - 1]


def concentration(key):
    top = SCALES[key][-1]
    return st.floats(min_value=0, max_value=top * 1.2, allow_nan=False)


@given(key=scale, data=st.data())
def test_iaqi_matches_the_formula_and_rounds_up(key, data):
    c = data.draw(concentration(key))
    pollutant, averaging = key
    unit = "mg/m³" if pollutant == "CO" else "µg/m³"
    expected = reference(SCALES[key], c)
    got = aqi.iaqi(pollutant, c, averaging=averaging, rounding="none", unit=unit)
    assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-9)
    assert aqi.iaqi(pollutant, c, averaging=averaging, unit=unit) == math.ceil(round(expected, 9))


@given(key=scale, data=st.data())
def test_iaqi_is_non_decreasing_in_concentration(key, data):
    a = data.draw(concentration(key))
    b = data.draw(concentration(key))
    lo, hi = sorted((a, b))
    pollutant, averaging = key
    unit = "mg/m³" if pollutant == "CO" else "µg/m³"
    for rounding in ("none", "ceil", "half_up"):
        assert aqi.iaqi(pollutant, lo, averaging=averaging, rounding=rounding, unit=unit) <= (
            aqi.iaqi(pollutant, hi, averaging=averaging, rounding=rounding, unit=unit)
        )


@given(key=scale, data=st.data())
def test_iaqi_is_continuous_at_every_breakpoint(key, data):
    pollutant, averaging = key
    unit = "mg/m³" if pollutant == "CO" else "µg/m³"
    bps = SCALES[key]
    i = data.draw(st.integers(min_value=1, max_value=len(bps) - 2))
    eps = bps[i] * 1e-9
    left = aqi.iaqi(pollutant, bps[i] - eps, averaging=averaging, rounding="none", unit=unit)
    right = aqi.iaqi(pollutant, bps[i] + eps, averaging=averaging, rounding="none", unit=unit)
    assert abs(right - left) < 1e-5
    assert left <= IAQI[i] <= right


@settings(max_examples=25)
@given(key=scale, data=st.data())
def test_vectorised_iaqi_matches_the_formula(key, data):
    values = data.draw(st.lists(concentration(key), min_size=1, max_size=50))
    pollutant, averaging = key
    frame = pl.DataFrame({"c": values}, schema={"c": pl.Float64})
    got = frame.select(aqi.iaqi_expr("c", pollutant, averaging=averaging)).to_series().to_list()
    assert got == [math.ceil(round(reference(SCALES[key], c), 9)) for c in values]


def test_vectorised_iaqi_leaves_null_nan_and_negative_as_null_not_500():
    frame = pl.DataFrame({"c": [None, float("nan"), -1.0, 36.0]})
    assert frame.select(aqi.iaqi_expr("c", "PM2.5")).to_series().to_list() == [
        None,
        None,
        None,
        52,
    ]
