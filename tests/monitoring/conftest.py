"""Fixtures for monitoring: a few registered stations and sections, real files made on the fly
(CSV in a chosen encoding, xlsx with openpyxl), and the people who may and may not import."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from qingshan.monitoring.models import AirStation, WaterSection
from qingshan.plans.models import Org

AIR_HEADER = ["站点编码", "站点名称", "时间", "SO2", "SO2标识", "NO2", "CO", "O3", "PM10", "PM2.5"]


@pytest.fixture
def stations(hz):
    """1001A and 1002A since 2019; 1003A opened on 2021-01-01."""
    district = {o.code: o for o in Org.objects.filter(region=hz.region, kind="district")}
    made = {}
    for code, name, org, start in (
        ("1001A", "和睦小学", "xihu", dt.date(2019, 1, 1)),
        ("1002A", "卧龙桥", "gongshu", dt.date(2019, 1, 1)),
        ("1003A", "新站", "xihu", dt.date(2021, 1, 1)),
    ):
        made[code] = AirStation.objects.create(
            code=code, name=name, level="national", district=district[org],
            latitude=30.27, longitude=120.15, active_from=start,
        )  # fmt: skip
    return made


@pytest.fixture
def sections(hz):
    xihu = Org.objects.get(region=hz.region, code="xihu")
    river = WaterSection.objects.create(
        code="W01", name="闸口", water="钱塘江", water_body="river", level="national",
        target_class="II", district=xihu, latitude=30.2, longitude=120.1,
        active_from=dt.date(2019, 1, 1),
    )  # fmt: skip
    lake = WaterSection.objects.create(
        code="W02", name="西湖湖心", water="西湖", water_body="lake", level="city",
        target_class="III", district=xihu, latitude=30.25, longitude=120.14,
        active_from=dt.date(2019, 1, 1),
    )  # fmt: skip
    return {"W01": river, "W02": lake}


def _csv(rows: list[list[object]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def _xlsx(rows: list[list[object]], merges: tuple[str, ...] = (), title: str = "数据") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    for cells in merges:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def make_csv():
    return _csv


@pytest.fixture
def make_xlsx():
    return _xlsx


def hour_rows(code: str, start: dt.datetime, hours: int, **fixed) -> list[list[object]]:
    """`hours` wide rows of one station (local times, end of hour, "YYYY-MM-DD HH:MM")."""
    values = {"SO2": 5, "NO2": 10, "CO": 0.5, "O3": 50, "PM10": 40, "PM2.5": 36} | fixed
    rows = []
    for h in range(hours):
        time = start + dt.timedelta(hours=h)
        rows.append([code, "", f"{time:%Y-%m-%d %H:%M}", values["SO2"], "", values["NO2"],
                     values["CO"], values["O3"], values["PM10"], values["PM2.5"]])  # fmt: skip
    return rows


@pytest.fixture
def air_rows():
    return hour_rows


@pytest.fixture
def person():
    return lambda username: get_user_model().objects.get(username=username)
