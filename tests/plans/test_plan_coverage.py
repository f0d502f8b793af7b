"""No number of the plan is left without a target record or a stated reason."""

from __future__ import annotations

import copy

from qingshan.plans.coverage import uncovered_numbers


def test_every_number_in_the_plan_is_accounted_for(seed_text, plan_document):
    missing = uncovered_numbers(plan_document.data, seed_text)
    assert missing == [], "\n".join(map(str, missing))


def test_dropping_a_target_is_noticed(seed_text, plan_document):
    data = copy.deepcopy(plan_document.data)
    data["targets"] = [t for t in data["targets"] if "1650万亩" not in t["source_text"]]
    data["targets"] = [
        {**t, "also_in": [a for a in t.get("also_in", []) if "1650万亩" not in a]}
        for t in data["targets"]
    ]
    missing = uncovered_numbers(data, seed_text)
    assert "1650" in {m.number for m in missing}


def test_dates_and_names_are_not_counted_as_quantities(seed_text):
    missing = uncovered_numbers({"targets": [], "unquantified_numbers": []}, seed_text)
    numbers = {m.number for m in missing}
    assert "2019" not in numbers and "2022" not in numbers  # years
    assert "38" in numbers and "1650" in numbers  # quantities
    assert "2.5" not in numbers  # PM2.5 is a name, not a quantity
