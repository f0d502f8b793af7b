"""What the public sees of the registry: published enterprises on a year's list, filtered by
category, district, industry and a search word.  Pages, exports and the API all ask here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from qingshan.plans.models import Org

from .models import Category, CreditRating, EnforcementRecord, Enterprise, Listing


class FilterError(ValueError):
    pass


@dataclass(frozen=True)
class PublicFilter:
    year: int | None = None  # None: the newest year with published listings
    category: str = ""  # a Category value
    district: str = ""  # an Org code
    industry: str = ""
    q: str = ""

    def as_query(self, **changes: object) -> dict[str, str]:
        values = {
            "year": self.year,
            "category": self.category,
            "district": self.district,
            "industry": self.industry,
            "q": self.q,
        } | changes
        return {k: str(v) for k, v in values.items() if v not in (None, "")}


def published_listings() -> QuerySet[Listing]:
    return Listing.objects.filter(enterprise__is_published=True)


def list_years() -> list[int]:
    return sorted(set(published_listings().values_list("year", flat=True)), reverse=True)


def clean_filter(
    year: object = None,
    category: object = "",
    district: object = "",
    industry: object = "",
    q: object = "",
    *,
    strict: bool = False,
) -> PublicFilter:
    """Query parameters as a filter.  Unknown values raise FilterError when `strict` (the API);
    a page drops them instead and shows everything."""
    problems = []
    chosen_year: int | None = None
    if year not in (None, ""):
        try:
            chosen_year = int(str(year))
        except ValueError:
            problems.append(f"year: “{year}”不是年份")
    cat = str(category or "")
    if cat and cat not in Category.values:
        problems.append(f"category: 应为 {'、'.join(Category.values)} 之一")
        cat = ""
    code = str(district or "")
    if code and not Org.objects.filter(kind=Org.Kind.DISTRICT, code=code).exists():
        problems.append(f"district: 没有代码为“{code}”的区县")
        code = ""
    if problems and strict:
        raise FilterError("；".join(problems))
    return PublicFilter(chosen_year, cat, code, str(industry or "")[:100], str(q or "")[:100])


def effective_year(f: PublicFilter) -> int | None:
    years = list_years()
    if f.year in years:
        return f.year
    return years[0] if years else None


def district_and_predecessors(code: str) -> list[int]:
    """A district and the abolished districts it took over (拱墅区 ← 下城区), so that filtering
    by today's district also finds enterprises registered under its former name."""
    org = Org.objects.filter(kind=Org.Kind.DISTRICT, code=code).first()
    if org is None:
        return []
    ids, stack = {org.pk}, [org]
    while stack:
        unit = stack.pop()
        for s in unit.predecessions.select_related("predecessor"):  # type: ignore[attr-defined]
            before = s.predecessor
            if before.valid_to is not None and before.pk not in ids:
                ids.add(before.pk)
                stack.append(before)
    return sorted(ids)


def filtered_listings(f: PublicFilter, *, apply_category: bool = True) -> QuerySet[Listing]:
    year = effective_year(f)
    if year is None:
        return Listing.objects.none()
    qs = published_listings().filter(year=year).select_related("enterprise__district")
    if f.category and apply_category:
        qs = qs.filter(**{f.category: True})
    if f.district:
        qs = qs.filter(enterprise__district_id__in=district_and_predecessors(f.district))
    if f.industry:
        qs = qs.filter(enterprise__industry=f.industry)
    for word in f.q.split():
        qs = qs.filter(
            Q(enterprise__name__icontains=word)
            | Q(enterprise__credit_code__iexact=word)
            | Q(enterprise__address__icontains=word)
        )
    return qs.order_by("enterprise__district_id", "enterprise__name", "enterprise_id")


def category_counts(f: PublicFilter) -> list[tuple[Category, int]]:
    """How many of the listings the other filters select are in each category."""
    qs = filtered_listings(f, apply_category=False)
    counts = qs.aggregate(**{c.value: Count("id", filter=Q(**{c.value: True})) for c in Category})
    return [(c, counts[c.value] or 0) for c in Category]


def district_choices(year: int | None) -> list[tuple[Org, int]]:
    """Districts that exist today with their count of the year's published listings (counting
    the listings of abolished districts they took over)."""
    if year is None:
        return []
    counts = dict(
        published_listings()
        .filter(year=year)
        .values("enterprise__district_id")
        .annotate(n=Count("id"))
        .values_list("enterprise__district_id", "n")
    )
    today = dt.date.today()
    result = []
    for org in Org.objects.filter(kind=Org.Kind.DISTRICT).order_by("id"):
        if not org.is_valid_on(today):
            continue
        n = sum(counts.get(pk, 0) for pk in district_and_predecessors(org.code))
        if n:
            result.append((org, n))
    return result


def industry_choices(year: int | None) -> list[str]:
    if year is None:
        return []
    names = published_listings().filter(year=year).values_list("enterprise__industry", flat=True)
    return sorted({n for n in names if n})


def published_enterprise(credit_code: str) -> Enterprise | None:
    return (
        Enterprise.objects.filter(credit_code=credit_code, is_published=True)
        .select_related("district")
        .prefetch_related(
            Prefetch("listings", queryset=Listing.objects.order_by("-year")),
            Prefetch("enforcements", queryset=EnforcementRecord.objects.order_by("-date", "-id")),
            Prefetch("credit_ratings", queryset=CreditRating.objects.order_by("-year")),
        )
        .first()
    )


def any_simulated() -> bool:
    return Enterprise.objects.filter(is_published=True, is_simulated=True).exists()
