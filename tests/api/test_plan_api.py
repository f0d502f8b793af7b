"""The read-only API serves the plan with its original text; docs are served locally."""

from __future__ import annotations


def test_list_plans(client, hz):
    data = client.get("/api/v1/plans").json()
    assert [p["code"] for p in data] == ["hangzhou-2019"]
    assert data[0]["document_number"] == "杭政函〔2019〕18号"
    assert data[0]["lead_unit"] == "市生态环境局"


def test_task_keeps_the_plans_text_and_roles(client, hz):
    task = client.get("/api/v1/plans/hangzhou-2019/tasks/52").json()
    assert task["name"] == "森林城市建设"
    assert (
        task["content"]
        == "到2020年，全市森林覆盖率在66.8%的基础上实现新突破，森林保有量达到1650万亩。"
    )
    assert task["responsible"] == "市林水局，各区、县（市）政府、管委会"
    assert task["lead"] == "市林水局"
    assert task["co_operators"] == []
    roles = {r["unit"]: r["role"] for r in task["responsibilities"]}
    assert roles["西湖区"] == "territorial"


def test_tasks_filter_by_unit_and_role(client, hz):
    data = client.get("/api/v1/plans/hangzhou-2019/tasks?unit=lsj&role=lead").json()
    assert [t["number"] for t in data["items"]] == [16, 28, 30, 32, 45, 49, 50, 51, 52]
    assert data["count"] == 9


def test_tasks_are_paginated(client, hz):
    data = client.get("/api/v1/plans/hangzhou-2019/tasks?limit=10&offset=60").json()
    assert data["count"] == 62
    assert [t["number"] for t in data["items"]] == [61, 62]


def test_sections_and_units(client, hz):
    sections = client.get("/api/v1/plans/hangzhou-2019/sections").json()
    assert sections[0]["title"] == "指导思想"
    assert next(s for s in sections if s["code"] == "3.4.3")["parent"] == "3.4"
    units = client.get("/api/v1/plans/hangzhou-2019/units?kind=district").json()
    jianggan = next(u for u in units if u["name"] == "江干区")
    assert jianggan["successors"] == ["shangcheng"]
    assert jianggan["valid_to"] == "2021-04-08"


def test_targets_filter(client, hz):
    data = client.get("/api/v1/plans/hangzhou-2019/targets?group=2.1").json()
    values = {(t["indicator_name"], float(t["value"]), t["deadline"]) for t in data["items"]}
    assert any(v == 38 and d == "2020-12-31" for _, v, d in values)
    assert any(v == 35 and d == "2022-12-31" for _, v, d in values)
    assert all(t["source_text"] for t in data["items"])


def test_unknown_plan_is_404(client, hz):
    assert client.get("/api/v1/plans/nowhere/tasks").status_code == 404


def test_docs_are_served_locally(client, hz):
    response = client.get("/api/docs", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/" in html
    assert "cdn." not in html
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/plans/{code}/tasks" in schema["paths"]
