"""Benchmark of qingshan.standards against python-aqi (the per-value peer).

    .venv/bin/python bench/bench_standards.py [--quick]

1. IAQI of 10 million hourly values, vectorised (Polars) vs python-aqi value by value. The
   peer is timed on a sample and its per-value time extrapolated to the full input.
2. Daily AQI (日报) of 10 million hourly records: averaging, validity, 7 sub-indices, AQI,
   primary pollutants, level — against the peer doing only the 7 sub-indices of each day.
3. Differences with the peer on a sample of daily values, counted by cause.
4. Annual evaluation (GB 3095 / HJ 663) from 200 to 2,000 stations × one year hourly, six
   pollutants, each size in a fresh process so that its peak memory (ru_maxrss) is its own.

Synthetic data only (hash-based noise, no numpy): the figures are about speed, not air.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import resource
import statistics
import subprocess
import sys
import time
from decimal import Decimal

import aqi as peer  # python-aqi
import polars as pl

from qingshan.standards import air_quality
from qingshan.standards import aqi as hj633

POLLUTANTS = [
    ("SO2", 12.0),
    ("NO2", 30.0),
    ("CO", 0.8),
    ("O3", 90.0),
    ("PM10", 65.0),
    ("PM2.5", 38.0),
]
POLLUTANT_DTYPE = pl.Enum([p for p, _ in POLLUTANTS])
HOURS_2024 = 366 * 24
SHANGHAI = dt.timezone(dt.timedelta(hours=8))

# Our daily index -> (python-aqi constant, our scale) for the same value.
PEER_CONSTANTS = {
    "SO2": peer.constants.POLLUTANT_SO2_24H,
    "NO2": peer.constants.POLLUTANT_NO2_24H,
    "CO": peer.constants.POLLUTANT_CO_24H,
    "PM10": peer.constants.POLLUTANT_PM10,
    "PM2.5": peer.constants.POLLUTANT_PM25,
    "O3": peer.constants.POLLUTANT_O3_1H,
    "O3_8h": peer.constants.POLLUTANT_O3_8H,
}


def generate(n_stations: int, hours: int = HOURS_2024) -> pl.DataFrame:
    """Hourly long frame for 2024, end-labelled, ~2% missing hours, rare spikes."""
    start = dt.datetime(2024, 1, 1, 1, tzinfo=SHANGHAI)
    stations = pl.Series([f"S{i:04d}" for i in range(n_stations)], dtype=pl.Categorical)
    parts = []
    for k, (pollutant, scale) in enumerate(POLLUTANTS):
        i = pl.int_range(hours * n_stations, dtype=pl.Int64)
        h, s = i % hours, i // hours
        u = (pl.struct(i.alias("i"), pl.lit(k).alias("k")).hash(11) % 10_000) / 10_000.0
        season = 1 + 0.5 * (h / hours * 2 * math.pi).cos()
        diurnal = 1 + 0.3 * ((h % 24) / 24 * 2 * math.pi).sin()
        spike = pl.when(u > 0.9995).then(8.0).otherwise(1.0)
        value = (scale * season * diurnal * (0.3 + 2.0 * u * u) * spike).round(
            3 if pollutant == "CO" else 1
        )
        missing = pl.struct(i.alias("i"), pl.lit(k + 100).alias("k")).hash(5) % 50 == 0
        parts.append(
            pl.select(
                pl.lit(stations).gather(s).alias("station"),
                (pl.lit(start) + pl.duration(hours=h))
                .dt.convert_time_zone("Asia/Shanghai")
                .alias("time"),
                pl.lit(pollutant).cast(POLLUTANT_DTYPE).alias("pollutant"),
                pl.when(missing).then(None).otherwise(value).alias("value"),
            )
        )
    return pl.concat(parts, rechunk=False)


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024  # kB on Linux


# --- the peer -----------------------------------------------------------------------------


def peer_iaqi(pollutant: str, value: float) -> int | None:
    """python-aqi MEP algorithm; None where it fails (above its last breakpoint)."""
    try:
        result = peer.to_iaqi(PEER_CONSTANTS[pollutant], str(value), algo=peer.ALGO_MEP)
    except (TypeError, IndexError):
        return None
    return None if result is None else int(result)


def time_peer(sample: list[tuple[str, float]]) -> float:
    t0 = time.perf_counter()
    for pollutant, value in sample:
        peer_iaqi(pollutant, value)
    return (time.perf_counter() - t0) / len(sample)


# Same piecewise tables as python-aqi's MEP module, to explain each difference by the step
# where the two computations part ways.
def _ours_exact(pollutant: str, value: float) -> float:
    return hj633.iaqi(pollutant, value, rounding="none", beyond_top="extend", unit=_unit(pollutant))


def _unit(pollutant: str) -> str:
    return "mg/m³" if pollutant == "CO" else "µg/m³"


def _half_even(x: float) -> int:
    return int(Decimal(repr(x)).quantize(Decimal(1), rounding="ROUND_HALF_EVEN"))


def difference_cause(pollutant: str, value: float, ours: int, theirs: int | None) -> str:
    if theirs is None:
        return "beyond the top breakpoint: python-aqi fails, we cap at 500"
    exact = _ours_exact(pollutant, value)
    if _half_even(exact) == theirs:
        return "rounding: HJ 633 practice rounds up (ceil), python-aqi rounds half to even"
    truncated = math.floor(value)
    if truncated != value and _half_even(_ours_exact(pollutant, truncated)) == theirs:
        if pollutant == "CO":
            return "CO truncated to whole mg/m³ by python-aqi (3.9 -> 3)"
        return "concentration truncated to an integer by python-aqi, then half-even rounding"
    return (
        "python-aqi's discrete breakpoints (BP_lo + 1, IAQI_lo + 1, e.g. 51–100) change the slope"
    )


# --- sections -----------------------------------------------------------------------------


def section_iaqi_and_daily(records: int, sample_size: int, repeat: int) -> dict:
    n_stations = max(1, round(records / (HOURS_2024 * len(POLLUTANTS))))
    hourly = generate(n_stations)
    print(f"\n## 1-2. {hourly.height:,} hourly records ({n_stations} stations × 2024)")

    # IAQI of every hourly value, each on its pollutant's daily-report scale (24 h for SO2,
    # NO2, CO and PM, 1 h for O3), so that the peer computes the very same numbers.
    def ours_iaqi():
        return [
            hourly.filter(pl.col("pollutant") == p).select(hj633.iaqi_expr("value", p))
            for p, _ in POLLUTANTS
        ]

    t_iaqi, _ = timed(ours_iaqi, repeat)
    values = hourly.filter(pl.col("value").is_not_null()).height
    sample = (
        hourly.filter(pl.col("value").is_not_null())
        .gather_every(max(1, values // sample_size))
        .head(sample_size)
        .select(pl.col("pollutant").cast(pl.String), "value")
        .rows()
    )
    per_value = time_peer(sample)
    peer_total = per_value * values
    print(
        f"IAQI, ours vectorised     : {t_iaqi:8.2f} s for {values:,} values "
        f"({t_iaqi / values * 1e9:6.1f} ns/value, median of {repeat})"
    )
    print(
        f"IAQI, python-aqi per value: {per_value * 1e6:8.2f} µs/value on a sample of "
        f"{len(sample):,} -> {peer_total:8.1f} s extrapolated to {values:,}"
    )
    print(f"speed ratio (IAQI)        : {peer_total / t_iaqi:8.0f}x")

    t_daily, daily = timed(lambda: hj633.daily_aqi_frame(hourly), repeat)
    n_daily_values = daily.height * 7
    peer_daily = per_value * n_daily_values
    print(
        f"daily AQI, ours           : {t_daily:8.2f} s for {hourly.height:,} hourly records "
        f"-> {daily.height:,} station-days (averaging + validity + 7 IAQI + AQI)"
    )
    print(
        f"daily AQI, python-aqi     : {peer_daily:8.2f} s extrapolated for the 7 IAQI of each "
        f"station-day alone (it has no daily averaging)"
    )
    print(
        f"speed ratio (daily, peer doing less): {peer_daily / t_daily:6.1f}x; vs the peer on "
        f"every hourly value: {per_value * hourly.height / t_daily:6.0f}x"
    )
    diffs = section_differences(daily, sample_size)
    return {
        "records": hourly.height,
        "iaqi_values": values,
        "iaqi_ours_s": t_iaqi,
        "peer_us_per_value": per_value * 1e6,
        "iaqi_ratio": peer_total / t_iaqi,
        "daily_ours_s": t_daily,
        "daily_peer_s": peer_daily,
        "daily_ratio": peer_daily / t_daily,
        "daily_vs_hourly_peer_ratio": per_value * hourly.height / t_daily,
        "differences": diffs,
    }


def section_differences(daily: pl.DataFrame, sample_size: int) -> dict:
    names = list(PEER_CONSTANTS)
    days = daily.select(names).drop_nulls()
    rows = days.gather_every(max(1, days.height * len(names) // sample_size)).rows(named=True)
    causes: dict[str, int] = {}
    compared = differing = 0
    for row in rows:
        for pollutant in names:
            value = row[pollutant]
            # HJ 633 Table 1 note (4): O3_8h above 800 takes the day's O3 1 h sub-index
            fallback = row["O3"] if pollutant == "O3_8h" else None
            ours = hj633.iaqi(pollutant, value, fallback=fallback)
            theirs = peer_iaqi(pollutant, value)
            compared += 1
            if ours != theirs:
                differing += 1
                cause = difference_cause(pollutant, value, ours, theirs)
                causes[cause] = causes.get(cause, 0) + 1
    print(f"\n## 3. differences on {compared:,} daily values (ours vs python-aqi MEP)")
    print(
        f"differing: {differing:,} ({differing / compared:.1%}); each attributed to the first "
        "step that reproduces python-aqi's number"
    )
    for cause, count in sorted(causes.items(), key=lambda kv: -kv[1]):
        print(f"  {count:6,}  {cause}")
    return {"sample": compared, "differing": differing, "causes": causes}


def worker_annual(n_stations: int, repeat: int) -> None:
    hourly = generate(n_stations)
    input_gb = hourly.estimated_size() / 1024**3
    seconds, evaluation = timed(lambda: air_quality.annual_evaluation(hourly, year=2024), repeat)
    print(
        json.dumps(
            {
                "stations": n_stations,
                "records": hourly.height,
                "input_gb": input_gb,
                "seconds": seconds,
                "peak_gb": peak_gb(),
                "statistics_rows": evaluation.statistics.height,
            }
        )
    )


def section_annual(sizes: list[int], repeat: int) -> list[dict]:
    print("\n## 4. annual evaluation, one year hourly, six pollutants (fresh process per size)")
    print(f"{'stations':>8} {'records':>13} {'input GB':>9} {'median s':>9} {'peak GB':>8}")
    rows = []
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--worker", str(n), "--repeat", str(repeat)],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{row['stations']:>8,} {row['records']:>13,} {row['input_gb']:>9.2f} "
            f"{row['seconds']:>9.2f} {row['peak_gb']:>8.2f}"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repetition")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_annual(args.worker, args.repeat)
        return
    print(
        f"polars {pl.__version__}, python-aqi {peer.__version__}, {pl.thread_pool_size()} threads"
    )
    if args.quick:
        section_iaqi_and_daily(records=500_000, sample_size=2_000, repeat=1)
        section_annual([20, 50], repeat=1)
    else:
        section_iaqi_and_daily(records=10_000_000, sample_size=20_000, repeat=3)
        section_annual([200, 500, 1000, 2000], repeat=3)


if __name__ == "__main__":
    main()
