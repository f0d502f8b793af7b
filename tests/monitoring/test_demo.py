"""The demo generator: realistic, labelled as simulated, idempotent — on small ranges."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command

from qingshan.monitoring import demo
from qingshan.monitoring.models import (
    AirDay,
    AirHour,
    AirStation,
    ImportBatch,
    WaterClass,
    WaterSample,
    WaterSection,
)
from qingshan.monitoring.stations_hangzhou import SECTIONS, STATIONS

GEOJSON = (
    Path(__file__).resolve().parents[2]
    / "src/qingshan/static/vendor/geo/hangzhou-districts.geojson"
)
NATIONAL = [s for s in STATIONS if s.level == "national"]


def local_month(frame: pl.DataFrame) -> pl.DataFrame:
    local = pl.col("time").dt.convert_time_zone("Asia/Shanghai") - pl.duration(hours=1)
    return frame.with_columns(local.dt.month().alias("month"), local.dt.hour().alias("hour"))


def test_winter_brings_particles_and_summer_ozone():
    january = demo.air_frame(STATIONS[:2], dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    july = demo.air_frame(STATIONS[:2], dt.date(2020, 7, 1), dt.date(2020, 7, 31))
    assert january["pm25"].mean() > 1.5 * july["pm25"].mean()
    assert january["no2"].mean() > july["no2"].mean()
    assert july["o3"].mean() > 1.5 * january["o3"].mean()


def test_daily_cycles_peak_at_rush_hour_and_in_the_afternoon():
    frame = local_month(demo.air_frame(STATIONS[:2], dt.date(2021, 5, 1), dt.date(2021, 6, 30)))
    by_hour = {
        h: row
        for h, *row in frame.group_by("hour")
        .agg(pl.col("no2").mean(), pl.col("o3").mean())
        .iter_rows()
    }
    assert by_hour[8][0] > 1.2 * by_hour[14][0]  # NO2: morning traffic over midday
    assert by_hour[14][1] > 2 * by_hour[5][1]  # O3: afternoon over dawn


def test_stations_differ_and_the_trend_meets_the_plan_years():
    frame = demo.air_frame(NATIONAL, dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    later = demo.air_frame(NATIONAL, dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    means = dict(frame.group_by("station").agg(pl.col("pm25").mean()).iter_rows())
    assert means["1233A"] < 0.75 * means["1231A"]  # 千岛湖 (background) vs 城厢镇
    assert 35 <= frame["pm25"].mean() <= 41  # the plan: 38 µg/m³ by 2020
    assert 28 <= later["pm25"].mean() <= 34  # and 35 by 2022


def test_gaps_and_flags_at_network_rates():
    frame = demo.air_frame(STATIONS, dt.date(2021, 1, 1), dt.date(2021, 3, 31))
    missing = frame.select(pl.col("pm25").is_null().mean()).item()
    assert 0.01 <= missing <= 0.035
    flags = [json.loads(f) for f in frame["flags"].to_list()]
    flagged_values = sum(len(f) for f in flags) / (6 * frame.height)
    assert 0.002 <= flagged_values <= 0.01
    assert {v for f in flags for v in f.values()} <= {"PZ", "PS", "Re"}


def test_water_samples_follow_the_targets():
    clean = next(s for s in SECTIONS if s.code == "QD02")  # 千岛湖 小金山, class I target
    canal = next(s for s in SECTIONS if s.code == "YH01")  # 运河 塘栖, class III, polluted
    values = demo.water_values([clean, canal], dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    nh3 = {
        code: [v.value for v in values if v.section == code and v.item == "NH3-N"]
        for code in ("QD02", "YH01")
    }
    assert len(nh3["QD02"]) == 12
    assert max(nh3["QD02"]) < min(nh3["YH01"]) * 2
    assert sum(nh3["YH01"]) / 12 > 0.8  # near or above the class III limit (1.0)
    assert any(v.below_detection and v.value is None for v in values)


def test_registry_places_every_site_inside_its_district():
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    shapes = {f["properties"]["name"]: f["geometry"] for f in features}
    names = {
        "shangcheng": "上城区", "xiacheng": "下城区", "jianggan": "江干区", "gongshu": "拱墅区",
        "xihu": "西湖区", "binjiang": "滨江区", "xiaoshan": "萧山区", "yuhang": "余杭区",
        "fuyang": "富阳区", "linan": "临安市", "tonglu": "桐庐县", "chunan": "淳安县",
        "jiande": "建德市",
        # 大江东 / 经开区 (下沙): administered by a committee, drawn within 江干区 and 萧山区.
        "djd": ("江干区", "萧山区"),
    }  # fmt: skip

    def inside(lon: float, lat: float, ring: list) -> bool:
        hit = False
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                hit = not hit
        return hit

    def district_of(lon: float, lat: float) -> str | None:
        for name, geometry in shapes.items():
            polygons = geometry["coordinates"]
            if geometry["type"] == "Polygon":
                polygons = [polygons]
            if any(inside(lon, lat, p[0]) for p in polygons):
                return name
        return None

    for site in (*STATIONS, *SECTIONS):
        expected = names[site.district]
        found = district_of(site.longitude, site.latitude)
        assert found in (expected if isinstance(expected, tuple) else (expected,)), site


def test_registry_has_hangzhous_networks():
    assert len(NATIONAL) == 11 and {"卧龙桥", "千岛湖", "下沙", "云栖"} <= {
        s.name for s in NATIONAL
    }
    assert 40 <= len(SECTIONS) <= 60
    targets = [s.target for s in SECTIONS]
    assert targets.count("II") + targets.count("III") > len(SECTIONS) / 2
    assert sum(s.drinking for s in SECTIONS) >= 5 and sum(s.cross_boundary for s in SECTIONS) >= 5
    assert {"钱塘江", "富春江", "新安江", "千岛湖", "京杭运河", "西湖"} <= {
        s.water for s in SECTIONS
    }


def test_demo_loads_a_month_labelled_and_computed_once(hz):
    out = io.StringIO()
    args = ["--from", "2020-01-01", "--to", "2020-01-31", "--stations", "2", "--sections", "3"]
    call_command("demo_monitoring", *args, stdout=out)
    assert "2020: 1,488 station-hours for 2 stations" in out.getvalue()
    assert AirHour.objects.count() == 2 * 31 * 24
    assert set(AirStation.objects.values_list("is_simulated", flat=True)) == {True}
    assert set(WaterSection.objects.values_list("is_simulated", flat=True)) == {True}
    assert AirStation.objects.get(code="1223A").district.code == "xihu"
    batches = ImportBatch.objects.filter(source="demo")
    assert sorted(batches.values_list("kind", flat=True)) == ["air", "water"]
    assert batches.get(kind="air").rows == 1488
    assert AirHour.objects.filter(batch__isnull=True).count() == 0

    nulls = AirHour.objects.filter(pm25__isnull=True).count() / 1488
    assert 0.002 <= nulls <= 0.06
    flagged = sum(len(f) for f in AirHour.objects.values_list("flags", flat=True))
    assert flagged > 0
    # Statistics were computed directly, for the stations, their districts and the city.
    assert AirDay.objects.filter(scope="station", code="1223A").count() == 31
    assert AirDay.objects.filter(scope="city", date=dt.date(2020, 1, 15)).exists()
    assert AirDay.objects.filter(scope="district", code="xihu").exists()
    assert WaterSample.objects.count() > 3 * 20
    assert WaterClass.objects.filter(period="2020-01").count() == 3

    again = io.StringIO()
    call_command("demo_monitoring", *args, stdout=again)
    assert "already present" in again.getvalue()
    assert AirHour.objects.count() == 1488
    assert ImportBatch.objects.filter(source="demo").count() == 2


def test_demo_refuses_codes_taken_by_real_stations(hz):
    AirStation.objects.create(
        code="1223A", name="真实站", level="national", latitude=30.2, longitude=120.1,
        active_from=dt.date(2019, 1, 1),
    )  # fmt: skip
    with pytest.raises(ValueError, match="1223A"):
        demo.load_demo(start=dt.date(2020, 1, 1), end=dt.date(2020, 1, 2), stations=1, sections=0)
    assert AirHour.objects.count() == 0 and not ImportBatch.objects.exists()
