"""Loading the demo: stations, sections, their data and statistics, in one transaction."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from .. import statistics
from ..models import AirStation, ImportBatch, WaterSection
from ..stations_hangzhou import SECTIONS, STATIONS
from .air import air_frame
from .bulk_insert import insert_air, insert_water
from .defaults import BATCH_LABEL, FIRST_DAY, LAST_DAY, SEED
from .registry import create_sections, create_stations
from .water import water_values


@dataclass
class DemoResult:
    stations: int = 0
    sections: int = 0
    air_hours: int = 0
    water_values: int = 0
    already_present: bool = False
    seconds: float = 0.0
    years: list[int] = field(default_factory=list)


def demo_present() -> bool:
    return ImportBatch.objects.filter(source=ImportBatch.Source.DEMO).exists()


def load_demo(
    *,
    start: dt.date = FIRST_DAY,
    end: dt.date = LAST_DAY,
    stations: int | None = None,
    sections: int | None = None,
    seed: int = SEED,
    progress: Callable[[str], None] = lambda line: None,
) -> DemoResult:
    """Create the simulated stations, sections and data and compute their statistics.

    Idempotent: if demo data were loaded before, nothing is done (`already_present`).  All or
    nothing: one transaction.  `stations`/`sections` take the first N of the registry (the
    national stations come first), for quick runs."""
    began = time.perf_counter()
    result = DemoResult()
    if demo_present():
        result.already_present = True
        return result
    chosen_stations = STATIONS[:stations] if stations is not None else STATIONS
    chosen_sections = SECTIONS[:sections] if sections is not None else SECTIONS
    taken = set(
        AirStation.objects.filter(code__in=[s.code for s in chosen_stations]).values_list(
            "code", flat=True
        )
    ) | set(
        WaterSection.objects.filter(code__in=[s.code for s in chosen_sections]).values_list(
            "code", flat=True
        )
    )
    if taken:
        raise ValueError(
            f"codes already used by stations or sections not from the demo: {sorted(taken)}"
        )
    years = list(range(start.year, end.year + 1))
    result.years = years
    with transaction.atomic():
        air_batch = ImportBatch.objects.create(
            kind="air", source=ImportBatch.Source.DEMO, file_name=BATCH_LABEL, by_label="demo"
        )
        station_ids = create_stations(chosen_stations)
        result.stations = len(station_ids)
        for year in years:
            t0 = time.perf_counter()
            first = max(start, dt.date(year, 1, 1))
            last = min(end, dt.date(year, 12, 31))
            frame = air_frame(chosen_stations, first, last, seed=seed)
            count = insert_air(frame, station_ids, air_batch.pk)
            t1 = time.perf_counter()
            statistics.recompute_air(list(station_ids), [year])
            result.air_hours += count
            progress(
                f"{year}: {count:,} station-hours for {len(station_ids)} stations "
                f"(generated and inserted in {t1 - t0:.1f} s, statistics {time.perf_counter() - t1:.1f} s)"
            )
        air_batch.rows = air_batch.created = result.air_hours
        air_batch.save(update_fields=["rows", "created"])

        if chosen_sections:
            t0 = time.perf_counter()
            water_batch = ImportBatch.objects.create(
                kind="water", source=ImportBatch.Source.DEMO, file_name=BATCH_LABEL, by_label="demo"
            )
            section_ids = create_sections(chosen_sections)
            values = water_values(chosen_sections, start, end, seed=seed)
            count = insert_water(values, section_ids, water_batch.pk)
            water_batch.rows = water_batch.created = count
            water_batch.save(update_fields=["rows", "created"])
            statistics.recompute_water(list(section_ids), years)
            result.sections = len(section_ids)
            result.water_values = count
            progress(
                f"water: {count:,} values of {len(section_ids)} sections, monthly "
                f"{start:%Y-%m}…{end:%Y-%m}, classified in {time.perf_counter() - t0:.1f} s"
            )
    result.seconds = time.perf_counter() - began
    return result
