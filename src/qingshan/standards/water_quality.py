"""Surface-water classification per GB 3838-2002 Table 1 (basic items).

Single-factor evaluation (单因子评价): each item is put in the best class whose limit it meets
(a value exactly on a limit meets it; where classes share a limit the better class wins), and
the worst item decides the sample's class, I … V or 劣V. DO is "≥" (higher is better), pH
must lie within 6–9 for every class.

Item set (``item_set``):

* ``"national"`` (default) — 环办〔2011〕22号《地表水环境质量评价办法（试行）》: the 21 items of
  Table 1 other than water temperature, TN and fecal coliform decide the class, for rivers and
  lakes alike; TN (lakes and reservoirs only) and fecal coliform are classified as reference
  items (``reference_grades``) that do not decide.
* ``"gb3838"`` — every Table 1 item that applies to the water body decides: TN for lakes and
  reservoirs (GB 3838 gives no river TN limit), fecal coliform for all.

Item names: pH, DO, CODMn, COD, BOD5, NH3-N, TP, TN, Cu, Zn, F, Se, As, Hg, Cd, Cr6+, Pb, CN,
volatile_phenol, petroleum, LAS, sulfide, fecal_coliform (个/L), water_temperature (accepted,
never classified). mg/L unless stated.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from numbers import Real
from types import ModuleType
from typing import Any, Literal

import polars as pl

from qingshan.standards import _frames, editions
from qingshan.standards.errors import (
    InvalidConcentrationError,
    StandardsValueError,
    TimezoneError,
    UnknownPollutantError,
)

__all__ = [
    "GRADES",
    "ITEMS",
    "WaterResult",
    "item_grade",
    "classify",
    "classify_mean",
    "classify_frame",
    "limits_frame",
]

WaterBody = Literal["river", "lake", "reservoir"]
ItemSet = Literal["national", "gb3838"]
DOExceedance = Literal["shortfall", "none"]

GRADES: tuple[str, ...] = ("I", "II", "III", "IV", "V", "劣V")
_ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "劣Ⅴ": "劣V"}


def _tables(edition: str | None, on: date | datetime | None) -> ModuleType:
    chosen = editions.resolve("GB 3838", edition=edition, dates=None if on is None else [on])
    assert chosen.tables is not None
    return chosen.tables


ITEMS: tuple[str, ...] = tuple(_tables(None, None).ITEMS) + tuple(
    _tables(None, None).UNCLASSIFIED_ITEMS
)


@dataclass(frozen=True)
class WaterResult:
    """Result of :func:`classify`.

    ``exceedances``: for each deciding item worse than ``target``, its exceedance multiple
    against the target class limit — (value − limit)/limit; for DO the shortfall
    (limit − value)/limit (``do_exceedance="shortfall"``); never for pH.
    """

    grade: str | None
    grade_number: int | None
    item_grades: Mapping[str, str]
    deciding_items: tuple[str, ...]
    reference_grades: Mapping[str, str]
    ignored_items: tuple[str, ...]
    water_body: str
    item_set: str
    edition: str
    target: str | None = None
    compliant: bool | None = None
    exceedances: Mapping[str, float] = field(default_factory=dict)


def _body_kind(water_body: str) -> str:
    if water_body == "river":
        return "river"
    if water_body in ("lake", "reservoir"):
        return "lake"
    raise StandardsValueError(
        f"water_body must be 'river', 'lake' or 'reservoir', not {water_body!r}"
    )


def _grade_name(grade: str) -> str:
    name = _ROMAN.get(grade, grade)
    if name not in GRADES:
        raise StandardsValueError(f"unknown class {grade!r}; classes are {list(GRADES)}")
    return name


def _check_value(item: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidConcentrationError(f"{item} value {value!r} is not a number")
    number = float(value)
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise InvalidConcentrationError(
            f"{item} value {number} is not a valid measurement (negative, NaN or infinite)"
        )
    return number


def _limits(tables: ModuleType, item: str, kind: str) -> tuple[str, tuple[float, ...]] | None:
    if item in tables.UNCLASSIFIED_ITEMS:
        return None
    try:
        _name, _unit, direction, river, lake = tables.ITEMS[item]
    except KeyError:
        known = list(tables.ITEMS) + list(tables.UNCLASSIFIED_ITEMS)
        raise UnknownPollutantError(
            f"unknown water-quality item {item!r}; GB 3838-2002 Table 1 items: {known}"
        ) from None
    limits = river if kind == "river" else lake
    return None if limits is None else (direction, limits)


def _grade_number(direction: str, limits: tuple[float, ...], value: float) -> int:
    if direction == "range":
        return 1 if limits[0] <= value <= limits[1] else 6
    for number, limit in enumerate(limits, 1):
        if (value <= limit) if direction == "le" else (value >= limit):
            return number
    return 6


def item_grade(
    item: str,
    value: float,
    *,
    water_body: WaterBody = "river",
    edition: str | None = None,
    on: date | datetime | None = None,
) -> str | None:
    """Class of one item's value; ``None`` if the item has no limit for this water body."""
    tables = _tables(edition, on)
    found = _limits(tables, item, _body_kind(water_body))
    if found is None:
        return None
    return GRADES[_grade_number(*found, _check_value(item, value)) - 1]


def _roles(tables: ModuleType, item_set: str, kind: str) -> tuple[set[str], set[str]]:
    if item_set == "national":
        return set(tables.NATIONAL_2011_ITEMS), set(tables.NATIONAL_2011_REFERENCE_ITEMS)
    if item_set == "gb3838":
        return set(tables.ITEMS), set()
    raise StandardsValueError(f"item_set must be 'national' or 'gb3838', not {item_set!r}")


def _exceedance(direction: str, limit: float, value: float, do_exceedance: str) -> float | None:
    if direction == "le":
        return (value - limit) / limit
    if direction == "ge" and do_exceedance == "shortfall":
        return (limit - value) / limit
    return None


def classify(
    sample: Mapping[str, float],
    *,
    water_body: WaterBody = "river",
    item_set: ItemSet = "national",
    target: str | None = None,
    do_exceedance: DOExceedance = "shortfall",
    edition: str | None = None,
    on: date | datetime | None = None,
) -> WaterResult:
    """Class of one sample (or of a period mean: see :func:`classify_mean`)."""
    if not sample:
        raise StandardsValueError("empty water sample")
    if do_exceedance not in ("shortfall", "none"):
        raise StandardsValueError(
            f"do_exceedance must be 'shortfall' or 'none', not {do_exceedance!r}"
        )
    tables = _tables(edition, on)
    kind = _body_kind(water_body)
    deciding, reference = _roles(tables, item_set, kind)
    target_name = None if target is None else _grade_name(target)
    grades: dict[str, int] = {}
    refs: dict[str, str] = {}
    ignored: list[str] = []
    found_limits: dict[str, tuple[str, tuple[float, ...]]] = {}
    for item, raw in sample.items():
        found = _limits(tables, item, kind)
        value = _check_value(item, raw)
        if found is None or (item not in deciding and item not in reference):
            ignored.append(item)
            continue
        number = _grade_number(*found, value)
        if item in deciding:
            grades[item] = number
            found_limits[item] = found
        else:
            refs[item] = GRADES[number - 1]
    worst = max(grades.values()) if grades else None
    result = WaterResult(
        grade=None if worst is None else GRADES[worst - 1],
        grade_number=worst,
        item_grades={item: GRADES[n - 1] for item, n in grades.items()},
        deciding_items=tuple(i for i, n in grades.items() if n == worst),
        reference_grades=refs,
        ignored_items=tuple(ignored),
        water_body=water_body,
        item_set=item_set,
        edition=tables.EDITION,
    )
    if target_name is None or worst is None:
        return result
    t = GRADES.index(target_name) + 1
    exceed: dict[str, float] = {}
    if t <= 5:
        for item, number in grades.items():
            if number > t:
                direction, limits = found_limits[item]
                if direction == "range":  # pH: a range, no multiple (环办〔2011〕22号)
                    continue
                multiple = _exceedance(direction, limits[t - 1], float(sample[item]), do_exceedance)
                if multiple is not None:
                    exceed[item] = multiple
    return replace(result, target=target_name, compliant=worst <= t, exceedances=exceed)


def classify_mean(samples: Iterable[Mapping[str, float]], **kwargs: object) -> WaterResult:
    """Class of a period: the arithmetic mean of each item over the samples that report it
    (环办〔2011〕22号: several results in a period are averaged before classification)."""
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for sample in samples:
        for item, value in sample.items():
            sums[item] = sums.get(item, 0.0) + _check_value(item, value)
            counts[item] = counts.get(item, 0) + 1
    if not counts:
        raise StandardsValueError("no samples to average")
    return classify({item: sums[item] / counts[item] for item in sums}, **kwargs)  # type: ignore[arg-type]


# --- vectorised ---------------------------------------------------------------------------


def limits_frame(*, item_set: ItemSet = "national", edition: str | None = None) -> pl.DataFrame:
    """Table 1 as a frame: item, body (river/lake), direction, role (decide/reference),
    limit_1 … limit_5 (pH: limit_1, limit_2 are the range)."""
    tables = _tables(edition, None)
    rows = []
    for kind in ("river", "lake"):
        deciding, reference = _roles(tables, item_set, kind)
        for item, (_name, _unit, direction, river, lake) in tables.ITEMS.items():
            limits = river if kind == "river" else lake
            if limits is None or (item not in deciding and item not in reference):
                continue
            padded = list(limits) + [None] * (5 - len(limits))
            role = "decide" if item in deciding else "reference"
            rows.append((item, kind, direction, role, *padded))
    return pl.DataFrame(
        rows,
        schema={
            "item": pl.String,
            "body": pl.String,
            "direction": pl.String,
            "role": pl.String,
            **{f"limit_{i}": pl.Float64 for i in range(1, 6)},
        },
        orient="row",
    )


def _grade_expr() -> pl.Expr:
    v = pl.col("value")
    le: Any = pl.when(v <= pl.col("limit_1")).then(1)
    ge: Any = pl.when(v >= pl.col("limit_1")).then(1)
    for i in range(2, 6):
        le = le.when(v <= pl.col(f"limit_{i}")).then(i)
        ge = ge.when(v >= pl.col(f"limit_{i}")).then(i)
    in_range = pl.when(v.is_between(pl.col("limit_1"), pl.col("limit_2"))).then(1).otherwise(6)
    return (
        pl.when(pl.col("direction") == "le")
        .then(le.otherwise(6))
        .when(pl.col("direction") == "ge")
        .then(ge.otherwise(6))
        .otherwise(in_range)
        .cast(pl.Int8)
    )


def _limit_at(number: pl.Expr) -> pl.Expr:
    chain: Any = pl.when(number == 1).then(pl.col("limit_1"))
    for i in range(2, 6):
        chain = chain.when(number == i).then(pl.col(f"limit_{i}"))
    return chain


def classify_frame(
    samples: pl.DataFrame,
    *,
    water_body: WaterBody | None = "river",
    item_set: ItemSet = "national",
    target: str | None = None,
    period: Literal["month", "quarter", "year"] | None = None,
    do_exceedance: DOExceedance = "shortfall",
    edition: str | None = None,
) -> pl.DataFrame:
    """Classify many samples at once.

    ``samples``: long frame station, time (Date or tz-aware Datetime), pollutant (the item
    name), value; optional columns ``water_body`` (overrides the argument per row) and
    ``target`` (the section's target class, overrides ``target``). With ``period``, each
    station's items are first averaged over the calendar month/quarter/year and ``time`` is the
    period's first day.

    Returns one row per station and time (or period): grade, grade_number, deciding_items,
    item_grades (list of item/grade/role), n_items, ignored_items, target, compliant and
    exceedances (list of item/multiple).
    """
    _frames.require_columns(samples, ("station", "time", "pollutant", "value"), "samples")
    if samples.height == 0:
        raise StandardsValueError("samples frame is empty")
    time_dtype = samples.schema["time"]
    if isinstance(time_dtype, pl.Datetime) and time_dtype.time_zone is None:
        raise TimezoneError(
            "column 'time' has naive datetimes; pass dates or tz-aware datetimes "
            f"({_frames.SHANGHAI})"
        )
    if not isinstance(time_dtype, pl.Datetime | pl.Date):
        raise TimezoneError(f"column 'time' must be Date or tz-aware Datetime, got {time_dtype}")
    if do_exceedance not in ("shortfall", "none"):
        raise StandardsValueError("do_exceedance must be 'shortfall' or 'none'")
    dates = samples.select(pl.col("time").min().alias("lo"), pl.col("time").max().alias("hi"))
    lo, hi = dates.row(0)
    tables = _tables(edition, None)
    editions.resolve("GB 3838", edition=edition, dates=[lo, hi])

    names = set(samples.get_column("pollutant").unique().cast(pl.String).to_list())
    unknown = sorted(names - set(ITEMS))
    if unknown:
        raise UnknownPollutantError(
            f"unknown water-quality item(s) {unknown}; GB 3838-2002 Table 1 items: {list(ITEMS)}"
        )
    value = pl.col("value").cast(pl.Float64)
    bad = value.is_null() | value.is_nan() | value.is_infinite() | (value < 0)
    if samples.select(bad.any()).item():
        row = samples.filter(bad).row(0, named=True)
        raise InvalidConcentrationError(
            f"{row['pollutant']} value {row['value']} at station {row['station']!r} "
            f"({row['time']}) is not a valid measurement (null, negative, NaN or infinite)"
        )
    work = samples.with_columns(pl.col("pollutant").cast(pl.String), value.alias("value"))
    if "water_body" not in work.columns:
        if water_body is None:
            raise StandardsValueError("give water_body= or a 'water_body' column")
        work = work.with_columns(pl.lit(water_body).alias("water_body"))
    bodies = set(work.get_column("water_body").unique().to_list())
    for body in bodies:
        _body_kind(body)
    if "target" not in work.columns:
        work = work.with_columns(pl.lit(target, pl.String).alias("target"))
    targets = {t for t in work.get_column("target").unique().to_list() if t is not None}
    for t in targets:
        _grade_name(t)

    keys = ["station", "time"]
    if period is not None:
        truncate = {"month": "1mo", "quarter": "1q", "year": "1y"}.get(period)
        if truncate is None:
            raise StandardsValueError(
                f"period must be 'month', 'quarter' or 'year', not {period!r}"
            )
        work = work.with_columns(pl.col("time").dt.truncate(truncate))
        work = work.group_by("station", "time", "pollutant").agg(
            pl.col("value").mean(), pl.col("water_body").first(), pl.col("target").first()
        )
    elif work.select(pl.struct("station", "time", "pollutant").is_duplicated().any()).item():
        raise StandardsValueError(
            "duplicate station/time/item rows; pass period= to average them explicitly"
        )

    limits = limits_frame(item_set=item_set, edition=tables.EDITION)
    work = work.with_columns(
        pl.when(pl.col("water_body") == "river")
        .then(pl.lit("river"))
        .otherwise(pl.lit("lake"))
        .alias("body"),
        pl.col("target").replace(_ROMAN).alias("target"),
    ).join(limits, left_on=["pollutant", "body"], right_on=["item", "body"], how="left")
    grade_names = pl.Series(list(GRADES))
    work = work.with_columns(_grade_expr().alias("n"))
    target_number = pl.col("target").replace_strict(
        list(GRADES), list(range(1, 7)), default=None, return_dtype=pl.Int8
    )
    limit_t = _limit_at(target_number)
    multiple = (
        pl.when(pl.col("direction") == "le")
        .then((pl.col("value") - limit_t) / limit_t)
        .when((pl.col("direction") == "ge") & pl.lit(do_exceedance == "shortfall"))
        .then((limit_t - pl.col("value")) / limit_t)
    )
    work = work.with_columns(
        pl.when((pl.col("role") == "decide") & (pl.col("n") > target_number) & (target_number <= 5))
        .then(multiple)
        .alias("multiple"),
        pl.col("n")
        .replace_strict(list(range(1, 7)), grade_names.to_list(), default=None)
        .alias("item_grade"),
    )
    decide = pl.col("role") == "decide"
    worst = pl.col("n").filter(decide).max()
    out = work.group_by(keys).agg(
        worst.alias("grade_number"),
        pl.col("pollutant").filter(decide & (pl.col("n") == worst)).sort().alias("deciding_items"),
        pl.struct(pl.col("pollutant").alias("item"), pl.col("item_grade").alias("grade"), "role")
        .filter(pl.col("role").is_not_null())
        .alias("item_grades"),
        decide.sum().cast(pl.Int32).alias("n_items"),
        pl.col("pollutant").filter(pl.col("role").is_null()).sort().alias("ignored_items"),
        pl.col("target").first().alias("target"),
        pl.struct(pl.col("pollutant").alias("item"), "multiple")
        .filter(pl.col("multiple").is_not_null())
        .alias("exceedances"),
    )
    out_target = pl.col("target").replace_strict(
        list(GRADES), list(range(1, 7)), default=None, return_dtype=pl.Int8
    )
    return (
        out.with_columns(
            pl.col("grade_number")
            .replace_strict(list(range(1, 7)), grade_names.to_list(), default=None)
            .alias("grade"),
            pl.when(out_target.is_not_null() & pl.col("grade_number").is_not_null())
            .then(pl.col("grade_number") <= out_target)
            .alias("compliant"),
            pl.lit(tables.EDITION).alias("edition"),
        )
        .select(
            *keys,
            "grade",
            "grade_number",
            "deciding_items",
            "item_grades",
            "n_items",
            "ignored_items",
            "target",
            "compliant",
            "exceedances",
            "edition",
        )
        .sort(keys)
    )
