"""CSV (UTF-8 with BOM) and Excel exports of the pages' data, labelled when simulated."""

from __future__ import annotations

import csv
import datetime as dt
import io
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse

from qingshan.monitoring.models import AirDay, AirHour, AirStation, WaterSample, WaterSection
from qingshan.monitoring.statistics import recompute_water
from qingshan.plans.models import Org

SH = ZoneInfo("Asia/Shanghai")


def read_csv(response) -> list[list[str]]:
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))


def read_xlsx(response) -> tuple[list[list[object]], list[str]]:
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    data = [list(r) for r in book["数据"].iter_rows(values_only=True)]
    about = [r[0] for r in book["说明"].iter_rows(values_only=True)]
    return data, about


def filename(response) -> str:
    return unquote(response["Content-Disposition"].split("''", 1)[1])


@pytest.fixture
def station(hz):
    st = AirStation.objects.create(
        code="X1", name="卧龙桥", level="national",
        district=Org.objects.get(code="xihu", kind="district"), latitude=30.24,
        longitude=120.12, active_from=dt.date(2020, 1, 1), is_simulated=True,
    )  # fmt: skip
    AirHour.objects.create(
        station=st, time=dt.datetime(2020, 1, 1, 1, tzinfo=SH), so2=5, no2=31, co=0.7,
        o3=40, pm10=70, pm25=48, flags={},
    )  # fmt: skip
    AirHour.objects.create(
        station=st, time=dt.datetime(2020, 1, 1, 2, tzinfo=SH), so2=6, no2=None, co=0.8,
        o3=38, pm10=72, pm25=300, flags={"PM2.5": "Re"},
    )  # fmt: skip
    AirHour.objects.create(  # the next year: not in the 2020 export
        station=st, time=dt.datetime(2021, 1, 1, 1, tzinfo=SH), so2=6, pm25=20, flags={}
    )
    AirDay.objects.create(
        scope="station", code="X1", date=dt.date(2020, 1, 1), aqi=67, level=2, category="良",
        primary=["PM2.5"], complete=True,
        values={"SO2": 5.5, "NO2": 31.0, "CO": 0.75, "O3": 40.0, "O3_8h": 35.25,
                "PM10": 71.0, "PM2.5": 48.0},
    )  # fmt: skip
    return st


def test_hourly_csv_has_bom_header_and_the_years_rows(client, station):
    url = reverse("monitoring:station_export", args=["X1", "hours", "csv"])
    response = client.get(url, {"year": "2020"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert filename(response) == "X1-2020-小时数据-演示数据（模拟）.csv"
    rows = read_csv(response)
    assert rows[0] == [
        "站点编码", "站点名称", "时间（北京时间，小时末）", "SO2（µg/m³）", "NO2（µg/m³）",
        "CO（mg/m³）", "O3（µg/m³）", "PM10（µg/m³）", "PM2.5（µg/m³）", "标记（非空为无效）",
        "数据性质",
    ]  # fmt: skip
    assert rows[1:] == [
        ["X1", "卧龙桥", "2020-01-01 01:00", "5", "31", "0.7", "40", "70", "48", "", "模拟（演示数据）"],
        ["X1", "卧龙桥", "2020-01-01 02:00", "6", "", "0.8", "38", "72", "300", "PM2.5:Re", "模拟（演示数据）"],
    ]  # fmt: skip


def test_hourly_xlsx_matches_the_csv(client, station):
    base = reverse("monitoring:station_export", args=["X1", "hours", "csv"])
    as_csv = read_csv(client.get(base, {"year": "2020"}))
    response = client.get(base.replace(".csv", ".xlsx"), {"year": "2020"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    data, about = read_xlsx(response)
    as_text = [
        ["" if v is None else (f"{v:g}" if isinstance(v, float) else str(v)) for v in row]
        for row in data
    ]
    assert as_text == as_csv
    assert isinstance(data[1][3], int | float)  # numbers stay numbers in Excel
    assert any("演示数据（模拟）" in line for line in about)


def test_daily_export_carries_aqi_category_and_daily_values(client, station):
    url = reverse("monitoring:station_export", args=["X1", "days", "csv"])
    rows = read_csv(client.get(url, {"year": "2020"}))
    assert rows[0][:4] == ["日期", "AQI", "类别", "首要污染物"]
    assert rows[1][:4] == ["2020-01-01", "67", "良", "PM2.5"]
    header = dict(zip(rows[0], rows[1], strict=True))
    assert header["O3（日最大8小时）（µg/m³）"] == "35.2"
    assert header["CO（mg/m³）"] == "0.75"


def test_export_needs_a_year_and_a_known_kind(client, station):
    assert (
        client.get(reverse("monitoring:station_export", args=["X1", "hours", "csv"])).status_code
        == 404
    )
    url = reverse("monitoring:station_export", args=["X1", "nope", "csv"])
    assert client.get(url, {"year": "2020"}).status_code == 404
    assert client.get("/monitoring/air/stations/X1/export/hours.pdf?year=2020").status_code == 404


def test_water_classes_export(client, hz):
    section = WaterSection.objects.create(
        code="W9", name="七堡", water="钱塘江", water_body="river", level="national",
        target_class="III", latitude=30.28, longitude=120.27, active_from=dt.date(2019, 1, 1),
    )  # fmt: skip
    for month in (1, 2):
        for item, value in {"DO": 6.0, "CODMn": 5.0, "NH3-N": 1.2, "TP": 0.15}.items():
            WaterSample.objects.create(
                section=section, time=dt.datetime(2020, month, 8, 10, tzinfo=SH),
                item=item, value=value,
            )  # fmt: skip
    WaterSample.objects.create(
        section=section, time=dt.datetime(2020, 1, 8, 10, tzinfo=SH), item="Hg",
        value=None, below_detection=True, detection_limit=0.00004,
    )  # fmt: skip
    recompute_water(["W9"], [2020])
    response = client.get(
        reverse("monitoring:water_export", args=["classes", "xlsx"]), {"year": "2020"}
    )
    assert filename(response) == "水质断面-2020.xlsx"  # real data: no simulated label
    data, about = read_xlsx(response)
    row = dict(zip(data[0], data[1], strict=True))
    assert row["断面名称"] == "七堡" and row["2020年水质类别"] == "Ⅳ类"
    assert row["达到目标"] == "否" and row["超标项目（超标倍数）"] == "NH3-N（0.2倍）"
    assert row["数据性质"] == "监测数据"
    assert not any("模拟" in (line or "") for line in about)

    samples = read_csv(
        client.get(
            reverse("monitoring:section_export", args=["W9", "samples", "csv"]), {"year": "2020"}
        )
    )
    assert len(samples) == 1 + 9
    hg = next(r for r in samples if r[3] == "Hg")
    assert hg[5] == "未检出" and hg[7] == "0.00004"
