"""Bad input to the AQI functions is refused with a ValueError subclass naming pollutant,
value and rule — never turned into a number."""

from __future__ import annotations

import math

import pytest

from qingshan.standards import aqi
from qingshan.standards.errors import (
    InvalidConcentrationError,
    StandardsValueError,
    UnitError,
    UnknownPollutantError,
)


@pytest.mark.parametrize("value", [-0.1, math.nan, math.inf, -math.inf])
def test_negative_nan_and_infinite_concentrations_are_refused(value):
    with pytest.raises(InvalidConcentrationError, match="PM2.5"):
        aqi.iaqi("PM2.5", value)


@pytest.mark.parametrize("value", ["36", None, True])
def test_non_numbers_are_refused(value):
    with pytest.raises(InvalidConcentrationError):
        aqi.iaqi("PM2.5", value)


def test_errors_are_value_errors():
    assert issubclass(InvalidConcentrationError, ValueError)
    assert issubclass(UnknownPollutantError, ValueError)
    assert issubclass(UnitError, ValueError)


@pytest.mark.parametrize("name", ["PM25", "pm2.5", "O3_1h", "NOx", ""])
def test_unknown_pollutant_names_are_refused(name):
    with pytest.raises(UnknownPollutantError, match="unknown pollutant"):
        aqi.iaqi(name, 10)


def test_unknown_pollutant_in_aqi_is_refused():
    with pytest.raises(UnknownPollutantError):
        aqi.aqi({"PM2.5": 30, "TSP": 100})


def test_co_above_100_mg_without_a_unit_is_taken_for_micrograms_and_refused():
    with pytest.raises(UnitError, match=r"CO value 3900"):
        aqi.iaqi("CO", 3900)


def test_co_in_micrograms_with_an_explicit_unit_is_converted():
    assert aqi.iaqi("CO", 3900, unit="µg/m³") == 98
    assert aqi.iaqi("CO", 3900, unit="ug/m3") == 98


def test_co_above_100_mg_is_accepted_when_the_unit_is_explicit():
    # CO 1 h 120 mg/m³ is the 400 breakpoint
    assert aqi.iaqi("CO", 120, averaging="1h", unit="mg/m³") == 400


def test_pm_in_milligrams_is_converted():
    assert aqi.iaqi("PM2.5", 0.036, unit="mg/m³") == 52


def test_unknown_units_and_options_are_refused():
    with pytest.raises(UnitError):
        aqi.iaqi("PM2.5", 36, unit="ppm")
    with pytest.raises(StandardsValueError):
        aqi.iaqi("PM2.5", 36, averaging="8h")
    with pytest.raises(StandardsValueError):
        aqi.iaqi("PM2.5", 36, rounding="floor")
    with pytest.raises(StandardsValueError):
        aqi.iaqi("PM2.5", 600, beyond_top="raise")
    with pytest.raises(StandardsValueError):
        aqi.aqi({})
