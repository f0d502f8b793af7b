"""Air Quality Index per HJ 633-2012 (环境空气质量指数（AQI）技术规定（试行）).

Scalar API::

    aqi.iaqi("PM2.5", 36, averaging="24h")   # 52
    r = aqi.aqi({"PM2.5": 80, "PM10": 120, "O3_8h": 150}, averaging="24h")
    r.aqi, r.primary_pollutants, r.category, r.level, r.colour

Vectorised API: :func:`iaqi_expr` (a Polars expression) and :func:`daily_aqi_frame` (hourly
long frame -> one row per station and day).

Pollutant names: SO2, NO2, CO, O3, O3_8h, PM10, PM2.5. ``averaging`` is the report the value
belongs to: ``"24h"`` (日报) or ``"1h"`` (实时报). It picks the 1 h or 24 h scale of SO2, NO2
and CO. O3 always uses the 1 h scale (in a daily report: the day's maximum 1 h value), O3_8h
the 8 h scale, PM10/PM2.5 the 24 h scale (in the real-time report HJ 633 feeds them the 24 h
moving mean). Units: µg/m³, CO in mg/m³.

Choices where HJ 633-2012 leaves room (see docs/standards.md):

* rounding: the IAQI is rounded up to an integer (``rounding="ceil"``, the national
  practice); ``"half_up"`` and ``"none"`` are available.
* beyond the top breakpoint (e.g. PM2.5 > 500): ``beyond_top="cap"`` reports IAQI 500, the
  top of the scale (national "爆表" practice); ``"extend"`` extrapolates the last segment.
  A large valid value never raises.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from numbers import Real
from types import ModuleType
from typing import Any, Literal

import polars as pl

from qingshan.standards import _daily, _frames, editions
from qingshan.standards.errors import (
    InvalidConcentrationError,
    NotIndexedError,
    StandardsValueError,
    UnitError,
    UnknownPollutantError,
)

__all__ = [
    "POLLUTANTS",
    "AQIResult",
    "LevelInfo",
    "iaqi",
    "aqi",
    "level_info",
    "iaqi_expr",
    "daily_aqi_frame",
]

POLLUTANTS: tuple[str, ...] = ("SO2", "NO2", "CO", "O3", "O3_8h", "PM10", "PM2.5")
Averaging = Literal["1h", "24h"]
Rounding = Literal["ceil", "none", "half_up"]
BeyondTop = Literal["cap", "extend"]

# Float noise guard: IAQI arithmetic on decimal inputs can land a hair above an integer
# (97.00000000000001); rounding to 9 places first keeps ceil from adding a whole point.
_NOISE_DECIMALS = 9


@dataclass(frozen=True)
class LevelInfo:
    """HJ 633-2012 Table 2 / Appendix A entry for an AQI value."""

    level: str
    level_number: int
    category: str
    category_en: str
    colour: tuple[int, int, int]
    colour_name: str

    @property
    def colour_hex(self) -> str:
        return "#{:02X}{:02X}{:02X}".format(*self.colour)


@dataclass(frozen=True)
class AQIResult:
    """Result of :func:`aqi`. ``level`` is 一级…六级, ``category`` 优…严重污染."""

    aqi: int | float
    iaqi: Mapping[str, int | float]
    primary_pollutants: tuple[str, ...]
    exceeding_pollutants: tuple[str, ...]
    level: str
    level_number: int
    category: str
    category_en: str
    colour: tuple[int, int, int]
    colour_name: str
    edition: str
    notes: tuple[str, ...] = field(default=())

    @property
    def colour_hex(self) -> str:
        return "#{:02X}{:02X}{:02X}".format(*self.colour)


# --- helpers ------------------------------------------------------------------------------


def _tables(edition: str | None, on: date | datetime | None) -> ModuleType:
    chosen = editions.resolve("HJ 633", edition=edition, dates=None if on is None else [on])
    assert chosen.tables is not None
    return chosen.tables


def series_for(pollutant: str, averaging: str) -> str:
    """The HJ 633 Table 1 scale used for ``pollutant`` in a report of ``averaging``."""
    if averaging not in ("1h", "24h"):
        raise StandardsValueError(f"averaging must be '1h' or '24h', got {averaging!r}")
    if pollutant in ("SO2", "NO2", "CO"):
        return f"{pollutant}_{averaging}"
    if pollutant == "O3":
        return "O3_1h"
    if pollutant == "O3_8h":
        return "O3_8h"
    if pollutant in ("PM10", "PM2.5"):
        return f"{pollutant}_24h"
    raise UnknownPollutantError(
        f"unknown pollutant {pollutant!r}; HJ 633-2012 indexes {list(POLLUTANTS)}"
    )


def _check_rounding(rounding: str, beyond_top: str) -> None:
    if rounding not in ("ceil", "none", "half_up"):
        raise StandardsValueError(f"rounding must be 'ceil', 'none' or 'half_up', not {rounding!r}")
    if beyond_top not in ("cap", "extend"):
        raise StandardsValueError(f"beyond_top must be 'cap' or 'extend', not {beyond_top!r}")


def _concentration(pollutant: str, value: object, unit: str | None) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidConcentrationError(f"{pollutant} value {value!r} is not a number")
    number = float(value)
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise InvalidConcentrationError(
            f"{pollutant} value {number} is not a valid concentration (negative, NaN or "
            "infinite values have no IAQI)"
        )
    base = pollutant.split("_")[0]
    if unit is None:
        if base == "CO" and number > _frames.CO_PLAUSIBLE_MAX_MG:
            raise UnitError(
                f"CO value {number} is above {_frames.CO_PLAUSIBLE_MAX_MG:g} mg/m³: almost "
                "certainly µg/m³. HJ 633 gives CO in mg/m³; convert, or pass unit='µg/m³'"
            )
        return number
    normal = unit.replace("μ", "µ").replace("ug", "µg").replace("m3", "m³")
    if normal not in ("µg/m³", "mg/m³"):
        raise UnitError(f"unknown unit {unit!r} for {pollutant}; use 'µg/m³' or 'mg/m³'")
    if base == "CO" and normal == "µg/m³":
        return number / 1000.0
    if base != "CO" and normal == "mg/m³":
        return number * 1000.0
    return number


def _segment_value(
    breakpoints: tuple[float, ...], steps: tuple[int, ...], c: float, beyond_top: str
) -> tuple[float, bool]:
    for i in range(1, len(breakpoints)):
        if c <= breakpoints[i]:
            lo, hi = breakpoints[i - 1], breakpoints[i]
            return steps[i - 1] + (steps[i] - steps[i - 1]) * (c - lo) / (hi - lo), False
    top = len(breakpoints) - 1
    if beyond_top == "cap":
        return float(steps[top]), True
    lo, hi = breakpoints[top - 1], breakpoints[top]
    return steps[top - 1] + (steps[top] - steps[top - 1]) * (c - lo) / (hi - lo), True


def _round(x: float, rounding: str) -> int | float:
    if rounding == "none":
        return x
    x = round(x, _NOISE_DECIMALS)
    return math.ceil(x) if rounding == "ceil" else math.floor(x + 0.5)


def _iaqi_detail(
    tables: ModuleType,
    pollutant: str,
    value: float,
    averaging: str,
    rounding: str,
    beyond_top: str,
    fallback: float | None,
    unit: str | None,
) -> tuple[int | float, list[str]]:
    series = series_for(pollutant, averaging)
    c = _concentration(pollutant, value, unit)
    notes: list[str] = []
    rule = tables.NOT_INDEXED_ABOVE.get(series)
    if rule is not None and c > rule[0]:
        threshold, substitute = rule
        base = substitute.split("_")[0]
        if fallback is None:
            raise NotIndexedError(
                f"{pollutant} ({series}) value {c:g} is above {threshold:g}: HJ 633-2012 Table 1 "
                f"does not index it on that scale; the {substitute} value is reported instead "
                "— pass it as fallback= (or in aqi(): so2_24h= / an 'O3' 1 h value)"
            )
        notes.append(
            f"{pollutant} {series} {c:g} > {threshold:g}: not indexed (HJ 633-2012 Table 1 "
            f"note), IAQI from {substitute} value {fallback:g}"
        )
        series, c = substitute, _concentration(base, fallback, unit)
    raw, beyond = _segment_value(tables.BREAKPOINTS[series], tables.IAQI_STEPS, c, beyond_top)
    if beyond:
        top = tables.BREAKPOINTS[series][-1]
        notes.append(
            f"{pollutant} {c:g} is above the top breakpoint {top:g} of {series}: "
            + ("IAQI capped at the top of the scale" if beyond_top == "cap" else "extrapolated")
        )
    return _round(raw, rounding), notes


# --- scalar API ---------------------------------------------------------------------------


def iaqi(
    pollutant: str,
    value: float,
    *,
    averaging: Averaging = "24h",
    rounding: Rounding = "ceil",
    beyond_top: BeyondTop = "cap",
    fallback: float | None = None,
    unit: str | None = None,
    edition: str | None = None,
    on: date | datetime | None = None,
) -> int | float:
    """Individual AQI (空气质量分指数, HJ 633-2012 formula (1)) of one concentration.

    ``fallback`` is the substitute value the standard requires above a not-indexed threshold:
    the SO2 24 h mean for SO2 1 h > 800 µg/m³, the O3 1 h value for O3_8h > 800 µg/m³. Without
    it such a value raises :class:`NotIndexedError`. ``on`` (the data's date) selects the
    edition in force; undated calls use the latest implemented edition (HJ 633-2012).
    """
    _check_rounding(rounding, beyond_top)
    tables = _tables(edition, on)
    result, _ = _iaqi_detail(
        tables, pollutant, value, averaging, rounding, beyond_top, fallback, unit
    )
    return result


def level_info(aqi_value: float, *, edition: str | None = None) -> LevelInfo:
    """Level, category and colour of an AQI value (HJ 633-2012 Table 2, Appendix A)."""
    if isinstance(aqi_value, bool) or not isinstance(aqi_value, Real) or math.isnan(aqi_value):
        raise StandardsValueError(f"AQI {aqi_value!r} is not a number")
    if aqi_value < 0:
        raise StandardsValueError(f"AQI {aqi_value} is negative")
    tables = _tables(edition, None)
    for number, (upper, level, category, category_en, rgb, name) in enumerate(tables.LEVELS, 1):
        if upper is None or aqi_value <= upper:
            return LevelInfo(level, number, category, category_en, rgb, name)
    raise AssertionError("HJ 633 Table 2 ends with an open level")


def aqi(
    concentrations: Mapping[str, float],
    *,
    averaging: Averaging = "24h",
    so2_24h: float | None = None,
    units: Mapping[str, str] | None = None,
    rounding: Rounding = "ceil",
    beyond_top: BeyondTop = "cap",
    edition: str | None = None,
    on: date | datetime | None = None,
) -> AQIResult:
    """AQI = max IAQI, with primary and exceeding pollutants, level, category and colour.

    In a daily report pass the 24 h means, "O3" (the day's maximum 1 h value) and "O3_8h"
    (the day's maximum 8 h mean). An O3_8h above 800 µg/m³ is replaced by the O3 1 h value,
    which must then be present; in a real-time report an SO2 1 h value above 800 needs
    ``so2_24h``.
    """
    _check_rounding(rounding, beyond_top)
    if not concentrations:
        raise StandardsValueError("no concentrations given")
    tables = _tables(edition, on)
    units = units or {}
    values: dict[str, int | float] = {}
    notes: list[str] = []
    for pollutant, value in concentrations.items():
        fallback = None
        if pollutant == "SO2" and averaging == "1h":
            fallback = so2_24h
        elif pollutant == "O3_8h":
            fallback = concentrations.get("O3")
        index, why = _iaqi_detail(
            tables,
            pollutant,
            value,
            averaging,
            rounding,
            beyond_top,
            fallback,
            units.get(pollutant),
        )
        values[pollutant] = index
        notes.extend(why)
    top = max(values.values())
    primary = tuple(p for p, v in values.items() if v == top) if top > tables.PRIMARY_ABOVE else ()
    exceeding = tuple(p for p, v in values.items() if v > tables.EXCEEDING_ABOVE)
    info = level_info(top, edition=tables.EDITION)
    return AQIResult(
        aqi=top,
        iaqi=values,
        primary_pollutants=primary,
        exceeding_pollutants=exceeding,
        level=info.level,
        level_number=info.level_number,
        category=info.category,
        category_en=info.category_en,
        colour=info.colour,
        colour_name=info.colour_name,
        edition=tables.EDITION,
        notes=tuple(notes),
    )


# --- vectorised API -----------------------------------------------------------------------


def _segments_expr(
    c: pl.Expr, breakpoints: tuple[float, ...], steps: tuple[int, ...], beyond_top: str
) -> pl.Expr:
    # Null, NaN and negative concentrations must not fall through to the "otherwise" branch
    # (a null condition counts as false there) and come out as the top of the scale.
    chain: Any = pl.when(c.is_null() | c.is_nan() | (c < 0)).then(pl.lit(None, pl.Float64))
    for i in range(1, len(breakpoints)):
        lo, hi = breakpoints[i - 1], breakpoints[i]
        chain = chain.when(c <= hi).then(
            steps[i - 1] + (steps[i] - steps[i - 1]) * (c - lo) / (hi - lo)
        )
    top = len(breakpoints) - 1
    if beyond_top == "cap":
        return chain.otherwise(pl.lit(float(steps[top])))
    lo, hi = breakpoints[top - 1], breakpoints[top]
    return chain.otherwise(steps[top - 1] + (steps[top] - steps[top - 1]) * (c - lo) / (hi - lo))


def _round_expr(x: pl.Expr, rounding: str) -> pl.Expr:
    if rounding == "none":
        return x
    x = x.round(_NOISE_DECIMALS)
    return (x.ceil() if rounding == "ceil" else (x + 0.5).floor()).cast(pl.Int64)


def iaqi_expr(
    value: pl.Expr | str,
    pollutant: str,
    *,
    averaging: Averaging = "24h",
    substitute: pl.Expr | str | None = None,
    rounding: Rounding = "ceil",
    beyond_top: BeyondTop = "cap",
    edition: str | None = None,
) -> pl.Expr:
    """Polars expression computing the IAQI of a concentration column.

    Null, NaN and negative concentrations give a null IAQI. For scales with a not-indexed
    threshold (SO2 1 h, O3_8h) ``substitute`` must name the column holding the value HJ 633
    reports instead (SO2 24 h mean, O3 1 h value).
    """
    _check_rounding(rounding, beyond_top)
    tables = _tables(edition, None)
    series = series_for(pollutant, averaging)
    c = pl.col(value) if isinstance(value, str) else value
    raw = _segments_expr(c, tables.BREAKPOINTS[series], tables.IAQI_STEPS, beyond_top)
    rule = tables.NOT_INDEXED_ABOVE.get(series)
    if rule is not None:
        if substitute is None:
            raise NotIndexedError(
                f"{series} values above {rule[0]:g} are not indexed (HJ 633-2012 Table 1 note); "
                f"pass substitute= naming the {rule[1]} column"
            )
        s = pl.col(substitute) if isinstance(substitute, str) else substitute
        other = _segments_expr(s, tables.BREAKPOINTS[rule[1]], tables.IAQI_STEPS, beyond_top)
        raw = pl.when(c > rule[0]).then(other).otherwise(raw)
    return _round_expr(raw, rounding)


def _level_exprs(aqi_col: pl.Expr, tables: ModuleType) -> list[pl.Expr]:
    def pick(position: int) -> pl.Expr:
        chain: Any = pl.when(aqi_col.is_null()).then(pl.lit(None))
        for upper, *fields in tables.LEVELS:
            value = fields[position]
            if position == 3:  # RGB -> hex string, the form a frame can carry
                value = "#{:02X}{:02X}{:02X}".format(*value)
            chain = chain.when(aqi_col <= upper if upper is not None else pl.lit(True)).then(
                pl.lit(value)
            )
        return chain

    number: Any = pl.when(aqi_col.is_null()).then(pl.lit(None, pl.Int8))
    for n, (upper, *_rest) in enumerate(tables.LEVELS, 1):
        number = number.when(aqi_col <= upper if upper is not None else pl.lit(True)).then(
            pl.lit(n, pl.Int8)
        )
    return [
        pick(0).alias("level"),
        number.alias("level_number"),
        pick(1).alias("category"),
        pick(3).alias("colour"),
    ]


def daily_aqi_frame(
    hourly: pl.DataFrame,
    *,
    rounding: Rounding = "ceil",
    beyond_top: BeyondTop = "cap",
    hour_label: _frames.HourLabel = "end",
    on_invalid: _frames.OnInvalid = "raise",
    o3_exception: bool = True,
    edition: str | None = None,
    allow_superseded: bool = False,
) -> pl.DataFrame:
    """Daily AQI (日报) per station and local day from an hourly long frame.

    ``hourly``: columns station, time (tz-aware), pollutant (SO2, NO2, CO, O3, PM10, PM2.5),
    value, optional unit. Daily values follow GB 3095-2012 Table 4 / HJ 663-2013 validity
    rules; a day lacking a valid value for any of the seven daily indices (SO2, NO2, CO,
    PM10, PM2.5 24 h means, O3 daily max 1 h, O3 daily max 8 h) has ``complete = False`` and
    a null ``aqi``; ``aqi_partial`` is the maximum of the indices that are available.
    """
    _check_rounding(rounding, beyond_top)
    data = _frames.prepare_hourly(hourly, hour_label=hour_label, on_invalid=on_invalid)
    bundle = editions.resolve_air(
        primary="HJ 633",
        edition=edition,
        dates=[data.first_day, data.last_day],
        allow_superseded=allow_superseded,
    )
    daily = _daily.daily_parts(data, bundle, o3_exception=o3_exception)
    out = aqi_from_wide(daily.wide(), bundle, rounding=rounding, beyond_top=beyond_top)
    return out.sort("station", "date")


def aqi_from_daily(
    daily: pl.DataFrame,
    bundle: editions.AirEditions,
    *,
    rounding: Rounding = "ceil",
    beyond_top: BeyondTop = "cap",
) -> pl.DataFrame:
    """Wide daily AQI frame from the long daily values of :mod:`_daily`."""
    return aqi_from_wide(_daily.to_wide(daily), bundle, rounding=rounding, beyond_top=beyond_top)


def aqi_from_wide(
    wide: pl.DataFrame,
    bundle: editions.AirEditions,
    *,
    rounding: Rounding = "ceil",
    beyond_top: BeyondTop = "cap",
) -> pl.DataFrame:
    """Wide daily AQI frame from the wide daily values (:func:`_daily.to_wide`)."""
    tables = bundle.hj633.tables
    assert tables is not None
    code = tables.EDITION
    index_cols = []
    for pollutant in _daily.DAILY_POLLUTANTS:
        substitute = "O3" if pollutant == "O3_8h" else None
        index_cols.append(
            iaqi_expr(
                pollutant,
                pollutant,
                averaging="24h",
                substitute=substitute,
                rounding=rounding,
                beyond_top=beyond_top,
                edition=code,
            ).alias(f"iaqi_{pollutant}")
        )
    wide = wide.with_columns(index_cols)
    names = [f"iaqi_{p}" for p in _daily.DAILY_POLLUTANTS]
    complete = pl.all_horizontal(pl.col(n).is_not_null() for n in names)
    partial = pl.max_horizontal(names)
    wide = wide.with_columns(
        complete.alias("complete"),
        partial.alias("aqi_partial"),
        pl.when(complete).then(partial).alias("aqi"),
    )
    aqi_col = pl.col("aqi")
    # Lists of pollutant names are built once per bit pattern and picked by it: building them
    # row by row with concat_list costs ~20x more on a million rows.
    flags = {
        "missing": [pl.col(n).is_null() for n in names],
        "primary_pollutants": [
            (pl.col(n) == aqi_col) & (aqi_col > tables.PRIMARY_ABOVE) for n in names
        ],
        "exceeding_pollutants": [pl.col(n) > tables.EXCEEDING_ABOVE for n in names],
    }
    patterns = pl.Series(
        [
            [p for bit, p in enumerate(_daily.DAILY_POLLUTANTS) if mask >> bit & 1]
            for mask in range(1 << len(names))
        ],
        dtype=pl.List(pl.String),
    )
    wide = wide.with_columns(
        pl.lit(patterns)
        .gather(
            pl.sum_horizontal(
                pl.when(c).then(1 << bit).otherwise(0) for bit, c in enumerate(conditions)
            )
        )
        .alias(column)
        for column, conditions in flags.items()
    )
    return wide.with_columns(
        *_level_exprs(aqi_col, tables),
        pl.lit(code).alias("edition"),
    )
