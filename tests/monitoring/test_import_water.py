"""Water samples: GB 3838 items by code or Chinese name, below-detection values kept as such
with their limit, automatic stations, and the water rules."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from qingshan.monitoring.importing import ImportRefused, import_file
from qingshan.monitoring.models import Revision, WaterSample

SH = ZoneInfo("Asia/Shanghai")
WIDE = [
    "断面编码",
    "断面名称",
    "采样时间",
    "pH",
    "溶解氧",
    "高锰酸盐指数",
    "氨氮(mg/L)",
    "总磷",
    "总氮",
]


def load(make_csv, rows, **kwargs):
    return import_file("water.csv", make_csv(rows), source="cli", label="tests", **kwargs)


def sample(code, item, day=dt.date(2020, 1, 5), hour=0):
    time = dt.datetime(day.year, day.month, day.day, hour, tzinfo=SH)
    return WaterSample.objects.get(section__code=code, item=item, time=time)


def test_monthly_manual_samples_in_the_wide_layout(sections, make_csv):
    rows = [WIDE, ["W01", "闸口", "2020-01-05", "7.6", "8.1", "2.3", "0.15", "0.08", "1.2"],
            ["W02", "西湖湖心", "2020-01-05", "8.0", "9.0", "3.1", "0.2", "0.03", "0.9"]]  # fmt: skip
    result = load(make_csv, rows)
    assert (result.batch.kind, result.batch.rows, result.batch.created) == ("water", 2, 12)
    assert sample("W01", "NH3-N").value == 0.15
    assert sample("W02", "TN").value == 0.9
    assert sample("W01", "DO").automatic is False


@pytest.mark.parametrize(
    ("cell", "limit"), [("未检出", None), ("ND", None), ("<0.01", 0.01), ("＜0.01", 0.01),
                        ("0.01L", 0.01), ("<0.01mg/L", 0.01)],
)  # fmt: skip
def test_below_detection_is_stored_as_such_with_its_limit_not_as_zero(
    sections, make_csv, cell, limit
):
    load(make_csv, [["断面编码", "采样时间", "总磷"], ["W01", "2020-01-05", cell]])
    stored = sample("W01", "TP")
    assert (stored.value, stored.below_detection, stored.detection_limit) == (None, True, limit)


def test_long_layout_with_a_detection_limit_column_and_units(sections, make_csv):
    rows = [["断面", "采样时间", "项目", "数值", "单位", "检出限"],
            ["W01", "2020-01-05 10:30", "氨氮", "0.15", "mg/L", "0.025"],
            ["W01", "2020-01-05 10:30", "Hg", "未检出", "mg/L", "0.00004"],
            ["W01", "2020-01-05 10:30", "pH", "7.5", "无量纲", ""],
            ["W01", "2020-01-05 10:30", "电导率", "320", "μS/cm", ""]]  # fmt: skip
    result = load(make_csv, rows)
    hg = WaterSample.objects.get(item="Hg")
    assert (hg.value, hg.below_detection, hg.detection_limit) == (None, True, 0.00004)
    assert WaterSample.objects.get(item="NH3-N").time == dt.datetime(2020, 1, 5, 10, 30, tzinfo=SH)
    assert result.extras == 1 and not WaterSample.objects.filter(item="电导率").exists()


def test_automatic_station_samples_every_four_hours(sections, make_csv):
    rows = [["断面编码", "监测时间", "监测方式", "溶解氧", "氨氮"]]
    rows += [["W01", f"2020-01-05 {h:02d}:00", "自动", "8.0", "0.2"] for h in range(0, 24, 4)]
    load(make_csv, rows)
    assert WaterSample.objects.filter(automatic=True).count() == 12
    rows = [["断面编码", "监测时间", "溶解氧"], ["W02", "2020-01-05 04:00", "8.0"]]
    load(make_csv, rows, automatic=True)
    assert sample("W02", "DO", hour=4).automatic is True


def test_a_blank_cell_is_not_measured_a_dash_is_missing(sections, make_csv):
    rows = [["断面编码", "采样时间", "溶解氧", "总磷", "总氮"], ["W01", "2020-01-05", "8", "—", ""]]
    result = load(make_csv, rows)
    assert result.batch.created == 2
    assert sample("W01", "TP").value is None and not sample("W01", "TP").below_detection
    assert not WaterSample.objects.filter(item="TN").exists()


def test_correcting_a_value_to_below_detection_keeps_a_revision(sections, make_csv):
    load(make_csv, [["断面编码", "采样时间", "总磷"], ["W01", "2020-01-05", "0.02"]])
    again = load(make_csv, [["断面编码", "采样时间", "总磷"], ["W01", "2020-01-05", "<0.01"]])
    assert (again.batch.updated, again.batch.created) == (1, 0)
    revision = Revision.objects.get()
    assert (revision.kind, revision.key) == ("water", "W01|2020-01-05T00:00+08:00|TP")
    assert (revision.old_value, revision.old_flag, revision.new_value, revision.new_flag) == (
        0.02, "", None, "ND<0.01",
    )  # fmt: skip
    same = load(make_csv, [["断面编码", "采样时间", "总磷"], ["W01", "2020-01-05", "0.01L"]])
    assert same.batch.unchanged == 1


@pytest.mark.parametrize(
    ("item", "cell", "rule"),
    [("总磷", "-0.1", "负值"), ("pH", "15", "取值范围"), ("pH", "未检出", "未检出"),
     ("水温", "-5", "取值范围"), ("总磷", "0.1mg/m³", "单位不符"), ("总磷", "很低", "数值格式")],
)  # fmt: skip
def test_impossible_water_values_are_refused(sections, make_csv, item, cell, rule):
    with pytest.raises(ImportRefused) as caught:
        load(make_csv, [["断面编码", "采样时间", item], ["W01", "2020-01-05", cell]])
    assert [p.rule for p in caught.value.problems] == [rule]
    assert WaterSample.objects.count() == 0


def test_unknown_items_unknown_sections_and_duplicates_are_refused(sections, make_csv):
    rows = [["断面", "采样时间", "项目", "数值"], ["W01", "2020-01-05", "总磷", "0.1"],
            ["W01", "2020-01-05", "TP", "0.2"], ["W01", "2020-01-05", "叶绿素b", "1"],
            ["W99", "2020-01-05", "总磷", "0.1"]]  # fmt: skip
    with pytest.raises(ImportRefused) as caught:
        load(make_csv, rows)
    assert sorted((p.row, p.rule) for p in caught.value.problems) == [
        (3, "重复"), (4, "项目未知"), (5, "未登记"),
    ]  # fmt: skip


def test_a_file_with_air_and_water_columns_is_refused(sections, make_csv):
    with pytest.raises(ImportRefused, match="分成两个文件"):
        load(make_csv, [["断面编码", "时间", "PM2.5", "总磷"], ["W01", "2020-01-05", "3", "0.1"]])
