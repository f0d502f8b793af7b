"""Coordinates as the lists give them: decimal degrees (full-width digits allowed) or
degrees-minutes-seconds, checked against Hangzhou's bounding box.

The box is the extent of the vendored district shapes (static/vendor/geo) with about 5 km to
spare on each side: it catches swapped longitude/latitude, a dropped digit and points in
another city, not a point a few hundred metres over a district line.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from qingshan.numbers import parse_decimal

LONGITUDE = (Decimal("118.30"), Decimal("120.77"))
LATITUDE = (Decimal("29.14"), Decimal("30.61"))
PLACES = Decimal("0.000001")
BOX_TEXT = f"经度 {LONGITUDE[0]}–{LONGITUDE[1]}、纬度 {LATITUDE[0]}–{LATITUDE[1]}（杭州市范围）"
_DMS = re.compile(
    r"^(?P<d>\d+(?:\.\d+)?)[°度]\s*(?:(?P<m>\d+(?:\.\d+)?)['′分]\s*)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)(?:\"|″|''|′′|秒)\s*)?(?P<h>[EN东北])?$"
)


def parse_degrees(text: object) -> Decimal:
    """120.1234, "１２０.１２３４", "120°7′24.5″" or "120度7分24.5秒" as decimal degrees."""
    raw = unicodedata.normalize("NFKC", str(text)).strip().upper()
    found = _DMS.match(raw.replace(" ", ""))
    if found:
        value = Decimal(found["d"])
        if found["m"]:
            value += Decimal(found["m"]) / 60
        if found["s"]:
            value += Decimal(found["s"]) / 3600
        return value.quantize(PLACES, rounding=ROUND_HALF_UP)
    return parse_decimal(text).quantize(PLACES, rounding=ROUND_HALF_UP)


def in_hangzhou(longitude: Decimal, latitude: Decimal) -> bool:
    return LONGITUDE[0] <= longitude <= LONGITUDE[1] and LATITUDE[0] <= latitude <= LATITUDE[1]


def shown(value: Decimal) -> str:
    return format(value.normalize(), "f")


def location_problem(longitude: Decimal, latitude: Decimal) -> tuple[str, str] | None:
    """(rule, message) when the point is not in Hangzhou, or None."""
    if in_hangzhou(longitude, latitude):
        return None
    lon, lat = shown(longitude), shown(latitude)
    if in_hangzhou(latitude, longitude):
        return (
            "经纬度颠倒",
            f"经度 {lon}、纬度 {lat} 填反了：互换后才在杭州市范围内"
            "（杭州的经度约 118–121，纬度约 29–31）",
        )
    return (
        "坐标范围",
        f"坐标（经度 {lon}，纬度 {lat}）不在杭州市范围内，应在{BOX_TEXT}",
    )
