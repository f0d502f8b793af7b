"""In a real browser: the upload sends the file with XMLHttpRequest, shows the bytes sent, then
the server's stages polled from the progress feed, and finally the outcome — without leaving
the page."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from playwright.sync_api import expect

from qingshan.monitoring.importing import saving
from qingshan.monitoring.models import AirHour, AirStation

pytestmark = pytest.mark.browser
HEADER = "站点编码,时间,SO2,SO2标识,NO2,CO,O3,PM10,PM2.5\n"


def test_upload_shows_real_progress_then_the_outcome(
    signed_in, live_server, hz_live, tmp_path, monkeypatch
):
    for i in range(5):
        AirStation.objects.create(code=f"S{i}", name=f"站{i}", level="national", latitude=30.2,
                                  longitude=120.1, active_from=dt.date(2019, 1, 1))  # fmt: skip
    start = dt.datetime(2020, 1, 1, 1)
    lines = [
        f"S{i},{start + dt.timedelta(hours=h):%Y-%m-%d %H:%M},5,,10,0.5,50,40,36\n"
        for i in range(5) for h in range(2000)
    ]  # fmt: skip
    path = tmp_path / "一月.csv"
    path.write_text(HEADER + "".join(lines), encoding="gbk")

    original = saving.save_air

    def slow_save(*args, **kwargs):  # long enough for the page to poll the server's stage
        time.sleep(1.5)
        return original(*args, **kwargs)

    monkeypatch.setattr("qingshan.monitoring.importing.save_air", slow_save)

    page = signed_in("office")
    page.goto(live_server.url + "/monitoring/import/")
    stages: list[str] = []
    page.on(
        "response",
        lambda r: stages.append(r.json().get("stage", "")) if "/progress/" in r.url else None,
    )
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="上传并导入").click()
    expect(page.locator("#import-progress")).to_be_visible()
    expect(page.locator("#import-result")).to_contain_text("新增 10000", timeout=30_000)
    expect(page.locator("#import-progress")).to_be_hidden()
    assert page.url.endswith("/monitoring/import/")  # no navigation: the outcome was swapped in
    assert "校验数据" in stages or "比对已有数据" in stages, stages
    assert AirHour.objects.count() == 10_000
