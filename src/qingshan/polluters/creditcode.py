"""The unified social credit code (统一社会信用代码) of GB 32100-2015.

18 characters from a 31-character alphabet (digits and the capitals without I, O, Z, S, V):
1 登记管理部门, 2 机构类别, 3–8 登记管理机关行政区划码, 9–17 主体标识码（组织机构代码）,
18 the check character.  The check character is computed (GB 32100-2015, 4.2 and annex):
each of the first 17 characters has its value in the alphabet (0–30), times a weight
3^(i-1) mod 31 (1, 3, 9, 27, 19, 26, …); C18 = 31 − (Σ mod 31), and 31 is written 0.
"""

from __future__ import annotations

import unicodedata

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
VALUES = {ch: i for i, ch in enumerate(ALPHABET)}
LENGTH = 18


def normalise(text: object) -> str:
    """As typed into a spreadsheet: full-width characters, spaces and lower case tolerated."""
    raw = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return "".join(raw.split()).upper()


def check_character(first17: str) -> str:
    """The GB 32100-2015 check character of the first 17 characters of a code."""
    if len(first17) != LENGTH - 1 or any(ch not in VALUES for ch in first17):
        raise ValueError(f"“{first17}”不是 17 位的代码本体")
    total = sum(VALUES[ch] * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def problem(code: str) -> str | None:
    """Why a (normalised) code is not a valid unified social credit code, or None."""
    if len(code) != LENGTH:
        return f"统一社会信用代码应为 18 位，这里是 {len(code)} 位"
    wrong = sorted({ch for ch in code if ch not in VALUES})
    if wrong:
        return (
            f"统一社会信用代码含有不允许的字符“{''.join(wrong)}”"
            "（只能是数字和除 I、O、Z、S、V 以外的大写字母）"
        )
    if not code[2:8].isdigit():
        return "统一社会信用代码第 3–8 位应为行政区划代码（6 位数字）"
    expected = check_character(code[:17])
    if code[17] != expected:
        return (
            f"统一社会信用代码校验位不符：按 GB 32100-2015 计算，第 18 位应为“{expected}”，"
            f"这里是“{code[17]}”（请核对是否抄错）"
        )
    return None


def is_valid(code: str) -> bool:
    return problem(normalise(code)) is None
