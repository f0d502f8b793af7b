"""On a phone, without an account, a reader opens the home page, sees the goals and the charts,
finds 开放数据 in the collapsed menu and downloads the targets as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from playwright.sync_api import Browser, ViewportSize, expect

from qingshan.monitoring.models import AirPeriodStat, WaterSection

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def some_data(hz_live):
    AirPeriodStat.objects.create(
        scope="city",
        code="city",
        period="2020",
        statistics=[
            {"pollutant": "PM2.5", "statistic": "annual_mean", "value": 36.0, "valid": True}
        ],
        valid_days=360,
        good_days=324,
        good_day_share=0.9,
    )
    WaterSection.objects.create(
        code="M1", name="闸口", water="钱塘江", water_body="river", level="city",
        target_class="II", latitude=30.2, longitude=120.17, active_from=dt.date(2019, 1, 1),
    )  # fmt: skip
    return hz_live


def test_a_phone_reader_sees_the_goals_and_charts_and_downloads_the_targets(
    browser: Browser, live_server, some_data
):
    context = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN", accept_downloads=True
    )
    page = context.new_page()
    page.goto(live_server.url + "/")

    for goal in ("（一）大气环境质量", "（二）水环境质量", "（三）土壤环境质量（含固废）"):
        expect(page.get_by_text(goal)).to_be_visible()
    pm25 = page.locator(".goal-card li", has_text="细颗粒物（PM2.5）年均浓度 · 2020年")
    expect(pm25).to_contain_text("最新 36")
    expect(pm25).to_contain_text("已达标")

    for chart in ("chart-battles", "chart-years"):
        expect(page.locator(f"[data-chart='{chart}'] svg")).to_have_count(1)
    water = page.locator("[data-qs-chart='chart-water-map']")
    expect(water.locator("canvas")).to_have_count(1)
    expect(water).to_have_attribute("data-drawn", "1")
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    open_data = page.get_by_role("link", name="开放数据", exact=True).first
    expect(open_data).to_be_hidden()  # folded into the menu on a phone
    page.get_by_role("button", name="展开导航").click()
    page.locator("#nav").get_by_role("link", name="开放数据").click()
    expect(page.locator("h1")).to_have_text("开放数据")

    row = page.locator(".list-group-item", has_text="目标及进展状态")
    with page.expect_download() as info:
        row.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(download.path().read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "代码" and rows[0][-1] == "数据性质"
    assert len(rows) - 1 == 144
    pm25_row = next(r for r in rows if r[0] == "pm25-2020")
    assert pm25_row[11:14] == ["36", "2020", "已达标"]
    context.close()
