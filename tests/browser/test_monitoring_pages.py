"""A reader opens a station's page and sees its AQI calendar; the water map draws offline."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from qingshan.monitoring.models import AirDay, AirHour, AirPeriodStat, AirStation, WaterSection
from qingshan.plans.models import Org

pytestmark = pytest.mark.browser
SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def station(hz_live):
    st = AirStation.objects.create(
        code="B1", name="浏览器站", level="national",
        district=Org.objects.get(code="xihu", kind="district"), latitude=30.25,
        longitude=120.13, active_from=dt.date(2022, 1, 1), is_simulated=True,
    )  # fmt: skip
    AirDay.objects.bulk_create(
        AirDay(
            scope="station", code="B1", date=dt.date(2022, 1, 1) + dt.timedelta(days=d),
            aqi=30 + d % 140, level=1 + (30 + d % 140 > 50) + (30 + d % 140 > 100),
            category="良", primary=[], complete=True, values={"PM2.5": 20.0},
        )
        for d in range(120)
    )  # fmt: skip
    AirPeriodStat.objects.create(scope="station", code="B1", period="2022")
    AirHour.objects.create(station=st, time=dt.datetime(2022, 4, 30, 12, tzinfo=SH), pm25=20)
    return st


def test_station_page_draws_the_aqi_calendar(page: Page, live_server, station):
    page.goto(live_server.url + "/monitoring/air/stations/")
    page.get_by_role("link", name="浏览器站").click()
    expect(page.locator("h1")).to_have_text("浏览器站")
    expect(page.locator("main")).to_contain_text("演示数据（模拟）")
    calendar = page.locator("[data-qs-chart='chart-calendar']")
    expect(calendar.locator("svg")).to_have_count(1)
    # HJ 633 level colours are on the drawn cells: green (优), yellow (良), orange (轻度污染).
    fills = calendar.locator("svg path").evaluate_all(
        "nodes => nodes.map(n => (n.getAttribute('fill') || '').toLowerCase())"
    )
    assert {"#00e400", "#ffff00", "#ff7e00"} <= set(fills)


def test_water_map_draws_from_the_vendored_geojson(page: Page, live_server, hz_live):
    WaterSection.objects.create(
        code="M1", name="闸口", water="钱塘江", water_body="river", level="city",
        target_class="II", latitude=30.2, longitude=120.17, active_from=dt.date(2019, 1, 1),
    )  # fmt: skip
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(live_server.url + "/monitoring/water/")
    chart = page.locator("[data-qs-chart='chart-map']")
    expect(chart.locator("canvas")).to_have_count(1)
    expect(chart).to_have_attribute("data-drawn", "1")
    assert any(u.endswith("/static/vendor/geo/hangzhou-districts.geojson") for u in requests)
    assert all(u.startswith(live_server.url) for u in requests), "no request leaves the site"
