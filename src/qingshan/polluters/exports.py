"""The filtered public list as open data: CSV (UTF-8 with BOM, so Excel opens it as Chinese),
Excel and JSON.  Every file says whether it holds simulated data: in a column, in the file
name, and (Excel) on a 说明 sheet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .models import CoordinateSystem, Listing
from .pages import SIMULATED_LABEL

HEADERS = ["名录年份", "区县", "单位名称", "统一社会信用代码", "地址", "经度", "纬度", "坐标系",
           "行业类别", "类别", "排污许可证编号", "数据性质"]  # fmt: skip
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
FORMATS = tuple(CONTENT_TYPES)
# A cell starting like a formula is run by Excel when the file is opened: names and addresses
# come from imported files, so such text is written with a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def item(listing: Listing) -> dict[str, Any]:
    """One enterprise as the API and the JSON file give it."""
    e = listing.enterprise
    return {
        "year": listing.year,
        "credit_code": e.credit_code,
        "name": e.name,
        "district": e.district.name,
        "district_code": e.district.code,
        "address": e.address,
        "longitude": float(e.longitude) if e.longitude is not None else None,
        "latitude": float(e.latitude) if e.latitude is not None else None,
        "coordinate_system": e.coordinate_system,
        "industry": e.industry,
        "categories": listing.categories,
        "category_labels": listing.category_labels,
        "permit_number": e.permit_number,
        "simulated": e.is_simulated,
        "url": e.get_absolute_url(),
    }


def _row(listing: Listing) -> list[Any]:
    e = listing.enterprise
    return [
        listing.year,
        e.district.name,
        e.name,
        e.credit_code,
        e.address,
        e.longitude,
        e.latitude,
        CoordinateSystem(e.coordinate_system).label,
        e.industry,
        "、".join(listing.category_labels),
        e.permit_number,
        SIMULATED_LABEL if e.is_simulated else "名录数据",
    ]


def safe_text(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # text, never a formula
        return cell
    return value


def to_csv(listings: Iterable[Listing]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for listing in listings:
        writer.writerow(["" if v is None else safe_text(v) for v in _row(listing)])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def to_xlsx(listings: Iterable[Listing], simulated: bool) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("重点排污单位")
    bold = Font(bold=True)
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for listing in listings:
        sheet.append([_xlsx_cell(sheet, v) for v in _row(listing)])
    about = book.create_sheet("说明")
    about.append(["重点排污单位名录（公开信息）"])
    if simulated:
        about.append(
            [f"{SIMULATED_LABEL}：含 qingshan demo_polluters 生成的模拟单位，不是真实名录。"]
        )
    about.append(["经纬度按名录发布时的坐标系保存，见“坐标系”列。"])
    about.append(
        [f"导出时间：{timezone.localtime():%Y-%m-%d %H:%M} · 青山 生态文明建设行动方案平台"]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_json(listings: Iterable[Listing]) -> bytes:
    return json.dumps([item(x) for x in listings], ensure_ascii=False, indent=1).encode("utf-8")


def respond(listings: list[Listing], fmt: str, year: int | None) -> HttpResponse:
    simulated = any(x.enterprise.is_simulated for x in listings)
    name = f"重点排污单位名录-{year or '全部'}" + (f"-{SIMULATED_LABEL}" if simulated else "")
    if fmt == "csv":
        body = to_csv(listings)
    elif fmt == "xlsx":
        body = to_xlsx(listings, simulated)
    else:
        body = to_json(listings)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{fmt}") or ""
    return response
