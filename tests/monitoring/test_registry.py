"""The registry of stations and sections: imported from a spreadsheet and upserted by code,
districts by their Chinese name, every bad cell reported; edited in the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from qingshan.audit.models import AuditEvent
from qingshan.monitoring.importing import ImportRefused, import_file
from qingshan.monitoring.models import AirStation, ImportBatch, Revision, WaterSection

STATIONS = ["站点编码", "站点名称", "级别", "所在区县", "经度", "纬度", "启用日期", "停用日期"]
SECTIONS = ["断面编码", "断面名称", "所在水体", "水体类型", "级别", "水质目标", "所在区、县（市）",
            "交接断面", "饮用水水源地", "保护区", "经度", "纬度", "启用日期"]  # fmt: skip


def load(name, data, **kwargs):
    return import_file(name, data, source="upload", label="tests", **kwargs)


def test_stations_are_created_from_a_spreadsheet_with_districts_by_name(hz, make_xlsx):
    rows = [STATIONS,
            ["1001A", "和睦小学", "国控", "西湖区", 120.12, 30.31, dt.date(2013, 1, 1), None],
            ["2001B", "临平", "区县控", "临平区", "120.30", "30.42", "2021-04-09", ""],
            ["3001C", "千岛湖", "省控", "淳安县人民政府", "119.04", "29.60", "2015/6/1", None]]  # fmt: skip
    batch = load("站点名录.xlsx", make_xlsx(rows)).batch
    assert (batch.kind, batch.created, batch.updated, batch.unchanged) == ("stations", 3, 0, 0)
    station = AirStation.objects.get(code="1001A")
    assert (station.level, station.district.code, station.latitude) == ("national", "xihu", 30.31)
    assert station.active_from == dt.date(2013, 1, 1) and station.active_to is None
    assert AirStation.objects.get(code="2001B").district.name == "临平区"
    assert AirStation.objects.get(code="3001C").district.code == "chunan"


def test_reimport_upserts_by_code(hz, make_csv):
    rows = [STATIONS, ["1001A", "和睦小学", "国控", "西湖区", "120.12", "30.31", "2013-01-01", ""]]
    load("s.csv", make_csv(rows))
    again = load("s.csv", make_csv(rows)).batch
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    rows[1][7] = "2022-12-31"  # closed
    rows.append(["1002A", "卧龙桥", "国控", "拱墅区", "120.15", "30.28", "2013-01-01", ""])
    changed = load("s.csv", make_csv(rows, "gbk")).batch
    assert (changed.created, changed.updated, changed.unchanged) == (1, 1, 0)
    assert AirStation.objects.get(code="1001A").active_to == dt.date(2022, 12, 31)
    rows[1][7] = ""  # reopened: a blank optional cell clears it
    load("s.csv", make_csv(rows))
    assert AirStation.objects.get(code="1001A").active_to is None
    assert AuditEvent.objects.filter(action="monitoring.import").count() == 4


def test_sections_with_target_class_level_handover_and_drinking_source(hz, make_csv):
    rows = [SECTIONS,
            ["330100A01", "闸口", "钱塘江", "河流", "国控", "Ⅱ类", "西湖区", "是", "是", "一级保护区",
             "120.15", "30.20", "2015-01-01"],
            ["330100B02", "西湖湖心", "西湖", "湖库", "市控", "III", "西湖区", "否", "否", "",
             "120.14", "30.25", "2015-01-01"]]  # fmt: skip
    batch = load("断面.csv", make_csv(rows)).batch
    assert batch.kind == "sections" and batch.created == 2
    river = WaterSection.objects.get(code="330100A01")
    assert (river.water_body, river.level, river.target_class) == ("river", "national", "II")
    assert (river.is_cross_boundary, river.is_drinking_source, river.protection_zone) == (
        True, True, "一级保护区",
    )  # fmt: skip
    lake = WaterSection.objects.get(code="330100B02")
    assert (lake.water_body, lake.level, lake.target_class) == ("lake", "city", "III")


def test_bad_registry_rows_are_all_reported_and_nothing_is_stored(hz, make_csv):
    rows = [SECTIONS,
            ["S1", "甲", "钱塘江", "海洋", "国控", "II", "西湖区", "是", "否", "一级保护区",
             "120.15", "30.20", "2015-01-01"],
            ["S2", "乙", "西湖", "湖库", "部控", "VI", "东湖区", "也许", "否", "",
             "200", "30.25", "2015-13-01"],
            ["S1", "丙", "西湖", "湖库", "市控", "III", "", "否", "否", "", "120", "30", ""]]  # fmt: skip
    with pytest.raises(ImportRefused) as caught:
        load("bad.csv", make_csv(rows))
    found = sorted((p.row, p.column, p.rule) for p in caught.value.problems)
    assert found == [
        (2, "", "保护区"), (2, "D", "取值"),
        (3, "E", "取值"), (3, "F", "取值"), (3, "G", "区县未知"), (3, "H", "取值"),
        (3, "K", "取值"), (3, "M", "取值"),
        (4, "", "重复"), (4, "M", "必填"),
    ]  # fmt: skip
    assert WaterSection.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_missing_registry_columns_are_named(hz, make_csv):
    rows = [["站点编码", "站点名称", "经度", "纬度"], ["1001A", "和睦小学", "120", "30"]]
    with pytest.raises(ImportRefused, match="级别、启用日期"):
        load("s.csv", make_csv(rows), kind="stations")


@pytest.fixture
def admin_client(client, hz):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


@pytest.mark.parametrize(
    "path",
    ["/admin/monitoring/airstation/", "/admin/monitoring/airstation/add/",
     "/admin/monitoring/watersection/", "/admin/monitoring/watersection/add/",
     "/admin/monitoring/importbatch/", "/admin/monitoring/revision/"],
)  # fmt: skip
def test_registry_admin_pages_open_in_chinese(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert "青山" in response.content.decode()


def test_admin_edits_a_station(admin_client, stations):
    station = stations["1001A"]
    html = admin_client.get(f"/admin/monitoring/airstation/{station.pk}/change/").content.decode()
    assert "站点编码" in html and "和睦小学" in html and "启用日期" in html


def test_import_batches_and_revisions_are_read_only_in_the_admin(admin_client, stations, make_csv):
    rows = [["站点编码", "时间", "PM2.5"], ["1001A", "2020-01-01 01:00", "35"]]
    load("a.csv", make_csv(rows))
    rows[1][2] = "36"
    batch = load("a.csv", make_csv(rows)).batch
    revision = Revision.objects.get()
    assert admin_client.get("/admin/monitoring/importbatch/add/").status_code == 403
    page = admin_client.get(f"/admin/monitoring/importbatch/{batch.pk}/change/")
    assert page.status_code == 200 and "a.csv" in page.content.decode()
    assert admin_client.post(f"/admin/monitoring/importbatch/{batch.pk}/delete/").status_code == 403
    assert admin_client.post(f"/admin/monitoring/revision/{revision.pk}/delete/").status_code == 403
    listed = admin_client.get(f"/admin/monitoring/revision/?batch__id__exact={batch.pk}")
    assert listed.status_code == 200 and revision.key in listed.content.decode()
    assert ImportBatch.objects.count() == 2 and Revision.objects.count() == 1
