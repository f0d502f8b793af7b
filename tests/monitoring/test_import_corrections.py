"""Round trip, idempotent re-import, corrections kept as revisions, all or nothing, and the
statistics hook after commit."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from qingshan.audit.models import AuditEvent
from qingshan.monitoring import tasks
from qingshan.monitoring.importing import ImportRefused, import_file
from qingshan.monitoring.models import AirDay, AirHour, ImportBatch, Revision

SH = ZoneInfo("Asia/Shanghai")
HEADER = ["站点编码", "站点名称", "时间", "SO2", "SO2标识", "NO2", "CO", "O3", "PM10", "PM2.5"]
START = dt.datetime(2020, 1, 1, 1)
IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"


def load(make_csv, rows, name="air.csv"):
    return import_file(name, make_csv([HEADER, *rows]), source="cli", label="tests")


def counts(batch: ImportBatch) -> tuple[int, int, int, int]:
    return batch.rows, batch.created, batch.updated, batch.unchanged


def test_round_trip_keeps_every_value_and_time(stations, make_csv, air_rows):
    rows = air_rows("1001A", START, 48, **{"PM2.5": 35.5, "CO": 1.25})
    load(make_csv, rows)
    stored = list(AirHour.objects.filter(station__code="1001A").order_by("time"))
    assert len(stored) == 48
    assert stored[0].time == dt.datetime(2020, 1, 1, 1, tzinfo=SH)
    assert stored[-1].time == dt.datetime(2020, 1, 3, 0, tzinfo=SH)
    back = [[h.so2, h.no2, h.co, h.o3, h.pm10, h.pm25] for h in stored]
    assert back == [[r[3], r[5], r[6], r[7], r[8], r[9]] for r in rows]


def test_reimporting_the_same_file_changes_nothing(stations, make_csv, air_rows):
    rows = air_rows("1001A", START, 24) + air_rows("1002A", START, 24)
    first = load(make_csv, rows).batch
    before = list(AirHour.objects.order_by("id").values())
    again = load(make_csv, rows).batch
    assert counts(first) == (48, 48, 0, 0)
    assert counts(again) == (48, 0, 0, 48)
    assert list(AirHour.objects.order_by("id").values()) == before  # not even the batch moved
    assert Revision.objects.count() == 0


def test_a_correction_replaces_the_value_and_keeps_the_old_one(stations, make_csv, air_rows):
    rows = air_rows("1001A", START, 3)
    load(make_csv, rows)
    rows[1][9] = 41  # PM2.5 of the hour ending 02:00 corrected from 36
    rows[2][4] = "H"  # and the SO2 of 03:00 flagged by the network
    batch = load(make_csv, rows, name="corrected.csv").batch
    assert counts(batch) == (3, 0, 2, 1)
    assert AirHour.objects.get(time=dt.datetime(2020, 1, 1, 2, tzinfo=SH)).pm25 == 41
    revisions = {r.key: r for r in Revision.objects.filter(batch=batch)}
    assert set(revisions) == {
        "1001A|2020-01-01T02:00+08:00|PM2.5",
        "1001A|2020-01-01T03:00+08:00|SO2",
    }
    pm25 = revisions["1001A|2020-01-01T02:00+08:00|PM2.5"]
    assert (pm25.kind, pm25.old_value, pm25.new_value, pm25.old_flag, pm25.new_flag) == (
        "air", 36, 41, "", "",
    )  # fmt: skip
    so2 = revisions["1001A|2020-01-01T03:00+08:00|SO2"]
    assert (so2.old_value, so2.new_value, so2.old_flag, so2.new_flag) == (5, 5, "", "H")
    corrected = AirHour.objects.get(time=dt.datetime(2020, 1, 1, 2, tzinfo=SH))
    assert corrected.batch == batch


def test_a_value_corrected_to_missing_is_kept_as_a_revision(stations, make_csv, air_rows):
    rows = air_rows("1001A", START, 1)
    load(make_csv, rows)
    rows[0][9] = "—"
    load(make_csv, rows)
    assert AirHour.objects.get().pm25 is None
    assert Revision.objects.get().old_value == 36


def test_a_file_with_fewer_pollutants_leaves_the_others_alone(stations, make_csv, air_rows):
    load(make_csv, air_rows("1001A", START, 2))
    only_pm = [["站点编码", "时间", "PM2.5"], ["1001A", "2020-01-01 01:00", "50"],
               ["1001A", "2020-01-01 02:00", "36"]]  # fmt: skip
    batch = import_file("pm.csv", make_csv(only_pm), source="cli").batch
    assert counts(batch) == (2, 0, 1, 1)
    first = AirHour.objects.get(time=dt.datetime(2020, 1, 1, 1, tzinfo=SH))
    assert (first.pm25, first.so2, first.co, first.o3) == (50, 5, 0.5, 50)


def test_a_bad_row_among_a_thousand_good_ones_stores_nothing(stations, make_csv, air_rows):
    rows = air_rows("1001A", START, 500) + air_rows("1002A", START, 500)
    rows.insert(700, ["1002A", "", "2021-03-01 01:00", "5", "", "10", "0.5", "50", "40", "abc"])
    events = AuditEvent.objects.count()
    with pytest.raises(ImportRefused) as caught:
        load(make_csv, rows)
    assert [(p.row, p.rule) for p in caught.value.problems] == [(702, "数值格式")]
    assert AirHour.objects.count() == 0
    assert ImportBatch.objects.count() == 0 and Revision.objects.count() == 0
    assert AuditEvent.objects.count() == events
    assert counts(load(make_csv, rows[:700] + rows[701:]).batch) == (1000, 1000, 0, 0)


def test_a_failure_while_writing_rolls_everything_back(stations, make_csv, air_rows, monkeypatch):
    from qingshan.monitoring.importing import store

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    load(make_csv, air_rows("1001A", START, 2))
    monkeypatch.setattr(store, "update", broken)
    rows = air_rows("1001A", START, 2, **{"PM2.5": 99}) + air_rows("1002A", START, 2)
    with pytest.raises(RuntimeError):
        load(make_csv, rows)
    assert AirHour.objects.count() == 2 and ImportBatch.objects.count() == 1
    assert set(AirHour.objects.values_list("pm25", flat=True)) == {36}


def test_an_import_writes_an_audit_event_with_its_counts(stations, make_csv, air_rows):
    batch = load(make_csv, air_rows("1001A", START, 3)).batch
    event = AuditEvent.objects.get(action="monitoring.import", object_id=str(batch.pk))
    assert event.after["created"] == 3 and event.actor_label == "tests"


def test_statistics_are_scheduled_after_commit_for_what_changed(
    stations, make_csv, air_rows, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(tasks, "schedule_recompute", lambda *args: calls.append(args))
    rows = air_rows("1001A", dt.datetime(2020, 1, 1, 23), 2)  # 23:00 and 24:00 of 1 January
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        load(make_csv, rows)
    assert calls == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert calls == [("air", ["1001A"], {dt.date(2020, 1, 1)})]
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        load(make_csv, rows)  # unchanged: nothing to recompute
    assert calls == []


@override_settings(TASKS={"default": {"BACKEND": IMMEDIATE}})
def test_statistics_really_run_after_an_import(
    stations, make_csv, air_rows, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        load(make_csv, air_rows("1001A", dt.datetime(2020, 1, 1, 1), 24))
    day = AirDay.objects.filter(scope="station", code="1001A", date=dt.date(2020, 1, 1)).first()
    assert day is not None and day.aqi is not None
