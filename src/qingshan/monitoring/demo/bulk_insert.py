"""Plain multi-row INSERTs for the demo's bulk data, and the air frame's rows made ready for
them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import polars as pl
from django.db import connection

from ..models import AIR_FIELDS, AirHour, WaterSample


def _batched(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def insert_rows(model: Any, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Plain multi-row INSERT through the connection: no model instances, no signals."""
    qn = connection.ops.quote_name
    meta = model._meta
    names = ", ".join(qn(meta.get_field(c).column) for c in columns)
    sql = f"INSERT INTO {qn(meta.db_table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    count = 0
    with connection.cursor() as cursor:
        for chunk in _batched(rows, 10_000):
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def air_rows(frame: pl.DataFrame, station_ids: dict[str, int], batch_id: int) -> Iterator[tuple]:
    adapt_time = connection.ops.adapt_datetimefield_value
    flags_field = AirHour._meta.get_field("flags")
    times: dict[dt.datetime, Any] = {}
    flag_values: dict[str, Any] = {}
    for station, at, *values, flags in frame.iter_rows():
        when = times.get(at)
        if when is None:
            when = times[at] = adapt_time(at)
        flag = flag_values.get(flags)
        if flag is None:
            flag = flag_values[flags] = flags_field.get_db_prep_save(json.loads(flags), connection)
        yield (station_ids[station], when, *values, flag, batch_id)


def insert_air(frame: pl.DataFrame, station_ids: dict[str, int], batch_id: int) -> int:
    """The air frame's station-hours (see `air.air_frame`); returns how many."""
    columns = ("station", "time", *AIR_FIELDS.values(), "flags", "batch")
    return insert_rows(AirHour, columns, air_rows(frame, station_ids, batch_id))


def insert_water(values: Iterable[Any], section_ids: dict[str, int], batch_id: int) -> int:
    """Monthly sample values (`water.WaterValue`); returns how many."""
    adapt_time = connection.ops.adapt_datetimefield_value
    columns = (
        "section",
        "time",
        "item",
        "value",
        "below_detection",
        "detection_limit",
        "automatic",
        "batch",
    )
    rows = (
        (
            section_ids[v.section],
            adapt_time(v.time),
            v.item,
            v.value,
            v.below_detection,
            v.detection_limit,
            False,
            batch_id,
        )
        for v in values
    )
    return insert_rows(WaterSample, columns, rows)
