"""The public progress API: statuses, indicator values with provenance, published scores."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from qingshan.assessment import schemes, services
from qingshan.indicators.entry import enter_value

PLAN = "/api/v1/plans/hangzhou-2019"


@pytest.fixture
def office(hz):
    return get_user_model().objects.get(username="office")


@pytest.fixture
def entered(hz, office):
    """The plan: 省级以上生态文明示范区（县、市）比例 “达到80%以上” by 2020."""
    indicator = hz.indicators.get(code="prov-eco-demo-district-share")
    return enter_value(
        office,
        indicator,
        period="2020",
        value="84.6",
        unit="%",
        note="2020年省级生态文明建设示范区名单",
    )


def test_statuses_cover_every_target_and_task_of_the_plan(client, hz):
    data = client.get(f"{PLAN}/statuses").json()
    # The plan file holds 144 targets and 62 tasks (tests/plans check them against the text).
    assert len(data["targets"]) == hz.targets.count() == 144
    assert len(data["tasks"]) == hz.tasks.count() == 62
    pm25 = next(t for t in data["targets"] if t["target"] == "pm25-2020")
    assert pm25["status"] == "no_data" and pm25["latest_value"] is None
    assert pm25["requirement"] == "≤ 38微克/立方米"


def test_an_entered_value_meets_its_target_and_shows_its_source(client, entered):
    data = client.get(f"{PLAN}/statuses?as_of=2021-12-31").json()
    assert data["as_of"] == "2021-12-31"
    target = next(t for t in data["targets"] if t["target"] == "prov-eco-demo-2020")
    # 84.6 % against “80% 以上” by 2020-12-31: met.
    assert (target["status"], target["latest_value"], target["latest_period"]) == (
        "achieved",
        84.6,
        "2020",
    )
    values = client.get(f"{PLAN}/indicators/prov-eco-demo-district-share/values").json()
    assert values == [
        {
            "scope": "全市",
            "period": "2020",
            "date": "2020-12-31",
            "value": 84.6,
            "unit": "%",
            "source": "entry",
            "produced_by": "美丽杭州办 王科长",  # the office account's name (demo_accounts)
            "edition": "第 1 版",
            "partial": False,
            "reference": {"kind": "entry"},
            "note": "2020年省级生态文明建设示范区名单",
        }
    ]


def test_unknown_plan_or_indicator_is_not_found(client, hz):
    assert client.get("/api/v1/plans/nowhere/statuses").status_code == 404
    assert client.get(f"{PLAN}/indicators/nothing/values").status_code == 404


def test_only_published_assessments_are_listed_and_scored(client, hz, office):
    scheme = schemes.ensure_default_scheme(hz, office)
    run = services.run_assessment(office, hz, scheme, kind="annual", year=2020)
    assert client.get(f"{PLAN}/assessments").json() == []
    assert client.get(f"/api/v1/assessments/{run.pk}/scores").status_code == 404

    services.publish(office, run)
    listed = client.get(f"{PLAN}/assessments").json()
    assert [(r["id"], r["year"], r["kind"]) for r in listed] == [(run.pk, 2020, "annual")]
    run.refresh_from_db()
    published = dt.datetime.fromisoformat(listed[0]["published_at"])
    assert run.published_at is not None
    assert abs(published - run.published_at) < dt.timedelta(milliseconds=1)  # JSON keeps ms
    scores = client.get(f"/api/v1/assessments/{run.pk}/scores").json()
    units = {s["unit_code"]: s for s in scores}
    assert len(scores) == run.scores.count()  # type: ignore[attr-defined]
    assert units["xihu"]["group"] == "district" and units["sthjj"]["group"] == "municipal"
    assert {i["key"] for i in units["xihu"]["items"]} == {"tasks", "reporting", "indicators"}
