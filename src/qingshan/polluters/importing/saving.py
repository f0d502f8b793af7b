"""Writing a checked list: one transaction, one audit event, nothing written for a refused file.

An enterprise is matched by its credit code.  Its details (name, district, address, …) follow
the newest list it is on: importing an older year's list adds that year's listing but does not
overwrite what a newer list says.  Without `replace`, a list adds categories to a year's
listing (a workbook per category can be imported one after the other); with `replace` the file
is that year's whole list: categories are set exactly and listings of that year that are not
in the file are removed (the enterprises and their records stay).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from qingshan.audit.services import record_event

from ..models import Category, Enterprise, Listing
from .rules import Entry

FIELDS = ("name", "district_id", "address", "longitude", "latitude", "coordinate_system",
          "industry", "permit_number")  # fmt: skip
CATEGORIES = [c.value for c in Category]
CHUNK = 500


@dataclass
class Outcome:
    created: list[str] = field(default_factory=list)
    updated: dict[str, dict[str, Any]] = field(default_factory=dict)  # code → field → new
    before: dict[str, dict[str, Any]] = field(default_factory=dict)  # code → field → old
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    event_id: int | None = None


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _jsonable(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _values(entry: Entry, crs: str) -> dict[str, Any]:
    """The fields the file gives: a list without an address column leaves addresses alone."""
    values: dict[str, Any] = {"name": entry.name, "district_id": entry.district.pk}
    if "address" in entry.given:
        values["address"] = entry.address
    if "longitude" in entry.given:
        values |= {"longitude": entry.longitude, "latitude": entry.latitude}
        values["coordinate_system"] = crs
    if "industry" in entry.given:
        values["industry"] = entry.industry
    if "permit" in entry.given:
        values["permit_number"] = entry.permit
    return values


def _flags(categories: set[str]) -> dict[str, bool]:
    return {c: c in categories for c in CATEGORIES}


def save_entries(
    entries: list[Entry],
    *,
    year: int,
    crs: str,
    replace: bool,
    publish: bool,
    audit: dict[str, Any],
) -> Outcome:
    out = Outcome()
    codes = [e.code for e in entries]
    with transaction.atomic():
        existing: dict[str, Enterprise] = {}
        for chunk in _chunks(codes):
            existing |= {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=chunk)}
        ids = [e.pk for e in existing.values()]
        latest = dict(
            Listing.objects.filter(enterprise_id__in=ids)
            .values("enterprise_id")
            .annotate(last=Max("year"))
            .values_list("enterprise_id", "last")
        )
        listings = {
            item.enterprise_id: item
            for item in Listing.objects.filter(enterprise_id__in=ids, year=year)
        }
        new_enterprises, new_listings = [], []
        changed_enterprises, changed_listings = [], []
        for entry in entries:
            values = _values(entry, crs)
            enterprise = existing.get(entry.code)
            if enterprise is None:
                values = {"coordinate_system": crs} | values
                enterprise = Enterprise(credit_code=entry.code, is_published=publish, **values)
                new_enterprises.append(enterprise)
                out.created.append(entry.code)
                continue
            diff: dict[str, Any] = {}
            old: dict[str, Any] = {}
            if year >= latest.get(enterprise.pk, year):
                for name, value in values.items():
                    if getattr(enterprise, name) != value:
                        old[name] = _jsonable(getattr(enterprise, name))
                        diff[name] = _jsonable(value)
                        setattr(enterprise, name, value)
                if diff:
                    changed_enterprises.append(enterprise)
            listing = listings.get(enterprise.pk)
            wanted = (
                entry.categories
                if listing is None or replace
                else (entry.categories | set(listing.categories))
            )
            if listing is None:
                new_listings.append(Listing(enterprise=enterprise, year=year, **_flags(wanted)))
                diff[f"listing_{year}"] = sorted(wanted)
            elif set(listing.categories) != wanted:
                old[f"listing_{year}"] = listing.categories
                diff[f"listing_{year}"] = sorted(wanted)
                for name, flag in _flags(wanted).items():
                    setattr(listing, name, flag)
                changed_listings.append(listing)
            if diff:
                out.updated[entry.code] = diff
                out.before[entry.code] = old
            else:
                out.unchanged += 1
        Enterprise.objects.bulk_create(new_enterprises, batch_size=CHUNK)
        by_code = {e.credit_code: e for e in new_enterprises}
        for entry in entries:
            if entry.code in by_code:
                new_listings.append(
                    Listing(enterprise=by_code[entry.code], year=year, **_flags(entry.categories))
                )
        Enterprise.objects.bulk_update(changed_enterprises, [*FIELDS], batch_size=CHUNK)
        Listing.objects.bulk_update(changed_listings, CATEGORIES, batch_size=CHUNK)
        Listing.objects.bulk_create(new_listings, batch_size=CHUNK)
        if replace:
            gone = Listing.objects.filter(year=year).exclude(enterprise__credit_code__in=codes)
            out.removed = sorted(gone.values_list("enterprise__credit_code", flat=True))
            gone.delete()
        event = record_event(
            "polluters.import",
            "polluter_list",
            year,
            actor=audit.get("user"),
            actor_label=audit.get("label", ""),
            summary=(
                f"导入{year}年重点排污单位名录 {audit['file']}：新增 {len(out.created)}，"
                f"更新 {len(out.updated)}，未变 {out.unchanged}"
                + (f"，移出名录 {len(out.removed)}" if out.removed else "")
            ),
            before=out.before or None,
            after={
                "file": audit["file"],
                "sha256": audit["sha256"],
                "year": year,
                "rows": len(entries),
                "coordinate_system": crs,
                "replace": replace,
                "created": out.created,
                "updated": out.updated,
                "unchanged": out.unchanged,
                "removed": out.removed,
            },
        )
        out.event_id = event.pk
    return out
