"""Helpers for reporting problems found in spreadsheet cells (workbooks, monitoring files)."""

from __future__ import annotations

from typing import Any


def shown(value: Any) -> str:
    """A cell's value as quoted in a problem (shortened)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"
