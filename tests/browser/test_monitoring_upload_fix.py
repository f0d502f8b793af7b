"""The office uploads a file with one bad row, sees that row's error and nothing loaded, fixes
the file, uploads it again and sees the station's daily AQI calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from qingshan.monitoring.models import AirDay, AirHour, AirStation

pytestmark = pytest.mark.browser
HEADER = "站点编码,时间,SO2,NO2,CO,O3,PM10,PM2.5\n"


def hourly_csv(bad_value: str | None) -> str:
    start = dt.datetime(2020, 3, 1, 1)
    lines = []
    for h in range(24 * 3):
        pm25 = bad_value if (bad_value and h == 30) else "36"
        lines.append(f"HZ01,{start + dt.timedelta(hours=h):%Y-%m-%d %H:%M},5,10,0.5,50,40,{pm25}\n")
    return HEADER + "".join(lines)


def test_bad_row_refused_then_fixed_file_shows_the_calendar(
    signed_in, live_server, hz_live, tmp_path, settings
):
    # Run the statistics inline so that the calendar is there when the page asks for it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    AirStation.objects.create(
        code="HZ01", name="测试站", level="national", latitude=30.27, longitude=120.15,
        active_from=dt.date(2019, 1, 1),
    )  # fmt: skip
    bad = tmp_path / "三月.csv"
    bad.write_text(hourly_csv("36ug"), encoding="gb18030")

    page = signed_in("office")

    page.goto(live_server.url + "/monitoring/import/")
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="上传并导入").click()
    problems = page.locator("#import-problems")
    expect(problems).to_be_visible(timeout=30_000)
    # The 31st data row is line 32 of the file (after the header); its PM2.5 cell is column H.
    expect(problems).to_contain_text("32")
    expect(problems).to_contain_text("36ug")
    assert AirHour.objects.count() == 0

    good = tmp_path / "三月（改）.csv"
    good.write_text(hourly_csv(None), encoding="gb18030")
    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="上传并导入").click()
    expect(page.locator("#import-result")).to_contain_text("新增 72", timeout=30_000)
    assert AirHour.objects.count() == 72
    assert AirDay.objects.filter(scope="station", code="HZ01", aqi=52).exists()

    page.goto(live_server.url + "/monitoring/air/stations/HZ01/?year=2020")
    calendar = page.locator("[data-qs-chart='chart-calendar']")
    expect(calendar.locator("svg")).to_have_count(1)
    # The three days are drawn in 良's colour (AQI 52, HJ 633-2012: yellow #FFFF00).
    fills = calendar.locator("svg path").evaluate_all("els => els.map(e => e.getAttribute('fill'))")
    assert sum(1 for f in fills if f and f.lower() in ("#ffff00", "rgb(255,255,0)")) >= 3
