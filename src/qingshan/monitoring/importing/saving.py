"""Comparing a checked file with what is stored, then writing the difference in one transaction.

A row equal to the stored one is left alone (re-importing a file changes nothing but the
batch's `unchanged` count).  A row that differs replaces the stored values, and each value or
flag it changes leaves a `Revision` with the old and new value.  Only the pollutants a file has
are compared and written: a file with PM2.5 alone does not touch the other five columns.
The stations or sections of the file are locked first (`select_for_update`), so two imports
of the same station cannot both decide that an hour is new.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import transaction

from qingshan.audit.services import record_event
from qingshan.monitoring import tasks
from qingshan.monitoring.models import (
    AIR_FIELDS,
    AirHour,
    AirStation,
    ImportBatch,
    Revision,
    WaterSample,
    WaterSection,
)

from . import store
from .air import AirData
from .layout import KIND_LABELS
from .progress import Progress
from .water import WaterData

FIELDS = list(AIR_FIELDS.values())
REVISION_COLUMNS = ["kind", "key", "old_value", "old_flag", "new_value", "new_flag", "batch_id"]


@dataclass
class Origin:
    """Who imports what: the batch's provenance."""

    source: str
    file_name: str
    sha256: str
    rows: int
    user: Any = None
    label: str = ""


def _local_text(epoch: pl.Expr) -> pl.Expr:
    local = pl.from_epoch(epoch, time_unit="s").dt.replace_time_zone("UTC")
    return local.dt.convert_time_zone("Asia/Shanghai").dt.strftime("%Y-%m-%dT%H:%M%:z")


def _local_days(epochs: pl.Series) -> set:
    local = pl.from_epoch(epochs, time_unit="s").dt.replace_time_zone("UTC")
    return set(local.dt.convert_time_zone("Asia/Shanghai").dt.date().unique().to_list())


def record_batch(
    kind: str, origin: Origin, created: int, updated: int, unchanged: int
) -> ImportBatch:
    batch = ImportBatch.objects.create(
        kind=kind, source=origin.source, file_name=origin.file_name[:200], sha256=origin.sha256,
        rows=origin.rows, created=created, updated=updated, unchanged=unchanged,
        by=origin.user if getattr(origin.user, "is_authenticated", False) else None,
        by_label=origin.label[:100],
    )  # fmt: skip
    record_event(
        "monitoring.import", "import_batch", batch.pk, actor=origin.user, actor_label=origin.label,
        summary=f"导入{KIND_LABELS[kind]} {origin.file_name}：新增 {created}，更正 {updated}，"
        f"未变 {unchanged}",
        after={"kind": kind, "file": origin.file_name, "sha256": origin.sha256,
               "created": created, "updated": updated, "unchanged": unchanged},
    )  # fmt: skip
    return batch


def _flags_json(prefix: str) -> pl.Expr:
    pieces = [
        pl.when(pl.col(f"{prefix}{f}") != "").then(pl.format('"{}":"{}"', pl.lit(p), pl.col(f"{prefix}{f}")))
        for p, f in AIR_FIELDS.items()
    ]  # fmt: skip
    inner = pl.concat_str(pieces, separator=",", ignore_nulls=True).fill_null("")
    return pl.concat_str([pl.lit("{"), inner, pl.lit("}")])


def _span(frame: pl.DataFrame) -> tuple[list[int], tuple[str, str]]:
    """The stations or sections of a file and its first and last time, as the database
    stores times: what to read back to compare with."""
    ids = frame.get_column("site_id").unique().sort().to_list()
    low, high = frame.select(
        pl.col("epoch").min().alias("a"), pl.col("epoch").max().alias("b")
    ).row(0)
    bounds = pl.select(store.time_text(pl.lit(low)).alias("a"),
                       store.time_text(pl.lit(high)).alias("b")).row(0)  # fmt: skip
    return ids, bounds


def _existing_air(data: AirData) -> pl.DataFrame:
    ids, bounds = _span(data.frame)
    table = AirHour._meta.db_table
    epoch = store.epoch_sql("time")
    flags = "flags::text" if store.is_postgres() else "flags"
    sql = (
        f"SELECT id, station_id, {epoch}, {', '.join(FIELDS)}, {flags} FROM {table} "
        f"WHERE station_id IN ({store.placeholders(len(ids))}) AND time >= %s AND time <= %s"
    )
    schema: dict[str, Any] = {"id": pl.Int64, "site_id": pl.Int64, "epoch": pl.Int64}
    schema |= {f"o_{f}": pl.Float64 for f in FIELDS} | {"flags": pl.String}
    existing = store.fetch(sql, [*ids, *bounds], schema)
    struct = pl.Struct({p: pl.String for p in AIR_FIELDS})
    decoded = pl.col("flags").str.json_decode(struct)
    return existing.with_columns(
        decoded.struct.field(p).fill_null("").alias(f"of_{f}") for p, f in AIR_FIELDS.items()
    ).drop("flags")


def _provided(f: str) -> pl.Expr:
    """The file has this pollutant for this row (a null flag: the column or row is absent)."""
    return pl.col(f"f_{f}").is_not_null()


def _differs(f: str) -> pl.Expr:
    value_differs = pl.col(f"v_{f}").ne_missing(pl.col(f"o_{f}"))
    return _provided(f) & (value_differs | (pl.col(f"f_{f}") != pl.col(f"of_{f}")))


def _merged(f: str) -> list[pl.Expr]:
    """The row after the update: the file's value where it has one, else the stored one."""
    return [
        pl.when(_provided(f)).then(pl.col(f"v_{f}")).otherwise(pl.col(f"o_{f}")).alias(f"n_{f}"),
        pl.when(_provided(f)).then(pl.col(f"f_{f}")).otherwise(pl.col(f"of_{f}")).alias(f"nf_{f}"),
    ]


def _air_revisions(changed: pl.DataFrame, codes: dict[int, str], batch: int) -> pl.DataFrame:
    code = pl.col("site_id").replace_strict(codes, return_dtype=pl.String)
    return pl.concat(
        changed.filter(pl.col(f"ch_{f}")).select(
            kind=pl.lit("air"),
            key=pl.format("{}|{}|{}", code, _local_text(pl.col("epoch")), pl.lit(p)),
            old_value=pl.col(f"o_{f}"),
            old_flag=pl.col(f"of_{f}"),
            new_value=pl.col(f"n_{f}"),
            new_flag=pl.col(f"nf_{f}"),
            batch_id=pl.lit(batch),
        )  # fmt: skip
        for p, f in AIR_FIELDS.items()
    )


def save_air(data: AirData, origin: Origin, progress: Progress) -> ImportBatch:
    absent = [f for f in FIELDS if f"v_{f}" not in data.frame.columns]
    incoming = data.frame.with_columns(
        *[pl.lit(None, pl.Float64).alias(f"v_{f}") for f in absent],
        *[pl.lit(None, pl.String).alias(f"f_{f}") for f in absent],
    )
    table = AirHour._meta.db_table
    codes = {i: s.code for i, s in data.sites.items()}
    with transaction.atomic():
        list(AirStation.objects.select_for_update().filter(pk__in=data.sites).values_list("pk"))
        progress.stage("比对已有数据", incoming.height)
        joined = incoming.join(_existing_air(data), on=["site_id", "epoch"], how="left")
        new = joined.filter(pl.col("id").is_null())
        old = joined.filter(pl.col("id").is_not_null())
        old = old.with_columns(_differs(f).alias(f"ch_{f}") for f in FIELDS)
        changed = old.filter(pl.any_horizontal(pl.col(f"ch_{f}") for f in FIELDS))
        changed = changed.with_columns(e for f in FIELDS for e in _merged(f))
        progress.advance(incoming.height)
        batch = record_batch("air", origin, new.height, changed.height, old.height - changed.height)

        progress.stage("写入数据库", new.height + changed.height)
        rows = new.with_columns(pl.col(f"f_{f}").fill_null("") for f in FIELDS).with_columns(
            station_id=pl.col("site_id"), time=store.time_text(pl.col("epoch")),
            flags=_flags_json("f_"), batch_id=pl.lit(batch.pk),
        ).rename({f"v_{f}": f for f in FIELDS})  # fmt: skip
        store.insert(table, ["station_id", "time", *FIELDS, "flags", "batch_id"], rows, progress)
        updates = changed.select(
            "id", *[pl.col(f"n_{f}").alias(f) for f in FIELDS], _flags_json("nf_").alias("flags"),
            batch_id=pl.lit(batch.pk),
        )  # fmt: skip
        store.update(table, [*FIELDS, "flags", "batch_id"], updates, progress)
        revisions = _air_revisions(changed, codes, batch.pk)
        store.insert(Revision._meta.db_table, REVISION_COLUMNS, revisions, progress)
        touched = pl.concat([new.select("site_id", "epoch"), changed.select("site_id", "epoch")])
        _schedule("air", touched, codes, hour_end=True)
        # PostgreSQL checks the foreign keys of every new row at commit (Django declares them
        # DEFERRABLE INITIALLY DEFERRED): on a large file that is a stage of its own.
        progress.stage("提交")
    return batch


def _schedule(kind: str, touched: pl.DataFrame, codes: dict[int, str], *, hour_end: bool) -> None:
    """Statistics are recomputed for what changed, once the transaction has committed."""
    if touched.height == 0:
        return
    touched_codes = sorted({codes[i] for i in touched.get_column("site_id").unique().to_list()})
    # An hour is labelled by its end: 00:00 closes the previous day's last hour.
    days = _local_days(touched.get_column("epoch") - (3600 if hour_end else 0))
    transaction.on_commit(lambda: tasks.schedule_recompute(kind, touched_codes, days))


def _existing_water(data: WaterData) -> pl.DataFrame:
    ids, bounds = _span(data.frame)
    as_int = "{}::int" if store.is_postgres() else "CAST({} AS INTEGER)"
    sql = (
        f"SELECT id, section_id, {store.epoch_sql('time')}, item, value, "
        f"{as_int.format('below_detection')}, detection_limit, {as_int.format('automatic')} "
        f"FROM {WaterSample._meta.db_table} WHERE section_id IN ({store.placeholders(len(ids))}) "
        "AND time >= %s AND time <= %s"
    )
    schema = {"id": pl.Int64, "site_id": pl.Int64, "epoch": pl.Int64, "item": pl.String,
              "o_value": pl.Float64, "o_nd": pl.Int64, "o_limit": pl.Float64, "o_auto": pl.Int64}  # fmt: skip
    existing = store.fetch(sql, [*ids, *bounds], schema)
    return existing.with_columns(pl.col("o_nd").cast(pl.Boolean), pl.col("o_auto").cast(pl.Boolean))


def _nd_flag(nd: str, limit: str) -> pl.Expr:
    text = pl.format("ND<{}", pl.col(limit).cast(pl.String))
    return pl.when(pl.col(nd)).then(text.fill_null("ND").str.slice(0, 20)).otherwise(pl.lit(""))


def save_water(data: WaterData, origin: Origin, progress: Progress) -> ImportBatch:
    incoming = data.frame
    with transaction.atomic():
        ids = incoming.get_column("site_id").unique().to_list()
        list(WaterSection.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        progress.stage("比对已有数据", incoming.height)
        joined = incoming.join(_existing_water(data), on=["site_id", "epoch", "item"], how="left")
        new = joined.filter(pl.col("id").is_null())
        old = joined.filter(pl.col("id").is_not_null()).with_columns(
            value_changed=pl.col("value").ne_missing(pl.col("o_value"))
            | (pl.col("nd") != pl.col("o_nd")) | pl.col("limit").ne_missing(pl.col("o_limit")),
        )  # fmt: skip
        changed = old.filter(pl.col("value_changed") | (pl.col("automatic") != pl.col("o_auto")))
        progress.advance(incoming.height)
        batch = record_batch(
            "water", origin, new.height, changed.height, old.height - changed.height
        )
        progress.stage("写入数据库", new.height + changed.height)
        table = WaterSample._meta.db_table
        columns = ["value", "below_detection", "detection_limit", "automatic", "batch_id"]
        values = dict(below_detection=pl.col("nd"), detection_limit=pl.col("limit"),
                      batch_id=pl.lit(batch.pk))  # fmt: skip
        rows = new.with_columns(
            section_id=pl.col("site_id"), time=store.time_text(pl.col("epoch")), **values
        )
        store.insert(table, ["section_id", "time", "item", *columns], rows, progress)
        store.update(table, columns, changed.with_columns(**values), progress)
        codes = {i: s.code for i, s in data.sites.items()}
        revisions = changed.filter(pl.col("value_changed")).select(
            kind=pl.lit("water"),
            key=pl.format("{}|{}|{}", pl.col("site_id").replace_strict(codes, return_dtype=pl.String),
                          _local_text(pl.col("epoch")), pl.col("item")),
            old_value=pl.col("o_value"), old_flag=_nd_flag("o_nd", "o_limit"),
            new_value=pl.col("value"), new_flag=_nd_flag("nd", "limit"), batch_id=pl.lit(batch.pk),
        )  # fmt: skip
        store.insert(Revision._meta.db_table, REVISION_COLUMNS, revisions, progress)
        touched = pl.concat([new.select("site_id", "epoch"), changed.select("site_id", "epoch")])
        _schedule("water", touched, codes, hour_end=False)
        progress.stage("提交")
    return batch
