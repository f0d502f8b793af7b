"""The assigned unit's pages: its cases as the office moderated them, the result form and the
export.  Nothing here reads the reporter's identity: the templates are never given it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from qingshan.plans.models import Org
from qingshan.reporting.permissions import Actor, actor_for

from . import exports
from .access import (
    HANDLED,
    can_record_result,
    handles,
    shown_to_unit,
    unit_investigation,
    unit_org_ids,
)
from .forms import InvestigationForm
from .models import Attachment, Tipoff
from .presenters import point_map, shown_url
from .services import TipoffError
from .services.handling import record_investigation

TABS = [
    ("assigned", "办理中", Q(status=Tipoff.Status.ASSIGNED)),
    ("answered", "已反馈", Q(status=Tipoff.Status.ANSWERED)),
    ("closed", "已办结", Q(status=Tipoff.Status.CLOSED)),
]


def _unit(request: HttpRequest) -> tuple[Actor, list[int]]:
    actor = actor_for(request.user)
    orgs = unit_org_ids(actor)
    if not orgs:
        raise PermissionDenied("只有承办单位的填报员、审核人可以查看")
    return actor, orgs


def unit_cases(org_ids: list[int]):
    return Tipoff.objects.filter(assigned_org_id__in=org_ids, status__in=HANDLED)


@login_required
@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    org_ids = unit_org_ids(actor)
    if not org_ids:  # reached from the menu by the office or a leader: say where to go
        return render(
            request, "tipoffs/unit/not_a_unit.html", {"is_office": actor.is_office}, status=403
        )
    tab = request.GET.get("tab", "assigned")
    chosen = next((t for t in TABS if t[0] == tab), TABS[0])
    base = unit_cases(org_ids)
    cases = (
        base.filter(chosen[2])
        .select_related("district", "assigned_org", "enterprise", "investigation")
        .annotate(files=Count("attachments", filter=Q(attachments__is_hidden=False)))
        .order_by("deadline" if chosen[0] == "assigned" else "-assigned_at", "id")
    )
    return render(
        request,
        "tipoffs/unit/list.html",
        {
            "orgs": Org.objects.filter(pk__in=org_ids),
            "tabs": [(key, label, base.filter(cond).count()) for key, label, cond in TABS],
            "tab": chosen[0],
            "cases": cases,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_case(request: HttpRequest, pk: int) -> HttpResponse:
    actor, _ = _unit(request)
    tipoff = (
        Tipoff.objects.select_related("district", "assigned_org", "enterprise")
        .filter(pk=pk)
        .first()
    )
    if tipoff is None or not handles(actor, tipoff):
        raise Http404()  # another unit's case looks exactly like a missing one
    investigation = unit_investigation(tipoff)
    form = InvestigationForm(
        initial={
            "finding": investigation.finding,
            "process": investigation.process,
            "measures": investigation.measures,
            "penalty_number": investigation.penalty_number,
        }
        if investigation
        else None
    )
    if request.method == "POST":
        form = InvestigationForm(request.POST)
        if form.is_valid():
            try:
                record_investigation(actor, tipoff, **form.cleaned_data)
                messages.success(request, "调查处理结果已反馈办公室。")
                return redirect("tipoffs:unit_case", pk)
            except TipoffError as exc:
                form.add_error(None, str(exc))
    attachments = [
        a
        for a in tipoff.attachments.select_related("addition")  # type: ignore[attr-defined]
        if shown_to_unit(a)
    ]
    return render(
        request,
        "tipoffs/unit/case.html",
        {
            "tipoff": tipoff,
            "investigation": investigation,
            "point_map": point_map(tipoff),
            "form": form,
            "can_record": can_record_result(actor, tipoff),
            "photos": [shown_url(a) for a in attachments if a.kind == Attachment.Kind.PHOTO],
            "videos": [shown_url(a) for a in attachments if a.kind == Attachment.Kind.VIDEO],
            "additions": tipoff.additions.filter(released_at__isnull=False),  # type: ignore[attr-defined]
        },
    )


@login_required
@require_GET
def unit_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _, org_ids = _unit(request)
    if fmt not in exports.CONTENT_TYPES:
        raise Http404()
    headers, rows = exports.unit_table(unit_cases(org_ids))
    return exports.respond(headers, rows, fmt, "承办举报台账")
