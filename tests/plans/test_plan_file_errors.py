"""Bad plan files are refused with the file, the path inside it and the rule broken."""

from __future__ import annotations

import copy

import pytest
import yaml

from qingshan.plans.planfile import PlanFileError, read_plan_file


@pytest.fixture
def plan_data(plan_document):
    return copy.deepcopy(plan_document.data)


def write(tmp_path, data, name="plan.yaml", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding=encoding)
    return path


def problems_of(path):
    with pytest.raises(PlanFileError) as info:
        read_plan_file(path)
    assert str(path) in info.value.report()
    return info.value.problems


def test_shipped_plan_passes(plan_document):
    assert len(plan_document.data["tasks"]) == 62


def test_duplicate_task_number(tmp_path, plan_data):
    plan_data["tasks"][44]["number"] = 44  # task 45 has no targets pointing at it
    [problem] = problems_of(write(tmp_path, plan_data))
    assert problem.path == "tasks[44].number"
    assert problem.rule == "unique-task-number"
    assert "tasks[43]" in problem.message


def test_unknown_unit_in_responsible(tmp_path, plan_data):
    plan_data["tasks"][0]["responsible"] = "市经信局、市未知局，各区、县（市）政府、管委会"
    [problem] = problems_of(write(tmp_path, plan_data))
    assert problem.path == "tasks[0].responsible"
    assert problem.rule == "unit-known"
    assert "市未知局" in problem.message


def test_target_without_deadline(tmp_path, plan_data):
    assert plan_data["targets"], "the shipped plan has targets"
    del plan_data["targets"][0]["deadline"]
    [problem] = problems_of(write(tmp_path, plan_data))
    assert problem.path == "targets[0]"
    assert "deadline" in problem.message
    assert problem.rule == "schema:required"


def test_unparsable_date(tmp_path, plan_data):
    plan_data["tasks"][3]["deadline"] = "2020-13-01"
    [problem] = problems_of(write(tmp_path, plan_data))
    assert problem.path == "tasks[3].deadline"
    assert problem.rule == "date-valid"


def test_date_in_another_notation(tmp_path, plan_data):
    plan_data["tasks"][3]["deadline"] = "2020年12月31日"
    [problem] = problems_of(write(tmp_path, plan_data))
    assert problem.path == "tasks[3].deadline"
    assert problem.rule == "schema:pattern"


def test_unknown_comparator(tmp_path, plan_data):
    plan_data["targets"][0]["comparator"] = "约等于"
    [problem] = problems_of(write(tmp_path, plan_data))
    assert problem.path == "targets[0].comparator"
    assert problem.rule == "schema:enum"


def test_full_width_digits_are_not_a_number(tmp_path, plan_data):
    plan_data["targets"][0]["value"] = "３８"
    [problem] = problems_of(write(tmp_path, plan_data))
    assert problem.path == "targets[0].value"
    assert problem.rule == "schema:type"


def test_gbk_encoded_file_is_refused_by_name(tmp_path, plan_data):
    path = write(tmp_path, plan_data, encoding="gb18030")  # what Excel on a Chinese Windows writes
    [problem] = problems_of(path)
    assert problem.rule == "encoding-utf8"
    assert "GBK" in problem.message


def test_successor_chain_that_loops(tmp_path, plan_data):
    units = {u["code"]: u for u in plan_data["units"]}
    units["shangcheng"]["successors"] = [{"unit": "jianggan", "date": "2021-04-09"}]
    problems = problems_of(write(tmp_path, plan_data))
    assert [p.rule for p in problems] == ["succession-acyclic"]
    assert "jianggan" in problems[0].message and "shangcheng" in problems[0].message


def test_reduction_needs_a_baseline_year(tmp_path, plan_data):
    target = next(t for t in plan_data["targets"] if t["comparator"] == "reduce_by")
    index = plan_data["targets"].index(target)
    del target["baseline"]
    [problem] = problems_of(write(tmp_path, plan_data))
    assert problem.path == f"targets[{index}].baseline"
    assert problem.rule == "baseline-required"


def test_source_text_must_be_the_plans_own_words(tmp_path, plan_data):
    plan_data["targets"][0]["source_text"] = "到2020年，全市PM2.5浓度降到30"
    problems = problems_of(write(tmp_path, plan_data))
    assert "source-verbatim" in {p.rule for p in problems}


def test_duplicate_yaml_key_is_refused_with_its_line(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text("format: qingshan-plan/1\nformat: qingshan-plan/1\n", encoding="utf-8")
    [problem] = problems_of(path)
    assert problem.rule == "yaml-syntax"
    assert problem.path.startswith("line 2")


def test_every_problem_is_reported_at_once(tmp_path, plan_data):
    plan_data["tasks"][44]["number"] = 44
    plan_data["tasks"][3]["deadline"] = "2020-02-30"
    plan_data["tasks"][0]["responsible"] = "市未知局"
    rules = sorted(p.rule for p in problems_of(write(tmp_path, plan_data)))
    assert rules == ["date-valid", "unique-task-number", "unit-known"]
