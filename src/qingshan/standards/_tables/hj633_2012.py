"""HJ 633-2012 环境空气质量指数（AQI）技术规定（试行）.

Published 2012-02-29, in force 2016-01-01 (cover page: "2012-02-29发布 2016-01-01实施"),
superseded on 2026-03-01 by HJ 633-2026.
"""

from __future__ import annotations

EDITION = "HJ633-2012"

TABLE_1 = "HJ 633-2012 表1 空气质量分指数及对应的污染物项目浓度限值"
TABLE_2 = "HJ 633-2012 表2 空气质量指数及相关信息"
APPENDIX_A = "HJ 633-2012 附录A 空气质量指数类别的表示颜色"

#: Table 1, first row (IAQI).
IAQI_STEPS: tuple[int, ...] = (0, 50, 100, 150, 200, 300, 400, 500)

#: Table 1 concentration limits, keyed by series ``<pollutant>_<averaging>``.
#: µg/m³, except CO in mg/m³. A series shorter than ``IAQI_STEPS`` stops where the table does.
BREAKPOINTS: dict[str, tuple[float, ...]] = {
    "SO2_24h": (0, 50, 150, 475, 800, 1600, 2100, 2620),
    "SO2_1h": (0, 150, 500, 650, 800),
    "NO2_24h": (0, 40, 80, 180, 280, 565, 750, 940),
    "NO2_1h": (0, 100, 200, 700, 1200, 2340, 3090, 3840),
    "PM10_24h": (0, 50, 150, 250, 350, 420, 500, 600),
    "CO_24h": (0, 2, 4, 14, 24, 36, 48, 60),
    "CO_1h": (0, 5, 10, 35, 60, 90, 120, 150),
    "O3_1h": (0, 160, 200, 300, 400, 800, 1000, 1200),
    "O3_8h": (0, 100, 160, 215, 265, 800),
    "PM2.5_24h": (0, 35, 75, 115, 150, 250, 350, 500),
}

#: Table 1 notes (3) and (4): above the threshold the series is not indexed at all; the
#: sub-index of the substitute series is reported instead.
NOT_INDEXED_ABOVE: dict[str, tuple[float, str]] = {
    "SO2_1h": (800.0, "SO2_24h"),
    "O3_8h": (800.0, "O3_1h"),
}

#: Units of Table 1.
UNITS: dict[str, str] = {
    "SO2": "µg/m³",
    "NO2": "µg/m³",
    "CO": "mg/m³",
    "O3": "µg/m³",
    "O3_8h": "µg/m³",
    "PM10": "µg/m³",
    "PM2.5": "µg/m³",
}

#: §3 terms and §4.3: a pollutant is primary (首要污染物) when AQI > 50 and its IAQI is the
#: maximum; on a tie every tied pollutant is primary.
PRIMARY_ABOVE = 50
#: §3 terms: a pollutant with IAQI > 100 is an exceeding pollutant (超标污染物).
EXCEEDING_ABOVE = 100

#: Table 2 and Appendix A: (upper AQI bound inclusive or None, level, category, English
#: category, RGB, colour name).
LEVELS: tuple[tuple[int | None, str, str, str, tuple[int, int, int], str], ...] = (
    (50, "一级", "优", "Excellent", (0, 228, 0), "green"),
    (100, "二级", "良", "Good", (255, 255, 0), "yellow"),
    (150, "三级", "轻度污染", "Lightly polluted", (255, 126, 0), "orange"),
    (200, "四级", "中度污染", "Moderately polluted", (255, 0, 0), "red"),
    (300, "五级", "重度污染", "Heavily polluted", (153, 0, 76), "purple"),
    (None, "六级", "严重污染", "Severely polluted", (126, 0, 35), "maroon"),
)
