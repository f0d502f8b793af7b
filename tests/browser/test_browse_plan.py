"""A person finds task 52 from the home page through the task list filtered by 市林水局."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_home_to_task_52_via_unit_filter(page: Page, live_server, hz_live):
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_contain_text("美丽杭州")
    page.get_by_role("button", name="行动方案").click()
    page.get_by_role("link", name="任务分解").click()
    expect(page.locator("h1")).to_have_text("任务分解表")
    expect(page.locator("#task-results tbody tr")).to_have_count(62)

    page.select_option("#id_unit", label="市林水局")
    # htmx swaps the table in place and pushes the filter into the address bar.
    expect(page).to_have_url(re.compile(r"unit=lsj"))
    rows = page.locator("#task-results tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() < 62
    page.select_option("#id_role", value="lead")
    expect(rows).to_have_count(9)

    page.get_by_role("link", name="森林城市建设").click()
    expect(page.locator("h1")).to_have_text("52. 森林城市建设")
    content = page.locator("main")
    expect(content).to_contain_text("66.8%")
    expect(content).to_contain_text("1650万亩")
    expect(content).to_contain_text("市林水局")


def test_home_draws_its_charts(page: Page, live_server, hz_live):
    page.goto(live_server.url + "/")
    expect(page.locator("[data-chart='chart-battles'] svg")).to_have_count(1)
    expect(page.locator("[data-chart='chart-years'] svg")).to_have_count(1)


def test_task_list_is_usable_on_a_phone(browser, live_server, hz_live):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/plans/hangzhou-2019/tasks/?q=森林城市")
    expect(page.locator("#task-results tbody tr")).to_have_count(1)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page scrolls sideways on a phone ({width}px)"
    context.close()
