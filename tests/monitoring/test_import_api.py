"""The monitoring API: the 市生态环境局 token pushes rows or files and reads the batches; any
other token gets 403 and stores nothing; no token, 401."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from qingshan.accounts.tokens import issue_token
from qingshan.monitoring.models import AirHour, ImportBatch, Revision
from qingshan.plans.models import Org

API = "/api/v1/monitoring/imports"
ROWS = [{"站点编码": "1001A", "时间": "2020-01-01 01:00", "PM2.5": 35, "SO2": 5},
        {"站点编码": "1001A", "时间": "2020-01-01 02:00", "PM2.5": "36", "SO2": 6}]  # fmt: skip


@pytest.fixture
def token(hz, person):
    def issue(unit: str) -> dict:
        org = Org.objects.get(region=hz.region, code=unit)
        _, key = issue_token(org, f"{unit} 监测推送", person("admin"))
        return {"Authorization": f"Bearer {key}"}

    return issue


def test_rows_pushed_as_json_are_stored_and_counted(client, stations, token):
    auth = token("sthjj")
    response = client.post(API, {"rows": ROWS}, content_type="application/json", headers=auth)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["batch"]["kind"] == "air" and body["batch"]["created"] == 2
    assert body["batch"]["source"] == "api" and body["batch"]["by"] == "API 令牌 sthjj 监测推送"
    assert AirHour.objects.count() == 2
    again = client.post(API, {"rows": ROWS}, content_type="application/json", headers=auth).json()
    assert (again["batch"]["created"], again["batch"]["unchanged"]) == (0, 2)


def test_a_file_can_be_uploaded(client, stations, token, make_csv):
    data = make_csv([["站点编码", "时间", "PM2.5"], ["1001A", "2020-01-01 01:00", "35"]], "gbk")
    response = client.post(
        API + "/file", {"file": SimpleUploadedFile("air.csv", data), "kind": "air"},
        headers=token("sthjj"),
    )  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["batch"]["file_name"] == "air.csv"


def test_a_refused_push_returns_every_problem_and_stores_nothing(client, stations, token):
    rows = [*ROWS, {"站点编码": "9999", "时间": "2020-01-01 01:00", "PM2.5": "x"}]
    response = client.post(
        API, {"rows": rows}, content_type="application/json", headers=token("sthjj")
    )
    assert response.status_code == 400
    body = response.json()
    assert body["total"] == 2
    problems = {(p["row"], p["column"], p["rule"], p["value"]) for p in body["problems"]}
    assert problems == {(3, "站点编码", "未登记", "9999"), (3, "PM2.5", "数值格式", "x")}
    assert AirHour.objects.count() == 0 and ImportBatch.objects.count() == 0


@pytest.mark.parametrize("unit", ["xihu", "lsj", "mlhzb"])
def test_tokens_of_other_units_get_403_and_nothing_is_stored(client, stations, token, unit):
    auth = token(unit)
    response = client.post(API, {"rows": ROWS}, content_type="application/json", headers=auth)
    assert response.status_code == 403
    assert client.get(API, headers=auth).status_code == 403
    assert AirHour.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_without_a_token_the_api_answers_401(client, stations):
    assert client.post(API, {"rows": ROWS}, content_type="application/json").status_code == 401
    assert client.get(API).status_code == 401
    assert client.get(API, headers={"Authorization": "Bearer qs_not-a-key"}).status_code == 401


def test_batches_and_their_revisions_can_be_read(client, stations, token):
    auth = token("sthjj")
    client.post(API, {"rows": ROWS}, content_type="application/json", headers=auth)
    corrected = [dict(ROWS[0], **{"PM2.5": 40}), ROWS[1]]
    batch = client.post(API, {"rows": corrected, "name": "更正"}, content_type="application/json",
                        headers=auth).json()["batch"]  # fmt: skip
    listed = client.get(API, headers=auth).json()
    assert listed["count"] == 2 and listed["items"][0]["id"] == batch["id"]
    assert client.get(f"{API}?kind=water", headers=auth).json()["count"] == 0
    one = client.get(f"{API}/{batch['id']}", headers=auth).json()
    assert (one["updated"], one["unchanged"], one["file_name"]) == (1, 1, "更正")
    revisions = client.get(f"{API}/{batch['id']}/revisions", headers=auth).json()["items"]
    assert revisions == [{"key": "1001A|2020-01-01T01:00+08:00|PM2.5", "old_value": 35.0,
                          "old_flag": "", "new_value": 40.0, "new_flag": ""}]  # fmt: skip
    assert Revision.objects.count() == 1
    assert client.get(f"{API}/999999", headers=auth).status_code == 404


def test_unknown_kinds_are_refused_by_the_schema(client, stations, token):
    response = client.post(API, {"rows": ROWS, "kind": "soil"}, content_type="application/json",
                           headers=token("sthjj"))  # fmt: skip
    assert response.status_code == 422


def test_the_routes_are_documented_in_the_openapi_schema(client, hz):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/monitoring/imports", "/api/v1/monitoring/imports/file",
            "/api/v1/monitoring/imports/{batch_id}",
            "/api/v1/monitoring/imports/{batch_id}/revisions"} <= set(paths)  # fmt: skip
