"""How a target reads in Chinese: "≤ 38 微克/立方米", "比2015年下降 5% 以上", "92% 左右"."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def plain_number(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def format_target_value(target: Any) -> str:
    v = plain_number(target.value)
    unit = target.unit or target.indicator.unit
    c = target.comparator
    if c == "reduce_by":
        return f"比{target.baseline_year}年下降 {v}{unit} 以上"
    if c == "no_increase":
        base = f"{target.baseline_year}年" if target.baseline_year else "上年"
        return f"较{base}零增长"
    if c == "about":
        return f"{v}{unit} 左右"
    if c == "at_least":
        return f"{v}{unit} 以上"
    if c == "=":
        return "清零（0）" if v == "0" else f"{v}{unit}"
    symbol = {"<=": "≤", ">=": "≥", ">": ">"}[c]
    return f"{symbol} {v}{unit}"
