"""HJ 633-2012 individual AQI: every breakpoint of Table 1 and hand-computed cases.

The breakpoints below are typed from HJ 633-2012 Table 1 for this test, independently of the
package's own table module.
"""

from __future__ import annotations

import pytest

from qingshan.standards import aqi

IAQI = [0, 50, 100, 150, 200, 300, 400, 500]

# (pollutant, averaging) -> concentration limits of HJ 633-2012 Table 1
TABLE_1 = {
    ("SO2", "24h"): [0, 50, 150, 475, 800, 1600, 2100, 2620],
    ("SO2", "1h"): [0, 150, 500, 650, 800],
    ("NO2", "24h"): [0, 40, 80, 180, 280, 565, 750, 940],
    ("NO2", "1h"): [0, 100, 200, 700, 1200, 2340, 3090, 3840],
    ("PM10", "24h"): [0, 50, 150, 250, 350, 420, 500, 600],
    ("CO", "24h"): [0, 2, 4, 14, 24, 36, 48, 60],
    ("CO", "1h"): [0, 5, 10, 35, 60, 90, 120, 150],
    ("O3", "1h"): [0, 160, 200, 300, 400, 800, 1000, 1200],
    ("O3_8h", "24h"): [0, 100, 160, 215, 265, 800],
    ("PM2.5", "24h"): [0, 35, 75, 115, 150, 250, 350, 500],
}

EDGES = [
    pytest.param(pollutant, averaging, bp, IAQI[i], id=f"{pollutant}-{averaging}-{bp:g}")
    for (pollutant, averaging), bps in TABLE_1.items()
    for i, bp in enumerate(bps)
]


def _unit(pollutant: str) -> str:
    # Explicit units: CO above 100 mg/m³ is refused unless the unit is stated (see
    # test_aqi_inputs), and the top of the CO 1 h scale is 150 mg/m³.
    return "mg/m³" if pollutant == "CO" else "µg/m³"


@pytest.mark.parametrize(("pollutant", "averaging", "concentration", "expected"), EDGES)
def test_iaqi_at_each_table_1_breakpoint_equals_the_iaqi_of_that_breakpoint(
    pollutant, averaging, concentration, expected
):
    unit = _unit(pollutant)
    assert aqi.iaqi(pollutant, concentration, averaging=averaging, unit=unit) == expected
    got = aqi.iaqi(pollutant, concentration, averaging=averaging, rounding="none", unit=unit)
    assert got == expected


MIDPOINTS = [
    pytest.param(
        pollutant,
        averaging,
        (bps[i - 1] + bps[i]) / 2,
        (IAQI[i - 1] + IAQI[i]) / 2,
        id=f"{pollutant}-{averaging}-mid{i}",
    )
    for (pollutant, averaging), bps in TABLE_1.items()
    for i in range(1, len(bps))
]


@pytest.mark.parametrize(("pollutant", "averaging", "concentration", "expected"), MIDPOINTS)
def test_iaqi_is_linear_between_breakpoints(pollutant, averaging, concentration, expected):
    unit = _unit(pollutant)
    got = aqi.iaqi(pollutant, concentration, averaging=averaging, rounding="none", unit=unit)
    assert got == pytest.approx(expected, abs=1e-9)


def test_pm25_36_is_52_because_51_25_is_rounded_up():
    # (100 - 50) / (75 - 35) * (36 - 35) + 50 = 51.25 -> ceil 52
    assert aqi.iaqi("PM2.5", 36, averaging="24h") == 52
    assert aqi.iaqi("PM2.5", 36, averaging="24h", rounding="none") == pytest.approx(51.25)
    assert aqi.iaqi("PM2.5", 36, averaging="24h", rounding="half_up") == 51


def test_co_24h_3_9_is_98_because_97_5_is_rounded_up():
    # (100 - 50) / (4 - 2) * (3.9 - 2) + 50 = 97.5 -> ceil 98
    assert aqi.iaqi("CO", 3.9, averaging="24h") == 98
    assert aqi.iaqi("CO", 3.9, averaging="24h", rounding="half_up") == 98
    assert aqi.iaqi("CO", 3.9, averaging="24h", rounding="none") == pytest.approx(97.5)


@pytest.mark.parametrize(
    ("pollutant", "averaging", "concentration", "expected"),
    [
        ("SO2", "24h", 100, 75),  # 50/100*50 + 50
        ("SO2", "1h", 100, 34),  # 50/150*100 = 33.33 -> 34
        ("NO2", "1h", 150, 75),  # 50/100*50 + 50
        ("NO2", "24h", 150, 135),  # 50/100*70 + 100
        ("CO", "1h", 7.5, 75),  # 50/5*2.5 + 50
        ("O3", "1h", 180, 75),  # 50/40*20 + 50
        ("O3", "24h", 180, 75),  # in a daily report "O3" is the daily max 1 h value
        ("O3_8h", "24h", 130, 75),  # 50/60*30 + 50
        ("PM10", "24h", 160, 105),  # 50/100*10 + 100
        ("PM2.5", "24h", 36.2, 52),  # 51.5 -> 52
        ("PM2.5", "1h", 36.2, 52),  # real-time report: PM uses the 24 h scale (moving mean)
    ],
)
def test_hand_computed_iaqi(pollutant, averaging, concentration, expected):
    assert aqi.iaqi(pollutant, concentration, averaging=averaging) == expected


def test_half_up_rounds_a_half_up_and_ceil_rounds_any_fraction_up():
    # PM2.5 36.2: 1.25 * 1.2 + 50 = 51.5; PM2.5 35.4: 50 + 1.25 * 0.4 = 50.5; 35.2 -> 50.25
    assert aqi.iaqi("PM2.5", 36.2, rounding="half_up") == 52
    assert aqi.iaqi("PM2.5", 35.2, rounding="half_up") == 50
    assert aqi.iaqi("PM2.5", 35.2, rounding="ceil") == 51


def test_float_noise_does_not_push_an_exact_integer_iaqi_up_by_one():
    # CO 2.4: 25 * 0.4 + 50 = 60 exactly; 0.4 is not exact in binary
    assert aqi.iaqi("CO", 2.4) == 60
    # CO 0.8: 25 * 0.8 = 20 exactly
    assert aqi.iaqi("CO", 0.8) == 20


def test_averaging_selects_the_1h_or_24h_scale_of_so2_no2_co():
    assert aqi.iaqi("NO2", 100, averaging="1h") == 50
    assert aqi.iaqi("NO2", 100, averaging="24h") == 110  # 50/100*20 + 100
