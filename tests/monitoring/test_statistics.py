"""Statistics from stored data: expected values computed by hand from HJ 633 / GB 3838 tables."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qingshan.monitoring.models import (
    AirDay,
    AirHour,
    AirPeriodStat,
    AirStation,
    WaterClass,
    WaterSample,
    WaterSection,
)
from qingshan.monitoring.statistics import recompute_air, recompute_water, water_summary
from qingshan.plans.models import Org

SH = ZoneInfo("Asia/Shanghai")
# Constant hourly values; their IAQI (HJ 633-2012 Table 1, rounded up):
# SO2 5 → 5, NO2 10 → 13, CO 0.5 → 13, O3 1 h 50 → 16, O3 8 h 50 → 25, PM10 40 → 40,
# PM2.5 36 → 50 + (36 − 35)·50/40 = 51.25 → 52.
HOURLY = {"so2": 5, "no2": 10, "co": 0.5, "o3": 50, "pm10": 40, "pm25": 36}


def station(code, level="national", district="xihu"):
    return AirStation.objects.create(
        code=code,
        name=code,
        level=level,
        district=Org.objects.get(code=district),
        latitude=30.25,
        longitude=120.1,
        active_from=dt.date(2019, 1, 1),
    )


def fill_hours(st, days=3, special=None, **constant):
    """Three days of hours; `constant` overrides a pollutant for every hour, `special` maps an
    hour to its own values (and flags)."""
    start = dt.datetime(2020, 1, 1, 1, tzinfo=SH)  # hour ending 01:00 on 1 January
    rows = []
    for h in range(24 * days):
        time = start + dt.timedelta(hours=h)
        values = HOURLY | constant | (special or {}).get(time, {})
        flags = values.pop("flags", {})
        rows.append(AirHour(station=st, time=time, flags=flags, **values))
    AirHour.objects.bulk_create(rows)


def test_daily_aqi_of_a_station_matches_the_hand_computation(hz):
    s = station("S1")
    fill_hours(s)
    recompute_air(["S1"], [2020])
    day = AirDay.objects.get(scope="station", code="S1", date=dt.date(2020, 1, 2))
    assert day.aqi == 52
    assert day.primary == ["PM2.5"]
    assert day.category == "良" and day.level == 2
    assert day.complete
    assert day.values["PM2.5"] == pytest.approx(36)


def test_flagged_hours_do_not_count_and_an_incomplete_day_has_no_aqi(hz):
    s = station("S1")
    flagged = {
        dt.datetime(2020, 1, 2, h, tzinfo=SH): {"flags": {"PM2.5": "H"}, "pm25": 500}
        for h in range(1, 6)
    }
    fill_hours(s, special=flagged)
    recompute_air(["S1"], [2020])
    day = AirDay.objects.get(scope="station", code="S1", date=dt.date(2020, 1, 2))
    # 24 − 5 flagged = 19 valid hours < 20 (GB 3095-2012 Table 4): no valid PM2.5 mean.
    assert "PM2.5" not in day.values
    assert day.aqi is None and not day.complete
    other = AirDay.objects.get(scope="station", code="S1", date=dt.date(2020, 1, 3))
    assert other.aqi == 52  # the 500s were flagged, never averaged in


def test_city_uses_national_stations_and_districts_their_own(hz):
    fill_hours(station("N1", "national", "xihu"))
    fill_hours(station("N2", "national", "binjiang"), pm25=76)  # alone: IAQI 102, 轻度污染
    fill_hours(station("P1", "provincial", "xihu"), pm25=200)
    recompute_air(["N1", "N2", "P1"], [2020])
    city = AirDay.objects.get(scope="city", code="city", date=dt.date(2020, 1, 2))
    # Mean of N1 and N2 PM2.5 = (36 + 76) / 2 = 56 → 50 + (56 − 35)·50/40 = 76.25 → 77.
    assert city.aqi == 77
    xihu = AirDay.objects.get(scope="district", code="xihu", date=dt.date(2020, 1, 2))
    # 西湖区: N1 and P1 → (36 + 200) / 2 = 118 → 150 + (118 − 115)·50/35 = 154.3 → 155.
    assert xihu.aqi == 155 and xihu.category == "中度污染"


def test_a_short_year_is_evaluated_but_not_valid(hz):
    fill_hours(station("S1"))
    recompute_air(["S1"], [2020])
    year = AirPeriodStat.objects.get(scope="station", code="S1", period="2020")
    pm25 = next(
        s for s in year.statistics if s["pollutant"] == "PM2.5" and s["statistic"] == "annual_mean"
    )
    assert pm25["n_days"] == 3 and pm25["valid"] is False
    month = AirPeriodStat.objects.get(scope="station", code="S1", period="2020-01")
    assert month.valid_days == 3 and month.good_days == 3


def test_recomputing_replaces_what_was_there(hz):
    s = station("S1")
    fill_hours(s)
    recompute_air(["S1"], [2020])
    AirHour.objects.filter(station=s).update(pm25=76)
    recompute_air(["S1"], [2020])
    # PM2.5 76 → 100 + (76 − 75)·50/40 = 101.25 → 102.
    assert AirDay.objects.get(scope="station", code="S1", date=dt.date(2020, 1, 2)).aqi == 102
    assert AirDay.objects.filter(scope="station", code="S1").count() == 3


def section(code, target="III", level="city", drinking=False):
    return WaterSection.objects.create(
        code=code,
        name=code,
        water_body="river",
        level=level,
        target_class=target,
        latitude=30.2,
        longitude=120.1,
        active_from=dt.date(2019, 1, 1),
        is_drinking_source=drinking,
    )


def sample(sec, day, **items):
    time = dt.datetime.combine(day, dt.time(10), SH)
    for item, value in items.items():
        if value == "未检出":
            WaterSample.objects.create(
                section=sec, time=time, item=item, below_detection=True, detection_limit=0.01
            )
        else:
            WaterSample.objects.create(section=sec, time=time, item=item, value=value)


def test_section_class_exceedance_and_compliance(hz):
    sec = section("W1", target="III")
    # GB 3838-2002 Table 1: DO 6.5 ≥ 6 → II; NH3-N 1.2 in (1.0, 1.5] → IV; TP 0.15 river → III.
    sample(sec, dt.date(2020, 3, 10), DO=6.5, **{"NH3-N": 1.2, "TP": 0.15})
    recompute_water(["W1"], [2020])
    march = WaterClass.objects.get(section=sec, period="2020-03")
    assert march.grade == "IV" and march.compliant is False
    assert march.exceeding == [{"item": "NH3-N", "multiple": 0.2}]  # (1.2 − 1.0) / 1.0
    assert WaterClass.objects.get(section=sec, period="2020").grade == "IV"


def test_below_detection_does_not_make_a_class_worse(hz):
    sec = section("W1", target="II")
    sample(sec, dt.date(2020, 3, 10), DO=8.0, **{"NH3-N": "未检出", "TP": 0.02})
    recompute_water(["W1"], [2020])
    assert WaterClass.objects.get(section=sec, period="2020-03").grade == "I"


def test_city_water_summary(hz):
    good, bad = section("W1"), section("W2")
    drinking = section("W3", target="II", drinking=True)
    sample(good, dt.date(2020, 5, 1), DO=7.0, **{"NH3-N": 0.4, "TP": 0.08})  # II
    sample(bad, dt.date(2020, 5, 1), DO=3.0, **{"NH3-N": 2.5, "TP": 0.5})  # 劣V (NH3-N > 2.0)
    sample(drinking, dt.date(2020, 5, 1), DO=8.0, **{"NH3-N": 0.1, "TP": 0.01})  # I
    recompute_water(["W1", "W2", "W3"], [2020])
    summary = water_summary("2020")
    assert summary["sections"] == 3
    assert summary["meeting_share"] == pytest.approx(200 / 3)
    assert summary["worse_than_v"] == 1 and summary["class_v"] == 0
    assert summary["drinking_share"] == 100


def test_scheduled_recomputation_runs_as_a_task(hz, settings, django_capture_on_commit_callbacks):
    from qingshan.monitoring.tasks import schedule_recompute

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    fill_hours(station("S1"))
    schedule_recompute("air", ["S1"], [dt.date(2020, 1, 2)])
    assert AirDay.objects.get(scope="station", code="S1", date=dt.date(2020, 1, 2)).aqi == 52
    with pytest.raises(ValueError, match="unknown data kind"):
        schedule_recompute("noise", ["S1"], [dt.date(2020, 1, 2)])


def test_with_the_database_backend_the_work_waits_for_the_worker(hz, settings):
    from django_tasks_db.models import DBTaskResult

    from qingshan.monitoring.tasks import schedule_recompute

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    fill_hours(station("S1"))
    schedule_recompute("air", ["S1"], [dt.date(2020, 1, 2)])
    assert DBTaskResult.objects.count() == 1
    assert not AirDay.objects.exists()  # nothing computed inside the request
