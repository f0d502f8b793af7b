"""Factories for the registry tests: valid credit codes, list files as bytes, enterprises."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from qingshan.polluters.creditcode import ALPHABET, check_character

HEADER = ["序号", "区县", "单位名称", "统一社会信用代码", "地址", "经度", "纬度", "行业类别", "类别",
          "排污许可证编号"]  # fmt: skip


def code(n: int, division: str = "330109") -> str:
    """The n-th test code: a made-up body with a correctly computed check character."""
    body = "MA2" + "".join(ALPHABET[(n // 31**i) % 31] for i in range(6))
    first17 = "91" + division + body
    return first17 + check_character(first17)


def row(n: int, district: str = "萧山区", **over) -> list:
    values = {
        "序号": n,
        "区县": district,
        "单位名称": f"测试单位{n}有限公司",
        "统一社会信用代码": code(n),
        "地址": f"{district}测试路{n}号",
        "经度": "120.26",
        "纬度": "30.18",
        "行业类别": "纺织业",
        "类别": "水环境",
        "排污许可证编号": code(n) + "001P",
    } | over
    return [values[h] for h in HEADER]


def csv_bytes(rows: list[list], header: list[str] = HEADER, encoding: str = "utf-8") -> bytes:
    lines = [",".join(header)] + [",".join("" if v is None else str(v) for v in r) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r in rows:
            sheet.append(r)
        for cells in (merges or {}).get(title, []):
            sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def make_enterprise(hz):
    from qingshan.plans.models import Org
    from qingshan.polluters.models import Enterprise, Listing

    def make(n: int, district: str = "xiaoshan", year: int = 2022, published: bool = True,
             categories: tuple[str, ...] = ("water",), **fields) -> Enterprise:  # fmt: skip
        values = {
            "name": f"测试单位{n}有限公司",
            "credit_code": code(n),
            "district": Org.objects.get(code=district),
            "longitude": Decimal("120.26"),
            "latitude": Decimal("30.18"),
            "industry": "纺织业",
            "is_published": published,
        } | fields
        enterprise = Enterprise.objects.create(**values)
        Listing.objects.create(enterprise=enterprise, year=year, **{c: True for c in categories})
        return enterprise

    return make


@pytest.fixture
def files():
    """The file factories above, for the test modules (conftest is not importable under
    --import-mode=importlib)."""
    from types import SimpleNamespace

    return SimpleNamespace(code=code, row=row, csv=csv_bytes, xlsx=xlsx_bytes, HEADER=HEADER)
