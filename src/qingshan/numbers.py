"""Numbers as government staff type them: full-width digits, Chinese commas, stray spaces."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

_GROUPING = {",", "，", "、", " ", "\u00a0", "\u3000", "'"}


def parse_decimal(text: object) -> Decimal:
    """Parse "１，２３４．５" or "1,234.5" or 1234.5 into Decimal("1234.5").

    Raises ValueError with a Chinese message naming the value when it is not a plain number
    (units, percent signs and ranges are refused rather than guessed).
    """
    if isinstance(text, bool):
        raise ValueError(f"“{text}”不是数字")
    if isinstance(text, int | Decimal):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(repr(text))
    raw = str(text)
    normal = unicodedata.normalize("NFKC", raw).strip()
    normal = "".join(ch for ch in normal if ch not in _GROUPING)
    normal = normal.replace("。", ".")
    if not normal:
        raise ValueError("数值为空")
    try:
        value = Decimal(normal)
    except InvalidOperation:
        raise ValueError(f"“{raw}”不是数字（请只填写数值，单位写在表头中）") from None
    if not value.is_finite():
        raise ValueError(f"“{raw}”不是有限的数字")
    return value
