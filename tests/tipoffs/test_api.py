"""The tipoffs API: published cases, the tracking lookup, and a unit's token working its
assigned cases."""

from __future__ import annotations

import json

import pytest

from qingshan.accounts.tokens import issue_token
from qingshan.audit.models import AuditEvent
from qingshan.tipoffs.codes import new_code
from qingshan.tipoffs.models import Tipoff

from .conftest import person

pytestmark = pytest.mark.django_db


def post(client, path, payload, key=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return client.post(
        f"/api/v1{path}", data=json.dumps(payload), content_type="application/json", **headers
    )


@pytest.fixture
def xihu_key(org):
    return issue_token(org("xihu"), "西湖区系统", person("admin"))[1]


def test_public_list_has_closed_published_cases_with_rounded_points(closed, assigned, client):
    shown, _ = closed()
    assigned()  # open: not public
    data = client.get("/api/v1/tipoffs/public").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["reference"] == shown.reference and item["outcome"].startswith("经西湖区查实")
    assert (item["longitude"], item["latitude"]) == (120.13, 30.25)
    assert client.get("/api/v1/tipoffs/public/JB999999").status_code == 404


def test_tracking_through_the_api(rewarded, client):
    tipoff, code = rewarded()
    data = post(client, "/tipoffs/track", {"code": code.lower()}).json()
    assert data["reference"] == tipoff.reference and data["status"] == "closed"
    assert data["reward"]["granted"] and data["reward"]["amount"] == "2000.00"
    assert data["reward"]["stage"] == "awaiting_claim"


def test_guessing_through_the_api_is_stopped_like_on_the_page(report, client):
    _, code = report()
    for _ in range(20):
        assert post(client, "/tipoffs/track", {"code": new_code()}).status_code == 404
    assert post(client, "/tipoffs/track", {"code": code}).status_code == 429
    # The page and the API share the count: the page refuses too.
    assert client.post("/tipoffs/track/", {"code": code}).status_code == 429


def test_a_unit_records_its_result_through_the_api(assigned, client, xihu_key):
    tipoff, _ = assigned()
    listed = client.get("/api/v1/tipoffs/assigned", HTTP_AUTHORIZATION=f"Bearer {xihu_key}").json()
    assert [c["reference"] for c in listed] == [tipoff.reference]
    bad = post(
        client,
        f"/tipoffs/assigned/{tipoff.reference}/result",
        {"finding": "maybe", "process": "x"},
        xihu_key,
    )
    assert bad.status_code == 400
    done = post(
        client,
        f"/tipoffs/assigned/{tipoff.reference}/result",
        {"finding": "confirmed", "process": "现场查实。", "penalty_number": "杭西环罚〔2026〕3号"},
        xihu_key,
    )
    assert done.status_code == 200 and done.json()["result"]["finding"] == "confirmed"
    assert Tipoff.objects.get(pk=tipoff.pk).status == Tipoff.Status.ANSWERED
    event = AuditEvent.objects.get(action="tipoff.investigate", object_id=str(tipoff.pk))
    assert event.actor_label == "API 令牌 西湖区系统"


def test_a_closed_case_takes_no_more_results(closed, client, xihu_key):
    tipoff, _ = closed()
    response = post(
        client,
        f"/tipoffs/assigned/{tipoff.reference}/result",
        {"finding": "unfounded", "process": "改口"},
        xihu_key,
    )
    assert response.status_code == 400
    assert Tipoff.objects.get(pk=tipoff.pk).investigation.finding == "confirmed"


def test_the_api_documentation_lists_the_tipoff_endpoints(client, hz):
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/tipoffs/public",
        "/api/v1/tipoffs/track",
        "/api/v1/tipoffs/assigned",
        "/api/v1/tipoffs/assigned/{reference}/result",
    } <= paths
    unit_case = schema["components"]["schemas"]["UnitCaseOut"]["properties"]
    assert not {"name", "phone", "email", "client_hash"} & set(unit_case)
