"""Background recomputation of statistics after data change (django-tasks).

Imports call `schedule_recompute` after their transaction commits; the database backend runs
the work in `qingshan db_worker`, so no page waits for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django_tasks import task

from . import statistics


@task()
def recompute_air_task(station_codes: list[str], years: list[int]) -> None:
    statistics.recompute_air(station_codes, years)


@task()
def recompute_water_task(section_codes: list[str], years: list[int]) -> None:
    statistics.recompute_water(section_codes, years)


def schedule_recompute(kind: str, codes: Iterable[str], dates: Iterable[dt.date]) -> None:
    codes = sorted(set(codes))
    years = sorted({d.year for d in dates})
    if not codes or not years:
        return
    if kind == "air":
        recompute_air_task.enqueue(codes, years)
    elif kind == "water":
        recompute_water_task.enqueue(codes, years)
    else:
        raise ValueError(f"unknown data kind {kind!r}")
