"""Public pages: report a violation, follow it with the tracking code, read closed cases.
No login anywhere here; the tracking code travels in POST bodies only (never in a URL, a
session or a log line)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qingshan.plans.models import Org
from qingshan.plans.services import default_plan
from qingshan.polluters.models import Enterprise

from . import limits
from .forms import AdditionForm, ClaimForm, CodeForm, ReportForm, current_units
from .models import Category, Tipoff
from .presenters import public_case, public_map, published_cases, reporter_view
from .services import TipoffError, UnknownCode
from .services.rewards import claim_reward
from .services.submission import NewReport, add_information, find_by_code, submit_tipoff
from .upload_limits import limited_upload, refused_upload


def _region() -> str:
    plan = default_plan()
    return plan.region if plan else "杭州市"


def _private(response: HttpResponse) -> HttpResponse:
    """Pages carrying a tracking code or a reporter's own case must not be cached anywhere."""
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    cases = published_cases()
    category = request.GET.get("category", "")
    district = request.GET.get("district", "")
    if category in Category.values:
        cases = cases.filter(category=category)
    if district:
        cases = cases.filter(district__code=district)
    page = Paginator(cases, 20).get_page(request.GET.get("page"))
    shown = [public_case(t) for t in page.object_list]
    return render(
        request,
        "tipoffs/index.html",
        {
            "page": page,
            "cases": shown,
            "map": public_map(shown),
            "categories": Category.choices,
            "districts": current_units(_region(), [Org.Kind.DISTRICT]),
            "category": category,
            "district": district,
            "simulated": any(c.simulated for c in shown),
            "total_closed": published_cases().count(),
        },
    )


@require_GET
def public_case_page(request: HttpRequest, reference: str) -> HttpResponse:
    number = reference.upper().removeprefix("JB")
    if not number.isdigit():
        raise Http404()
    tipoff = published_cases().filter(pk=int(number)).first()
    if tipoff is None:
        raise Http404("没有这件已公开的举报")
    case = public_case(tipoff)
    return render(request, "tipoffs/public_case.html", {"case": case, "map": public_map([case])})


def _report_form(request: HttpRequest, form: ReportForm, error: str = "", status: int = 200):
    enterprise = None
    raw = form.data.get("enterprise") if form.is_bound else None
    if raw and str(raw).isdigit():
        enterprise = Enterprise.objects.filter(pk=int(raw), is_published=True).first()
    return render(
        request,
        "tipoffs/report.html",
        {"form": form, "error": error, "enterprise": enterprise},
        status=status,
    )


@limited_upload
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    region = _region()
    if request.method != "POST":
        return _report_form(request, ReportForm(region=region))
    form = ReportForm(request.POST, region=region)
    refused = refused_upload(request)
    if refused:
        return _report_form(request, form, refused, status=413)
    if form.is_robot:
        # Robots get no tracking code and no hint about why.
        return _report_form(request, ReportForm(region=region), "提交失败，请稍后重试。", 400)
    if not form.is_valid():
        return _report_form(request, form, status=400)
    data = form.cleaned_data
    try:
        tipoff, code = submit_tipoff(
            NewReport(
                category=data["category"],
                description=data["description"],
                occurred_at=data["occurred_at"],
                longitude=data["longitude"],
                latitude=data["latitude"],
                address=data["address"],
                district=data["district"],
                enterprise=data["enterprise"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
            ),
            request.FILES.getlist("photos"),
            request.FILES.getlist("video"),
            limits.client_key(request),
            region,
        )
    except limits.RateLimited as exc:
        return _report_form(request, form, str(exc), status=429)
    except TipoffError as exc:
        return _report_form(request, form, str(exc), status=400)
    response = render(request, "tipoffs/submitted.html", {"tipoff": tipoff, "code": code})
    return _private(response)


@require_GET
def enterprise_search(request: HttpRequest) -> HttpResponse:
    """The registry's published enterprises by name or credit code (htmx fragment)."""
    q = request.GET.get("q", "").strip()
    found: Any = []
    if len(q) >= 2:
        found = (
            Enterprise.objects.filter(is_published=True)
            .filter(Q(name__icontains=q) | Q(credit_code__istartswith=q.upper()))
            .select_related("district")
            .order_by("name")[:10]
        )
    return render(request, "tipoffs/_enterprise_results.html", {"q": q, "found": found})


def _tracked(
    request: HttpRequest, tipoff: Tipoff, code: str, message: str = "", **forms_: Any
) -> HttpResponse:
    context = {
        "case": reporter_view(tipoff),
        "code": code,
        "message": message,
        "add_form": forms_.get("add_form") or AdditionForm(initial={"code": code}),
        "claim_form": forms_.get("claim_form") or ClaimForm(initial={"code": code}),
        "error": forms_.get("error", ""),
    }
    return _private(
        render(request, "tipoffs/tracked.html", context, status=forms_.get("status", 200))
    )


def _lookup_failed(request: HttpRequest, form: CodeForm, exc: Exception) -> HttpResponse:
    status = 429 if isinstance(exc, limits.RateLimited) else 404
    return _private(
        render(request, "tipoffs/track.html", {"form": form, "error": str(exc)}, status=status)
    )


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _private(render(request, "tipoffs/track.html", {"form": CodeForm()}))
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _private(render(request, "tipoffs/track.html", {"form": form}, status=400))
    code = form.cleaned_data["code"]
    try:
        tipoff = find_by_code(code, limits.client_key(request))
    except (UnknownCode, limits.RateLimited) as exc:
        return _lookup_failed(request, form, exc)
    return _tracked(request, tipoff, code)


@limited_upload
@require_POST
def track_add(request: HttpRequest) -> HttpResponse:
    form = AdditionForm(request.POST)
    if not form.is_valid():
        return _private(render(request, "tipoffs/track.html", {"form": CodeForm()}, status=400))
    code = form.cleaned_data["code"]
    try:
        tipoff = find_by_code(code, limits.client_key(request))
    except (UnknownCode, limits.RateLimited) as exc:
        return _lookup_failed(request, CodeForm(), exc)
    refused = refused_upload(request)
    if refused:
        return _tracked(request, tipoff, code, add_form=form, error=refused, status=413)
    try:
        add_information(
            tipoff,
            form.cleaned_data["text"],
            request.FILES.getlist("photos"),
            request.FILES.getlist("video"),
        )
    except (TipoffError, limits.RateLimited) as exc:
        status = 429 if isinstance(exc, limits.RateLimited) else 400
        return _tracked(request, tipoff, code, add_form=form, error=str(exc), status=status)
    return _tracked(request, tipoff, code, "补充材料已收到，工作人员会一并处理。")


@require_POST
def track_claim(request: HttpRequest) -> HttpResponse:
    form = ClaimForm(request.POST)
    code = request.POST.get("code", "")
    try:
        tipoff = find_by_code(code, limits.client_key(request))
    except (UnknownCode, limits.RateLimited) as exc:
        return _lookup_failed(request, CodeForm(), exc)
    if not form.is_valid():
        return _tracked(request, tipoff, code, claim_form=form, status=400)
    try:
        claim_reward(
            tipoff,
            form.cleaned_data["name"],
            form.cleaned_data["phone"],
            form.cleaned_data["account"],
        )
    except TipoffError as exc:
        return _tracked(request, tipoff, code, claim_form=form, error=str(exc), status=400)
    return _tracked(request, tipoff, code, "奖励申领已提交。工作人员核实后会与您联系并发放。")
