"""`qingshan monitoring import FILE [--kind]`: progress bars, a summary, problems on failure."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from qingshan.monitoring.models import AirHour, ImportBatch, WaterSample


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("monitoring", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_shows_progress_stages_and_a_summary(stations, make_csv, air_rows, tmp_path):
    path = tmp_path / "2020-01.csv"
    header = ["站点编码", "站点名称", "时间", "SO2", "SO2标识", "NO2", "CO", "O3", "PM10", "PM2.5"]
    path.write_bytes(make_csv([header, *air_rows("1001A", dt.datetime(2020, 1, 1, 1), 72)], "gbk"))
    out, err = run("import", str(path))
    assert "已导入空气小时数据，72 行；新增 72，更正 0，未变 0" in out
    for stage in ("读取文件", "校验数据", "比对已有数据", "写入数据库", "提交"):
        assert stage in err
    assert "72/72" in err  # the bars count rows
    assert AirHour.objects.count() == 72
    assert ImportBatch.objects.get().source == "cli"
    out, _ = run("import", str(path), "--no-progress")
    assert "新增 0，更正 0，未变 72" in out


def test_a_refused_file_lists_its_problems_and_fails(stations, make_csv, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(make_csv([["站点编码", "时间", "PM2.5"], ["1001A", "2020-01-01 01:00", "x"],
                               ["XXXX", "2020-01-01 01:00", "3"]]))  # fmt: skip
    err = io.StringIO()
    with pytest.raises(CommandError, match="未导入任何数据（2 个问题）"):
        call_command("monitoring", "import", str(path), stdout=io.StringIO(), stderr=err)
    text = err.getvalue()
    assert "bad.csv 第2行C列（PM2.5） “x” [数值格式]" in text
    assert "[未登记]" in text
    assert AirHour.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_kind_can_be_forced_and_water_marked_automatic(sections, make_csv, tmp_path):
    path = tmp_path / "auto.csv"
    path.write_bytes(make_csv([["断面编码", "时间", "溶解氧"], ["W01", "2020-01-05 04:00", "8"]]))
    out, _ = run("import", str(path), "--kind", "water", "--automatic", "--no-progress")
    assert "已导入水质数据" in out
    assert WaterSample.objects.get().automatic is True


def test_registry_spreadsheets_load_from_the_command_line(hz, make_xlsx, tmp_path):
    path = tmp_path / "stations.xlsx"
    rows = [["站点编码", "站点名称", "级别", "所在区县", "经度", "纬度", "启用日期"],
            ["1001A", "和睦小学", "国控", "西湖区", 120.1, 30.3, "2013-01-01"]]  # fmt: skip
    path.write_bytes(make_xlsx(rows))
    out, _ = run("import", str(path), "--no-progress")
    assert "已导入空气站点，1 行；新增 1" in out


def test_a_missing_file_is_a_clear_error(hz, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("import", str(tmp_path / "nothing.csv"))
