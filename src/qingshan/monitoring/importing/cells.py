"""What a value cell may hold, parsed a whole column at a time.

Plain numbers ("35", "0.8", "1e3") take the vectorised fast path.  Everything else — about
one cell in a thousand in a network export — goes through `parse_text` once per distinct text:
  * missing ("", "-", "—", "--", "/", "NA", "nan", "无数据", "缺测" …): null;
  * below the detection limit: "未检出", "ND", "N.D." (limit unknown), "<0.01", "＜0.01",
    "小于0.01" and the Chinese notation "0.01L" (limit 0.01);
  * full-width digits and thousands separators ("３５", "1,234", "１，２３４") via
    `qingshan.numbers.parse_decimal`;
  * a unit after the number is stripped when it is the column's unit ("35μg/m³" in a μg/m³
    column) and refused when it is another ("35mg/m³" there: no silent conversion).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import polars as pl

from qingshan.numbers import parse_decimal

from .headers import norm

MISSING = frozenset(
    norm(x) for x in ("-", "—", "--", "——", "/", "na", "n/a", "nan", "null", "none", "无",
                      "无数据", "缺测", "缺失", "空")
)  # fmt: skip
BELOW_DETECTION = frozenset(
    norm(x) for x in ("未检出", "nd", "n.d.", "n.d", "低于检出限", "<dl", "<lod", "bdl")
)
_NUMBER = r"[+-]?[0-9][0-9.,、'。]*(?:e[+-]?[0-9]+)?|[+-]?\.[0-9]+"
LESS_THAN = re.compile(rf"^(?:<|<=|≤|小于|低于)({_NUMBER})(.*)$")
L_SUFFIX = re.compile(rf"^({_NUMBER})l$")  # "0.01L": below the limit 0.01 (GB/HJ notation)
NUMBER_UNIT = re.compile(rf"^({_NUMBER})(.*)$")

Parsed = tuple[float | None, bool, float | None, str, str]  # value, nd, limit, rule, message


def _unit_problem(unit: str, units: frozenset[str], label: str) -> Parsed | None:
    if not unit or unit in units:
        return None
    return None, False, None, "单位不符", f"单位“{unit}”与该列的单位（{label}）不符，未换算"


def parse_text(raw: str, units: frozenset[str], label: str) -> Parsed:
    """One cell that is not a plain number."""
    n = norm(raw)
    if n in MISSING or not n:
        return None, False, None, "", ""
    if n in BELOW_DETECTION:
        return None, True, None, "", ""
    try:
        less = LESS_THAN.match(n) or L_SUFFIX.match(n)
        if less:
            unit = less[2] if less.re is LESS_THAN else ""
            problem = _unit_problem(unit, units, label)
            if problem:
                return problem
            return None, True, float(parse_decimal(less[1])), "", ""
        match = NUMBER_UNIT.match(n)
        if match:
            problem = _unit_problem(match[2], units, label)
            if problem:
                return problem
            if match[2] == "" or match[2] in units:
                return float(parse_decimal(match[1])), False, None, "", ""
    except ValueError:
        pass
    text = unicodedata.normalize("NFKC", raw).strip()
    return (
        None,
        False,
        None,
        "数值格式",
        f"“{text}”不是数值（缺测填“—”，未检出填“未检出”或“<检出限”）",
    )


def parse_values(cells: pl.Series, units: frozenset[str], label: str) -> pl.DataFrame:
    """value (Float64), nd (Boolean), limit (Float64), rule and message (String, null when
    the cell is fine) for every cell of a column."""
    fast = cells.cast(pl.Float64, strict=False)
    ok = fast.is_finite().fill_null(False)
    odd = cells.filter(cells.is_not_null() & ~ok).unique()
    if odd.len() == 0:
        return pl.DataFrame(
            {"value": fast, "nd": False},
            schema={"value": pl.Float64, "nd": pl.Boolean},
        ).with_columns(
            limit=pl.lit(None, pl.Float64), rule=pl.lit(None, pl.String),
            message=pl.lit(None, pl.String),
        )  # fmt: skip
    parsed = [parse_text(text, units, label) for text in odd.to_list()]
    table: dict[str, tuple[list[Any], Any]] = {
        "value": ([p[0] for p in parsed], pl.Float64),
        "nd": ([p[1] for p in parsed], pl.Boolean),
        "limit": ([p[2] for p in parsed], pl.Float64),
        "rule": ([p[3] or None for p in parsed], pl.String),
        "message": ([p[4] or None for p in parsed], pl.String),
    }
    out = {}
    for column, (values, dtype) in table.items():
        mapped = cells.replace_strict(odd, pl.Series(values, dtype=dtype), default=None)
        out[column] = mapped.cast(dtype)
    out["value"] = fast.zip_with(ok, out["value"])
    out["nd"] = out["nd"].fill_null(False)
    return pl.DataFrame(out)
