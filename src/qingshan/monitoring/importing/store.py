"""Bulk reads and writes, one path per database.

PostgreSQL: `COPY … FROM STDIN` (psycopg 3's `cursor.copy`) fed with CSV that Polars writes,
updates through a temporary table and one `UPDATE … FROM`, and reads as `COPY (SELECT …) TO
STDOUT` parsed by Polars.  SQLite: `executemany` of prepared statements in chunks.  Both run on
Django's connection, inside the caller's transaction, and report progress per chunk.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import polars as pl
from django.db import connection

from .progress import Progress

CHUNK = 50_000


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def epoch_sql(column: str) -> str:
    """SQL for a datetime column as whole seconds since the epoch ('%%' survives Django's
    parameter substitution as '%')."""
    if is_postgres():
        return f"EXTRACT(EPOCH FROM {column})::bigint"
    return f"CAST(strftime('%%s', {column}) AS INTEGER)"


def time_text(epoch: pl.Expr) -> pl.Expr:
    """A datetime as each backend stores it: Django keeps UTC text on SQLite."""
    utc = pl.from_epoch(epoch, time_unit="s")
    return utc.dt.strftime("%Y-%m-%d %H:%M:%S+00" if is_postgres() else "%Y-%m-%d %H:%M:%S")


def placeholders(n: int) -> str:
    return ", ".join(["%s"] * n)


def fetch(sql: str, params: Sequence[Any], schema: dict[str, Any]) -> pl.DataFrame:
    with connection.cursor() as cursor:
        if is_postgres():
            buffer = io.BytesIO()
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy:
                for block in copy:
                    buffer.write(block)
            if not buffer.tell():
                return pl.DataFrame(schema=schema)
            return pl.read_csv(buffer.getvalue(), has_header=False, new_columns=list(schema),
                               schema=schema)  # fmt: skip
        cursor.execute(sql, params)
        return pl.DataFrame(cursor.fetchall(), schema=schema, orient="row")


def _copy_in(table: str, columns: Sequence[str], frame: pl.DataFrame, progress: Progress) -> None:
    names = ", ".join(columns)
    statement = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv)"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for chunk in frame.select(columns).iter_slices(CHUNK):
            copy.write(chunk.write_csv(include_header=False))
            progress.advance(chunk.height)


def insert(table: str, columns: Sequence[str], frame: pl.DataFrame, progress: Progress) -> None:
    if frame.height == 0:
        return
    if is_postgres():
        _copy_in(table, columns, frame, progress)
        return
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(len(columns))})"
    with connection.cursor() as cursor:
        for chunk in frame.select(columns).iter_slices(CHUNK):
            cursor.executemany(sql, chunk.rows())
            progress.advance(chunk.height)


def update(table: str, columns: Sequence[str], frame: pl.DataFrame, progress: Progress) -> None:
    """Set `columns` of the rows whose `id` is in the frame."""
    if frame.height == 0:
        return
    if is_postgres():
        temp = f"qs_update_{table}"
        names = ", ".join(columns)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {temp}")
            cursor.execute(
                f"CREATE TEMP TABLE {temp} AS SELECT id, {names} FROM {table} WITH NO DATA"
            )
        _copy_in(temp, ["id", *columns], frame, progress)
        sets = ", ".join(f"{c} = u.{c}" for c in columns)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} AS t SET {sets} FROM {temp} AS u WHERE t.id = u.id")
            cursor.execute(f"DROP TABLE {temp}")
        return
    sets = ", ".join(f"{c} = %s" for c in columns)
    sql = f"UPDATE {table} SET {sets} WHERE id = %s"
    with connection.cursor() as cursor:
        for chunk in frame.select([*columns, "id"]).iter_slices(CHUNK):
            cursor.executemany(sql, chunk.rows())
            progress.advance(chunk.height)
