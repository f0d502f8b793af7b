"""Loading is idempotent and all-or-nothing; exports load back without a single change."""

from __future__ import annotations

import copy
import io
import json

import pytest
import yaml
from django.core.management import CommandError, call_command

from qingshan.audit.models import AuditEvent
from qingshan.plans.exporter import export_json, export_yaml
from qingshan.plans.loader import load_plan
from qingshan.plans.models import Org, Responsibility, Target, Task
from qingshan.plans.planfile import PlanFileError, check_plan, read_plan_file

PLAN = "src/qingshan/plans_data/hangzhou-2019.yaml"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_loaded_plan_has_every_task_and_unit(hz):
    assert hz.tasks.count() == 62
    assert Task.objects.get(plan=hz, number=52).name == "森林城市建设"
    assert (
        Org.objects.filter(region="杭州市", kind="district").count() == 16
    )  # 14 of 2019 + 临平, 钱塘
    lead = Responsibility.objects.get(task__plan=hz, task__number=52, role="lead")
    assert lead.org.name == "市林水局"


def test_loading_the_same_file_again_changes_nothing(hz):
    events = AuditEvent.objects.count()
    assert "nothing changed" in run("plan", "load", PLAN)
    assert AuditEvent.objects.count() == events


def test_loading_an_edited_file_updates_in_place_and_says_what_changed(hz, tmp_path):
    data = copy.deepcopy(read_plan_file(PLAN).data)
    task = next(t for t in data["tasks"] if t["number"] == 52)
    task["name"] = "森林城市建设（修订）"
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    task_id = Task.objects.get(plan=hz, number=52).pk

    output = run("plan", "load", str(path))

    assert "~ task 52: name: 森林城市建设 → 森林城市建设（修订）" in output
    assert "1 change(s) loaded" in output
    assert Task.objects.get(pk=task_id).name == "森林城市建设（修订）"
    event = AuditEvent.objects.filter(action="plan.load").latest("id")
    assert event.object_id == "hangzhou-2019"
    assert any("task 52" in change for change in event.after["changes"])


def test_a_bad_file_loads_nothing(hz, tmp_path):
    data = copy.deepcopy(read_plan_file(PLAN).data)
    data["tasks"][0]["name"] = "已修改"
    data["tasks"][44]["number"] = 44  # and one error elsewhere in the file
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        run("plan", "load", str(path))
    assert "tasks[44].number" in str(info.value)
    assert "nothing was loaded" in str(info.value)
    assert Task.objects.get(plan=hz, number=1).name == "严格控制煤炭消费总量"


def test_a_failure_while_writing_rolls_everything_back(hz):
    """All-or-nothing holds for the database too: an error mid-load leaves no partial change."""
    data = copy.deepcopy(read_plan_file(PLAN).data)
    data["tasks"][0]["name"] = "已修改"
    doc = check_plan(data)
    doc.duties[1] = [type(doc.duties[1][0])("no-such-unit", "lead", "")]
    with pytest.raises(KeyError):
        load_plan(doc)
    assert Task.objects.get(plan=hz, number=1).name == "严格控制煤炭消费总量"


def test_yaml_export_round_trips_without_changes(hz, tmp_path):
    path = tmp_path / "export.yaml"
    path.write_text(export_yaml(hz), encoding="utf-8")
    result = load_plan(read_plan_file(path))
    assert result.changes == []


def test_json_export_round_trips_and_lists_tasks_and_targets(hz, tmp_path):
    text = export_json(hz)
    data = json.loads(text)
    task = next(t for t in data["tasks"] if t["number"] == 52)
    assert task["name"] == "森林城市建设"
    assert task["lead"] == "市林水局"
    assert task["co_operators"] == []
    assert "66.8%" in task["content"]
    assert {"number", "name", "content", "lead", "co_operators"} <= set(task)
    target = data["targets"][0]
    assert {"value", "unit", "comparator", "deadline", "scope", "source_text"} <= set(target)
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    assert load_plan(read_plan_file(path)).changes == []


def test_export_command_writes_a_file(hz, tmp_path):
    out = tmp_path / "x.json"
    run("plan", "export", "hangzhou-2019", "--format", "json", "--output", str(out))
    assert (
        json.loads(out.read_text(encoding="utf-8"))["plan"]["document_number"]
        == "杭政函〔2019〕18号"
    )


def test_export_of_an_unknown_plan_names_the_known_ones(hz):
    with pytest.raises(CommandError, match="hangzhou-2019"):
        run("plan", "export", "ningbo-2020")


def test_check_command_loads_nothing(db, tmp_path):
    before = Target.objects.count()
    output = run("plan", "check", PLAN)
    assert "OK" in output and "62 tasks" in output
    assert Target.objects.count() == before


def test_exported_json_that_contradicts_the_responsible_text_is_refused(hz, tmp_path):
    data = json.loads(export_json(hz))
    task = next(t for t in data["tasks"] if t["number"] == 52)
    task["lead"] = "市生态环境局"
    with pytest.raises(PlanFileError) as info:
        check_plan(data)
    [problem] = info.value.problems
    assert problem.rule == "roles-match-responsible"
