"""Bad air data is refused with its row, column, value and rule, and nothing is stored; odd but
acceptable data (rows out of order, units matching the column, full-width digits) loads."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qingshan.monitoring.importing import ImportRefused, import_file
from qingshan.monitoring.models import AirHour, ImportBatch

SH = ZoneInfo("Asia/Shanghai")
HEAD = ["站点编码", "时间", "SO2", "SO2标识", "CO", "PM2.5"]


def load(make_csv, *rows, name="air.csv"):
    return import_file(name, make_csv([HEAD, *rows]), source="cli", label="tests")


def refused(make_csv, *rows) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        load(make_csv, *rows)
    assert AirHour.objects.count() == 0 and ImportBatch.objects.count() == 0
    return caught.value


def only(problem_list, rule):
    found = [p for p in problem_list.problems if p.rule == rule]
    assert found, [(p.rule, p.message) for p in problem_list.problems]
    return found


def test_unknown_station_is_reported_once_with_its_count_and_nothing_is_stored(stations, make_csv):
    exc = refused(
        make_csv,
        ["1001A", "2020-01-01 01:00", "5", "", "0.5", "35"],
        ["9999X", "2020-01-01 01:00", "5", "", "0.5", "35"],
        ["9999X", "2020-01-01 02:00", "5", "", "0.5", "35"],
    )
    (problem,) = only(exc, "未登记")
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "air.csv",
        3,
        "A",
        "9999X",
    )
    assert "共 2 行" in problem.message


def test_the_same_station_and_hour_twice_is_an_error(stations, make_csv):
    exc = refused(
        make_csv,
        ["1001A", "2020-01-01 01:00", "5", "", "0.5", "35"],
        ["1001A", "2020-01-01 02:00", "5", "", "0.5", "35"],
        ["1001A", "2020-01-01 01:00", "6", "", "0.5", "35"],
    )
    (problem,) = only(exc, "重复")
    assert problem.row == 4 and "第 2 行" in problem.message


def test_24_00_and_the_next_day_00_00_are_the_same_hour(stations, make_csv):
    exc = refused(
        make_csv,
        ["1001A", "2020-01-01 24:00", "5", "", "0.5", "35"],
        ["1001A", "2020-01-02 00:00", "5", "", "0.5", "35"],
    )
    assert only(exc, "重复")[0].row == 3


def test_rows_out_of_order_are_accepted_and_stored_by_time(stations, make_csv):
    load(
        make_csv,
        ["1001A", "2020-01-01 03:00", "3", "", "0.5", "35"],
        ["1002A", "2020-01-01 01:00", "9", "", "0.5", "35"],
        ["1001A", "2020-01-01 01:00", "1", "", "0.5", "35"],
        ["1001A", "2020-01-01 02:00", "2", "", "0.5", "35"],
    )
    ordered = AirHour.objects.filter(station__code="1001A").order_by("time")
    assert [h.so2 for h in ordered] == [1, 2, 3]


def test_data_before_a_station_opened_is_refused(stations, make_csv):
    exc = refused(
        make_csv,
        ["1003A", "2020-12-31 23:00", "5", "", "0.5", "35"],
        ["1003A", "2021-01-01 00:00", "5", "", "0.5", "35"],  # hour 23–24 of 31 December
        ["1003A", "2021-01-01 01:00", "5", "", "0.5", "35"],  # its first hour
    )
    (problem,) = only(exc, "早于启用")
    assert (
        problem.row == 2 and "2021-01-01 启用" in problem.message and "共 2 行" in problem.message
    )


def test_data_after_a_station_closed_is_refused(stations, make_csv):
    AirStation = type(stations["1002A"])
    AirStation.objects.filter(code="1002A").update(active_to=dt.date(2020, 6, 30))
    exc = refused(make_csv, ["1002A", "2020-07-01 02:00", "5", "", "0.5", "35"])
    assert only(exc, "晚于停用")[0].row == 2


@pytest.mark.parametrize(
    ("cell", "rule"),
    [("2020-01-01", "缺少小时"), ("2020-01-01 01:30", "非整点"), ("2020-13-01 01:00", "时间格式"),
     ("昨天", "时间格式"), ("", "必填"), ("2999-01-01 01:00", "时间超前")],
)  # fmt: skip
def test_bad_times_are_refused_by_rule(stations, make_csv, cell, rule):
    exc = refused(make_csv, ["1001A", cell, "5", "", "0.5", "35"])
    problem = only(exc, rule)[0]
    assert (problem.row, problem.column, problem.header) == (2, "B", "时间")


def test_a_unit_matching_the_column_is_stripped_another_is_refused(stations, make_csv):
    load(make_csv, ["1001A", "2020-01-01 01:00", "5μg/m³", "", "0.8mg/m³", "35 ug/m3"])
    stored = AirHour.objects.get()
    assert (stored.so2, stored.co, stored.pm25) == (5, 0.8, 35)
    AirHour.objects.all().delete()
    ImportBatch.objects.all().delete()
    exc = refused(make_csv, ["1001A", "2020-01-01 02:00", "5", "", "800μg/m³", "35"])
    problem = only(exc, "单位不符")[0]
    assert (problem.column, problem.value) == ("E", "800μg/m³")


def test_a_header_in_another_unit_is_refused_not_converted(stations, make_csv):
    rows = [["站点编码", "时间", "CO(μg/m³)"], ["1001A", "2020-01-01 01:00", "800"]]
    with pytest.raises(ImportRefused) as caught:
        import_file("h.csv", make_csv(rows), source="cli")
    assert caught.value.problems[0].rule == "单位不符"


def test_missing_markers_are_stored_as_null(stations, make_csv):
    load(
        make_csv,
        ["1001A", "2020-01-01 01:00", "—", "", "-", ""],
        ["1001A", "2020-01-01 02:00", "--", "BB", "/", "NA"],
    )
    hours = list(AirHour.objects.order_by("time"))
    assert [(h.so2, h.co, h.pm25) for h in hours] == [(None, None, None), (None, None, None)]
    assert hours[1].flags == {"SO2": "BB"}


@pytest.mark.parametrize("cell", ["未检出", "ND", "<2", "2L"])
def test_below_detection_is_an_error_for_air(stations, make_csv, cell):
    exc = refused(make_csv, ["1001A", "2020-01-01 01:00", cell, "", "0.5", "35"])
    assert only(exc, "未检出")[0].value == cell


def test_negative_concentrations_are_errors(stations, make_csv):
    exc = refused(make_csv, ["1001A", "2020-01-01 01:00", "-3", "", "0.5", "35"])
    assert only(exc, "负值")[0].column == "C"


def test_implausible_values_are_stored_flagged_invalid_and_counted(stations, make_csv):
    result = load(
        make_csv,
        ["1001A", "2020-01-01 01:00", "5", "", "180", "2500"],  # CO in µg/m³ by mistake
        ["1001A", "2020-01-01 02:00", "5", "", "0.5", "900"],  # a heavy episode: plausible
    )
    assert result.flagged == 2
    first, second = AirHour.objects.order_by("time")
    assert (first.co, first.pm25, first.flags) == (180, 2500, {"CO": "IMP", "PM2.5": "IMP"})
    assert (second.pm25, second.flags) == (900, {})


def test_pm25_above_pm10_is_not_flagged(stations, make_csv):
    rows = [["站点编码", "时间", "PM10", "PM2.5"], ["1001A", "2020-01-01 01:00", "40", "55"]]
    result = import_file("p.csv", make_csv(rows), source="cli")
    assert result.flagged == 0 and AirHour.objects.get().flags == {}


def test_full_width_digits_and_thousands_separators(stations, make_csv):
    load(make_csv, ["1001A", "2020-01-01 01:00", "１２", "", "０．８", "1,035"])
    stored = AirHour.objects.get()
    assert (stored.so2, stored.co, stored.pm25) == (12, 0.8, 1035)


def test_text_in_a_value_cell_is_refused_with_its_cell(stations, make_csv):
    exc = refused(make_csv, ["1001A", "2020-01-01 01:00", "五", "", "0.5", "35"])
    problem = only(exc, "数值格式")[0]
    assert (problem.row, problem.column, problem.header, problem.value) == (2, "C", "SO2", "五")


def test_overlong_flags_are_refused(stations, make_csv):
    exc = refused(make_csv, ["1001A", "2020-01-01 01:00", "5", "X" * 21, "0.5", "35"])
    assert only(exc, "标识")[0].column == "D"


def test_every_problem_of_the_file_is_reported_at_once(stations, make_csv):
    exc = refused(
        make_csv,
        ["1001A", "2020-01-01 01:00", "abc", "", "0.5", "35"],
        ["1001A", "2020-01-01 01:30", "5", "", "-1", "35"],
        ["XXXX", "2020-01-01 03:00", "5", "", "0.5", "35"],
    )
    assert {p.rule for p in exc.problems} == {"数值格式", "非整点", "负值", "未登记"}
    assert exc.total == 4
    assert [p.row for p in exc.problems] == sorted(p.row for p in exc.problems)
