"""The filtered public list as open data: CSV (UTF-8 with BOM, so Excel opens it as Chinese),
Excel and JSON.  Every file says whether it holds simulated data: in a column, in the file
name, and (Excel) on a 说明 sheet."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from qingshan import opendata

from .models import CoordinateSystem, Listing

HEADERS = ["名录年份", "区县", "单位名称", "统一社会信用代码", "地址", "经度", "纬度", "坐标系",
           "行业类别", "类别", "排污许可证编号", "数据性质"]  # fmt: skip
FORMATS = opendata.FORMATS


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
        opendata.SIMULATED_LABEL if e.is_simulated else "名录数据",
    ]


def table(listings: list[Listing], year: int | None) -> opendata.Table:
    simulated = any(x.enterprise.is_simulated for x in listings)
    return opendata.Table(
        title="重点排污单位名录（公开信息）",
        filename=f"重点排污单位名录-{year or '全部'}",
        headers=HEADERS,
        rows=[_row(x) for x in listings],
        simulated=simulated,
        notes=["经纬度按名录发布时的坐标系保存，见“坐标系”列。"],
        simulated_note="含 qingshan demo_polluters 生成的模拟单位，不是真实名录。",
        nature_in_rows=True,
        sheet_name="重点排污单位",
    )


def to_json(listings: Iterable[Listing]) -> bytes:
    return json.dumps([item(x) for x in listings], ensure_ascii=False, indent=1).encode("utf-8")


def respond(listings: list[Listing], fmt: str, year: int | None) -> HttpResponse:
    """CSV and Excel through the shared open-data writer; JSON as the API gives each item."""
    if fmt != "json":
        return opendata.respond(table(listings, year), fmt)
    data = table(listings, year)
    name = data.filename + (f"-{opendata.SIMULATED_LABEL}" if data.simulated else "")
    response = HttpResponse(to_json(listings), content_type=opendata.CONTENT_TYPES["json"])
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.json") or ""
    return response
