"""Property: single-factor classification is monotone — worsening any item never improves
the class (GB 3838-2002)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qingshan.standards import water_quality as wq

GRADES = ["I", "II", "III", "IV", "V", "劣V"]
# items and a range wide enough to cross every class; DO worsens downwards
RANGES = {
    "DO": (0.0, 12.0),
    "CODMn": (0.0, 20.0),
    "COD": (0.0, 50.0),
    "BOD5": (0.0, 12.0),
    "NH3-N": (0.0, 3.0),
    "TP": (0.0, 0.5),
    "Hg": (0.0, 0.002),
    "Cu": (0.0, 1.5),
    "fecal_coliform": (0.0, 50000.0),
}


def rank(grade: str) -> int:
    return GRADES.index(grade)


samples = st.fixed_dictionaries(
    {item: st.floats(min_value=lo, max_value=hi) for item, (lo, hi) in RANGES.items()}
)


@given(
    sample=samples,
    item=st.sampled_from(sorted(RANGES)),
    factor=st.floats(min_value=0.0, max_value=1.0),
    body=st.sampled_from(["river", "lake"]),
    item_set=st.sampled_from(["national", "gb3838"]),
)
def test_worsening_any_item_never_improves_the_class(sample, item, factor, body, item_set):
    lo, hi = RANGES[item]
    worse = dict(sample)
    if item == "DO":
        worse[item] = sample[item] * factor  # less oxygen is worse
    else:
        worse[item] = sample[item] + (hi - sample[item]) * factor
    before = wq.classify(sample, water_body=body, item_set=item_set).grade
    after = wq.classify(worse, water_body=body, item_set=item_set).grade
    assert rank(after) >= rank(before)


@given(sample=samples, body=st.sampled_from(["river", "lake"]))
def test_the_class_is_the_worst_item_class(sample, body):
    result = wq.classify(sample, water_body=body, item_set="gb3838")
    worst = max(rank(g) for g in result.item_grades.values())
    assert rank(result.grade) == worst
