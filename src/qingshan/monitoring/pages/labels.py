"""Names, units and choices the pages show for the air pollutants and their statistics."""

from __future__ import annotations

POLLUTANTS = ("PM2.5", "PM10", "O3", "NO2", "SO2", "CO")
LABELS = {
    "SO2": "SO₂",
    "NO2": "NO₂",
    "CO": "CO",
    "O3": "O₃",
    "O3_8h": "O₃-8h",
    "PM10": "PM₁₀",
    "PM2.5": "PM₂.₅",
}
NAMES = {
    "SO2": "二氧化硫",
    "NO2": "二氧化氮",
    "CO": "一氧化碳",
    "O3": "臭氧",
    "O3_8h": "臭氧（日最大8小时）",
    "PM10": "可吸入颗粒物",
    "PM2.5": "细颗粒物",
}
STATISTICS = {
    "annual_mean": "年平均",
    "p98": "24小时平均第98百分位数",
    "p95": "24小时平均第95百分位数",
    "p90": "日最大8小时滑动平均第90百分位数",
}
STAT_ORDER = ("SO2", "NO2", "CO", "O3_8h", "PM10", "PM2.5")
WINDOWS = {
    "7d": ("近7天", 7),
    "30d": ("近30天", 30),
    "year": ("全年日均", None),
    "all": ("全部年份日均", None),
}


def unit_of(pollutant: str) -> str:
    return "mg/m³" if pollutant.startswith("CO") else "µg/m³"
