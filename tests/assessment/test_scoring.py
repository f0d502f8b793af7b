"""Scores on hand-made situations, worked out here from the documented rules: the scoring.py
docstring, schemes.DEFAULT_RULES and the task status method of docs/indicator-status.md."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qingshan.assessment import scoring, services
from qingshan.assessment.models import Score
from qingshan.plans.models import Responsibility, Target

RULES: dict[str, Any] = {
    "weights": {"tasks": 40, "reporting": 20, "indicators": 40},
    "reporting": {"timeliness": 60, "quality": 40},
    "task_roles": {"lead": 1.0, "territorial": 1.0, "co": 0.5},
    "status_scores": {"achieved": 100, "on_track": 90, "at_risk": 60, "off_track": 20},
    "deductions": {"late_report": 0.5, "missing_report": 1, "overdue_task": 2, "cap": 10},
}


def test_the_rules_used_below_are_the_default_scheme():
    from qingshan.assessment.schemes import DEFAULT_RULES

    assert {k: DEFAULT_RULES[k] for k in RULES} == RULES


@pytest.fixture
def jcw_2020(reports):
    """市监委 co-operates on two tasks (plan: 57 “市直各单位”, 58 “市审计局，…市监委…”), both
    due 2022-12-31.  In 2020 it sent all eight quarterly reports and had them approved; the
    task 57 report of Q2 was returned once; the task 58 reports of Q3 and Q4 were late."""
    for quarter in ("2020Q1", "2020Q2", "2020Q3"):
        reports.file("jcw", 57, quarter, percent=30, returned_once=quarter == "2020Q2")
        reports.file(
            "jcw", 58, quarter, percent=30, late_by_days=3 if quarter == "2020Q3" else None
        )
    reports.file("jcw", 57, "2020Q4", status="in_progress", percent=45)
    reports.file("jcw", 58, "2020Q4", status="delayed", percent=40, late_by_days=2)
    return reports


def test_a_unit_is_scored_item_by_item_from_its_duties_and_reports(jcw_2020, hz, office, scheme):
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    score = Score.objects.get(run=run, org__code="jcw")
    rules = RULES

    # Task 57: 推进中 45 % at 2020-12-31.  Time used: plan start 2019-03-04 to the deadline.
    start, deadline, seen = dt.date(2019, 3, 4), dt.date(2022, 12, 31), dt.date(2020, 12, 31)
    expected_percent = 100 * (seen - start).days / (deadline - start).days  # 668/1398 → 47.8
    assert 0 < expected_percent - 45 <= 5  # within the 5-point slack: on track, not at risk
    task57 = rules["status_scores"]["on_track"]
    task58 = rules["status_scores"]["at_risk"]  # reported 滞后
    co = rules["task_roles"]["co"]
    tasks = (task57 * co + task58 * co) / (co + co)  # 75

    # Reporting: 8 owed, 8 sent, 2 late; 8 approved, 7 of them the first time.
    timeliness = 100 * (8 - 2) / 8
    quality = 100 * 7 / 8
    reporting = (
        timeliness * rules["reporting"]["timeliness"] + quality * rules["reporting"]["quality"]
    ) / 100  # 80

    # No target is scoped to 市监委 and it leads no task: indicators do not apply, and their
    # weight goes to the other two items in proportion.
    assert not Target.objects.filter(scope_org__code="jcw").exists()
    weights = rules["weights"]
    applicable = weights["tasks"] + weights["reporting"]
    gross = (tasks * weights["tasks"] + reporting * weights["reporting"]) / applicable
    deduction = 2 * rules["deductions"]["late_report"]
    total = round(gross - deduction, 2)  # 75.67

    by_key = {i["key"]: i for i in score.items}
    assert by_key["tasks"]["score"] == pytest.approx(tasks)
    assert by_key["reporting"]["score"] == pytest.approx(reporting)
    assert by_key["indicators"]["score"] is None
    assert by_key["tasks"]["effective_weight"] == pytest.approx(
        round(100 * weights["tasks"] / applicable, 2)
    )
    assert [
        (r["task"][:3], r["role"], r["weight"], r["status"], r["score"])
        for r in by_key["tasks"]["rows"]
    ] == [
        ("57.", "配合", co, "on_track", task57),
        ("58.", "配合", co, "at_risk", task58),
    ]
    assert by_key["reporting"]["rows"][0]["score"] == timeliness
    assert by_key["reporting"]["rows"][1]["score"] == quality
    assert score.deductions == [{"reason": "逾期报送 2 项", "points": deduction}]
    assert score.total is not None and float(score.total) == pytest.approx(total)
    assert score.grade == "合格"  # 60 ≤ 75.67 < 80
    assert score.group == Score.Group.MUNICIPAL
    assert score.rank == 1  # every other municipal unit reported nothing in 2020


def test_a_target_without_data_is_marked_cannot_assess_not_zero(reports, hz, office, scheme):
    """市林水局 leads task 52; its 2020Q4 report gives the forest cover (67 % > 66.8 %) but
    not the forest stock: one target judged, the other left out of the mean."""
    reports.file(
        "lsj", 52, "2020Q4", status="done", percent=100, values={"forest-cover-2020": "67"}
    )
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    score = Score.objects.get(run=run, org__code="lsj")
    indicators = score.item("indicators")
    assert indicators is not None
    rows = {r["code"]: r for r in indicators["rows"]}
    assert rows["forest-cover-2020"]["status"] == "achieved"
    assert rows["forest-cover-2020"]["score"] == RULES["status_scores"]["achieved"]
    stock = rows["forest-stock-2020"]
    assert stock["status"] == "no_data"
    assert stock["score"] is None
    assert stock["reason"].startswith("无法评估")
    # Only the judged target counts: the mean is 100, not dragged down by zeros.
    assert indicators["score"] == RULES["status_scores"]["achieved"]
    assert "无法评估未计入" in indicators["explanation"]


def test_lead_tasks_due_in_the_year_and_not_done_are_deducted_up_to_the_cap(
    reports, hz, office, scheme
):
    """市林水局 leads three tasks due 2020-12-31 (30, 49, 52); 52 is reported done."""
    reports.file("lsj", 52, "2020Q4", status="done", percent=100)
    lead_due_2020 = sorted(
        Responsibility.objects.filter(
            org__code="lsj", role="lead", task__plan=hz, task__deadline__year=2020
        ).values_list("task__number", flat=True)
    )
    assert lead_due_2020 == [30, 49, 52]
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    score = Score.objects.get(run=run, org__code="lsj")
    overdue = next(d for d in score.deductions if d["reason"].startswith("牵头任务逾期未完成"))
    assert overdue["points"] == 2 * RULES["deductions"]["overdue_task"]
    assert "2 项" in overdue["reason"]
    assert "30." in overdue["reason"] and "49." in overdue["reason"]
    assert "52." not in overdue["reason"]
    # 19 duties × 4 quarters owed, one sent: far past the cap.
    assert score.deduction_total == RULES["deductions"]["cap"]


def _unit(total: float | None, group: str = "municipal") -> scoring.UnitScore:
    return scoring.UnitScore(0, "单位", group, [], [], total)


def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    scores = [_unit(80), _unit(90), _unit(70), _unit(80), _unit(None), _unit(50, "district")]
    scoring.rank(
        scores, RULES | {"grades": [[90, "优秀"], [80, "良好"], [60, "合格"], [0, "不合格"]]}
    )
    assert [s.rank for s in scores] == [2, 1, 4, 2, None, 1]
    assert [s.grade for s in scores] == ["良好", "优秀", "合格", "良好", "", "不合格"]


def test_units_reporting_nothing_tie_at_the_same_rank(hz, office, scheme):
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    municipal = list(run.scores.filter(group="municipal"))  # type: ignore[attr-defined]
    assert len({s.total for s in municipal}) == 1
    assert {s.rank for s in municipal} == {1}


def test_units_are_ranked_in_two_groups(hz, office, scheme):
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    groups = dict(run.scores.values_list("org__code", "group"))  # type: ignore[attr-defined]
    assert groups["sthjj"] == groups["lsj"] == groups["jcw"] == "municipal"
    assert groups["xihu"] == groups["jianggan"] == groups["chunan"] == "district"
    # 2020: the districts of 2019, before the redistricting.
    assert {"xiacheng", "jianggan", "djd"} <= set(groups)
    assert not {"linping", "qiantang"} & set(groups)


def test_after_the_2021_redistricting_successors_answer_for_their_predecessors(hz, office, scheme):
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2021)
    scores = {s.org.code: s for s in run.scores.select_related("org")}  # type: ignore[attr-defined]
    assert not {"jianggan", "xiacheng", "djd"} & set(scores)
    assert {"shangcheng", "gongshu", "linping", "qiantang", "yuhang"} <= set(scores)
    assert scores["shangcheng"].group == scores["qiantang"].group == "district"
    assert "原江干区" in scores["shangcheng"].note
    assert "原下城区" in scores["gongshu"].note
    # Task 48 is 江干区's and not 上城区's in the plan: 上城区 answers for it from 2021.
    only_jianggan = set(
        Responsibility.objects.filter(task__plan=hz, org__code="jianggan").values_list(
            "task__number", flat=True
        )
    ) - set(
        Responsibility.objects.filter(task__plan=hz, org__code="shangcheng").values_list(
            "task__number", flat=True
        )
    )
    assert only_jianggan == {48}
    tasks = scores["shangcheng"].item("tasks")
    assert tasks is not None
    assert any(r["task"].startswith("48.") for r in tasks["rows"])
    # 临平区 takes on 余杭区's tasks, which 余杭区 still carries.
    yuhang, linping = scores["yuhang"].item("tasks"), scores["linping"].item("tasks")
    assert yuhang is not None and linping is not None
    assert {r["task"] for r in linping["rows"]} == {r["task"] for r in yuhang["rows"]}


def test_the_merger_quarter_is_owed_once_by_the_merged_district(hz, office, scheme, reports):
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2021)
    score = run.scores.get(org__code="shangcheng")  # type: ignore[attr-defined]
    reporting = score.item("reporting")
    assert reporting is not None
    quarters = [r["part"] for r in reporting["rows"] if r["weight"] is None]
    # 上城区 and 江干区 merged on 2021-04-09: 2021Q1 is 江干区's own quarter (and 上城区's),
    # from 2021Q2 on the new 上城区 reports for both; no quarter is counted twice for a unit.
    assert quarters.count("2021Q2") == 1
    assert quarters.count("2021Q3") == 1
    assert quarters.count("2021Q1") == 2  # 上城区 and 江干区, each its own tasks


def test_targets_scoped_to_a_merged_unit_pass_to_its_successor(hz, office, scheme):
    """The plan gives 杭州大江东产业集聚区 its own closure targets for 2021; from 2021 钱塘区
    answers for that territory."""
    djd_2021 = set(
        Target.objects.filter(plan=hz, scope_org__code="djd", deadline__year=2021).values_list(
            "code", flat=True
        )
    )
    assert djd_2021
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2021)
    qiantang = run.scores.get(org__code="qiantang")  # type: ignore[attr-defined]
    indicators = qiantang.item("indicators")
    assert indicators is not None
    assert djd_2021 <= {r["code"] for r in indicators["rows"]}
