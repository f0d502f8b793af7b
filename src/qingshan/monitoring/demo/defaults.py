"""The simulated period, the seed and the label every demo batch carries."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2022, 12, 31)
SEED = 2019
BATCH_LABEL = "演示数据（模拟）"
