"""Public map, list, enterprise pages and open-data downloads; the office's upload page.
The rules live in `services` and `importing`; these views read parameters and render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from qingshan import opendata
from qingshan.accounts.roles import is_office
from qingshan.audit.models import AuditEvent

from . import exports, services
from .forms import ImportForm
from .importing import MAX_BYTES, ImportRefused, import_list
from .models import Category
from .pages import COLOURS, badges, location_option, map_option

PAGE_SIZE = 20


def _filter(request: HttpRequest) -> services.PublicFilter:
    g = request.GET
    return services.clean_filter(
        g.get("year"), g.get("category"), g.get("district"), g.get("industry"), g.get("q")
    )


def map_page(request: HttpRequest) -> HttpResponse:
    f = _filter(request)
    year = services.effective_year(f)
    listings = list(services.filtered_listings(f))
    paginator = Paginator(listings, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    simulated = services.any_simulated()
    counts = services.category_counts(f) if year else []
    without_location = sum(1 for x in listings if x.enterprise.longitude is None)
    context = {
        "filters": f,
        "year": year,
        "years": services.list_years(),
        "page": page,
        "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "ellipsis": paginator.ELLIPSIS,
        "rows": [{"listing": x, "badges": badges(x)} for x in page.object_list],
        "total": len(listings),
        "on_map": len(listings) - without_location,
        "without_location": without_location,
        "category_counts": [
            (c, n, "?" + urlencode(f.as_query(year=year, category=c.value)), COLOURS[c])
            for c, n in counts
        ],
        "all_categories_url": "?" + urlencode(f.as_query(year=year, category="")),
        "districts": services.district_choices(year),
        "industries": services.industry_choices(year),
        "categories": list(Category),
        "map": map_option(listings, simulated, f.category),
        "map_urban": map_option(listings, simulated, f.category, urban=True),
        "simulated": simulated,
        "simulated_label": opendata.SIMULATED_LABEL,
        "query": urlencode(f.as_query(year=year)),
        "filtered": bool(f.category or f.district or f.industry or f.q),
        "office": is_office(request.user),
    }
    return render(request, "polluters/map.html", context)


def enterprise_page(request: HttpRequest, credit_code: str) -> HttpResponse:
    enterprise = services.published_enterprise(credit_code)
    if enterprise is None:
        raise Http404("没有这家公开的重点排污单位")
    listings = list(enterprise.listings.all())  # type: ignore[attr-defined]
    latest = listings[0] if listings else None
    labels = latest.category_labels if latest else []
    context = {
        "enterprise": enterprise,
        "listings": listings,
        "latest": latest,
        "enforcements": list(enterprise.enforcements.all()),  # type: ignore[attr-defined]
        "ratings": list(enterprise.credit_ratings.all()),  # type: ignore[attr-defined]
        "location": location_option(enterprise, labels),
        "simulated": enterprise.is_simulated,
        "simulated_label": opendata.SIMULATED_LABEL,
        "badges": badges(latest),
    }
    return render(request, "polluters/enterprise.html", context)


def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    f = _filter(request)
    year = services.effective_year(f)
    return exports.respond(list(services.filtered_listings(f)), fmt, year)


def _import(request: HttpRequest, form: ImportForm) -> dict:
    upload = form.cleaned_data["file"]
    if upload.size is not None and upload.size > MAX_BYTES:
        return {"error": f"{upload.name}：文件过大，不能超过 {MAX_BYTES // 1024 // 1024} MB。"}
    try:
        result = import_list(
            upload.name or "upload.csv",
            upload.read(),
            year=form.cleaned_data["year"],
            user=request.user,
            crs=form.cleaned_data["crs"],
            replace=form.cleaned_data["replace"],
            publish=form.cleaned_data["publish"],
        )
    except ImportRefused as exc:
        return {
            "error": "未导入任何数据：请按下表修改后重新上传。",
            "problems": exc.problems,
            "total": exc.total,
        }
    return {"result": result, "map_url": reverse("polluters:map") + f"?year={result.year}"}


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    if not is_office(request.user):
        raise PermissionDenied("只有美丽杭州办（办公室）可以导入重点排污单位名录")
    context: dict = {}
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            context |= _import(request, form)
    else:
        form = ImportForm()
    context["form"] = form
    context["imports"] = AuditEvent.objects.filter(action="polluters.import")[:15]
    return render(request, "polluters/import.html", context)
