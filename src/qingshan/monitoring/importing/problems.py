"""What a refused import reports: every problem with its file, row, column, value and rule.

Problems are collected for the whole file before anything is written; a file with one problem
stores nothing.  A pathological file (every cell in the wrong unit) could produce millions of
problems, so only the first `MAX_PROBLEMS` per kind of problem are kept, while all are counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from qingshan.tabular import shown

MAX_PROBLEMS = 500


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # line of the file as an editor or Excel numbers it; None: the whole file
    column: str  # column letter ("C"), or the key of a JSON record; "" for a whole row
    header: str  # the column's header text
    value: str
    rule: str
    message: str

    @property
    def where(self) -> str:
        parts = [f"第{self.row}行" if self.row else ""]
        if self.column:
            parts.append(f"{self.column}列" + (f"（{self.header}）" if self.header else ""))
        return "".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "value": self.value,
            "rule": self.rule,
            "message": self.message,
        }


class ImportRefused(Exception):
    """The file was refused; `problems` says where and why.  Nothing was stored."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        ordered = sorted(
            problems, key=lambda p: (p.row is not None, p.row or 0, len(p.column), p.column)
        )
        self.total = max(total or 0, len(ordered))
        self.problems = ordered[:MAX_PROBLEMS]
        first = ordered[0]
        summary = f"{first.where}：{first.message}" if first.where else first.message
        if self.total > 1:
            summary += f"（共 {self.total} 个问题）"
        super().__init__(summary)


class Checker:
    """Collects the problems of one file; keeps the first `MAX_PROBLEMS` of each rule."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.total = 0
        self._kept: dict[str, int] = {}

    def add(
        self,
        rule: str,
        message: str,
        *,
        row: int | None = None,
        column: str = "",
        header: str = "",
        value: Any = None,
    ) -> None:
        self.total += 1
        if self._kept.get(rule, 0) >= MAX_PROBLEMS:
            return
        self._kept[rule] = self._kept.get(rule, 0) + 1
        self.problems.append(Problem(self.file, row, column, header, shown(value), rule, message))

    def add_rows(
        self,
        rule: str,
        rows: Iterable[tuple[int, Any, str]],
        *,
        count: int,
        column: str = "",
        header: str = "",
    ) -> None:
        """Problems of one rule found in bulk: `rows` yields (row, value, message) and need only
        cover the first few; `count` is how many there are in all."""
        added = 0
        for row, value, message in rows:
            if added >= MAX_PROBLEMS:
                break
            self.add(rule, message, row=row, column=column, header=header, value=value)
            added += 1
        self.total += max(0, count - added)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ImportRefused(self.problems, self.total)

    def refuse(self, rule: str, message: str) -> ImportRefused:
        """A refusal of the file as a whole (raised at once, not collected)."""
        return ImportRefused([Problem(self.file, None, "", "", "", rule, message)])
