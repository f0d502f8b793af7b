"""Validation of long-format hourly frames (station, time, pollutant, value [, unit]).

Everything that would otherwise turn into a silently wrong number is refused here: naive
timestamps, timestamps off the hour, unknown pollutants, CO in the wrong unit, negative or NaN
concentrations (or, with ``on_invalid="missing"``, flagged and left out of every mean).
Duplicates are detected later, during the daily aggregation, where it costs almost nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import polars as pl

from qingshan.standards.errors import (
    FrameSchemaError,
    InvalidConcentrationError,
    StandardsValueError,
    TimezoneError,
    UnitError,
    UnknownPollutantError,
)

SHANGHAI = "Asia/Shanghai"
HOURLY_POLLUTANTS: tuple[str, ...] = ("SO2", "NO2", "CO", "O3", "PM10", "PM2.5")
POLLUTANT_DTYPE = pl.Enum(list(HOURLY_POLLUTANTS))

US_PER_HOUR = 3_600_000_000
# China has kept UTC+8 without daylight saving since 1991-09-15; from 1992 on the local hour
# is plain integer arithmetic on the epoch, about 3x faster than a tz database lookup per row.
_FIXED_OFFSET_FROM_US = int(dt.datetime(1992, 1, 1, tzinfo=dt.UTC).timestamp()) * 1_000_000

#: Above this, a CO "mg/m³" value is almost certainly µg/m³ (the top of HJ 633's CO 1 h scale
#: is 150 mg/m³; ambient hourly CO above 100 mg/m³ is not observed in practice).
CO_PLAUSIBLE_MAX_MG = 100.0

# Rows checked at a time, to bound the 64-bit temporaries of whole-column arithmetic.
_CHECK_SLICE = 1 << 23

_MICROGRAM_UNITS = frozenset({"µg/m³", "µg/m3", "μg/m³", "μg/m3", "ug/m³", "ug/m3"})
_MILLIGRAM_UNITS = frozenset({"mg/m³", "mg/m3"})

OnInvalid = Literal["raise", "missing"]
HourLabel = Literal["start", "end"]


@dataclass(frozen=True)
class HourlyData:
    """A checked hourly frame: station, pollutant (Enum), value (Float64) and either the
    caller's ``time`` or a ready ``hidx`` column.

    ``hidx`` (the expression) is the Asia/Shanghai local hour counted from 1970-01-01 00:00
    local time, labelled by the hour's start: ``hidx // 24`` is the local day and
    ``hidx % 24`` the hour of day. It is evaluated per pollutant, never on the whole frame, so
    that its 64-bit intermediates stay a sixth of the input's size.
    """

    frame: pl.DataFrame
    first_day: dt.date
    last_day: dt.date
    on_invalid: OnInvalid
    hour_label: HourLabel = "end"
    hidx: pl.Expr = pl.col("hidx")

    def rows(self, pollutant: str) -> pl.DataFrame:
        """station, value, hidx of one pollutant."""
        sub = self.frame.filter(pl.col("pollutant") == pollutant)
        return sub.select("station", "value", self.hidx.alias("hidx"))


def require_columns(frame: pl.DataFrame, columns: Sequence[str], what: str) -> None:
    if not isinstance(frame, pl.DataFrame):  # a LazyFrame or pandas frame would fail obscurely
        raise FrameSchemaError(f"{what} must be a polars DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise FrameSchemaError(
            f"{what} lacks column(s) {missing}; long format needs {list(columns)}"
        )


def usable_value(on_invalid: OnInvalid) -> pl.Expr:
    """The value as it may enter a mean: flagged values become null in "missing" mode."""
    value = pl.col("value")
    if on_invalid == "raise":
        return value
    return pl.when(value.is_finite() & (value >= 0)).then(value)


def flagged_value() -> pl.Expr:
    """True for a present value that the validity rules reject (negative, NaN, infinite)."""
    value = pl.col("value")
    return value.is_not_null() & ~(value.is_finite() & (value >= 0))


def _widen(frame: pl.DataFrame) -> pl.Expr:
    # Float32 is widened through 6 significant figures so that the decimal the user wrote (2.4)
    # is used rather than its binary neighbour (2.4000000954), which would push an exact IAQI
    # such as 60 up to 61 under ceil rounding.
    dtype = frame.schema["value"]
    if dtype == pl.Float64:
        return pl.col("value")
    if dtype == pl.Float32:
        return pl.col("value").cast(pl.Float64).round_sig_figs(6)
    if dtype.is_numeric():
        return pl.col("value").cast(pl.Float64)
    raise FrameSchemaError(f"column 'value' must be numeric, got {dtype}")


def check_pollutants(frame: pl.DataFrame, allowed: Sequence[str]) -> pl.Expr:
    """Expression casting ``pollutant`` to the package's Enum, after refusing unknown names."""
    column = frame.get_column("pollutant")
    if column.dtype == POLLUTANT_DTYPE:
        return pl.col("pollutant")
    if column.null_count():
        raise UnknownPollutantError("column 'pollutant' contains nulls")
    names = column.unique().cast(pl.String).to_list()
    unknown = sorted(set(names) - set(allowed))
    if unknown:
        raise UnknownPollutantError(
            f"unknown pollutant name(s) {unknown}; hourly frames take {list(allowed)} "
            "(O3_8h is derived from hourly O3, not supplied)"
        )
    return pl.col("pollutant").cast(POLLUTANT_DTYPE)


def _unit_expr(frame: pl.DataFrame) -> pl.Expr | None:
    if "unit" not in frame.columns:
        return None
    units = frame.get_column("unit").unique().to_list()
    known = _MICROGRAM_UNITS | _MILLIGRAM_UNITS
    bad = [u for u in units if u not in known]
    if bad:
        raise UnitError(
            f"unknown unit(s) {bad} in column 'unit'; use 'µg/m³' (or 'ug/m3') or 'mg/m³'"
        )
    is_co = pl.col("pollutant") == "CO"
    in_mg = pl.col("unit").is_in(list(_MILLIGRAM_UNITS))
    return (
        pl.when(is_co & ~in_mg)
        .then(pl.col("value") / 1000.0)
        .when(~is_co & in_mg)
        .then(pl.col("value") * 1000.0)
        .otherwise(pl.col("value"))
    )


def _first_row(frame: pl.DataFrame, mask: pl.Expr) -> tuple[dict, int]:
    hits = frame.filter(mask)
    return hits.row(0, named=True), hits.height


def _describe(row: dict) -> str:
    time: Any = row.get("time")
    when = time.isoformat() if hasattr(time, "isoformat") else str(time)
    return f"station {row.get('station')!r} at {when}"


def prepare_hourly(
    hourly: pl.DataFrame,
    *,
    hour_label: HourLabel = "end",
    on_invalid: OnInvalid = "raise",
) -> HourlyData:
    """Check an hourly long frame and derive the local hour index.

    ``hour_label="end"`` (default): a timestamp names the hour that ends at it, as HJ 663-2013
    Table A.1 defines the 1 h mean ("整点时刻前1小时"), so a day's hours are 01:00 … 24:00;
    ``"start"``: it names the hour that begins at it (00:00 = 00:00–01:00).
    """
    require_columns(hourly, ("station", "time", "pollutant", "value"), "hourly frame")
    if hour_label not in ("start", "end"):
        raise StandardsValueError(f"hour_label must be 'start' or 'end', got {hour_label!r}")
    if on_invalid not in ("raise", "missing"):
        raise StandardsValueError(f"on_invalid must be 'raise' or 'missing', got {on_invalid!r}")
    time_dtype = hourly.schema["time"]
    if not isinstance(time_dtype, pl.Datetime):
        raise TimezoneError(
            f"column 'time' must be a tz-aware Datetime ({SHANGHAI}), got {time_dtype}"
        )
    if time_dtype.time_zone is None:
        raise TimezoneError(
            "column 'time' has naive datetimes; hourly frames must carry tz-aware timestamps "
            f"(e.g. .dt.replace_time_zone('{SHANGHAI}')) so that days are local days"
        )
    if hourly.get_column("station").null_count() or hourly.get_column("time").null_count():
        raise FrameSchemaError("columns 'station' and 'time' must not contain nulls")
    if hourly.height == 0:
        raise FrameSchemaError("hourly frame is empty")

    unit_value = _unit_expr(hourly)
    work = hourly.with_columns(
        pollutant=check_pollutants(hourly, HOURLY_POLLUTANTS), value=_widen(hourly)
    )
    if unit_value is not None:
        work = work.with_columns(value=unit_value)

    # The physical value of a tz-aware Datetime is the UTC instant in its unit: reading it
    # directly avoids a per-row time-zone conversion on 10^8 rows.
    per_hour = {"ms": 3_600_000, "us": 3_600_000_000, "ns": 3_600_000_000_000}[time_dtype.time_unit]
    utc = pl.col("time").to_physical()
    value = pl.col("value")
    # One streaming pass (no whole-column temporaries) for the time range, the whole-hour test
    # in UTC and the value tests. A finite sum rules out NaN and ±inf, a minimum ≥ 0 negative
    # values: the row-by-row searches below run only to name a culprit (or, before 1992, for
    # the whole-hour test in local time).
    first, last, lowest, total, utc_off_hour, co_high = (
        work.lazy()
        .select(
            utc.min().alias("a"),
            utc.max().alias("b"),
            value.min().alias("c"),
            value.sum().alias("d"),
            _off_hour(utc, per_hour).any().alias("e"),
            ((pl.col("pollutant") == "CO") & (value > CO_PLAUSIBLE_MAX_MG)).any().alias("f"),
        )
        .collect(engine="streaming")
        .row(0)
    )
    fixed_offset = first >= _FIXED_OFFSET_FROM_US * per_hour // US_PER_HOUR
    if fixed_offset:
        local = utc + 8 * per_hour  # on the hour exactly when the UTC instant is
    else:
        local = pl.col("time").dt.convert_time_zone(SHANGHAI).dt.replace_time_zone(None)
        local = local.to_physical()
    off_hour = local % per_hour != 0
    # Slice by slice, to bound the 64-bit temporaries, and in order, to name the first culprit.
    for start in range(0, work.height if utc_off_hour or not fixed_offset else 0, _CHECK_SLICE):
        part = work.slice(start, _CHECK_SLICE)
        if part.select(off_hour.any()).item():
            row, count = _first_row(part, off_hour)
            raise TimezoneError(
                f"timestamp(s) not on the hour, e.g. {_describe(row)}; hourly values must be "
                "labelled by whole hours"
            )
    plain = (total is None or math.isfinite(total)) and (lowest is None or lowest >= 0)
    _refuse_bad_values(
        work,
        on_invalid,
        check_co_unit=unit_value is None and bool(co_high),
        check_values=not plain,
    )
    shift = 1 if hour_label == "end" else 0
    if fixed_offset:  # the same integers as (local // per_hour - shift), one operation fewer
        hidx = (utc // per_hour + (8 - shift)).cast(pl.Int32)
    else:
        hidx = (local // per_hour - shift).cast(pl.Int32)
    lo, hi = (
        pl.DataFrame({"time": [first, last]}, schema={"time": pl.Int64})
        .select(pl.col("time").cast(time_dtype))
        .select(hidx.min().alias("lo"), hidx.max().alias("hi"))
        .row(0)
    )
    frame = work.select("station", "pollutant", "value", "time")
    return HourlyData(frame, day_of(lo), day_of(hi), on_invalid, hour_label, hidx)


@functools.cache
def _wrapping_multiplication() -> bool:
    """Whether Int64 multiplication wraps around on overflow (it does in Polars' kernels)."""
    big = pl.lit(1 << 62, pl.Int64)
    try:
        return pl.select((big * 4).alias("x")).item() == 0
    except pl.exceptions.PolarsError:  # pragma: no cover - a Polars that checks overflow
        return False


def _off_hour(utc: pl.Expr, per_hour: int) -> pl.Expr:
    """True where a non-negative instant is not a whole number of hours.

    Without a division, which costs more than the rest of the checks together: with
    per_hour = 2**s * m (m odd), x is a multiple of per_hour when its s low bits are zero and
    x * m⁻¹ mod 2**64 (m⁻¹ the inverse of m modulo 2**64) is at most (2**64 - 1) // m, the
    classic divisibility test. Negative instants need the tz path's exact test.
    """
    if not _wrapping_multiplication():  # pragma: no cover
        return utc % per_hour != 0
    s = (per_hour & -per_hour).bit_length() - 1
    m = per_hour >> s
    inverse = pow(m, -1, 1 << 64)
    signed = inverse - (1 << 64) if inverse >= 1 << 63 else inverse
    return ((utc & ((1 << s) - 1)) != 0) | (
        (utc * signed).reinterpret(signed=False) > ((1 << 64) - 1) // m
    )


def _refuse_bad_values(
    frame: pl.DataFrame, on_invalid: OnInvalid, *, check_co_unit: bool, check_values: bool = True
) -> None:
    if on_invalid == "raise" and check_values:
        bad = flagged_value()
        if frame.select(bad.any()).item():
            row, count = _first_row(frame, bad)
            raise InvalidConcentrationError(
                f"{row['pollutant']} value {row['value']} at {_describe(row)} is not a valid "
                f"concentration (negative, NaN or infinite; {count} such value(s)); GB 3095 "
                "validity rules count such hours as missing: pass on_invalid='missing' to do so"
            )
    if check_co_unit:
        implausible = (pl.col("pollutant") == "CO") & (pl.col("value") > CO_PLAUSIBLE_MAX_MG)
        if frame.select(implausible.any()).item():
            row, count = _first_row(frame, implausible)
            raise UnitError(
                f"CO value {row['value']} at {_describe(row)} is above {CO_PLAUSIBLE_MAX_MG:g} "
                f"mg/m³ ({count} such value(s)): almost certainly µg/m³. HJ 633/GB 3095 give CO "
                "in mg/m³; convert, or add a 'unit' column saying which unit each row uses"
            )


_EPOCH_DAY = dt.date(1970, 1, 1)


def day_of(hidx: int) -> dt.date:
    return _EPOCH_DAY + dt.timedelta(days=hidx // 24)


def day_index(day: dt.date) -> int:
    return (day - _EPOCH_DAY).days


def label_of(hidx: int, hour_label: HourLabel) -> str:
    """The caller's own timestamp (local time) for an hour index."""
    start = dt.datetime(1970, 1, 1) + dt.timedelta(hours=hidx + (1 if hour_label == "end" else 0))
    return start.isoformat(timespec="minutes") + "+08:00"
