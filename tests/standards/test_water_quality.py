"""GB 3838-2002 Table 1 single-factor classification: every limit, shared limits, DO, pH,
rivers vs lakes, the item sets, exceedance multiples and section compliance.

The limits are typed from GB 3838-2002 Table 1 for this test (mg/L; fecal coliform 个/L).
"""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
import pytest

from qingshan.standards import water_quality as wq
from qingshan.standards.errors import (
    InvalidConcentrationError,
    StandardsValueError,
    TimezoneError,
    UnknownPollutantError,
)

GRADES = ["I", "II", "III", "IV", "V", "劣V"]
LE_LIMITS = {
    "CODMn": [2, 4, 6, 10, 15],
    "COD": [15, 15, 20, 30, 40],
    "BOD5": [3, 3, 4, 6, 10],
    "NH3-N": [0.15, 0.5, 1.0, 1.5, 2.0],
    "Cu": [0.01, 1.0, 1.0, 1.0, 1.0],
    "Zn": [0.05, 1.0, 1.0, 2.0, 2.0],
    "F": [1.0, 1.0, 1.0, 1.5, 1.5],
    "Se": [0.01, 0.01, 0.01, 0.02, 0.02],
    "As": [0.05, 0.05, 0.05, 0.1, 0.1],
    "Hg": [0.00005, 0.00005, 0.0001, 0.001, 0.001],
    "Cd": [0.001, 0.005, 0.005, 0.005, 0.01],
    "Cr6+": [0.01, 0.05, 0.05, 0.05, 0.1],
    "Pb": [0.01, 0.01, 0.05, 0.05, 0.1],
    "CN": [0.005, 0.05, 0.2, 0.2, 0.2],
    "volatile_phenol": [0.002, 0.002, 0.005, 0.01, 0.1],
    "petroleum": [0.05, 0.05, 0.05, 0.5, 1.0],
    "LAS": [0.2, 0.2, 0.2, 0.3, 0.3],
    "sulfide": [0.05, 0.1, 0.2, 0.5, 1.0],
    "fecal_coliform": [200, 2000, 10000, 20000, 40000],
}
TP_RIVER = [0.02, 0.1, 0.2, 0.3, 0.4]
TP_LAKE = [0.01, 0.025, 0.05, 0.1, 0.2]
TN_LAKE = [0.2, 0.5, 1.0, 1.5, 2.0]


def at_limit_cases():
    for item, limits in LE_LIMITS.items():
        for limit in limits:
            # the best class whose limit is met: on a shared limit the better class wins
            best = min(j for j, other in enumerate(limits) if limit <= other)
            yield pytest.param(item, "river", limit, GRADES[best], id=f"{item}-{limit:g}")
    for body, item, limits in [
        ("river", "TP", TP_RIVER),
        ("lake", "TP", TP_LAKE),
        ("lake", "TN", TN_LAKE),
    ]:
        for i, limit in enumerate(limits):
            yield pytest.param(item, body, limit, GRADES[i], id=f"{item}-{body}-{limit:g}")


@pytest.mark.parametrize(("item", "body", "value", "grade"), list(at_limit_cases()))
def test_a_value_exactly_on_a_limit_meets_it_and_the_better_class_wins(item, body, value, grade):
    assert wq.item_grade(item, value, water_body=body) == grade


@pytest.mark.parametrize("item", sorted(LE_LIMITS))
def test_just_above_the_class_v_limit_is_worse_than_v(item):
    assert wq.item_grade(item, LE_LIMITS[item][-1] * 1.001) == "劣V"


@pytest.mark.parametrize(
    ("value", "grade"),
    [(0.0, "I"), (15.0, "I"), (15.01, "III"), (20.0, "III"), (30.5, "V")],
)
def test_cod_shares_its_15_limit_between_i_and_ii(value, grade):
    assert wq.item_grade("COD", value) == grade


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        (9.0, "I"),
        (7.5, "I"),
        (7.49, "II"),
        (6.0, "II"),
        (5.99, "III"),
        (5.0, "III"),
        (3.0, "IV"),
        (2.0, "V"),
        (1.99, "劣V"),
        (0.0, "劣V"),
    ],
)
def test_dissolved_oxygen_is_higher_is_better(value, grade):
    assert wq.item_grade("DO", value) == grade


@pytest.mark.parametrize(
    ("value", "grade"), [(6.0, "I"), (7.5, "I"), (9.0, "I"), (5.99, "劣V"), (9.01, "劣V")]
)
def test_ph_6_to_9_meets_every_class(value, grade):
    assert wq.item_grade("pH", value) == grade


@pytest.mark.parametrize(
    ("value", "river", "lake"),
    [
        (0.01, "I", "I"),
        (0.02, "I", "II"),
        (0.05, "II", "III"),
        (0.15, "III", "V"),
        (0.3, "IV", "劣V"),
    ],
)
def test_total_phosphorus_limits_differ_for_rivers_and_lakes(value, river, lake):
    assert wq.item_grade("TP", value, water_body="river") == river
    assert wq.item_grade("TP", value, water_body="lake") == lake
    assert wq.item_grade("TP", value, water_body="reservoir") == lake


def test_total_nitrogen_has_no_river_limit():
    assert wq.item_grade("TN", 0.1, water_body="river") is None


def test_spec_example_the_worst_item_decides():
    # DO 6.5 -> II, NH3-N 0.6 -> III, TP 0.15 (river) -> III
    r = wq.classify({"DO": 6.5, "NH3-N": 0.6, "TP": 0.15}, water_body="river")
    assert r.grade == "III"
    assert r.item_grades == {"DO": "II", "NH3-N": "III", "TP": "III"}
    assert r.deciding_items == ("NH3-N", "TP")


class TestItemSets:
    sample = {"DO": 8.0, "TP": 0.01, "TN": 1.2, "fecal_coliform": 30000.0}

    def test_national_practice_keeps_tn_and_fecal_coliform_out_of_the_class(self):
        r = wq.classify(self.sample, water_body="lake")
        assert r.grade == "I"
        assert r.reference_grades == {"TN": "IV", "fecal_coliform": "V"}

    def test_national_practice_ignores_tn_for_rivers(self):
        r = wq.classify(self.sample, water_body="river")
        assert r.grade == "I"
        assert r.ignored_items == ("TN",)
        assert r.reference_grades == {"fecal_coliform": "V"}

    def test_gb3838_item_set_counts_tn_for_lakes_and_fecal_coliform_for_all(self):
        lake = wq.classify(self.sample, water_body="lake", item_set="gb3838")
        assert (lake.grade, lake.deciding_items) == ("V", ("fecal_coliform",))
        river = wq.classify(self.sample, water_body="river", item_set="gb3838")
        assert river.grade == "V"
        assert river.ignored_items == ("TN",)

    def test_water_temperature_is_accepted_and_never_classified(self):
        r = wq.classify({"water_temperature": 30.0, "DO": 8.0})
        assert r.grade == "I" and r.ignored_items == ("water_temperature",)


class TestTargetClass:
    def test_exceedance_multiple_is_relative_to_the_target_class_limit(self):
        r = wq.classify({"NH3-N": 1.5, "COD": 25.0, "DO": 6.0}, target="III")
        # NH3-N: (1.5 - 1.0) / 1.0 = 0.5; COD: (25 - 20) / 20 = 0.25
        assert r.grade == "IV"
        assert r.compliant is False
        assert r.exceedances == pytest.approx({"NH3-N": 0.5, "COD": 0.25})

    def test_do_exceedance_is_the_shortfall_below_the_target_limit(self):
        r = wq.classify({"DO": 4.0}, target="III")
        assert r.exceedances == pytest.approx({"DO": 0.2})  # (5 - 4) / 5
        assert wq.classify({"DO": 4.0}, target="III", do_exceedance="none").exceedances == {}

    def test_ph_has_no_exceedance_multiple(self):
        r = wq.classify({"pH": 9.5}, target="III")
        assert (r.grade, r.compliant, r.exceedances) == ("劣V", False, {})

    def test_a_section_at_its_target_class_complies(self):
        r = wq.classify({"NH3-N": 1.0}, target="Ⅲ")
        assert (r.grade, r.target, r.compliant, r.exceedances) == ("III", "III", True, {})
        assert wq.classify({"NH3-N": 0.1}, target="III").compliant is True


def test_a_period_is_classified_on_the_mean_of_each_item():
    # NH3-N mean (0.4 + 1.4) / 2 = 0.9 -> III even though one sample is IV
    r = wq.classify_mean([{"NH3-N": 0.4, "DO": 8.0}, {"NH3-N": 1.4}])
    assert r.grade == "III"
    assert r.item_grades == {"NH3-N": "III", "DO": "I"}


class TestClassifyFrame:
    def frame(self):
        rows = [
            ("A", dt.date(2024, 1, 5), "DO", 6.5),
            ("A", dt.date(2024, 1, 5), "NH3-N", 0.6),
            ("A", dt.date(2024, 1, 5), "TP", 0.15),
            ("B", dt.date(2024, 1, 5), "COD", 15.0),
            ("B", dt.date(2024, 1, 5), "DO", 1.0),
            ("B", dt.date(2024, 1, 20), "COD", 25.0),
            ("B", dt.date(2024, 1, 20), "DO", 7.0),
        ]
        return pl.DataFrame(rows, schema=["station", "time", "pollutant", "value"], orient="row")

    def test_each_sample_is_classified(self):
        out = wq.classify_frame(self.frame(), target="III")
        assert out.select("station", "grade", "compliant").rows() == [
            ("A", "III", True),
            ("B", "劣V", False),
            ("B", "IV", False),
        ]
        a = out.row(0, named=True)
        assert a["deciding_items"] == ["NH3-N", "TP"]
        b = out.row(1, named=True)
        assert b["exceedances"] == [{"item": "DO", "multiple": pytest.approx(0.8)}]

    def test_period_means_are_classified(self):
        out = wq.classify_frame(self.frame(), period="month").filter(pl.col("station") == "B")
        # COD mean 20 -> III, DO mean 4 -> IV
        row = out.row(0, named=True)
        assert (row["time"], row["grade"], row["deciding_items"]) == (
            dt.date(2024, 1, 1),
            "IV",
            ["DO"],
        )

    def test_water_body_and_target_can_come_from_columns(self):
        frame = pl.DataFrame(
            {
                "station": ["L", "R"],
                "time": [dt.date(2024, 1, 5)] * 2,
                "pollutant": ["TP", "TP"],
                "value": [0.05, 0.05],
                "water_body": ["lake", "river"],
                "target": ["II", "II"],
            }
        )
        out = wq.classify_frame(frame)
        assert out.select("station", "grade", "compliant").rows() == [
            ("L", "III", False),
            ("R", "II", True),
        ]

    def test_bad_frames_are_refused(self):
        frame = self.frame()
        with pytest.raises(UnknownPollutantError):
            wq.classify_frame(frame.with_columns(pl.lit("BOD").alias("pollutant")))
        with pytest.raises(InvalidConcentrationError):
            wq.classify_frame(frame.with_columns(pl.lit(-1.0).alias("value")))
        with pytest.raises(StandardsValueError, match="duplicate"):
            wq.classify_frame(pl.concat([frame, frame.head(1)]))
        naive = frame.with_columns(pl.col("time").cast(pl.Datetime("us")))
        with pytest.raises(TimezoneError):
            wq.classify_frame(naive)


@pytest.mark.parametrize("value", [-0.1, math.nan, math.inf])
def test_invalid_measurements_are_refused(value):
    with pytest.raises(InvalidConcentrationError, match="NH3-N"):
        wq.classify({"NH3-N": value})


def test_unknown_items_water_bodies_and_classes_are_refused():
    with pytest.raises(UnknownPollutantError, match="BOD"):
        wq.classify({"BOD": 3.0})
    with pytest.raises(StandardsValueError):
        wq.classify({"DO": 8.0}, water_body="sea")
    with pytest.raises(StandardsValueError):
        wq.classify({"DO": 8.0}, target="VI")
    with pytest.raises(StandardsValueError):
        wq.classify({})
