"""HJ 663-2013 环境空气质量评价技术规范（试行）.

Published 2013-09-22, in force 2013-10-01, superseded on 2026-03-01 by HJ 663-2026.
Clause wording below is paraphrased; see docs/standards.md for what could not be verified.
"""

from __future__ import annotations

EDITION = "HJ663-2013"

#: O3 daily maximum 8-hour mean: the 8-hour means ending 08:00 … 24:00 of the day (17 windows,
#: each wholly inside the day); at least 14 of them must be valid.
O3_8H_WINDOW_END_HOURS: tuple[int, ...] = tuple(range(8, 25))
MIN_8H_WINDOWS_PER_DAY = 14

#: Annual evaluation items (年评价): percentile of the daily series, by pollutant.
ANNUAL_PERCENTILES: dict[str, int] = {
    "SO2": 98,
    "NO2": 98,
    "PM10": 95,
    "PM2.5": 95,
    "CO": 95,
    "O3_8h": 90,
}
#: Annual evaluation items that also have an annual arithmetic mean.
ANNUAL_MEAN_POLLUTANTS: tuple[str, ...] = ("SO2", "NO2", "PM10", "PM2.5")

#: Decimal places kept when statistics are rounded (GB/T 8170 round-half-even) before they
#: are compared with the limits. Our choice: integers in µg/m³, 0.1 mg/m³ for CO — the
#: precision of the national bulletins. See docs/standards.md ("Rounding").
ROUNDING_DECIMALS: dict[str, int] = {"CO": 1}
DEFAULT_ROUNDING_DECIMALS = 0

#: A good day (优良天) has AQI ≤ 100.
GOOD_DAY_MAX_AQI = 100
