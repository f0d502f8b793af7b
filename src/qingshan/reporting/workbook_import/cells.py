"""What a single cell may hold: text, status, percent, task number and target value."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

from qingshan.numbers import parse_decimal

from ..models import Report

STATUS_BY_TEXT: dict[str, str] = {}
for _code, _label in Report.Status.choices:
    STATUS_BY_TEXT[_label] = _code
    STATUS_BY_TEXT[_code] = _code


def normal(text: Any) -> str:
    """Text for comparing headers and names: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    if blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_whole(value: Any) -> int:
    """A whole number as typed: 12, 12.0, "１２"."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise ValueError
    return int(number)


def parse_task_number(value: Any) -> int:
    try:
        number = parse_whole(value)
    except ValueError:
        raise ValueError("须为任务序号（整数）") from None
    if number <= 0:
        raise ValueError("须为任务序号（整数）")
    return number


def parse_percent(value: Any) -> int:
    if isinstance(value, str):
        value = unicodedata.normalize("NFKC", value).strip().removesuffix("%").strip()
    try:
        percent = parse_whole(value)
    except ValueError:
        raise ValueError("须为 0 到 100 的整数（如 80）") from None
    if not 0 <= percent <= 100:
        raise ValueError("须为 0 到 100 的整数（如 80）")
    return percent


def parse_status(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value)).strip()
    code = STATUS_BY_TEXT.get(text) or STATUS_BY_TEXT.get(text.lower())
    if code is None:
        raise ValueError("须为" + "、".join(label for _, label in Report.Status.choices) + "之一")
    return code


def parse_value(value: Any) -> Decimal | None:
    if blank(value):
        return None
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        raise ValueError(f"“{value}”不是数字（单元格被设成了日期格式？）")
    number = parse_decimal(value)
    if number < 0:
        raise ValueError("累计值不能为负数")
    if number != number.quantize(Decimal("0.0001")):
        raise ValueError("最多保留 4 位小数")
    if abs(number) >= Decimal(10) ** 12:
        raise ValueError("数值过大")
    return number
