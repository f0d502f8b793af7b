"""A visitor opens the key-polluter map without logging in, filters by category and district,
and opens an enterprise's page from the list."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from qingshan.polluters.importing import import_list

pytestmark = pytest.mark.browser


@pytest.fixture
def listed(hz_live, files):
    rows = [
        files.row(1, "萧山区", 单位名称="杭州甲化工有限公司", 类别="水环境、大气环境"),
        files.row(2, "西湖区", 单位名称="杭州乙印务有限公司", 类别="大气环境", 经度="120.10",
                  纬度="30.25"),
        files.row(3, "临平区", 单位名称="杭州丙电镀有限公司", 类别="土壤污染", 经度="120.30",
                  纬度="30.42"),
    ]  # fmt: skip
    import_list("2022年名录.csv", files.csv(rows), year=2022)
    return files


def test_visitor_filters_the_map_and_opens_an_enterprise(browser: Browser, live_server, listed):
    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/polluters/")
    expect(page.locator("h1")).to_have_text("重点排污单位地图")
    expect(page.locator("[data-pol-chart='pol-map'][data-drawn='1']")).to_be_visible()
    expect(page.locator("[data-testid='polluter-table'] tbody tr")).to_have_count(3)

    page.select_option("#f-category", label="大气环境")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("[data-testid='polluter-table'] tbody tr")).to_have_count(2)
    expect(page.locator("[data-testid='polluter-total']")).to_contain_text("共 2 家单位")

    page.select_option("#f-district", value="xiaoshan")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"category=air.*district=xiaoshan"))
    rows = page.locator("[data-testid='polluter-table'] tbody tr")
    expect(rows).to_have_count(1)
    expect(page.locator("[data-pol-chart='pol-map'][data-drawn='1']")).to_be_visible()

    rows.first.get_by_role("link", name="杭州甲化工有限公司").click()
    expect(page.locator("[data-testid='enterprise-name']")).to_have_text("杭州甲化工有限公司")
    expect(page.get_by_text(listed.code(1)).first).to_be_visible()
    expect(page.locator("[data-testid='no-enforcements']")).to_be_visible()
    expect(page.locator("[data-pol-chart='pol-location'][data-drawn='1']")).to_be_visible()
