"""Public water pages: the map, the sections' classes against their targets and the plan's."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.templatetags.static import static
from django.urls import reverse

from qingshan.monitoring.models import WaterSample, WaterSection
from qingshan.monitoring.statistics import recompute_water
from qingshan.plans.models import Org

SH = ZoneInfo("Asia/Shanghai")


def chart(response, element_id: str) -> dict:
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found, f"no chart data #{element_id}"
    return json.loads(html.unescape(found.group(1)))


def make_section(code, name, target, level, values, *, drinking=False, simulated=True):
    section = WaterSection.objects.create(
        code=code, name=name, water="钱塘江", water_body="river", level=level,
        target_class=target, district=Org.objects.get(code="xihu", kind="district"),
        is_drinking_source=drinking, latitude=30.2, longitude=120.13,
        active_from=dt.date(2019, 1, 1), is_simulated=simulated,
    )  # fmt: skip
    WaterSample.objects.bulk_create(
        WaterSample(
            section=section, time=dt.datetime(2020, month, 10, 10, tzinfo=SH), item=item,
            value=value,
        )
        for month in range(1, 13)
        for item, value in values.items()
    )  # fmt: skip
    return section


@pytest.fixture
def water_2020(hz):
    """A meets its class II target; B (target III) is class IV on NH3-N; C (区县控) is V."""
    good = {"DO": 8.0, "CODMn": 3.0, "NH3-N": 0.3, "TP": 0.08}
    make_section("A", "九溪", "II", "national", good, drinking=True)
    make_section("B", "七堡", "III", "city", good | {"DO": 6.0, "NH3-N": 1.2, "TP": 0.15})
    make_section("C", "东河", "III", "district", good | {"NH3-N": 1.8})
    recompute_water(["A", "B", "C"], [2020])


def test_water_page_holds_the_map_and_every_section(client, water_2020):
    response = client.get(reverse("monitoring:water"))
    assert response.status_code == 200
    text = response.content.decode()
    assert static("vendor/geo/hangzhou-districts.geojson") in text
    assert 'data-geo-name="hangzhou"' in text
    option = chart(response, "chart-map")
    assert option["geo"]["map"] == "hangzhou"
    points = {
        d["code"]: (s["name"], s["itemStyle"]["color"], d)
        for s in option["series"]
        for d in s["data"]
    }
    assert set(points) == {"A", "B", "C"}
    assert points["A"][:2] == ("Ⅱ类", "#42a5f5")
    assert points["B"][:2] == ("Ⅳ类", "#f2c200")
    assert points["C"][:2] == ("Ⅴ类", "#f57c00")
    assert points["B"][2]["value"] == [120.13, 30.2]
    assert points["B"][2]["url"] == reverse("monitoring:section", args=["B"])
    assert chart(response, "chart-map-urban")["geo"]["zoom"] > 1
    assert "演示数据（模拟）" in text


def test_water_figures_compare_with_the_plans_targets(client, water_2020):
    text = client.get(reverse("monitoring:water"), {"year": "2020"}).content.decode()
    figures = re.findall(r'data-testid="water-figure">(.*?)</div></div>', text, re.S)
    share, class_v, worse, drinking = figures
    # 市控以上: A (met) and B (not met) → 50 %, against the plan's 90.3 % (city-sections-2020).
    assert "50.0%" in share and "90.3" in share and "未达到" in share
    # C is class V but 区县控: the plan's 消除V类 counts the 市控以上 sections, like the share.
    assert "0 个" in class_v and "达到" in class_v
    assert "0 个" in worse and "达到" in worse
    assert "100.0%" in drinking


def test_sections_table_lists_class_target_and_exceeding_items(client, water_2020):
    text = client.get(reverse("monitoring:water")).content.decode()
    row = text[text.index('data-section="B"') :]
    row = row[: row.index("</tr>")]
    assert "七堡" in row and "Ⅲ类" in row and "Ⅳ类" in row and "未达标" in row
    assert "氨氮（0.2倍）" in row


def test_section_page_shows_items_against_the_target_class(client, water_2020):
    response = client.get(reverse("monitoring:section", args=["B"]))
    assert response.status_code == 200
    text = response.content.decode()
    items = dict(re.findall(r'<tr data-item="([^"]+)">(.*?)</tr>', text, re.S))
    assert "≤1" in items["NH3-N"] and "1.2" in items["NH3-N"] and 'mark-bad">12<' in items["NH3-N"]
    assert "≥5" in items["DO"]
    timeline = chart(response, "chart-timeline")
    months = timeline["series"][0]["data"]
    assert len(months) == 12 and {m["value"][1] for m in months} == {"Ⅳ类"}
    assert timeline["series"][0]["markLine"]["data"] == [{"yAxis": "Ⅲ类"}]
    item = chart(response, "chart-item")  # the worst item against its limit is shown first
    assert item["series"][0]["name"] == "氨氮（mg/L）"
    assert item["series"][0]["markLine"]["data"] == [{"yAxis": 1.0}]


def test_water_pages_without_data_say_what_to_do(client, hz):
    text = client.get(reverse("monitoring:water")).content.decode()
    assert "还没有水质监测断面" in text and "qingshan demo_monitoring" in text
    WaterSection.objects.create(
        code="E", name="空断面", water="西湖", water_body="lake", level="city",
        target_class="III", latitude=30.25, longitude=120.14, active_from=dt.date(2019, 1, 1),
    )  # fmt: skip
    text = client.get(reverse("monitoring:section", args=["E"])).content.decode()
    assert "这个断面还没有水质监测数据" in text
