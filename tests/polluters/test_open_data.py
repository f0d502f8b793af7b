"""Open data: the API's list (with the map's filters) and detail, and the filtered list as
CSV, Excel and JSON — published enterprises only, simulated ones labelled."""

from __future__ import annotations

import datetime as dt
import io
import json
from urllib.parse import quote

import openpyxl
import pytest

from qingshan.polluters.models import CreditRating, EnforcementRecord


def test_the_api_lists_published_enterprises_with_the_map_filters(client, make_enterprise):
    a = make_enterprise(1, "xiaoshan", categories=("water", "air"))
    make_enterprise(2, "xihu", categories=("air",))
    make_enterprise(3, "xiaoshan", published=False)
    body = client.get("/api/v1/polluters").json()
    assert body["count"] == 2
    body = client.get("/api/v1/polluters?category=water&district=xiaoshan").json()
    assert [x["credit_code"] for x in body["items"]] == [a.credit_code]
    item = body["items"][0]
    assert item["categories"] == ["water", "air"] and item["category_labels"][0] == "水环境"
    assert (item["longitude"], item["latitude"], item["coordinate_system"]) == (
        120.26, 30.18, "wgs84",
    )  # fmt: skip
    assert item["district_code"] == "xiaoshan" and item["url"] == f"/polluters/{a.credit_code}/"


def test_the_api_refuses_unknown_filter_values(client, make_enterprise):
    make_enterprise(1)
    response = client.get("/api/v1/polluters?category=nuclear")
    assert response.status_code == 400 and "category" in response.json()["detail"]
    assert client.get("/api/v1/polluters?district=pudong").status_code == 400


def test_the_api_detail_has_listings_records_and_ratings(client, make_enterprise):
    e = make_enterprise(1, year=2022)
    EnforcementRecord.objects.create(
        enterprise=e, date=dt.date(2022, 3, 1), authority="杭州市生态环境局", violation="超标"
    )
    CreditRating.objects.create(enterprise=e, year=2021, level="good")
    body = client.get(f"/api/v1/polluters/{e.credit_code}").json()
    assert body["name"] == e.name and body["listings"] == [
        {"year": 2022, "categories": ["water"], "category_labels": ["水环境"]}
    ]
    assert body["enforcements"][0]["violation"] == "超标"
    assert body["credit_ratings"][0] == {
        "year": 2021, "level": "good", "level_label": "环保良好", "authority": "", "note": "",
    }  # fmt: skip


def test_the_api_detail_of_an_unpublished_or_unknown_enterprise_is_404(client, make_enterprise):
    hidden = make_enterprise(1, published=False)
    assert client.get(f"/api/v1/polluters/{hidden.credit_code}").status_code == 404
    assert client.get("/api/v1/polluters/91330100716105852F").status_code == 404


@pytest.mark.parametrize("base", ["/polluters/export.", "/api/v1/polluters/export/"])
def test_csv_export_is_utf8_with_bom_and_follows_the_filters(client, make_enterprise, base):
    make_enterprise(1, "xiaoshan", name="甲公司")
    make_enterprise(2, "xihu", name="乙公司")
    response = client.get(base + "csv?district=xihu")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff名录年份,区县,单位名称,统一社会信用代码")
    assert "乙公司" in text and "甲公司" not in text and "名录数据" in text


def test_xlsx_and_json_exports_hold_the_same_rows(client, make_enterprise):
    a = make_enterprise(1, name="甲公司")
    response = client.get("/polluters/export.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["重点排污单位"].iter_rows(values_only=True))
    assert rows[0][:4] == ("名录年份", "区县", "单位名称", "统一社会信用代码")
    assert rows[1][2:4] == ("甲公司", a.credit_code) and len(rows) == 2
    items = json.loads(client.get("/polluters/export.json").content)
    assert [x["credit_code"] for x in items] == [a.credit_code]


def test_exports_label_simulated_data_in_the_file_and_its_name(client, make_enterprise):
    make_enterprise(1, name="模拟公司（模拟）", is_simulated=True)
    response = client.get("/polluters/export.csv")
    assert quote("演示数据（模拟）") in response["Content-Disposition"]
    assert "演示数据（模拟）" in response.content.decode("utf-8")
    book = openpyxl.load_workbook(io.BytesIO(client.get("/polluters/export.xlsx").content))
    assert "模拟" in str(book["说明"]["A2"].value)


def test_text_that_looks_like_a_formula_is_exported_as_text(client, make_enterprise):
    make_enterprise(1, name='=HYPERLINK("http://evil","点我")', address="+1+1")
    text = client.get("/polluters/export.csv").content.decode("utf-8")
    assert "'=HYPERLINK" in text and "'+1+1" in text
    book = openpyxl.load_workbook(io.BytesIO(client.get("/polluters/export.xlsx").content))
    cell = book["重点排污单位"]["C2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
