"""Where a report is: distances between points, and the district a point falls in.

The district shapes are the vendored GeoJSON the maps draw (pre-2021 boundaries, a schematic
base map); a shape that no longer exists as a unit is mapped to the unit that took over its
territory, so that a case is suggested to a district that exists today."""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from qingshan.plans.models import Org

GEOJSON = Path(settings.BASE_DIR) / "static" / "vendor" / "geo" / "hangzhou-districts.geojson"
EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
# Accept points in and around the city; the map cannot produce anything else.
LONGITUDE_RANGE = (118.0, 121.0)
LATITUDE_RANGE = (29.0, 31.0)
# The file names 临安 by its pre-2017 status; every other name matches a unit's name.
NAME_FIXES = {"临安市": "临安区"}

Ring = list[tuple[float, float]]


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def in_range(longitude: float | Decimal, latitude: float | Decimal) -> bool:
    return (
        LONGITUDE_RANGE[0] <= float(longitude) <= LONGITUDE_RANGE[1]
        and LATITUDE_RANGE[0] <= float(latitude) <= LATITUDE_RANGE[1]
    )


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    """Ray casting (even-odd rule)."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


@lru_cache(maxsize=1)
def _shapes() -> list[tuple[str, tuple[float, float, float, float], list[list[Ring]]]]:
    """(name, bounding box, polygons as lists of rings) for every feature of the file."""
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    shapes = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        coords = geometry["coordinates"]
        polygons = [coords] if geometry["type"] == "Polygon" else coords
        rings = [[[(float(x), float(y)) for x, y in ring] for ring in poly] for poly in polygons]
        xs = [x for poly in rings for ring in poly for x, _ in ring]
        ys = [y for poly in rings for ring in poly for _, y in ring]
        name = feature["properties"]["name"]
        shapes.append((NAME_FIXES.get(name, name), (min(xs), min(ys), max(xs), max(ys)), rings))
    return shapes


def district_name_at(longitude: float, latitude: float) -> str | None:
    """The name of the district shape containing the point, or None outside all of them."""
    x, y = float(longitude), float(latitude)
    for name, (x0, y0, x1, y1), polygons in _shapes():
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            continue
        for rings in polygons:
            # Inside the outer ring and outside every hole.
            if _in_ring(x, y, rings[0]) and not any(_in_ring(x, y, h) for h in rings[1:]):
                return name
    return None


def current_unit(org: Org, day: dt.date) -> Org:
    """The unit answering for `org`'s territory on `day`: itself while it exists, else the
    successor named first by the plan (江干区 → 上城区, 下城区 → 拱墅区)."""
    seen = {org.pk}
    while not org.is_valid_on(day):
        succession = org.successions.filter(date__lte=day).order_by("date", "id").first()  # type: ignore[attr-defined]
        if succession is None or succession.successor_id in seen:
            break
        org = succession.successor
        seen.add(org.pk)
    return org


def district_at(longitude: float | Decimal, latitude: float | Decimal, region: str) -> Org | None:
    """The district-level unit of `region` that answers today for the point, if any."""
    name = district_name_at(float(longitude), float(latitude))
    if name is None:
        return None
    org = Org.objects.filter(region=region, kind=Org.Kind.DISTRICT, name=name).first()
    if org is None:
        return None
    return current_unit(org, timezone.localdate())
