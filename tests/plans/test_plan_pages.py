"""The published plan is browsable without logging in, in Chinese, with working filters."""

from __future__ import annotations

import re

import pytest


def text_of(response) -> str:
    return response.content.decode()


def test_home_shows_the_plan_in_chinese(client, hz):
    response = client.get("/")
    assert response.status_code == 200
    html = text_of(response)
    assert '<html lang="zh-Hans">' in html
    assert "杭州市加快生态文明示范创建深化“美丽杭州”建设行动方案" in html
    assert "杭政函〔2019〕18号" in html
    assert "主要目标" in html
    assert "打赢蓝天保卫战" in html


def test_home_without_a_plan_says_how_to_load_one(client, db):
    from qingshan.plans.models import Plan

    Plan.objects.update(is_published=False)
    html = text_of(client.get("/"))
    assert "还没有导入任何行动方案" in html
    assert "qingshan plan load" in html


def test_overview_shows_the_structure_and_texts(client, hz):
    html = text_of(client.get("/plans/hangzhou-2019/"))
    for heading in (
        "一、指导思想",
        "二、主要目标",
        "三、行动任务",
        "四、保障措施",
        "（四）打好生态屏障保卫战",
    ):
        assert heading in html
    assert "实行环境违法行为有奖举报制度" in html


def task_numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'href="/plans/hangzhou-2019/tasks/(\d+)/"', html)]


def test_task_list_shows_all_62(client, hz):
    assert task_numbers(text_of(client.get("/plans/hangzhou-2019/tasks/"))) == list(range(1, 63))


def test_filter_by_unit_as_lead(client, hz):
    html = text_of(client.get("/plans/hangzhou-2019/tasks/?unit=lsj&role=lead"))
    assert task_numbers(html) == [16, 28, 30, 32, 45, 49, 50, 51, 52]


def test_filter_by_unit_in_any_role_includes_co_operation(client, hz):
    numbers = task_numbers(text_of(client.get("/plans/hangzhou-2019/tasks/?unit=lsj")))
    assert 52 in numbers and 12 in numbers  # leads 52, co-operates on 12


def test_filter_by_section_deadline_year_and_keyword(client, hz):
    assert task_numbers(text_of(client.get("/plans/hangzhou-2019/tasks/?section=3.4.3"))) == [
        52,
        53,
    ]
    assert task_numbers(text_of(client.get("/plans/hangzhou-2019/tasks/?year=2019"))) == [10]
    assert task_numbers(text_of(client.get("/plans/hangzhou-2019/tasks/?q=充电桩"))) == [11]
    assert 19 in task_numbers(text_of(client.get("/plans/hangzhou-2019/tasks/?q=19")))


def test_htmx_filter_returns_only_the_table(client, hz):
    response = client.get("/plans/hangzhou-2019/tasks/?q=森林城市", HTTP_HX_REQUEST="true")
    html = text_of(response)
    assert "<html" not in html
    assert task_numbers(html) == [52]


def test_no_match_says_what_to_do(client, hz):
    html = text_of(client.get("/plans/hangzhou-2019/tasks/?q=不存在的任务"))
    assert "没有符合条件的任务" in html
    assert "查看全部任务" in html


def test_what_a_user_typed_is_escaped(client, hz):
    html = text_of(client.get("/plans/hangzhou-2019/tasks/", {"q": '<script>alert("x")</script>'}))
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_nonsense_filter_values_do_not_fail(client, hz):
    response = client.get("/plans/hangzhou-2019/tasks/?year=abc&role=boss&unit=nobody")
    assert response.status_code == 200


def test_task_page_shows_content_units_roles_and_targets(client, hz):
    html = text_of(client.get("/plans/hangzhou-2019/tasks/52/"))
    assert "森林城市建设" in html
    assert "66.8%" in html and "1650万亩" in html
    assert "市林水局" in html and "牵头" in html
    assert "属地负责" in html
    assert "2020年12月31日" in html


def test_unknown_task_and_plan_are_404(client, hz):
    assert client.get("/plans/hangzhou-2019/tasks/63/").status_code == 404
    assert client.get("/plans/nowhere/tasks/").status_code == 404


def test_unit_page_shows_the_responsibility_matrix(client, hz):
    html = text_of(client.get("/plans/hangzhou-2019/units/lsj/"))
    assert "市林水局" in html
    assert "牵头的任务" in html and "配合的任务" in html
    assert "52. 森林城市建设" in html


def test_merged_districts_page_says_who_took_over(client, hz):
    html = text_of(client.get("/plans/hangzhou-2019/units/jianggan/"))
    assert "2021年4月9日起由" in html and "上城区" in html
    html = text_of(client.get("/plans/hangzhou-2019/units/shangcheng/"))
    assert "承继自江干区的任务" in html


def test_unit_list_groups_units_by_kind(client, hz):
    html = text_of(client.get("/plans/hangzhou-2019/units/"))
    assert "区、县（市）政府和管委会" in html
    assert "市属国有企业" in html
    assert "中石化杭州分公司" in html


@pytest.mark.parametrize(
    "query", ["", "?group=2.1", "?scope=city", "?year=2022", "?measurement=computed", "?q=森林"]
)
def test_target_list_renders_with_filters(client, hz, query):
    response = client.get(f"/plans/hangzhou-2019/targets/{query}")
    assert response.status_code == 200
    assert "目标指标" in text_of(response)


def test_target_list_filters_the_air_goal(client, hz):
    html = text_of(client.get("/plans/hangzhou-2019/targets/?group=2.1"))
    assert "38微克/立方米" in html.replace(" ", "")
    assert "35微克/立方米" in html.replace(" ", "")
    assert "1650" not in html


def test_sections_count_the_tasks_below_them(hz):
    from qingshan.plans.services import task_counts_by_section

    counts = task_counts_by_section(hz)
    # 任务分解表: tasks 1–15 蓝天, 16–32 碧水, 33–43 净土清废, 44–62 生态屏障; 52–53 under 三（四）3.
    assert (counts["3.1"], counts["3.2"], counts["3.3"], counts["3.4"]) == (15, 17, 11, 19)
    assert counts["3"] == 62 and counts["3.4.3"] == 2
    assert "2" not in counts  # the goals carry no tasks
