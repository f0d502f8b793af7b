"""Colours of the pages: AQI levels and water-quality classes.

AQI levels take the HJ 633-2012 Appendix A colours from `qingshan.standards.aqi`; water classes
use the palette of `WATER_COLOURS` (see there).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from qingshan.standards import aqi

GREEN = "#1f7a4d"

# GB 3838 classes.  The standard prescribes no colours; this palette follows the usual
# practice of Chinese water-quality bulletins and maps: Ⅰ–Ⅱ blues (Ⅰ the deeper), Ⅲ green,
# Ⅳ yellow, Ⅴ orange, 劣Ⅴ red; grey where a period has no class.
GRADES = ("I", "II", "III", "IV", "V", "劣V")
GRADE_LABELS = {"I": "Ⅰ类", "II": "Ⅱ类", "III": "Ⅲ类", "IV": "Ⅳ类", "V": "Ⅴ类", "劣V": "劣Ⅴ类"}
WATER_COLOURS = {
    "I": "#1565c0",
    "II": "#42a5f5",
    "III": "#2e9d4f",
    "IV": "#f2c200",
    "V": "#f57c00",
    "劣V": "#d7191c",
    "": "#aab4af",
}
WATER_TEXT = {"I": "#fff", "II": "#0b2a4a", "III": "#fff", "IV": "#3b2f00", "V": "#fff"}
WATER_TEXT |= {"劣V": "#fff", "": "#1d2a24"}


@dataclass(frozen=True)
class AqiLevel:
    number: int
    level: str
    category: str
    colour: str
    text: str
    low: int
    high: int | None


@cache
def aqi_levels() -> tuple[AqiLevel, ...]:
    """HJ 633 Table 2 levels with their Appendix A colours, read from the standard by walking
    the integer AQI values (so no breakpoint is written down twice)."""
    found: list[tuple[int, int]] = []  # (level number, lowest AQI of the level)
    for value in range(0, 502):
        number = aqi.level_info(value).level_number
        if not found or found[-1][0] != number:
            found.append((number, value))
    levels = []
    for i, (number, low) in enumerate(found):
        info = aqi.level_info(low)
        high = found[i + 1][1] - 1 if i + 1 < len(found) else None
        text = "#1d2a24" if number <= 3 else "#ffffff"  # dark on green/yellow/orange
        levels.append(AqiLevel(number, info.level, info.category, info.colour_hex, text, low, high))
    return tuple(levels)


def aqi_level(number: int | None) -> AqiLevel | None:
    if not number:
        return None
    return aqi_levels()[number - 1]


def grade_label(grade: str) -> str:
    return GRADE_LABELS.get(grade, "无数据")
