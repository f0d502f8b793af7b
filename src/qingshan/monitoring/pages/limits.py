"""Limits and item names read from the standards: GB 3095-2012 (air), GB 3838-2002 (water)."""

from __future__ import annotations

from functools import cache

from qingshan.standards import air_quality as gb3095
from qingshan.standards import editions, water_quality


@cache
def air_limits() -> dict[tuple[str, str], tuple[float, float]]:
    """GB 3095-2012 Table 1: (pollutant, averaging) → (Grade I, Grade II)."""
    frame = gb3095.limits(edition="GB3095-2012")
    return {
        (r["pollutant"], r["averaging"]): (r["limit_I"], r["limit_II"])
        for r in frame.iter_rows(named=True)
    }


@cache
def water_items() -> dict[str, tuple[str, str]]:
    """GB 3838-2002 item → (Chinese name, unit)."""
    tables = editions.resolve("GB 3838", edition="GB3838-2002").tables
    out = {item: (name, unit) for item, (name, unit, *_rest) in tables.ITEMS.items()}
    out["water_temperature"] = ("水温", "℃")
    return out


@cache
def water_limits() -> dict[tuple[str, str], tuple[str, tuple[float | None, ...]]]:
    """(item, river|lake) → (direction, class limits I…V) from GB 3838-2002 Table 1."""
    frame = water_quality.limits_frame(item_set="gb3838", edition="GB3838-2002")
    return {
        (r["item"], r["body"]): (r["direction"], tuple(r[f"limit_{i}"] for i in range(1, 6)))
        for r in frame.iter_rows(named=True)
    }
