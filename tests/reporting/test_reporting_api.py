"""A unit's token reads its own reports, versions and audit trail, and saves drafts."""

from __future__ import annotations

import json

import pytest

from qingshan.accounts.models import ApiToken
from qingshan.accounts.tokens import issue_token, revoke_token
from qingshan.reporting import services
from qingshan.reporting.models import Report
from qingshan.reporting.permissions import actor_for_token

from .conftest import actor, person


@pytest.fixture
def xihu_key(hz, org):
    _, key = issue_token(org("xihu"), "西湖区系统对接", person("admin"))
    return key


def call(client, method, path, key=None, body=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    if body is None:
        return getattr(client, method)(f"/api/v1{path}", **headers)
    return getattr(client, method)(
        f"/api/v1{path}", data=json.dumps(body), content_type="application/json", **headers
    )


def test_token_saves_a_draft_and_reads_it_back(client, quarter, xihu_key, task):
    t48 = task(48)
    target = t48.targets.get(scope_org__code="xihu")
    response = call(
        client,
        "post",
        "/reports",
        xihu_key,
        {
            "period": "2020Q4",
            "task": 48,
            "status": "in_progress",
            "percent": 70,
            "narrative": "完成东陈河等10条河道。",
            "values": {target.code: "１０"},
        },
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["state"] == "draft" and data["unit"] == "xihu"
    assert [(v["target"], float(v["value"])) for v in data["values"]] == [(target.code, 10.0)]
    listed = call(client, "get", "/reports?period=2020Q4", xihu_key).json()
    assert [r["task"] for r in listed] == [48]
    events = call(client, "get", f"/reports/{data['id']}/events", xihu_key).json()
    assert events[0]["action"] == "report.save"
    assert events[0]["actor"] == "API 令牌 西湖区系统对接"


def test_token_sees_nothing_of_another_unit(client, quarter, xihu_key, task, org):
    other = services.save_draft(
        actor("lsj_reporter"), task(52), org("lsj"), quarter, {"narrative": "林水局草稿"}
    )
    assert call(client, "get", f"/reports/{other.pk}", xihu_key).status_code == 404
    assert call(client, "get", f"/reports/{other.pk}/events", xihu_key).status_code == 404
    assert call(client, "get", "/reports", xihu_key).json() == []


def test_token_cannot_report_for_tasks_of_other_units(client, quarter, xihu_key):
    response = call(client, "post", "/reports", xihu_key, {"period": "2020Q4", "task": 11})
    assert response.status_code == 400
    assert "不承担任务 11" in response.json()["detail"]
    assert not Report.objects.exists()


def test_a_token_made_by_an_administrator_has_no_office_powers(
    client, quarter, xihu_key, task, org
):
    report = services.save_draft(
        actor("xihu_reporter"), task(52), org("xihu"), quarter, {"narrative": "x"}
    )
    services.submit_report(actor("xihu_approver"), report)
    # There is no approve endpoint for tokens, and the actor behind a token is not the office.
    token_actor = actor_for_token(ApiToken.objects.get())
    assert not token_actor.is_office
    with pytest.raises(services.NotAllowed):
        services.approve_report(token_actor, Report.objects.get(pk=report.pk))


def test_bad_values_and_stale_edits(client, quarter, xihu_key, task):
    target = task(48).targets.get(scope_org__code="xihu")
    bad = call(
        client,
        "post",
        "/reports",
        xihu_key,
        {"period": "2020Q4", "task": 48, "values": {target.code: "10条"}},
    )
    assert bad.status_code == 400 and "不是数字" in bad.json()["detail"]
    bad = call(
        client, "post", "/reports", xihu_key, {"period": "2020Q4", "task": 48, "percent": 120}
    )
    assert bad.status_code == 400
    first = call(
        client, "post", "/reports", xihu_key, {"period": "2020Q4", "task": 48, "narrative": "a"}
    )
    version = first.json()["row_version"]
    call(
        client,
        "post",
        "/reports",
        xihu_key,
        {"period": "2020Q4", "task": 48, "narrative": "b", "row_version": version},
    )
    stale = call(
        client,
        "post",
        "/reports",
        xihu_key,
        {"period": "2020Q4", "task": 48, "narrative": "c", "row_version": version},
    )
    assert stale.status_code == 409
    assert Report.objects.get().narrative == "b"


def test_missing_wrong_and_revoked_tokens_are_refused(client, quarter, xihu_key):
    assert call(client, "get", "/reports").status_code == 401
    assert call(client, "get", "/reports", "qs_not-a-real-key").status_code == 401
    revoke_token(ApiToken.objects.get(), person("admin"))
    assert call(client, "get", "/reports", xihu_key).status_code == 401


def test_the_key_is_not_stored(hz, xihu_key):
    token = ApiToken.objects.get()
    assert xihu_key not in (token.key_hash, token.prefix)
    assert len(token.key_hash) == 64
