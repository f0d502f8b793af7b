"""The rules a list's rows must meet; every problem names the file, row, column, value and rule.

Nothing is written here: `parse_tables` turns the tables read from a file into entries, or
collects every problem of the whole file for `ImportRefused`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from qingshan.monitoring.importing.problems import Checker
from qingshan.plans.models import Org

from .. import creditcode
from ..coordinates import location_problem, parse_degrees
from ..districts import DistrictNames
from ..models import Category
from .columns import CATEGORY_OF, LABELS, REQUIRED, Column, column_of, norm
from .reading import Table

# Columns whose merged cells mean "the same for every row it spans" (a district over its
# enterprises); a merged name, code or coordinate would give two enterprises one value.
FILL_DOWN = {"district", "industry", "categories", "category"}
NOT_OURS = {"seq", ""}
OPTIONAL = ("address", "longitude", "industry", "permit")
MAX_LENGTH = {"name": 200, "address": 300, "industry": 100, "permit": 50}
YES = {norm(x) for x in ("✓", "✔", "√", "☑", "●", "■", "★", "是", "有", "y", "yes", "1", "true")}
NO = {norm(x) for x in ("否", "无", "×", "✗", "n", "no", "0", "false", "-", "—", "/", "")}
_SPLIT = re.compile(r"[、,，;；/|+＋\s]+|和|及")
SHEET_CATEGORIES = (  # a workbook with one sheet per category (checked in this order)
    ("土壤", Category.SOIL),
    ("大气", Category.AIR),
    ("废气", Category.AIR),
    ("噪声", Category.NOISE),
    ("声环境", Category.NOISE),
    ("风险", Category.RISK),
    ("水", Category.WATER),
)


@dataclass
class Entry:
    line: int
    sheet: str
    name: str
    code: str
    district: Org
    address: str = ""
    longitude: Decimal | None = None
    latitude: Decimal | None = None
    industry: str = ""
    permit: str = ""
    categories: set[str] = field(default_factory=set)
    from_category_sheet: bool = False
    given: frozenset[str] = frozenset()  # the optional columns the file has: only they update


@dataclass
class Seen:
    sheet: str
    line: int
    name: str
    entry: Entry | None


@dataclass
class Parsed:
    entries: list[Entry]
    ignored: list[str]  # headers of columns that are not ours
    sheets: list[str]


def sheet_category(sheet: str) -> Category | None:
    name = norm(sheet)
    return next((cat for word, cat in SHEET_CATEGORIES if word in name), None)


def text_of(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return unicodedata.normalize("NFKC", str(cell)).strip()


class _Rows:
    """The rules over one table, adding problems to the file's checker."""

    def __init__(self, table: Table, year: int, check: Checker, districts: DistrictNames):
        self.table, self.year, self.check, self.districts = table, year, check, districts
        self.columns = [column_of(j, h) for j, h in enumerate(table.headers)]
        self.role: dict[str, Column] = {}
        self.flags: list[Column] = []
        for col in self.columns:
            if col.role == "category":
                self.flags.append(col)
            elif col.role not in NOT_OURS:
                if col.role in self.role:
                    first = self.role[col.role]
                    self.file_problem(
                        "重复的列",
                        f"{get_column_letter(first.index + 1)}列和{self._letter(col)}列"
                        f"都是“{col.header}”，无法判断用哪一列",
                    )
                self.role.setdefault(col.role, col)
        self.sheet_category = sheet_category(table.sheet) if table.sheet else None
        self.last_code = ""  # the valid credit code of the row last read, for duplicates
        self._check_columns()

    @staticmethod
    def _letter(col: Column) -> str:
        return get_column_letter(col.index + 1)

    def file_problem(self, rule: str, message: str) -> None:
        self.check.add(rule, message)

    def problem(self, rule: str, message: str, line: int, col: Column | None, value: Any) -> None:
        self.check.add(
            rule,
            message,
            row=line,
            column=self._letter(col) if col else "",
            header=col.header if col else "",
            value=value,
        )

    def _check_columns(self) -> None:
        missing = [LABELS[r] for r in REQUIRED if r not in self.role]
        if missing:
            self.file_problem("缺少列", f"缺少必需的列：{'、'.join(missing)}")
        if "categories" not in self.role and not self.flags and self.sheet_category is None:
            self.file_problem(
                "缺少列",
                "缺少类别：应有“类别”列，或 水环境、大气环境、土壤污染、声环境、环境风险 各列"
                "（打 ✓ 或填“是”）",
            )
        if ("longitude" in self.role) != ("latitude" in self.role):
            self.file_problem("缺少列", "经度和纬度应同时提供（只找到其中一列）")

    @property
    def ok(self) -> bool:
        missing = any(r not in self.role for r in REQUIRED)
        return not missing

    def ignored(self) -> list[str]:
        return [c.header for c in self.columns if c.role == "" and c.header]

    def apply_merged(self) -> None:
        index = {line: i for i, line in enumerate(self.table.lines)}
        for m in self.table.merged:
            cols = [c for c in self.columns[m.first_col : m.last_col + 1] if c.role not in NOT_OURS]
            if not cols:
                continue
            vertical_fill = m.first_col == m.last_col and cols[0].role in FILL_DOWN
            if vertical_fill and m.first_line in index:
                value = self.table.rows[index[m.first_line]][m.first_col]
                for line in range(m.first_line + 1, m.last_line + 1):
                    if line in index:
                        self.table.rows[index[line]][m.first_col] = value
                continue
            span = f"第{m.first_line}–{m.last_line}行" if m.last_line > m.first_line else "多列"
            first_row = index.get(m.first_line)
            value = self.table.rows[first_row][m.first_col] if first_row is not None else None
            self.problem(
                "合并单元格",
                f"{cols[0].header}是合并单元格（{span}）：每家单位的{cols[0].header}须逐行单独填写，"
                "请取消合并",
                m.first_line,
                cols[0],
                value,
            )

    def cell(self, row: list[Any], role: str) -> Any:
        col = self.role.get(role)
        return row[col.index] if col is not None and col.index < len(row) else None

    def required(self, row: list[Any], line: int, role: str) -> str:
        value = text_of(self.cell(row, role))
        if not value:
            hint = ""
            if role == "district" and not self.table.sheet:
                hint = (
                    "（原表若是合并单元格，请在 Excel 中取消合并并逐行填写，或直接上传 Excel 文件）"
                )
            self.problem("必填", f"{LABELS[role]}为空{hint}", line, self.role[role], None)
        return value

    def entry(self, row: list[Any], line: int) -> Entry | None:
        before = self.check.total
        name = self.required(row, line, "name")
        code = self._code(row, line)
        district = self._district(row, line)
        lon, lat = self._location(row, line)
        categories = self._categories(row, line)
        texts = {r: text_of(self.cell(row, r)) for r in ("address", "industry", "permit")}
        texts["name"] = name
        for role, limit in MAX_LENGTH.items():
            if len(texts[role]) > limit:
                col = self.role[role]
                self.problem("长度", f"{col.header}超过 {limit} 个字", line, col, texts[role])
        if self.check.total > before or district is None:
            return None
        return Entry(
            line=line,
            sheet=self.table.sheet,
            name=name,
            code=code,
            district=district,
            address=texts["address"],
            longitude=lon,
            latitude=lat,
            industry=texts["industry"],
            permit=creditcode.normalise(texts["permit"]),
            categories=categories,
            from_category_sheet=self.sheet_category is not None and not self._own_categories,
            given=frozenset(r for r in OPTIONAL if r in self.role),
        )

    def _code(self, row: list[Any], line: int) -> str:
        self.last_code = ""
        raw = self.cell(row, "code")
        col = self.role["code"]
        if isinstance(raw, float) and not raw.is_integer():
            self.problem(
                "数字格式",
                "统一社会信用代码被 Excel 存成了数字，末几位已经丢失；请把该列设为“文本”后重新录入",
                line,
                col,
                raw,
            )
            return ""
        if isinstance(raw, float) and abs(raw) >= 1e15:
            self.problem(
                "数字格式",
                "统一社会信用代码被 Excel 存成了数字（超过 15 位的数字会丢失精度）；"
                "请把该列设为“文本”后重新录入",
                line,
                col,
                raw,
            )
            return ""
        code = creditcode.normalise(text_of(raw))
        if not code:
            self.problem("必填", "统一社会信用代码为空", line, col, None)
            return ""
        why = creditcode.problem(code)
        if why:
            self.problem("信用代码", why, line, col, raw)
        else:
            self.last_code = code
        return code

    def _district(self, row: list[Any], line: int) -> Org | None:
        text = self.required(row, line, "district")
        if not text:
            return None
        found = self.districts.match(text, self.year)
        if found.org is None:
            self.problem("区县", found.problem, line, self.role["district"], text)
        return found.org

    def _location(self, row: list[Any], line: int) -> tuple[Decimal | None, Decimal | None]:
        if "longitude" not in self.role or "latitude" not in self.role:
            return None, None
        values: dict[str, Decimal | None] = {}
        for role in ("longitude", "latitude"):
            raw, col = self.cell(row, role), self.role[role]
            values[role] = None
            if text_of(raw):
                try:
                    values[role] = parse_degrees(raw)
                except ValueError as exc:
                    self.problem("数字格式", f"{col.header}：{exc}", line, col, raw)
        lon, lat = values["longitude"], values["latitude"]
        given = [text_of(self.cell(row, r)) for r in ("longitude", "latitude")]
        if bool(given[0]) != bool(given[1]):
            role = "latitude" if given[0] else "longitude"
            col = self.role[role]
            self.problem("必填", "经度和纬度应同时填写，或同时留空", line, col, None)
            return None, None
        if lon is None or lat is None:
            return None, None
        found = location_problem(lon, lat)
        if found:
            rule, message = found
            shown = f"{given[0]}, {given[1]}"
            self.problem(rule, message, line, self.role["longitude"], shown)
            return None, None
        return lon, lat

    @property
    def _own_categories(self) -> bool:
        return "categories" in self.role or bool(self.flags)

    def _categories(self, row: list[Any], line: int) -> set[str]:
        before = self.check.total
        found: set[str] = set()
        col = self.role.get("categories")
        if col is not None:
            text = text_of(self.cell(row, "categories"))
            for word in filter(None, _SPLIT.split(text)):
                cat = CATEGORY_OF.get(norm(word)) or CATEGORY_OF.get(norm(word).removesuffix("类"))
                if cat is None:
                    self.problem(
                        "类别",
                        f"无法识别的类别“{word}”；可填写 水环境、大气环境、土壤污染、声环境、"
                        "环境风险（多个用顿号分隔）",
                        line,
                        col,
                        text,
                    )
                else:
                    found.add(cat.value)
        for flag in self.flags:
            mark = norm(text_of(row[flag.index]))
            if mark in YES:
                assert flag.category is not None
                found.add(flag.category.value)
            elif mark not in NO:
                self.problem(
                    "类别",
                    f"“{flag.header}”列应打 ✓（或填“是”）或留空",
                    line,
                    flag,
                    row[flag.index],
                )
        if not self._own_categories and self.sheet_category is not None:
            found.add(self.sheet_category.value)
        if not found and self.check.total == before:
            target = col or (self.flags[0] if self.flags else None)
            self.problem("必填", "没有标明类别（至少填一类）", line, target, None)
        return found


def parse_tables(
    file_name: str, tables: list[Table], year: int, check: Checker, districts: DistrictNames
) -> Parsed:
    entries: dict[str, Entry] = {}
    seen: dict[str, Seen] = {}
    ignored: list[str] = []
    for table in tables:
        check.file = f"{file_name}（工作表“{table.sheet}”）" if len(tables) > 1 else file_name
        rules = _Rows(table, year, check, districts)
        ignored += [h for h in rules.ignored() if h not in ignored]
        if not rules.ok:
            continue
        rules.apply_merged()
        for row, line in zip(table.rows, table.lines, strict=True):
            entry = rules.entry(row, line)
            code = rules.last_code
            first = seen.get(code) if code else None
            if first is None:
                if code:
                    seen[code] = Seen(table.sheet, line, text_of(rules.cell(row, "name")), entry)
                if entry is not None:
                    entries[code] = entry
            elif (
                entry is not None
                and first.entry is not None
                and first.entry.from_category_sheet
                and entry.from_category_sheet
                and first.sheet != entry.sheet
            ):
                _merge(first.entry, entry, rules)
            else:
                where = (
                    f"第{first.line}行"
                    if first.sheet == table.sheet
                    else (f"工作表“{first.sheet}”第{first.line}行")
                )
                rules.problem(
                    "重复代码",
                    f"统一社会信用代码与{where}（{first.name}）重复：同一单位在名录中只能出现一次",
                    line,
                    rules.role["code"],
                    code,
                )
    check.file = file_name
    return Parsed(list(entries.values()), ignored, [t.sheet for t in tables if t.sheet])


def _merge(first: Entry, again: Entry, rules: _Rows) -> None:
    """The same enterprise on two category sheets: one entry with both categories."""
    if (first.name, first.district.pk) != (again.name, again.district.pk):
        rules.problem(
            "重复代码",
            f"该单位也在工作表“{first.sheet}”第{first.line}行，但单位名称或区县不一致"
            f"（“{first.name}”，{first.district.name}）",
            again.line,
            rules.role["code"],
            again.code,
        )
        return
    first.categories |= again.categories
    first.given |= again.given
    for attr in ("address", "industry", "permit", "longitude", "latitude"):
        if not getattr(first, attr) and getattr(again, attr):
            setattr(first, attr, getattr(again, attr))
