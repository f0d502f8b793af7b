"""Monitoring import benchmark: one year of hourly air data for 20 … 200 stations.

    .venv/bin/python bench/bench_monitoring_import.py [--stations 20,50,100,200] [--repeat 1]
    DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/test .venv/bin/python bench/...

Runs against a throw-away database: a temporary SQLite file, or, when DATABASE_URL names a
PostgreSQL server, a database created for the run on that server and dropped afterwards.  The
input is the wide CSV the networks export (站点编码, 时间, SO2, SO2标识, NO2, CO, O3, PM10, PM2.5;
synthetic values, ~2 % of hours missing as "—", ~1 % flagged "H"), 8,784 hours (2024) per
station.  For each number of stations, into an empty table:
  * ours: `import_file` of the CSV bytes — type checks, Polars read, every check of the
    validation, comparison with the stored rows, COPY (PostgreSQL) or executemany (SQLite),
    batch, audit event;
  * baseline: Django's `bulk_create` of the same station-hours, already parsed (so the baseline
    does none of the reading and checking);
  * re-import: the same file again, every row compared and found unchanged.
Each size runs ours then the baseline (alternating over repetitions); the table is emptied in
between.  Goals from the issue: 200 stations (1.75 M station-hours, 10.5 M values) in < 60 s
on SQLite and < 30 s on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from urllib.parse import urlparse, urlunparse

from common import setup_django

HOURS_2024 = 366 * 24


def throwaway_postgres(url: str) -> tuple[str, str]:
    """Create a database for this run next to the one DATABASE_URL names; return its URL."""
    import psycopg

    name = f"qs_bench_monitoring_{os.getpid()}"
    parts = urlparse(url)
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunparse(parts._replace(path=f"/{name}")), admin


def drop_postgres(admin: str, url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    name = urlparse(url).path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def make_stations(n: int) -> list[str]:
    import datetime as dt

    from qingshan.monitoring.models import AirStation

    AirStation.objects.all().delete()
    codes = [f"{1001 + i}A" for i in range(n)]
    AirStation.objects.bulk_create(
        AirStation(code=c, name=f"站点{c}", level="national", latitude=30.2, longitude=120.1,
                   active_from=dt.date(2013, 1, 1))
        for c in codes
    )  # fmt: skip
    return codes


def year_frame(codes: list[str]):
    """Wide hourly data: station, local end-of-hour time, six pollutants with a flag for SO2."""
    import datetime as dt

    import polars as pl

    start = dt.datetime(2024, 1, 1, 1)
    times = pl.datetime_range(start, start + dt.timedelta(hours=HOURS_2024 - 1), "1h", eager=True)
    frame = pl.DataFrame({"站点编码": codes}).join(pl.DataFrame({"t": times}), how="cross")
    h = pl.int_range(pl.len(), dtype=pl.UInt64).hash(7)
    noise = (h % 1000).cast(pl.Float64) / 1000
    cycle = (pl.col("t").dt.hour().cast(pl.Float64) * 0.26).sin()
    missing = h % 50 == 0
    columns = {"SO2": 8 + 6 * noise, "NO2": 35 + 30 * noise + 10 * cycle, "CO": 0.6 + 0.5 * noise,
               "O3": 60 + 50 * noise - 20 * cycle, "PM10": 55 + 40 * noise, "PM2.5": 30 + 30 * noise}  # fmt: skip
    return frame.with_columns(
        pl.col("t").dt.strftime("%Y-%m-%d %H:%M").alias("时间"),
        *[pl.when(missing).then(None).otherwise(e.round(1 if k != "CO" else 2)).alias(k)
          for k, e in columns.items()],
        pl.when(h % 100 == 1).then(pl.lit("H")).otherwise(pl.lit("")).alias("SO2标识"),
    ).select("站点编码", "时间", "SO2", "SO2标识", "NO2", "CO", "O3", "PM10", "PM2.5")  # fmt: skip


def empty_table() -> None:
    from django.db import connection

    from qingshan.monitoring.models import AirHour, ImportBatch

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AirHour._meta.db_table}")
    ImportBatch.objects.all().delete()


def time_ours(data: bytes) -> tuple[float, int]:
    from qingshan.monitoring.importing import import_file

    start = time.perf_counter()
    result = import_file("bench.csv", data, source="cli", label="bench")
    return time.perf_counter() - start, result.batch.created + result.batch.unchanged


def time_bulk_create(frame) -> float:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from qingshan.monitoring.models import AirHour, AirStation

    sh = ZoneInfo("Asia/Shanghai")
    ids = dict(AirStation.objects.values_list("code", "id"))
    start = time.perf_counter()
    objects = [
        AirHour(station_id=ids[code], time=dt.datetime.strptime(t, "%Y-%m-%d %H:%M").replace(tzinfo=sh),
                so2=so2, no2=no2, co=co, o3=o3, pm10=pm10, pm25=pm25, flags={"SO2": f} if f else {})
        for code, t, so2, f, no2, co, o3, pm10, pm25 in frame.iter_rows()
    ]  # fmt: skip
    AirHour.objects.bulk_create(objects, batch_size=5000)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", default="20,50,100,200")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    admin = None
    if url.startswith("postgres"):
        os.environ["DATABASE_URL"], admin = throwaway_postgres(url)
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, tasks_backend="database")  # enqueue the recompute, do not run it
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", "--no-input", verbosity=0)
        print(f"database: {connection.vendor}")
        print("stations  station-hours   values   ours (s)  bulk_create (s)  ratio  re-import (s)")
        try:
            for n in [int(s) for s in args.stations.split(",")]:
                codes = make_stations(n)
                frame = year_frame(codes)
                data = frame.write_csv(null_value="—").encode()
                ours, base, again = [], [], []
                for _ in range(args.repeat):
                    empty_table()
                    elapsed, rows = time_ours(data)
                    assert rows == frame.height, (rows, frame.height)
                    ours.append(elapsed)
                    again.append(time_ours(data)[0])
                    if not args.no_baseline:
                        empty_table()
                        base.append(time_bulk_create(frame))
                o = statistics.median(ours)
                b = statistics.median(base) if base else float("nan")
                print(f"{n:8d}  {frame.height:13,d}  {frame.height * 6:8,d}  {o:8.2f}  "
                      f"{b:15.2f}  {o / b:5.2f}x  {statistics.median(again):13.2f}", flush=True)  # fmt: skip
                empty_table()
        finally:
            if admin is not None:
                drop_postgres(admin, os.environ["DATABASE_URL"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
