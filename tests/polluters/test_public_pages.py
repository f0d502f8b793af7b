"""The public map and enterprise pages: no login, only published enterprises, filters that
drive both the map and the list, escaping of whatever a list contained."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

from qingshan.polluters.models import CreditRating, EnforcementRecord, Listing


def map_data(html: str, chart: str = "pol-map") -> dict:
    found = re.search(rf'<script id="{chart}" type="application/json">(.*?)</script>', html, re.S)
    assert found, f"no {chart} data on the page"
    return json.loads(found.group(1))


def names_on_map(html: str) -> set[str]:
    return {p["name"] for s in map_data(html)["series"] for p in s["data"]}


def listed_codes(html: str) -> list[str]:
    return re.findall(r'<tr data-code="([0-9A-Z]{18})">', html)


def test_the_map_without_any_list_says_what_to_do_next(client, hz):
    html = client.get("/polluters/").content.decode()
    assert 'data-testid="polluters-empty"' in html and "qingshan demo_polluters" in html


def test_only_published_enterprises_appear_on_the_map_list_and_pages(client, make_enterprise):
    shown = make_enterprise(1)
    hidden = make_enterprise(2, published=False)
    response = client.get("/polluters/")
    assert response.status_code == 200
    html = response.content.decode()
    assert listed_codes(html) == [shown.credit_code]
    assert names_on_map(html) == {shown.name}
    assert client.get(f"/polluters/{shown.credit_code}/").status_code == 200
    assert client.get(f"/polluters/{hidden.credit_code}/").status_code == 404


def test_category_district_and_industry_filter_map_and_list(client, make_enterprise):
    a = make_enterprise(1, "xiaoshan", categories=("water", "air"), industry="纺织业")
    b = make_enterprise(2, "xihu", categories=("air",), industry="化学原料和化学制品制造业")
    c = make_enterprise(3, "xiaoshan", categories=("soil",), industry="纺织业")
    html = client.get("/polluters/?category=air").content.decode()
    assert set(listed_codes(html)) == {a.credit_code, b.credit_code}
    assert [s["name"] for s in map_data(html)["series"]] == ["大气环境"]
    html = client.get("/polluters/?district=xiaoshan").content.decode()
    assert set(listed_codes(html)) == {a.credit_code, c.credit_code}
    html = client.get(
        "/polluters/?district=xiaoshan&industry=纺织业&category=soil"
    ).content.decode()
    assert listed_codes(html) == [c.credit_code] and names_on_map(html) == {c.name}
    assert 'data-category="air"' in html  # counts per category beside the filters


def test_category_counts_follow_the_other_filters(client, make_enterprise):
    make_enterprise(1, "xiaoshan", categories=("water", "air"))
    make_enterprise(2, "xihu", categories=("air",))
    html = client.get("/polluters/?district=xihu").content.decode()
    counts = dict(re.findall(r'data-category="(\w+)">.*?<strong>(\d+)</strong>', html, re.S))
    assert counts == {"water": "0", "air": "1", "soil": "0", "noise": "0", "risk": "0"}


def test_a_district_also_finds_enterprises_listed_under_the_district_it_absorbed(
    client, make_enterprise
):
    old = make_enterprise(1, "xiacheng", year=2020)
    new = make_enterprise(2, "gongshu", year=2020)
    html = client.get("/polluters/?year=2020&district=gongshu").content.decode()
    assert set(listed_codes(html)) == {old.credit_code, new.credit_code}
    options = re.search(r'id="f-district">(.*?)</select>', html, re.S)
    assert options and "拱墅区（2）" in options.group(1) and "下城区" not in options.group(1)


def test_the_year_chooses_the_list_and_defaults_to_the_newest(client, make_enterprise):
    older = make_enterprise(1, year=2021)
    newer = make_enterprise(2, year=2022)
    assert listed_codes(client.get("/polluters/").content.decode()) == [newer.credit_code]
    html = client.get("/polluters/?year=2021").content.decode()
    assert listed_codes(html) == [older.credit_code]


def test_unknown_filter_values_show_everything_instead_of_failing(client, make_enterprise):
    e = make_enterprise(1)
    response = client.get("/polluters/?category=nuclear&district=nowhere&year=abc")
    assert response.status_code == 200
    assert listed_codes(response.content.decode()) == [e.credit_code]


def test_the_list_is_paged_and_the_map_shows_every_point(client, make_enterprise):
    for n in range(1, 26):
        make_enterprise(n)
    first = client.get("/polluters/").content.decode()
    second = client.get("/polluters/?page=2").content.decode()
    assert len(listed_codes(first)) == 20 and len(listed_codes(second)) == 5
    assert len(names_on_map(second)) == 25
    assert "共 25 家单位" in first


def test_a_name_with_a_script_tag_is_escaped_everywhere(client, make_enterprise):
    evil = make_enterprise(
        1, name="<script>alert('x')</script>化工", address="<img src=x onerror=1>"
    )
    for url in ("/polluters/", f"/polluters/{evil.credit_code}/"):
        html = client.get(url).content.decode()
        assert "<script>alert(" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html or "\\u003Cscript\\u003E" in html


def test_the_enterprise_page_shows_its_information_records_and_ratings(client, make_enterprise):
    e = make_enterprise(1, categories=("water", "risk"), permit_number="PERMIT-1", address="某路")
    Listing.objects.create(enterprise=e, year=2021, water=True)
    EnforcementRecord.objects.create(
        enterprise=e, date=dt.date(2021, 5, 6), authority="杭州市生态环境局萧山分局",
        decision_number="杭环萧罚〔2021〕12号", violation="超标排放", penalty_amount=Decimal("135000"),
    )  # fmt: skip
    CreditRating.objects.create(enterprise=e, year=2021, level="warning")
    html = client.get(f"/polluters/{e.credit_code}/").content.decode()
    for text in (e.name, e.credit_code, "萧山区", "PERMIT-1", "水环境", "环境风险", "2021年：水环境",
                 "杭环萧罚〔2021〕12号", "135,000.00", "环保警示", "东经 120.260000"):  # fmt: skip
        assert text in html, text
    assert map_data(html, "pol-location")["series"][0]["data"][0]["value"] == [120.26, 30.18]


def test_an_enterprise_without_records_or_location_says_so(client, make_enterprise):
    e = make_enterprise(1, longitude=None, latitude=None)
    html = client.get(f"/polluters/{e.credit_code}/").content.decode()
    assert 'data-testid="no-enforcements"' in html and 'data-testid="no-ratings"' in html
    assert "没有给出这家单位的经纬度" in html and 'id="pol-location"' not in html


def test_simulated_enterprises_carry_the_demo_badge(client, make_enterprise):
    real = make_enterprise(1)
    html = client.get(f"/polluters/{real.credit_code}/").content.decode()
    assert "演示数据（模拟）" not in html
    fake = make_enterprise(2, name="杭州模拟化工有限公司（模拟）", is_simulated=True)
    assert "演示数据（模拟）" in client.get("/polluters/").content.decode()
    assert "演示数据（模拟）" in client.get(f"/polluters/{fake.credit_code}/").content.decode()
