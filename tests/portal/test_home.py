"""The public home page: the plan's goals with their targets, latest values and statuses, air
quality, districts, published assessment results and the ways to take part — for anyone, without
signing in, and up to date as soon as data, entries, approvals or publications change.

Expected figures come from the plan (hangzhou-2019.yaml, 二、主要目标: PM2.5 ≤ 38 µg/m³ by
2020, ≤ 35 by 2022) and from the hand-made data of each test."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from qingshan.assessment import services
from qingshan.indicators.status import current_snapshot
from qingshan.monitoring.models import AirStation
from qingshan.plans.models import Org, Responsibility
from qingshan.portal import home

PM25 = "细颗粒物（PM2.5）年均浓度"
NOT_PUBLISHED = "考核结果尚未公布"


def plain_text(html: str) -> str:
    """What a reader sees: no scripts, no tags, single spaces."""
    html = re.sub(r"<script\b.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def goal_rows(html: str) -> list[str]:
    """The text of each target row in the goal cards."""
    return [
        plain_text(li) for li in re.findall(r'<li class="list-group-item">(.*?)</li>', html, re.S)
    ]


def goal_row(html: str, indicator: str, year: int) -> str:
    [row] = [r for r in goal_rows(html) if r.startswith(f"{indicator} · {year}年")]
    return row


def district_row(html: str, name: str) -> str:
    match = re.search(r"<tr>\s*<td>" + re.escape(name) + r"</td>(.*?)</tr>", html, re.S)
    assert match, f"no row for {name}"
    return plain_text(match.group(1))


def battle_counts(html: str) -> dict[str, list[int]]:
    """The bar chart's data: status label → tasks per battle, in the chart's order."""
    match = re.search(r'<script id="chart-battles" type="application/json">(.*?)</script>', html)
    assert match
    return {s["name"]: s["data"] for s in json.loads(match.group(1))["series"]}


def page(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_without_signing_in_the_home_shows_the_four_goals_and_their_targets(
    client, hz, plan_document
):
    html = page(client)
    text = plain_text(html)
    for goal in ("（一）大气环境质量", "（二）水环境质量", "（三）土壤环境质量（含固废）"):
        assert goal in text
    assert "（四）生态文明建设" in text
    # One row per target the plan sets under 二、主要目标.
    goals = [t for t in plan_document.data["targets"] if t.get("goal")]
    assert len(goal_rows(html)) == len(goals) == 15
    row = goal_row(html, PM25, 2020)
    assert "≤ 38微克/立方米" in row and "暂无数据" in row
    assert "≤ 35微克/立方米" in goal_row(html, PM25, 2022)
    assert "90.3% 以上" in goal_row(html, "市控以上断面水质达标率", 2020)


def test_the_headline_counts_are_the_plans(client, hz, plan_document):
    text = plain_text(page(client))
    assert f"{len(plan_document.data['tasks'])} 项分解任务" in text
    assert f"{len(plan_document.data['targets'])} 个量化目标" in text
    assert "62 项分解任务" in text and "144 个量化目标" in text
    assert "杭政函〔2019〕18号" in text


def test_a_fresh_plan_says_what_is_not_there_yet_and_where_to_go(client, hz):
    html = page(client)
    text = plain_text(html)
    assert NOT_PUBLISHED in text
    assert "尚无空气监测数据" in text and "尚无水质监测数据" in text
    for url in (
        reverse("portal:open-data"),
        reverse("polluters:map"),
        reverse("tipoffs:report"),
    ):
        assert f'href="{url}"' in html, url


def test_a_city_pm25_of_36_in_2020_is_shown_and_meets_the_2020_target(client, hz, make_air_year):
    make_air_year("city", "city", "2020", 36.0, good_share=0.9)
    html = page(client)
    row = goal_row(html, PM25, 2020)
    assert "最新 36 2020" in row
    assert "已达标" in row  # 36 ≤ 38 by the end of 2020
    assert "最新 36 2020" in goal_row(html, PM25, 2022)
    text = plain_text(html)
    assert re.search(r"2020 年 PM2\.5 年均浓度 36(\.0)? 微克/立方米", text)
    assert "2020 年优良天数比例 90.0%" in text


def test_a_district_pm25_appears_in_its_row_of_the_district_table(client, hz, make_air_year):
    make_air_year("district", "xihu", "2020", 33.0)
    html = page(client)
    assert district_row(html, "西湖区").startswith("33 2020")
    assert district_row(html, "萧山区").startswith("—")


def test_simulated_air_data_are_labelled(client, hz, make_air_year):
    AirStation.objects.create(
        code="SIM1", name="模拟站", level="national", latitude=30.25, longitude=120.13,
        active_from=dt.date(2019, 1, 1), is_simulated=True,
    )  # fmt: skip
    make_air_year("city", "city", "2020", 36.0)
    text = plain_text(page(client))
    assert "环境质量 演示数据（模拟）" in text


def test_the_cached_page_follows_new_statistics_entries_and_approvals(
    client, hz, make_air_year, make_pm25_entry, make_approved_report
):
    stat = make_air_year("city", "city", "2020", 36.0)
    html = page(client)
    assert "已达标" in goal_row(html, PM25, 2020)
    assert cache.get("portal:home:" + home.fingerprint(hz)) is not None  # served from here

    # The statistics job recomputes 2020 after a correction: 39 misses the 2020 target.
    stat.statistics[0]["value"] = 39.0
    stat.save()
    row = goal_row(page(client), PM25, 2020)
    assert "最新 39 2020" in row and "已达标" not in row

    # The office enters the 2021 figure from the bulletin.
    make_pm25_entry(hz, "2021", "34")
    assert "最新 34 2021" in goal_row(page(client), PM25, 2022)

    # The lead unit's report that task 52 (森林城市建设, under 生态屏障) is done is approved.
    lead = Responsibility.objects.get(task__plan=hz, task__number=52, role="lead").org
    before = battle_counts(page(client))
    make_approved_report(hz, lead.code, 52, "2020Q4")
    after = battle_counts(page(client))
    barrier = 3  # 蓝天, 碧水, 净土清废, 生态屏障
    assert after["已达标"][barrier] == before["已达标"][barrier] + 1
    assert sum(map(sum, after.values())) == sum(map(sum, before.values())) == 62
    status = current_snapshot(hz).task_statuses.get(task__number=52).status
    assert status == "achieved"


def test_a_draft_assessment_stays_off_the_home_page_until_it_is_published(
    client, hz, make_approved_report, make_assessment
):
    make_approved_report(hz, "xihu", 52, "2020Q4")
    run = make_assessment(hz, publish=False)
    html = page(client)
    assert NOT_PUBLISHED in plain_text(html)
    assert run.title not in html
    assert reverse("assessment:run", args=[run.pk]) not in html

    run = services.publish(get_user_model().objects.get(username="office"), run)
    html = page(client)
    text = plain_text(html)
    assert NOT_PUBLISHED not in text
    published = timezone.localtime(run.published_at)
    assert run.title in text and f"{published:%Y年%-m月%-d日}公布" in text
    # Only 西湖区 had an approved report for 2020: it leads the districts.
    podium = re.search(r"区、县（市）前五名</div>(.*?)</ol>", html, re.S)
    assert podium
    names = [plain_text(n) for n in re.findall(r"<a [^>]*>(.*?)</a>", podium.group(1))]
    assert len(names) == 5 and names[0] == "西湖区"
    xihu = run.scores.get(org__code="xihu")
    assert xihu.rank == 1
    assert district_row(html, "西湖区").endswith(f"{xihu.total} 1")
    assert "市级部门和单位前五名" in text


@pytest.mark.parametrize("who", ["anonymous", "office"])
def test_a_draft_run_is_not_shown_to_anyone_on_the_home_page(client, hz, make_assessment, who):
    run = make_assessment(hz, publish=False)
    if who == "office":
        client.force_login(get_user_model().objects.get(username="office"))
    html = page(client)
    assert run.title not in html and NOT_PUBLISHED in plain_text(html)


def test_unit_names_and_entered_notes_are_escaped(
    client, hz, make_pm25_entry, make_approved_report, make_assessment
):
    name = '西湖区<script>alert("unit")</script>'
    Org.objects.filter(region=hz.region, code="xihu").update(name=name)
    make_pm25_entry(hz, "2020", "36", note='<img src=x onerror=alert("note")>公报')
    make_approved_report(hz, "xihu", 52, "2020Q4")
    make_assessment(hz, publish=True)
    html = page(client)
    assert "<script>alert(" not in html
    escaped = "西湖区&lt;script&gt;alert(&quot;unit&quot;)&lt;/script&gt;"
    assert html.count(escaped) == 2  # the district table and the assessment podium
    assert "最新 36 2020" in goal_row(html, PM25, 2020)
    # The entered note is shown where the value's source is: on the indicator page.
    indicator = client.get(f"/indicators/{hz.code}/i/pm25-annual-mean/").content.decode()
    assert "<img src=x" not in indicator
    assert "&lt;img src=x onerror=alert(&quot;note&quot;)&gt;公报" in indicator


def test_the_home_page_refuses_to_be_posted_to(client, hz):
    assert client.post("/").status_code == 405
