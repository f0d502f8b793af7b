"""The early-warning list: slipping targets, blocked tasks and missing reports, each with the
units that answer for it; for the office and leaders only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from qingshan.accounts.models import Membership
from qingshan.indicators.entry import enter_value
from qingshan.indicators.status import current_snapshot
from qingshan.indicators.warnings import warning_list
from qingshan.plans.models import Org, Target, Task
from qingshan.reporting import services
from qingshan.reporting.permissions import actor_for

AS_OF = dt.date(2019, 12, 31)


def user(username: str):
    return get_user_model().objects.get(username=username)


def approve(plan, org_code: str, task_number: int, label: str, status: str = "in_progress"):
    office = actor_for(user("office"))
    org = Org.objects.get(region=plan.region, code=org_code)
    task = Task.objects.get(plan=plan, number=task_number)
    period = plan.periods.get(label=label)
    services.set_period_open(office, period, True)
    period.refresh_from_db()
    staff, _ = get_user_model().objects.get_or_create(username=f"staff_{org_code}")
    for role in (Membership.Role.REPORTER, Membership.Role.APPROVER):
        Membership.objects.get_or_create(user=staff, org=org, role=role)
    unit = actor_for(staff)
    fields = {"status": status, "percent": 20, "narrative": "工作推进情况。"}
    report = services.submit_report(unit, services.save_draft(unit, task, org, period, fields))
    return services.approve_report(office, report)


@pytest.fixture
def situation(hz):
    """As of 2019-12-31: PM2.5 rose from 45 (2018) to 46 (2019); 市林水局 reported task 16
    受阻; 市监委 sent both its 2019Q3 reports, 市考评办 none of its two."""
    services.create_periods(actor_for(user("office")), hz)
    pm25 = hz.indicators.get(code="pm25-annual-mean")
    for period, value in (("2018", "45"), ("2019", "46")):
        enter_value(
            user("office"), pm25, period=period, value=value, unit="微克/立方米", note="公报"
        )
    approve(hz, "lsj", 16, "2019Q4", status="blocked")
    approve(hz, "jcw", 57, "2019Q3")
    approve(hz, "jcw", 58, "2019Q3")
    return warning_list(current_snapshot(hz, AS_OF))


def test_a_target_off_track_names_the_units_answering_for_it(hz, situation):
    # No task measures PM2.5: the main goal answers through the plan's lead unit.
    assert not Target.objects.filter(indicator__code="pm25-annual-mean", task__isnull=False)
    assert hz.lead_unit.name == "市生态环境局"
    targets = [w for w in situation.items if w.kind == "target"]
    pm25 = [w for w in targets if w.url.endswith("#target-pm25-2022")]
    assert len(pm25) == 1
    assert pm25[0].status == "off_track"
    assert "与目标方向相反" in pm25[0].reason
    assert [u.name for u in pm25[0].units] == ["市生态环境局"]


def test_a_blocked_task_is_warned_with_its_lead_unit_first(hz, situation):
    tasks = [w for w in situation.items if w.kind == "task"]
    assert [w.title for w in tasks] == ["任务 16. 县级以上集中式饮用水水源地安全保障达标建设"]
    blocked = tasks[0]
    assert blocked.status == "off_track"
    assert "受阻" in blocked.reason
    # The plan's 任务分解表, task 16: "市林水局、市生态环境局、市建委、市交通运输局、
    # 市卫生健康委员会，各区、县（市）政府、管委会" — the lead first, then the others in order.
    names = [u.name for u in blocked.units]
    assert names[:5] == ["市林水局", "市生态环境局", "市建委", "市交通运输局", "市卫生健康委员会"]
    assert {"上城区", "西湖区", "萧山区", "淳安县", "建德市"} <= set(names[5:])


def test_units_that_missed_the_last_due_quarter_are_warned(hz, situation):
    # The last quarter due before 2019-12-31: 2019Q3, due 2019-10-15.
    missing = {w.title: w for w in situation.items if w.kind == "report"}
    kpb = missing["市考评办 未按期报送2019年第3季度进展"]
    assert kpb.reason == "应报 2 项，尚缺 2 项（截止 2019-10-15）"
    assert [u.name for u in kpb.units] == ["市考评办"]
    assert kpb.status == "missing"
    assert not any(t.startswith("市监委") for t in missing)


def test_the_worst_come_first(situation):
    order = [w.status for w in situation.items]
    assert order == sorted(order, key=["off_track", "at_risk", "missing"].index)


@pytest.fixture
def warnings_url(hz):
    return f"/indicators/{hz.code}/warnings/?as_of={AS_OF.isoformat()}"


def test_anonymous_visitors_are_sent_to_sign_in(client, warnings_url):
    response = client.get(warnings_url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_units_reporter_may_not_read_the_warnings(client, warnings_url):
    client.force_login(user("xihu_reporter"))
    assert client.get(warnings_url).status_code == 403


@pytest.mark.parametrize("username", ["office", "leader"])
def test_the_office_and_leaders_read_the_warnings(client, situation, warnings_url, username):
    client.force_login(user(username))
    response = client.get(warnings_url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "任务 16. 县级以上集中式饮用水水源地安全保障达标建设" in text
    assert "市考评办 未按期报送2019年第3季度进展" in text
    assert "细颗粒物（PM2.5）年均浓度" in text
