"""Timestamps, parsed a whole column at a time, to seconds since the epoch (UTC).

A time without a zone is China Standard Time (Asia/Shanghai, as every Chinese network writes
it); an explicit offset ("+08:00", "+0800", "Z") is honoured.  "24:00" is the end of the day:
the networks label the hour 23:00–24:00 as "2020-01-01 24:00", read as 2020-01-02 00:00.
Accepted: "2020-01-01 01:00[:00]", "2020/1/1 1:00", ISO 8601 with "T" and an offset,
"2020年1月1日 1时", the compact "2020010101" (HJ 212 style, 8 to 14 digits) and Excel date
cells.  A date alone ("2020-01-01") is 00:00 that day; the caller decides if it may be.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from zoneinfo import ZoneInfo

import polars as pl

SHANGHAI = ZoneInfo("Asia/Shanghai")
FAST_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
    "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
)  # fmt: skip
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d")
DATETIME = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[t ]*(\d{1,2})(?:[:时点](?:(\d{1,2})(?:[:分](?:(\d{1,2})(?:\.(\d{1,6}))?秒?)?)?)?)?)?"
    r"(z|[+-]\d{2}(?::?\d{2})?)?$"
)
COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:(\d{2})(?:(\d{2})(\d{2})?)?)?$")
DATE_PREFIX = re.compile(r"^(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)")

Parsed = tuple[int | None, bool, str]  # epoch seconds, date only, problem ("" if none)


def _offset(text: str) -> dt.tzinfo:
    if text == "z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + (int(digits[2:]) if len(digits) > 2 else 0)
    return dt.timezone(sign * dt.timedelta(minutes=minutes))


def parse_time(raw: str) -> Parsed:
    """One timestamp that is not in a common format."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", raw)).strip().lower()
    match = DATETIME.match(text) or COMPACT.match(text.replace(" ", ""))
    if match is None:
        return None, False, f"“{raw}”不是可识别的时间（如 2020-01-01 01:00）"
    parts = match.groups()
    year, month, day = (int(p) for p in parts[:3])
    hour, minute, second = (int(p) if p else 0 for p in parts[3:6])
    fraction = parts[6] if match.re is DATETIME else None
    zone = _offset(parts[7]) if match.re is DATETIME and parts[7] else SHANGHAI
    if fraction and int(fraction):
        return None, False, f"“{raw}”：时间只能精确到秒"
    next_day = hour == 24 and minute == 0 and second == 0
    try:
        when = dt.datetime(year, month, day, 0 if next_day else hour, minute, second, tzinfo=zone)
    except ValueError:
        return None, False, f"“{raw}”不是有效的日期时间"
    if next_day:
        when += dt.timedelta(days=1)
    return int(when.timestamp()), parts[3] is None, ""


def parse_times(cells: pl.Series) -> pl.DataFrame:
    """epoch (Int64, UTC seconds), date_only (Boolean) and problem (String) for each cell."""
    naive = pl.Series([None] * cells.len(), dtype=pl.Datetime("us"))
    date_only = pl.Series([False] * cells.len(), dtype=pl.Boolean)
    for fmt in FAST_FORMATS + DATE_FORMATS:
        if naive.null_count() == cells.null_count():
            break
        parsed = cells.str.strptime(pl.Datetime("us"), fmt, strict=False)
        if fmt in DATE_FORMATS:
            date_only = date_only | (naive.is_null() & parsed.is_not_null())
        naive = naive.fill_null(parsed)
    local = naive.dt.replace_time_zone("Asia/Shanghai", ambiguous="earliest", non_existent="null")
    epoch = local.dt.epoch("s")
    odd = cells.filter(cells.is_not_null() & epoch.is_null()).unique()
    problem = pl.Series([None] * cells.len(), dtype=pl.String)
    if odd.len():
        parsed_odd = [parse_time(text) for text in odd.to_list()]
        epochs = pl.Series([p[0] for p in parsed_odd], dtype=pl.Int64)
        dates = pl.Series([p[1] for p in parsed_odd], dtype=pl.Boolean)
        problems = pl.Series([p[2] or None for p in parsed_odd], dtype=pl.String)
        epoch = epoch.fill_null(cells.replace_strict(odd, epochs, default=None).cast(pl.Int64))
        more = cells.replace_strict(odd, dates, default=None).cast(pl.Boolean)
        date_only = date_only | more.fill_null(False)
        problem = cells.replace_strict(odd, problems, default=None).cast(pl.String)
    return pl.DataFrame({"epoch": epoch, "date_only": date_only, "problem": problem})


def join_date_clock(dates: pl.Series, clocks: pl.Series) -> pl.Series:
    """A date column and a time-of-day column as one: an hour number H is H:00 (the end of
    the hour, as the networks count hours 1–24).  A "time" that already holds a date (exports
    with both 日期 and a full 时间) is used alone."""
    day = dates.str.extract(DATE_PREFIX.pattern, 1).fill_null(dates)
    bare = clocks.str.strip_chars()
    clock = pl.when(bare.str.contains(r"^\d{1,2}$")).then(bare + ":00").otherwise(bare)
    return pl.select(
        pl.when(pl.lit(clocks).is_null())
        .then(pl.lit(day))
        .when(pl.lit(bare).str.contains(DATE_PREFIX.pattern))
        .then(pl.lit(bare))
        .otherwise(pl.lit(day) + " " + clock)
    ).to_series()
