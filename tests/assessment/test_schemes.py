"""Scoring schemes: every rule is checked before a version is stored, and stored versions stay."""

from __future__ import annotations

import copy

import pytest

from qingshan.assessment import schemes
from qingshan.assessment.models import AssessmentScheme, Immutable
from qingshan.audit.models import AuditEvent


def rules(**changes):
    made = copy.deepcopy(schemes.DEFAULT_RULES)
    made.update(changes)
    return made


def test_the_default_rules_pass_their_own_checks():
    assert schemes.check_rules(schemes.DEFAULT_RULES) == schemes.DEFAULT_RULES


def test_weights_that_do_not_add_up_to_100_are_refused_naming_the_sum():
    with pytest.raises(schemes.SchemeError) as caught:
        schemes.check_rules(rules(weights={"tasks": 40, "reporting": 20, "indicators": 30}))
    assert caught.value.problems == ["一级权重合计为 90，应为 100"]


def test_reporting_parts_that_do_not_add_up_are_refused_too():
    with pytest.raises(schemes.SchemeError) as caught:
        schemes.check_rules(rules(reporting={"timeliness": 70, "quality": 40}))
    assert "进展报送内部权重合计为 110，应为 100" in caught.value.problems


def test_missing_keys_are_named():
    broken = rules()
    del broken["deductions"]
    del broken["weights"]["indicators"]
    with pytest.raises(schemes.SchemeError) as caught:
        schemes.check_rules(broken)
    problems = caught.value.problems
    assert any(p.startswith("一级权重应包含且只包含") and "指标达成" in p for p in problems)
    assert any(p.startswith("扣分项应包含") and "扣分上限" in p for p in problems)


def test_a_value_that_is_not_a_number_is_named():
    with pytest.raises(schemes.SchemeError) as caught:
        schemes.check_rules(
            rules(
                status_scores={"achieved": "满分", "on_track": 90, "at_risk": 60, "off_track": 20}
            )
        )
    assert "“已达标/已完成”得分：“满分”不是数值" in caught.value.problems


def test_grades_must_run_from_high_to_low_and_end_at_zero():
    with pytest.raises(schemes.SchemeError) as caught:
        schemes.check_rules(rules(grades=[[60, "合格"], [90, "优秀"], [10, "不合格"]]))
    assert "等次下限应从高到低排列" in caught.value.problems
    assert "最低等次的下限应为 0，使每个得分都有等次" in caught.value.problems


def test_a_stored_scheme_cannot_be_modified(hz, office):
    scheme = schemes.create_scheme(hz, rules(), name="考核评分办法", user=office)
    scheme.rules = rules(weights={"tasks": 50, "reporting": 10, "indicators": 40})
    with pytest.raises(Immutable):
        scheme.save()
    assert AssessmentScheme.objects.get(pk=scheme.pk).rules["weights"]["tasks"] == 40


def test_each_new_scheme_is_the_next_version_and_is_audited(hz, office):
    first = schemes.create_scheme(hz, rules(), name="考核评分办法", user=office)
    second = schemes.create_scheme(
        hz,
        rules(weights={"tasks": 50, "reporting": 10, "indicators": 40}),
        name="考核评分办法（修订）",
        note="提高任务完成权重",
        user=office,
    )
    assert (first.version, second.version) == (1, 2)
    assert schemes.current_scheme(hz) == second
    assert AssessmentScheme.objects.get(pk=first.pk).rules["weights"]["tasks"] == 40
    events = AuditEvent.objects.filter(action="assessment.scheme_created")
    assert sorted(int(e.object_id) for e in events) == [first.pk, second.pk]


def test_a_refused_scheme_stores_no_version(hz, office):
    with pytest.raises(schemes.SchemeError):
        schemes.create_scheme(
            hz, rules(weights={"tasks": 1, "reporting": 1, "indicators": 1}), name="x"
        )
    assert not AssessmentScheme.objects.filter(plan=hz).exists()


def _form_data(**changes) -> dict[str, str]:
    data = {"name": "考核评分办法", "note": ""}
    for key, value in schemes.DEFAULT_RULES["weights"].items():
        data[f"w_{key}"] = str(value)
    for key, value in schemes.DEFAULT_RULES["reporting"].items():
        data[f"r_{key}"] = str(value)
    for key, value in schemes.DEFAULT_RULES["task_roles"].items():
        data[f"role_{key}"] = str(value)
    for key, value in schemes.DEFAULT_RULES["status_scores"].items():
        data[f"s_{key}"] = str(value)
    for key, value in schemes.DEFAULT_RULES["deductions"].items():
        data[f"d_{key}"] = str(value)
    for i, (floor, _) in enumerate(schemes.DEFAULT_RULES["grades"]):
        data[f"g_{i}"] = str(floor)
    data.update(changes)
    return data


def test_the_scheme_page_shows_bad_weights_and_saves_nothing(client, hz, office):
    client.force_login(office)
    response = client.post(f"/assessment/{hz.code}/scheme/", _form_data(w_tasks="50"))
    assert response.status_code == 400
    assert "一级权重合计为 110，应为 100" in response.content.decode()
    assert not AssessmentScheme.objects.filter(plan=hz).exists()


def test_the_scheme_page_saves_a_new_version(client, hz, office):
    client.force_login(office)
    data = _form_data(w_tasks="50", w_reporting="10", note="提高任务完成权重")
    response = client.post(f"/assessment/{hz.code}/scheme/", data)
    assert response.status_code == 302
    saved = AssessmentScheme.objects.get(plan=hz)
    assert saved.version == 1
    assert saved.rules["weights"] == {"tasks": 50, "reporting": 10, "indicators": 40}


def test_the_scheme_page_refuses_grades_out_of_order(client, hz, office):
    client.force_login(office)
    # 良好 (second grade) set above 优秀 (first): the floors must fall from high to low.
    response = client.post(f"/assessment/{hz.code}/scheme/", _form_data(g_1="95"))
    assert response.status_code == 400
    assert "等次下限应从高到低排列" in response.content.decode()
    assert not AssessmentScheme.objects.filter(plan=hz).exists()


def test_the_scheme_page_saves_new_grade_floors(client, hz, office):
    client.force_login(office)
    response = client.post(f"/assessment/{hz.code}/scheme/", _form_data(g_0="85"))
    assert response.status_code == 302
    grades = AssessmentScheme.objects.get(plan=hz).rules["grades"]
    assert grades == [[85, "优秀"], [80, "良好"], [60, "合格"], [0, "不合格"]]


def test_only_the_office_revises_the_scheme(client, hz, user_named):
    url = f"/assessment/{hz.code}/scheme/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(user_named("xihu_reporter"))
    assert client.get(url).status_code == 403
    client.force_login(user_named("leader"))
    assert client.get(url).status_code == 200
    assert client.post(url, _form_data()).status_code == 403
    assert not AssessmentScheme.objects.filter(plan=hz).exists()
