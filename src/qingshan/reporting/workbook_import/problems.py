"""What a refused import reports: each problem with its sheet, row, column, value and rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

from qingshan.tabular import shown

from .. import services
from ..workbook import MAIN_SHEET

MAX_PROBLEMS = 500


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int | None  # as Excel shows it (1-based); None for the file as a whole
    column: str  # the column letter, "" for the file or row as a whole
    header: str
    value: str
    rule: str
    message: str

    @property
    def where(self) -> str:
        parts = [
            f"工作表“{self.sheet}”" if self.sheet else "",
            f"第{self.row}行" if self.row else "",
        ]
        if self.column:
            parts.append(f"{self.column}列" + (f"（{self.header}）" if self.header else ""))
        return "".join(parts)


class WorkbookImportError(services.ReportingError):
    """The upload was refused; `problems` says where and why.  Nothing was stored."""

    def __init__(self, problems: list[ImportProblem]):
        problems = sorted(
            problems,
            key=lambda p: (
                p.row is not None,
                p.sheet != MAIN_SHEET,
                p.sheet,
                p.row or 0,
                len(p.column),
                p.column,
            ),
        )
        self.total = len(problems)
        self.problems = problems[:MAX_PROBLEMS]
        first = problems[0]
        summary = f"{first.where}：{first.message}" if first.where else first.message
        if self.total > 1:
            summary += f"（共 {self.total} 个问题）"
        super().__init__(summary)


def refuse(rule: str, message: str) -> WorkbookImportError:
    """A refusal of the file as a whole (raised at once, not collected)."""
    return WorkbookImportError([ImportProblem("", None, "", "", "", rule, message)])


class Checker:
    """Collects the problems of the whole upload."""

    def __init__(self) -> None:
        self.problems: list[ImportProblem] = []

    def add(
        self,
        rule: str,
        message: str,
        *,
        sheet: str = "",
        row: int | None = None,
        col: int | None = None,
        header: str = "",
        value: Any = None,
    ) -> None:
        letter = get_column_letter(col) if col else ""
        problem = ImportProblem(sheet, row, letter, header, shown(value), rule, message)
        self.problems.append(problem)
