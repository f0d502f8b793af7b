"""Simulated monitoring data for Hangzhou (2019–2022): hourly air, monthly water samples.

Everything made here is marked as simulated: the stations and sections carry
`is_simulated=True`, the data sit in an `ImportBatch(source="demo")`, and every page and export
that shows them says 演示数据（模拟）.

The entry point is `load_demo` (in `load`); the modules:
  defaults (period, seed, label), random_numbers (hashed and AR(1) randomness),
  air (hourly air frame, see there for the model), water (monthly samples),
  registry (creating the stations and sections), bulk_insert (plain INSERTs), load.
"""

from .air import BASE, POLLUTANT_COLUMNS, POLLUTANT_NAMES, TREND, air_frame
from .defaults import BATCH_LABEL, FIRST_DAY, LAST_DAY, SEED, SHANGHAI
from .load import DemoResult, demo_present, load_demo
from .water import WaterValue, water_values

__all__ = [
    "BASE",
    "BATCH_LABEL",
    "FIRST_DAY",
    "LAST_DAY",
    "POLLUTANT_COLUMNS",
    "POLLUTANT_NAMES",
    "SEED",
    "SHANGHAI",
    "TREND",
    "DemoResult",
    "WaterValue",
    "air_frame",
    "demo_present",
    "load_demo",
    "water_values",
]
