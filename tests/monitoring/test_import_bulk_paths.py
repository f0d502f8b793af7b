"""The bulk paths: COPY on PostgreSQL (inserts, updates through a temporary table, reads),
executemany on SQLite — the same results either way.  The suite runs on both databases."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from qingshan.monitoring.importing import import_file, store
from qingshan.monitoring.models import AirHour, Revision, WaterSample

SH = ZoneInfo("Asia/Shanghai")
HEADER = ["站点编码", "站点名称", "时间", "SO2", "SO2标识", "NO2", "CO", "O3", "PM10", "PM2.5"]


@pytest.fixture
def copies(monkeypatch):
    """The tables written through COPY."""
    seen: list[str] = []
    original = store._copy_in

    def spy(table, columns, frame, progress):
        seen.append(table)
        return original(table, columns, frame, progress)

    monkeypatch.setattr(store, "_copy_in", spy)
    return seen


def test_the_bulk_path_matches_the_database(stations, make_csv, air_rows, copies):
    rows = air_rows("1001A", dt.datetime(2020, 1, 1, 1), 300) + air_rows(
        "1002A", dt.datetime(2020, 1, 1, 1), 300
    )
    import_file("a.csv", make_csv([HEADER, *rows]), source="cli")
    rows[5][9] = "99.5"
    rows[5][4] = "H"
    batch = import_file("b.csv", make_csv([HEADER, *rows]), source="cli").batch
    assert (batch.created, batch.updated, batch.unchanged) == (0, 1, 599)
    if connection.vendor == "postgresql":
        assert copies == [
            "monitoring_airhour",
            "qs_update_monitoring_airhour",
            "monitoring_revision",
        ]
    else:
        assert copies == []
    hour = AirHour.objects.get(station__code="1001A", time=dt.datetime(2020, 1, 1, 6, tzinfo=SH))
    assert (hour.pm25, hour.flags, hour.batch) == (99.5, {"SO2": "H"}, batch)
    assert {r.key for r in Revision.objects.all()} == {
        "1001A|2020-01-01T06:00+08:00|PM2.5", "1001A|2020-01-01T06:00+08:00|SO2",
    }  # fmt: skip


def test_values_survive_the_bulk_path_exactly(stations, make_csv):
    values = ["0.1", "0.3333333333333333", "1e-7", "123456.789", "35", "0"]
    rows = [["站点编码", "时间", "PM2.5"]]
    rows += [["1001A", f"2020-01-01 {h + 1:02d}:00", v] for h, v in enumerate(values)]
    import_file("v.csv", make_csv(rows), source="cli")
    stored = list(AirHour.objects.order_by("time").values_list("pm25", flat=True))
    assert stored == [float(v) for v in values]
    again = import_file("v.csv", make_csv(rows), source="cli").batch
    assert again.unchanged == len(values)  # read back through COPY/SELECT, compared equal


def test_orm_reads_what_the_bulk_path_wrote(stations, sections, make_csv):
    import_file("w.csv", make_csv([["断面编码", "采样时间", "总磷", "溶解氧"],
                                   ["W01", "2020-01-05 10:00", "<0.01", "8.5"]]), source="cli")  # fmt: skip
    tp = WaterSample.objects.get(item="TP", time=dt.datetime(2020, 1, 5, 10, tzinfo=SH))
    assert (tp.value, tp.below_detection, tp.detection_limit, tp.automatic) == (
        None,
        True,
        0.01,
        False,
    )
    assert WaterSample.objects.filter(time__date=dt.date(2020, 1, 5)).count() == 2
