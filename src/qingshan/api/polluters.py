"""The key-polluter registry as open data (public, read-only): the published enterprises on a
year's list with the map page's filters, one enterprise with its listings, enforcement records
and credit ratings, and the filtered list as a CSV, Excel or JSON file."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from qingshan.polluters import exports, services
from qingshan.polluters.models import Enterprise

router = Router(tags=["重点排污单位 polluters"])


class PolluterFilters(Schema):
    year: int | None = None
    category: str = ""
    district: str = ""
    industry: str = ""
    q: str = ""


class PolluterOut(Schema):
    year: int
    credit_code: str
    name: str
    district: str
    district_code: str
    address: str
    longitude: float | None
    latitude: float | None
    coordinate_system: str
    industry: str
    categories: list[str]
    category_labels: list[str]
    permit_number: str
    simulated: bool
    url: str


class ListingOut(Schema):
    year: int
    categories: list[str]
    category_labels: list[str]


class EnforcementOut(Schema):
    date: dt.date
    authority: str
    decision_number: str
    violation: str
    penalty_amount: Decimal | None
    url: str
    text: str


class RatingOut(Schema):
    year: int
    level: str
    level_label: str
    authority: str
    note: str


class PolluterDetailOut(Schema):
    credit_code: str
    name: str
    district: str
    district_code: str
    address: str
    longitude: float | None
    latitude: float | None
    coordinate_system: str
    industry: str
    permit_number: str
    simulated: bool
    url: str
    listings: list[ListingOut]
    enforcements: list[EnforcementOut]
    credit_ratings: list[RatingOut]


def _filter(filters: PolluterFilters) -> services.PublicFilter:
    try:
        return services.clean_filter(**filters.dict(), strict=True)
    except services.FilterError as exc:
        raise HttpError(400, str(exc)) from None


@router.get("/polluters", response=list[PolluterOut])
@paginate(LimitOffsetPagination, page_size=100)
def list_polluters(request: HttpRequest, filters: Query[PolluterFilters]):
    """Published enterprises on a year's list (default: the newest year), filtered like the map."""
    return [exports.item(x) for x in services.filtered_listings(_filter(filters))]


@router.get("/polluters/export/{fmt}")
def export_polluters(
    request: HttpRequest, fmt: Literal["csv", "xlsx", "json"], filters: Query[PolluterFilters]
) -> HttpResponse:
    """The filtered list as a file (CSV in UTF-8 with BOM, Excel, or JSON)."""
    f = _filter(filters)
    listings = list(services.filtered_listings(f))
    return exports.respond(listings, fmt, services.effective_year(f))


@router.get("/polluters/{credit_code}", response=PolluterDetailOut)
def get_polluter(request: HttpRequest, credit_code: str):
    enterprise: Enterprise | None = services.published_enterprise(credit_code.upper())
    if enterprise is None:
        raise HttpError(404, f"no published enterprise with credit code {credit_code!r}")
    e = enterprise
    return {
        "credit_code": e.credit_code,
        "name": e.name,
        "district": e.district.name,
        "district_code": e.district.code,
        "address": e.address,
        "longitude": float(e.longitude) if e.longitude is not None else None,
        "latitude": float(e.latitude) if e.latitude is not None else None,
        "coordinate_system": e.coordinate_system,
        "industry": e.industry,
        "permit_number": e.permit_number,
        "simulated": e.is_simulated,
        "url": e.get_absolute_url(),
        "listings": [
            {"year": x.year, "categories": x.categories, "category_labels": x.category_labels}
            for x in e.listings.all()  # type: ignore[attr-defined]
        ],
        "enforcements": list(e.enforcements.all()),  # type: ignore[attr-defined]
        "credit_ratings": [
            {
                "year": r.year,
                "level": r.level,
                "level_label": r.get_level_display(),
                "authority": r.authority,
                "note": r.note,
            }
            for r in e.credit_ratings.all()  # type: ignore[attr-defined]
        ],
    }
