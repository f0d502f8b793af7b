"""Hourly air data in the layouts the networks export: wide and long, CSV in UTF-8, GBK and
GB18030, Excel with a title, merged cells and blank rows, two header rows, JSON records."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qingshan.monitoring.importing import import_file, import_records
from qingshan.monitoring.models import AirHour

SH = ZoneInfo("Asia/Shanghai")
HEADER = ["站点编码", "站点名称", "时间", "SO2", "SO2标识", "NO2", "CO", "O3", "PM10", "PM2.5"]


def load(name, data, **kwargs):
    return import_file(name, data, source="cli", label="tests", **kwargs)


def hour(code, y, m, d, h):
    return AirHour.objects.get(station__code=code, time=dt.datetime(y, m, d, h, tzinfo=SH))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_wide_csv_loads_in_each_encoding_excel_saves(stations, make_csv, encoding):
    rows = [HEADER, ["1001A", "和睦小学", "2020-01-01 01:00", 5, "", 10, 0.5, 50, 40, 36]]
    result = load("空气.csv", make_csv(rows, encoding))
    assert (result.batch.kind, result.batch.created) == ("air", 1)
    stored = hour("1001A", 2020, 1, 1, 1)
    assert (stored.so2, stored.no2, stored.co, stored.o3, stored.pm10, stored.pm25) == (
        5, 10, 0.5, 50, 40, 36,
    )  # fmt: skip
    assert stored.flags == {}


def test_headers_with_units_and_flags_as_the_national_platform_exports(stations, make_csv):
    header = ["监测点位", "站点编码", "监测时间", "PM2.5(μg/m³)", "PM2.5_标识", "PM10(μg/m³)",
              "CO(mg/m³)", "AQI", "首要污染物"]  # fmt: skip
    rows = [header, ["和睦小学", "1001A", "2020/1/1 1:00", "35", "H", "60", "0.8", "50", "—"]]
    result = load("export.csv", make_csv(rows))
    stored = hour("1001A", 2020, 1, 1, 1)
    assert (stored.pm25, stored.pm10, stored.co, stored.so2) == (35, 60, 0.8, None)
    assert stored.flags == {"PM2.5": "H"}
    assert result.ignored == ["AQI", "首要污染物"]


def test_bare_flag_column_after_each_pollutant_belongs_to_it(stations, make_csv):
    rows = [["站点编码", "时间", "SO2", "标识", "NO2", "标识"],
            ["1001A", "2020-01-01 01:00", "5", "BB", "10", "N"]]  # fmt: skip
    load("flags.csv", make_csv(rows))
    assert hour("1001A", 2020, 1, 1, 1).flags == {"SO2": "BB"}  # "N" means valid


def test_long_layout_station_time_pollutant_value_flag(stations, make_csv):
    rows = [["station", "time", "pollutant", "value", "flag"],
            ["1001A", "2020-01-01 01:00", "PM2.5", "35", ""],
            ["1001A", "2020-01-01 01:00", "CO", "0.9", "H"],
            ["1001A", "2020-01-01 02:00", "二氧化硫", "7", ""]]  # fmt: skip
    result = load("long.csv", make_csv(rows))
    assert (result.batch.rows, result.batch.created) == (3, 2)
    first = hour("1001A", 2020, 1, 1, 1)
    assert (first.pm25, first.co, first.so2, first.flags) == (35, 0.9, None, {"CO": "H"})
    assert hour("1001A", 2020, 1, 1, 2).so2 == 7


def test_excel_with_title_merged_station_cells_and_blank_rows(stations, make_xlsx):
    rows = [
        ["杭州市环境空气质量小时数据（2020年1月1日）"],
        [],
        HEADER,
        ["1001A", "和睦小学", "2020-01-01 01:00", 5, None, 10, 0.5, 50, 40, 36],
        [None, None, "2020-01-01 02:00", 6, "H", 11, 0.6, 51, 41, 37],
        [],
        [None, None, "2020-01-01 03:00", 7, None, 12, 0.7, 52, 42, 38],
        ["1002A", "卧龙桥", dt.datetime(2020, 1, 1, 1), 8, None, 13, 0.8, 53, 43, 39],
    ]
    # Station code and name merged down the station's rows, as the exports do; row 6 is blank.
    data = make_xlsx(rows, merges=("A1:J1", "A4:A7", "B4:B7"))
    result = load("小时数据.xlsx", data)
    assert (result.batch.rows, result.batch.created) == (4, 4)
    assert hour("1001A", 2020, 1, 1, 3).so2 == 7
    assert hour("1001A", 2020, 1, 1, 2).flags == {"SO2": "H"}
    assert hour("1002A", 2020, 1, 1, 1).pm25 == 39


def test_two_header_rows_pollutant_merged_over_value_and_flag(stations, make_xlsx):
    rows = [
        ["站点编码", "时间", "SO2", None, "PM2.5", None],
        [None, None, "浓度", "标识", "浓度", "标识"],
        ["1001A", "2020-01-01 01:00", 5, None, 36, "MM"],
    ]
    load("two.xlsx", make_xlsx(rows, merges=("C1:D1", "E1:F1", "A1:A2", "B1:B2")))
    stored = hour("1001A", 2020, 1, 1, 1)
    assert (stored.so2, stored.pm25, stored.flags) == (5, 36, {"PM2.5": "MM"})


def test_date_and_hour_in_two_columns(stations, make_csv):
    rows = [["站点编码", "日期", "小时", "PM2.5"], ["1001A", "2020-01-01", "1", "35"],
            ["1001A", "2020-01-01", "24", "30"]]  # fmt: skip
    load("split.csv", make_csv(rows))
    assert hour("1001A", 2020, 1, 1, 1).pm25 == 35
    assert hour("1001A", 2020, 1, 2, 0).pm25 == 30  # hour 24 ends at midnight


def test_a_date_column_beside_a_full_time_column(stations, make_csv):
    rows = [
        ["站点编码", "日期", "时间", "PM2.5"],
        ["1001A", "2020-01-01", "2020-01-01 05:00", "35"],
    ]
    load("both.csv", make_csv(rows))
    assert hour("1001A", 2020, 1, 1, 5).pm25 == 35


def test_24_00_is_midnight_of_the_next_day(stations, make_csv):
    rows = [["站点编码", "时间", "PM2.5"], ["1001A", "2020-01-01 24:00", "30"]]
    load("midnight.csv", make_csv(rows))
    assert hour("1001A", 2020, 1, 2, 0).pm25 == 30


def test_times_without_zone_are_china_time_and_offsets_are_honoured(stations, make_csv):
    rows = [["站点编码", "时间", "PM2.5"], ["1001A", "2020-01-01T01:00:00", "30"],
            ["1001A", "2019-12-31T18:00:00Z", "31"], ["1002A", "2020-01-01T03:00+09:00", "32"]]  # fmt: skip
    load("zones.csv", make_csv(rows))
    assert hour("1001A", 2020, 1, 1, 1).pm25 == 30
    assert hour("1001A", 2020, 1, 1, 2).pm25 == 31  # 18:00 UTC = 02:00 China time
    assert hour("1002A", 2020, 1, 1, 2).pm25 == 32  # 03:00 at +09:00 = 02:00 China time
    assert AirHour.objects.get(station__code="1001A", pm25=31).time == dt.datetime(
        2019, 12, 31, 18, tzinfo=dt.UTC
    )


def test_chinese_and_compact_time_formats(stations, make_csv):
    rows = [["站点编码", "时间", "PM2.5"], ["1001A", "2020年1月1日 1时", "30"],
            ["1001A", "2020010102", "31"], ["1001A", "２０２０－０１－０１ ０３：００", "32"]]  # fmt: skip
    load("formats.csv", make_csv(rows))
    assert [hour("1001A", 2020, 1, 1, h).pm25 for h in (1, 2, 3)] == [30, 31, 32]


def test_statistics_rows_at_the_bottom_are_skipped_and_counted(stations, make_csv):
    rows = [["站点编码", "时间", "PM2.5"], ["1001A", "2020-01-01 01:00", "30"],
            ["1001A", "2020-01-01 02:00", "40"], ["平均值", "", "35"], ["最 大 值", "", "40"]]  # fmt: skip
    result = load("with-stats.csv", make_csv(rows))
    assert (result.summaries, result.batch.rows, result.batch.created) == (2, 2, 2)


def test_tab_separated_text(stations, make_csv):
    rows = [["站点编码", "时间", "PM2.5"], ["1001A", "2020-01-01 01:00", "30"]]
    load("tabs.txt", make_csv(rows, delimiter="\t"))
    assert hour("1001A", 2020, 1, 1, 1).pm25 == 30


def test_station_matched_by_name_when_no_code_column(stations, make_csv):
    rows = [["站点名称", "时间", "PM2.5"], ["卧龙桥", "2020-01-01 01:00", "30"]]
    load("names.csv", make_csv(rows))
    assert hour("1002A", 2020, 1, 1, 1).pm25 == 30


def test_json_records_go_through_the_same_rules(stations):
    result = import_records(
        [{"站点编码": "1001A", "时间": "2020-01-01 01:00", "PM2.5": 35, "SO2": "５"}],
        source="api", label="tests",
    )  # fmt: skip
    assert result.batch.created == 1
    assert (hour("1001A", 2020, 1, 1, 1).pm25, hour("1001A", 2020, 1, 1, 1).so2) == (35, 5)


def test_kind_is_read_from_the_header_or_forced(stations, sections, make_csv):
    rows = [["站点编码", "时间", "PM2.5"], ["1001A", "2020-01-01 01:00", "30"]]
    assert load("auto.csv", make_csv(rows)).batch.kind == "air"
    water = [["断面编码", "采样时间", "溶解氧"], ["W01", "2020-01-05", "8.1"]]
    assert load("w.csv", make_csv(water)).batch.kind == "water"
    from qingshan.monitoring.importing import ImportRefused

    with pytest.raises(ImportRefused, match="水质项目"):
        load("forced.csv", make_csv(rows), kind="water")
