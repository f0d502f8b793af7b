"""GB 3095-2012 环境空气质量标准.

Published 2012-02-29, in force nationwide 2016-01-01, superseded on 2026-03-01 by GB 3095-2026.
"""

from __future__ import annotations

EDITION = "GB3095-2012"

TABLE_1 = "GB 3095-2012 表1 环境空气污染物基本项目浓度限值"
TABLE_4 = "GB 3095-2012 表4 污染物浓度数据有效性的最低要求"

#: Table 1: (pollutant, averaging time) -> (Grade I, Grade II). µg/m³; CO in mg/m³.
#: O3 "8h" is the daily maximum 8-hour mean (日最大8小时平均).
LIMITS: dict[tuple[str, str], tuple[float, float]] = {
    ("SO2", "annual"): (20, 60),
    ("SO2", "24h"): (50, 150),
    ("SO2", "1h"): (150, 500),
    ("NO2", "annual"): (40, 40),
    ("NO2", "24h"): (80, 80),
    ("NO2", "1h"): (200, 200),
    ("CO", "24h"): (4, 4),
    ("CO", "1h"): (10, 10),
    ("O3", "8h"): (100, 160),
    ("O3", "1h"): (160, 200),
    ("PM10", "annual"): (40, 70),
    ("PM10", "24h"): (50, 150),
    ("PM2.5", "annual"): (15, 35),
    ("PM2.5", "24h"): (35, 75),
}

#: Table 4 (SO2, NO2, CO, PM10, PM2.5): a 24-hour mean needs at least 20 hourly values.
MIN_HOURS_PER_DAY = 20
#: Table 4 (O3): an 8-hour mean needs at least 6 hourly values.
MIN_HOURS_PER_8H = 6
#: Table 4 (annual mean): at least 324 daily means a year, 27 in every month, 25 in February.
MIN_DAYS_PER_YEAR = 324
MIN_DAYS_PER_MONTH = 27
MIN_DAYS_FEBRUARY = 25
