"""Recomputing a year of statistics for many stations and sections.

    .venv/bin/python bench/bench_monitoring_stats.py [--stations 20,50,100,200] [--sections 300]

Fills a throw-away database (SQLite, or DATABASE_URL) with one year (2020) of simulated hourly
data for N stations — the demo's stations repeated under new codes — and monthly samples for
the sections, then times `recompute_air` (stations, their districts and the city: daily AQI,
monthly and annual evaluations) and `recompute_water` (monthly and annual classes).  The
baseline, measured in the same run, is reading the same rows through the ORM without computing
anything: the floor any recomputation pays.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from common import setup_django

ROOT = Path(__file__).resolve().parents[1]
YEAR = 2020


def fill(n_stations: int, n_sections: int) -> tuple[list[str], list[str]]:

    from qingshan.monitoring.demo.air import air_frame
    from qingshan.monitoring.demo.bulk_insert import insert_air, insert_water
    from qingshan.monitoring.demo.registry import create_sections, create_stations
    from qingshan.monitoring.demo.water import water_values
    from qingshan.monitoring.models import ImportBatch
    from qingshan.monitoring.stations_hangzhou import SECTIONS, STATIONS

    stations = [
        dataclasses.replace(
            STATIONS[i % len(STATIONS)], code=f"B{i:04d}", start=dt.date(2019, 1, 1)
        )
        for i in range(n_stations)
    ]
    sections = [
        dataclasses.replace(SECTIONS[i % len(SECTIONS)], code=f"W{i:04d}")
        for i in range(n_sections)
    ]
    batch = ImportBatch.objects.create(kind="air", source="demo", by_label="bench")
    station_ids = create_stations(stations)
    frame = air_frame(stations, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
    insert_air(frame, station_ids, batch.pk)
    section_ids = create_sections(sections)
    insert_water(
        water_values(sections, dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)), section_ids, batch.pk
    )
    return list(station_ids), list(section_ids)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", default="20,50,100,200")
    parser.add_argument("--sections", type=int, default=300)
    args = parser.parse_args()
    sizes = [int(n) for n in args.stations.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.core.management import call_command
        from django.db import connection

        from qingshan.monitoring import statistics
        from qingshan.monitoring.models import AirHour, AirStation, WaterSample, WaterSection
        from qingshan.plans.loader import load_plan
        from qingshan.plans.planfile import read_plan_file

        call_command("migrate", "--no-input", verbosity=0)
        load_plan(read_plan_file(ROOT / "src/qingshan/plans_data/hangzhou-2019.yaml"))
        print(f"database: {connection.vendor}; year {YEAR}; sections: {args.sections}")
        for n in sizes:
            AirHour.objects.all().delete()
            WaterSample.objects.all().delete()
            AirStation.objects.all().delete()
            WaterSection.objects.all().delete()
            stations, sections = fill(n, args.sections if n == sizes[-1] else 0)

            t0 = time.perf_counter()
            rows = list(AirHour.objects.values_list("station_id", "time", "pm25", "flags"))
            baseline = time.perf_counter() - t0
            t0 = time.perf_counter()
            statistics.recompute_air(stations, [YEAR])
            air = time.perf_counter() - t0
            line = (
                f"{n:>4} stations ({len(rows):,} station-hours): recompute_air {air:.1f} s; "
                f"reading the rows alone {baseline:.2f} s; ratio {air / baseline:.1f}x"
            )
            if sections:
                t0 = time.perf_counter()
                statistics.recompute_water(sections, [YEAR])
                water = time.perf_counter() - t0
                line += (
                    f"; recompute_water for {len(sections)} sections {water:.1f} s; "
                    f"air + water {air + water:.1f} s"
                )
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
