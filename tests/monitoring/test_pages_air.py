"""Public air pages: the numbers and colours shown come from the stored statistics."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from qingshan.monitoring.models import AirDay, AirHour, AirPeriodStat, AirStation
from qingshan.plans.models import Org

SH = ZoneInfo("Asia/Shanghai")
ORANGE = "#FF7E00"  # HJ 633-2012 Appendix A, level 3 (轻度污染)


def chart(response, element_id: str) -> dict:
    """The ECharts option a page ships in its json_script element."""
    found = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found, f"no chart data #{element_id}"
    return json.loads(html.unescape(found.group(1)))


def make_station(code="T1", name="测试站", level="national", district="xihu", simulated=False):
    return AirStation.objects.create(
        code=code,
        name=name,
        level=level,
        district=Org.objects.get(code=district, kind="district"),
        latitude=30.25,
        longitude=120.13,
        active_from=dt.date(2022, 1, 1),
        is_simulated=simulated,
    )


def stat_row(pollutant, statistic, value, limit, *, valid=True, n_days=365, unit="µg/m³"):
    return {
        "pollutant": pollutant,
        "statistic": statistic,
        "value": value,
        "unit": unit,
        "n_days": n_days,
        "valid": valid,
        "limit_I": None,
        "limit_II": limit,
        "attains_II": None if not valid else value <= limit,
    }


@pytest.fixture
def station_with_stats(hz):
    """T1 with a known year 2022: two days, an annual evaluation, January's figures, hours."""
    st = make_station(simulated=True)
    AirDay.objects.create(
        scope="station", code="T1", date=dt.date(2022, 3, 1), aqi=120, level=3,
        category="轻度污染", primary=["PM2.5"], complete=True, values={"PM2.5": 91.0},
    )  # fmt: skip
    AirDay.objects.create(
        scope="station", code="T1", date=dt.date(2022, 3, 2), aqi=None, level=None,
        category="", primary=[], complete=False, values={},
    )  # fmt: skip
    AirPeriodStat.objects.create(
        scope="station",
        code="T1",
        period="2022",
        statistics=[
            stat_row("PM2.5", "annual_mean", 33.0, 35),
            stat_row("PM10", "annual_mean", 75.0, 70),
            stat_row("NO2", "annual_mean", 41.0, 40, valid=False, n_days=300),
        ],
        valid_days=300,
        good_days=240,
        good_day_share=0.8,
    )
    AirPeriodStat.objects.create(
        scope="station", code="T1", period="2022-01", statistics=[], valid_days=31,
        good_days=20, good_day_share=20 / 31,
    )  # fmt: skip
    start = dt.datetime(2022, 3, 1, 1, tzinfo=SH)
    AirHour.objects.bulk_create(
        AirHour(station=st, time=start + dt.timedelta(hours=h), pm25=40.0 + h, flags={})
        for h in range(48)
    )
    return st


def test_station_page_shows_the_latest_aqi_in_its_hj633_colour(client, station_with_stats):
    response = client.get(reverse("monitoring:station", args=["T1"]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "测试站" in text and "演示数据（模拟）" in text
    latest = re.search(r'data-testid="latest-aqi"[^>]*>(\d+)<', text)
    assert latest and latest.group(1) == "120"
    assert f"background: {ORANGE}" in text
    assert "轻度污染" in text and "首要污染物 PM₂.₅" in text


def test_station_calendar_colours_days_by_level_and_marks_missing_ones(client, station_with_stats):
    response = client.get(reverse("monitoring:station", args=["T1"]), {"year": "2022"})
    option = chart(response, "chart-calendar")
    assert option["calendar"]["range"] == "2022"
    data = {d["value"][0]: d["value"][1] for d in option["series"][0]["data"]}
    assert data == {"2022-03-01": 120, "2022-03-02": -1}
    pieces = option["visualMap"]["pieces"]
    assert [p["color"] for p in pieces[:6]] == [
        "#00E400", "#FFFF00", ORANGE, "#FF0000", "#99004C", "#7E0023",
    ]  # fmt: skip
    assert {k: pieces[2][k] for k in ("min", "max", "color")} == {
        "min": 101,
        "max": 150,
        "color": ORANGE,
    }
    assert option["graphic"][0]["style"]["text"] == "演示数据（模拟）"


def test_annual_table_marks_attainment_and_insufficient_data(client, station_with_stats):
    text = client.get(reverse("monitoring:station", args=["T1"])).content.decode()
    table = text[text.index('data-testid="annual-table"') :]
    table = table[: table.index("</table>")]
    rows = dict(re.findall(r'<tr data-pollutant="([^"]+)">(.*?)</tr>', table, re.S))
    assert "达标" in rows["PM2.5"] and "33.0" in rows["PM2.5"]
    assert "超标" in rows["PM10"]
    assert "数据不足" in rows["NO2"] and "达标" not in rows["NO2"]
    assert "80.0" in text  # good-day share of the year, in %
    # GB 3095: PM10 over its Grade II limit fails the year even though NO2 lacks data.
    assert "未全部达标" in text and "部分数据不足" not in text


def test_monthly_good_day_share_comes_from_the_month_statistics(client, station_with_stats):
    response = client.get(reverse("monitoring:station", args=["T1"]))
    option = chart(response, "chart-months")
    shares = option["series"][0]["data"]
    assert shares[0] == pytest.approx(64.5)  # 20 of 31 days in January
    assert shares[1:] == [None] * 11


def test_hourly_line_keeps_gaps_and_draws_flagged_values_apart(client, station_with_stats):
    st = station_with_stats
    moment = dt.datetime(2022, 3, 2, 12, tzinfo=SH)
    AirHour.objects.filter(station=st, time=moment).update(pm25=999.0, flags={"PM2.5": "Re"})
    AirHour.objects.filter(station=st, time=moment + dt.timedelta(hours=1)).delete()
    response = client.get(reverse("monitoring:station", args=["T1"]), {"p": "PM2.5", "range": "7d"})
    option = chart(response, "chart-series")
    line = dict(map(tuple, option["series"][0]["data"]))
    assert line["2022-03-02 12:00"] is None  # flagged: not on the line
    assert line["2022-03-02 13:00"] is None  # missing hour: a gap, not interpolated
    assert line["2022-03-02 14:00"] == 77.0
    assert option["series"][1]["data"] == [["2022-03-02 12:00", 999.0]]
    assert len(line) == 7 * 24


def test_long_ranges_are_daily_values_never_hourly_points(client, hz):
    st = make_station(code="T2")
    start = dt.date(2019, 1, 1)
    AirDay.objects.bulk_create(
        AirDay(
            scope="station", code="T2", date=start + dt.timedelta(days=d), aqi=50,
            level=1, category="优", values={"PM2.5": 20.0 + d % 7}, complete=True,
        )
        for d in range(1461)
    )  # fmt: skip
    AirPeriodStat.objects.create(scope="station", code="T2", period="2022")
    AirHour.objects.create(station=st, time=dt.datetime(2022, 12, 31, 23, tzinfo=SH), pm25=20)
    response = client.get(reverse("monitoring:station", args=["T2"]), {"range": "all"})
    points = chart(response, "chart-series")["series"][0]["data"]
    assert len(points) == 1461  # one a day over four years, not 35,064 hours
    assert points[0] == ["2019-01-01", 20.0]


def test_station_list_groups_by_district_with_latest_aqi(client, station_with_stats):
    make_station(code="T3", name="另一站", level="provincial", district="binjiang")
    response = client.get(reverse("monitoring:stations"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "西湖区" in text and "滨江区" in text
    row = text[text.index('data-station="T1"') :]
    row = row[: row.index("</tr>")]
    assert ">120<" in row and ORANGE in row and "轻度污染" in row
    filtered = client.get(reverse("monitoring:stations"), {"level": "provincial"})
    assert "另一站" in filtered.content.decode()
    assert 'data-station="T1"' not in filtered.content.decode()


def test_pages_without_stations_say_how_to_load_data(client, hz):
    for name in ("monitoring:stations", "monitoring:air_city"):
        text = client.get(reverse(name)).content.decode()
        assert "qingshan demo_monitoring" in text
        assert 'class="badge sim-badge' not in text  # nothing simulated to label


def test_station_without_data_says_so(client, hz):
    make_station(code="T4")
    text = client.get(reverse("monitoring:station", args=["T4"])).content.decode()
    assert "这个站点还没有监测数据" in text and "qingshan demo_monitoring" in text


def test_unknown_station_is_404(client, hz):
    assert client.get(reverse("monitoring:station", args=["NOPE"])).status_code == 404


@pytest.fixture
def city_years(hz):
    """City statistics for 2019–2022 and a district's for 2020."""
    pm25 = {2019: 41.0, 2020: 39.0, 2021: 36.0, 2022: 33.0}
    for year, value in pm25.items():
        AirPeriodStat.objects.create(
            scope="city",
            code="city",
            period=str(year),
            statistics=[stat_row("PM2.5", "annual_mean", value, 35)],
            valid_days=365,
            good_days=300,
            good_day_share=300 / 365,
        )
    AirPeriodStat.objects.create(
        scope="district",
        code="binjiang",
        period="2020",
        statistics=[stat_row("PM2.5", "annual_mean", 44.0, 35)],
        valid_days=360,
        good_days=288,
        good_day_share=0.8,
    )
    AirDay.objects.create(
        scope="city", code="city", date=dt.date(2020, 6, 1), aqi=45, level=1, category="优",
        primary=[], complete=True,
    )  # fmt: skip
    make_station(simulated=True)


def test_city_page_compares_annual_pm25_with_the_plans_targets(client, city_years):
    response = client.get(reverse("monitoring:air_city"), {"year": "2020"})
    assert response.status_code == 200
    text = response.content.decode()
    table = text[text.index('data-testid="year-table"') :]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table[: table.index("</table>")], re.S)[1:]
    assert len(rows) == 4
    # 2020: 39 against the plan's ≤ 38 (pm25-2020); 2022: 33 against ≤ 35 (pm25-2022).
    assert "39" in rows[1] and "38" in rows[1] and "未达到" in rows[1]
    assert "33" in rows[3] and "35" in rows[3] and "达到" in rows[3] and "未达到" not in rows[3]
    assert "—" in rows[0]  # no target for 2019
    option = chart(response, "chart-years")
    assert option["series"][1]["data"] == [None, 38.0, None, 35.0]
    assert "到2020年，全市细颗粒物（PM2.5）平均浓度达到38微克/立方米" in text
    assert "演示数据（模拟）" in text


def test_city_page_compares_districts(client, city_years):
    response = client.get(reverse("monitoring:air_city"), {"year": "2020"})
    text = response.content.decode()
    table = text[text.index('data-testid="district-table"') :]
    table = table[: table.index("</table>")]
    assert "滨江区" in table and "44" in table and "80.0%" in table
    option = chart(response, "chart-districts")
    assert option["yAxis"]["data"] == ["滨江区"] and option["series"][0]["data"] == [44.0]
    assert option["series"][0]["markLine"]["data"][0]["xAxis"] == 39.0
