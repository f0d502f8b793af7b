"""Simulated water samples.

One sample a month per section, the main items scaled on the section's target class
(`quality` × the class limit, improving by `trend` over four years), seasonal DO, NH3-N and TP,
trace metals mostly below detection.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from qingshan.standards import water_quality

from ..stations_hangzhou import DemoSection
from .defaults import FIRST_DAY, SEED, SHANGHAI

_TARGET_INDEX = {"I": 0, "II": 1, "III": 2, "IV": 3, "V": 4}
# item → (detection limit, probability of a value below it, typical value when detected)
_TRACE = {
    "Cu": (0.001, 0.6, 0.003),
    "Zn": (0.02, 0.75, 0.03),
    "Se": (0.0004, 0.9, 0.0006),
    "As": (0.0003, 0.1, 0.0015),
    "Hg": (0.00001, 0.9, 0.00002),
    "Cd": (0.0001, 0.85, 0.0002),
    "Cr6+": (0.004, 0.95, 0.005),
    "Pb": (0.001, 0.8, 0.0015),
    "CN": (0.004, 0.9, 0.005),
    "volatile_phenol": (0.0003, 0.85, 0.0005),
    "sulfide": (0.005, 0.8, 0.008),
    "LAS": (0.05, 0.8, 0.06),
}


@dataclass(frozen=True)
class WaterValue:
    section: str
    time: dt.datetime
    item: str
    value: float | None
    below_detection: bool
    detection_limit: float | None


def _limit(item: str, body: str, target: str) -> float:
    frame = _LIMITS.get((item, "river" if body == "river" else "lake"))
    assert frame is not None, item
    return frame[_TARGET_INDEX[target]]


def _limits_table() -> dict[tuple[str, str], tuple[float, ...]]:
    table = water_quality.limits_frame(item_set="gb3838")
    return {
        (row["item"], row["body"]): tuple(row[f"limit_{i}"] for i in range(1, 6))
        for row in table.iter_rows(named=True)
    }


_LIMITS = _limits_table()


def water_values(
    sections: Sequence[DemoSection], start: dt.date, end: dt.date, *, seed: int = SEED
) -> list[WaterValue]:
    """One sample a month (between the 5th and the 15th, mid-morning) for each section."""
    out: list[WaterValue] = []
    for sec in sections:
        rng = random.Random(f"{seed}-{sec.code}")
        month = dt.date(start.year, start.month, 1)
        while month <= end:
            day = month.replace(day=rng.randint(5, 15))
            taken = dt.datetime.combine(day, dt.time(rng.randint(8, 11), rng.choice((0, 30))))
            taken = taken.replace(tzinfo=SHANGHAI)
            if start <= day <= end:
                out.extend(_sample(sec, taken, rng))
            month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def _sample(sec: DemoSection, taken: dt.datetime, rng: random.Random) -> Iterator[WaterValue]:
    years = (taken.date() - FIRST_DAY).days / 365.25
    q = sec.quality * sec.trend ** min(years / 3.5, 1.0)
    season = math.cos(2 * math.pi * (taken.timetuple().tm_yday - 15) / 365.25)  # 1 in January

    def lognormal(mean: float, sigma: float) -> float:
        return mean * math.exp(rng.gauss(0, sigma) - sigma * sigma / 2)

    def value(item: str, v: float | None, below: bool = False, limit: float | None = None):
        return WaterValue(sec.code, taken, item, v, below, limit)

    t = sec.target
    body = sec.body
    temperature = 18 - 10 * season + rng.gauss(0, 1.2)
    yield value("water_temperature", round(temperature, 1))
    yield value(
        "pH", round(7.4 + (0.4 if body == "lake" else 0.1) * -season + rng.gauss(0, 0.2), 2)
    )
    do = 8.9 - 1.15 * _TARGET_INDEX[t] * q + 1.1 * season + rng.gauss(0, 0.45)
    yield value("DO", round(max(do, 1.5), 1))
    codmn = lognormal(q * _limit("CODMn", body, t), 0.2)
    yield value("CODMn", round(codmn, 1))
    yield value("COD", round(max(lognormal(codmn * 2.6, 0.15), 4.0), 0))
    yield value("BOD5", round(max(lognormal(codmn * 0.42, 0.25), 0.5), 1))
    nh3 = lognormal(q * _limit("NH3-N", body, t) * (1 + 0.35 * season), 0.3)
    yield value("NH3-N", round(nh3, 3))
    tp = lognormal(q * _limit("TP", body, t) * (1 - 0.25 * season), 0.28)
    yield value("TP", round(tp, 3 if tp < 0.1 else 2))
    if body == "lake":
        yield value("TN", round(lognormal(0.75 + 1.8 * nh3, 0.15), 2))
    yield value("F", round(lognormal(0.28, 0.2), 2))
    yield value("petroleum", round(lognormal(0.012 + 0.02 * q * _TARGET_INDEX[t] / 3, 0.4), 3))
    for item, (detection, p_below, typical) in _TRACE.items():
        scale = 1 + _TARGET_INDEX[t] * 0.2
        if rng.random() < p_below / scale:
            yield value(item, None, True, detection)
        else:
            # Trace substances stay below the class I limit: in Hangzhou's waters the class is
            # decided by organic load and nutrients, never by metals.
            ceiling = 0.9 * _limit(item, "river", "I")
            measured = min(max(lognormal(typical * scale, 0.3), detection), ceiling)
            yield value(item, float(f"{measured:.3g}"))
    coliform = lognormal(300 * (1 + 4 * q * _TARGET_INDEX[t]) * (1 - 0.4 * season), 0.6)
    yield value("fecal_coliform", float(round(coliform, -1)))
