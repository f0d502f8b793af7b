"""Simulated hourly air data.

A city-wide weather series (day-to-day AR(1) episodes plus an hourly component, drawn with a
seeded `random.Random`, a few thousand numbers) drives every station; seasonal cycles (PM2.5,
NO2, CO higher in winter, O3 in late spring and summer), daily cycles (traffic peaks for NO2,
afternoon ozone), station factors (traffic and background sites), a downward trend that puts
the city's PM2.5 (the national stations' mean, as evaluated) at about 41 µg/m³ in 2019, 38 in
2020 and 31 in 2022 (the plan's targets: 38 and 35), a dip in February 2020; per-station noise
from hashes (Polars, vectorised: no numpy).  About 2 % of the values are missing (outages of a
few hours to a day or so, and single hours) and about 0.5 % carry a network flag (zero/span
checks at night, values rejected in review).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence

import polars as pl

from ..stations_hangzhou import DemoStation
from .defaults import FIRST_DAY, SEED, SHANGHAI
from .random_numbers import ar1, normal, uniform

# Levels at 1 January 2019 (µg/m³, CO mg/m³); with the trend and the station factors they give
# the national stations' 2019 means: PM2.5 ≈ 41, NO2 ≈ 41, SO2 ≈ 6, CO ≈ 0.75.
BASE = {"so2": 7.0, "no2": 44.0, "co": 0.78, "pm25": 45.0}
# Yearly decline (log scale): PM2.5 −8 % a year; NO2 and CO slower, O3 creeping up.
TREND = {"so2": 0.10, "no2": 0.035, "co": 0.04, "pm25": 0.085, "o3": -0.01}
POLLUTANT_COLUMNS = ("so2", "no2", "co", "o3", "pm10", "pm25")
POLLUTANT_NAMES = {
    "so2": "SO2",
    "no2": "NO2",
    "co": "CO",
    "o3": "O3",
    "pm10": "PM10",
    "pm25": "PM2.5",
}


def _weather(start: dt.date, end: dt.date, seed: int) -> pl.DataFrame:
    """City-wide hourly weather factors for the days start … end (log scale).

    The series always start on 1 January 2019 so that a shorter range sees the same weather as
    the full run."""
    rng = random.Random(seed)
    anchor = min(start, FIRST_DAY)
    days = (end - anchor).days + 1
    stagnation = ar1(days, 0.72, 0.36, rng)  # multi-day pollution episodes
    sunshine = ar1(days, 0.55, 0.32, rng)  # cloudy and rainy days: less ozone
    hourly = ar1(days * 24, 0.9, 0.12, rng)
    offset = (start - anchor).days
    n = (end - start).days + 1
    return pl.DataFrame(
        {
            "h": pl.int_range(n * 24, eager=True),
            "habs": pl.int_range(offset * 24, (offset + n) * 24, eager=True),
            "stagnation": [stagnation[offset + i // 24] for i in range(n * 24)],
            "sunshine": [
                0.6 * sunshine[offset + i // 24] + 0.3 * stagnation[offset + i // 24]
                for i in range(n * 24)
            ],
            "hourly": hourly[offset * 24 : (offset + n) * 24],
        }
    )


def _outages(code: str, hours: int, seed: int) -> list[bool]:
    """Outages of a station: all its values missing for 2–30 hours, about 0.5 % of the time."""
    rng = random.Random(f"{seed}-{code}")
    missing = [False] * hours
    h = int(rng.expovariate(1 / 3000))
    while h < hours:
        length = rng.randint(2, 30)
        for i in range(h, min(h + length, hours)):
            missing[i] = True
        h += length + int(rng.expovariate(1 / 3000))
    return missing


def air_frame(
    stations: Sequence[DemoStation], start: dt.date, end: dt.date, *, seed: int = SEED
) -> pl.DataFrame:
    """Hourly rows for the stations from `start` to `end` (local days, both included).

    Columns: station (code), time (hour end, UTC), so2, no2, co, o3, pm10, pm25 (null when
    missing), flags (JSON text, pollutant → flag).  A station's rows begin on its start day."""
    hours = ((end - start).days + 1) * 24
    weather = _weather(start, end, seed)
    first_hour = dt.datetime.combine(start, dt.time(1), SHANGHAI).astimezone(dt.UTC)
    frames = []
    for index, st in enumerate(stations):
        out = pl.Series("out", _outages(st.code, hours, seed))
        frames.append(
            weather.with_columns(
                pl.lit(st.code).alias("station"),
                pl.lit(index).alias("s"),
                pl.lit(st.pm).alias("f_pm"),
                pl.lit(st.no2).alias("f_no2"),
                pl.lit(st.o3).alias("f_o3"),
                out,
                pl.lit(st.start).alias("active_from"),
            )
        )
    frame = pl.concat(frames)
    local = (pl.lit(first_hour) + pl.duration(hours=pl.col("h"))).dt.convert_time_zone(
        "Asia/Shanghai"
    )
    frame = frame.with_columns(
        (pl.lit(first_hour) + pl.duration(hours=pl.col("h"))).alias("time"),
        # the hour that ends at `time` began an hour earlier, at this local hour of day
        (pl.col("h") % 24).alias("hod"),
        (local - pl.duration(hours=1)).dt.date().alias("day"),
    ).with_columns(
        pl.col("day").dt.ordinal_day().alias("doy"),
        ((pl.col("day") - pl.lit(FIRST_DAY)).dt.total_days() / 365.25).alias("years"),
    )
    frame = frame.filter(pl.col("day") >= pl.col("active_from"))

    two_pi = 2 * math.pi
    doy, hod, years = pl.col("doy"), pl.col("hod"), pl.col("years")
    stag, sun, hourly = pl.col("stagnation"), pl.col("sunshine"), pl.col("hourly")
    covid = (
        pl.when((pl.col("day") >= dt.date(2020, 1, 24)) & (pl.col("day") <= dt.date(2020, 3, 10)))
        .then(0.72)
        .otherwise(1.0)
    )

    def noise(k: int, sigma: float) -> pl.Expr:
        # Mean-one lognormal noise of a station's hour.
        z = normal(pl.col("s"), pl.col("habs"), k, seed=seed)
        return (sigma * z - sigma * sigma / 2).exp()

    def trend(p: str) -> pl.Expr:
        return (-TREND[p] * years).exp()

    # E[exp(x)] = exp(var/2): divide it out so the long-run means stay at BASE.
    weather_pm = (stag + hourly).exp() / math.exp((0.36**2 + 0.12**2) / 2)
    season_pm = 1 + 0.42 * (two_pi * (doy - 12) / 365.25).cos()
    diurnal_pm = (
        1 + 0.08 * (two_pi * (hod - 22) / 24).cos() + 0.05 * (two_pi * (hod - 9) / 12).cos()
    )
    pm25 = BASE["pm25"] * season_pm * diurnal_pm * weather_pm * pl.col("f_pm") * trend("pm25")
    pm25 = pm25 * covid * noise(1, 0.22)
    coarse = 1.55 + 0.2 * (two_pi * (doy - 95) / 365.25).cos().clip(0, 1)  # spring dust
    pm10 = pm25 * coarse * noise(2, 0.12)

    weather_gas = (0.6 * (stag + hourly)).exp() / math.exp(0.36 * (0.36**2 + 0.12**2) / 2)
    season_no2 = 1 + 0.25 * (two_pi * (doy - 15) / 365.25).cos()
    diurnal_no2 = (
        1 + 0.2 * (two_pi * (hod - 8) / 12).cos() + 0.06 * (two_pi * (hod - 21) / 24).cos()
    )
    no2 = BASE["no2"] * season_no2 * diurnal_no2 * weather_gas * pl.col("f_no2") * trend("no2")
    no2 = no2 * (covid * covid) * noise(3, 0.25)

    station_so2 = 0.75 + 0.5 * uniform(pl.col("s"), 99, seed=seed)
    so2 = BASE["so2"] * (1 + 0.2 * (two_pi * (doy - 15) / 365.25).cos()) * station_so2
    so2 = so2 * (0.3 * (stag + hourly)).exp() * trend("so2") * noise(4, 0.3)

    co = BASE["co"] * (1 + 0.25 * (two_pi * (doy - 15) / 365.25).cos()) * weather_gas
    co = co * (1 + 0.1 * (two_pi * (hod - 8) / 12).cos()) * trend("co") * noise(5, 0.18)
    co = co * (0.55 + 0.45 * pl.col("f_pm"))

    season_o3 = 0.5 + 0.5 * (two_pi * (doy - 160) / 365.25).cos()
    daylight = (math.pi * (hod - 8) / 12).sin().clip(0, 1)
    titration = (0.7 + 0.3 * pl.col("f_no2")).pow(-0.35)  # NO titrates ozone near traffic
    o3 = (22 + 8 * season_o3 + 150 * season_o3 * daylight * sun.exp()) * titration
    o3 = o3 * pl.col("f_o3") * trend("o3") * noise(6, 0.2)

    frame = frame.with_columns(
        pm25.alias("pm25"),
        pm10.alias("pm10"),
        no2.alias("no2"),
        so2.alias("so2"),
        co.alias("co"),
        o3.alias("o3"),
    )
    # Rounding as the networks publish: µg/m³ to the unit, CO to 0.1 mg/m³.
    frame = frame.with_columns(
        *[
            pl.col(c).round(0).clip(lower_bound=2 if c != "o3" else 1)
            for c in POLLUTANT_COLUMNS
            if c != "co"
        ],
        pl.col("co").round(1).clip(lower_bound=0.1),
    )

    missing_cols, flag_cols = [], []
    for k, column in enumerate(POLLUTANT_COLUMNS):
        u = uniform(pl.col("s"), pl.col("habs"), 10 + k, seed=seed)
        missing = pl.col("out") | (u < 0.014)
        # Zero/span checks: one night hour every ten days or so per analyser; values a
        # reviewer rejected (spikes) now and then.
        check_day = uniform(pl.col("s"), pl.col("day").cast(pl.Int32), 20 + k, seed=seed) < 0.08
        flag = (
            pl.when(missing)
            .then(None)
            .when(check_day & (hod == 3))
            .then(pl.lit("PZ" if k % 2 else "PS"))
            .when(u > 0.9985)
            .then(pl.lit("Re"))
            .otherwise(None)
        )
        missing_cols.append(pl.when(missing).then(None).otherwise(pl.col(column)).alias(column))
        flag_cols.append(flag.alias(f"flag_{column}"))
    frame = frame.with_columns(*flag_cols).with_columns(
        *[
            pl.when(pl.col(f"flag_{c}") == "Re").then(pl.col(c) * 4).otherwise(pl.col(c)).alias(c)
            for c in POLLUTANT_COLUMNS
        ]
    )
    frame = frame.with_columns(*missing_cols)
    pairs = [
        pl.when(pl.col(f"flag_{c}").is_not_null()).then(
            pl.format('"{}": "{}"', pl.lit(POLLUTANT_NAMES[c]), pl.col(f"flag_{c}"))
        )
        for c in POLLUTANT_COLUMNS
    ]
    flags = pl.concat_list(pairs).list.drop_nulls().list.join(", ")
    return frame.select(
        "station",
        "time",
        *POLLUTANT_COLUMNS,
        pl.concat_str(pl.lit("{"), flags, pl.lit("}")).alias("flags"),
    )
