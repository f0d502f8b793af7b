"""The office's pages: the triage queue, a case with its actions, the reporter's identity
(each look recorded), the holiday calendar and the export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from qingshan.audit.models import AuditEvent
from qingshan.reporting.permissions import Actor, actor_for

from . import exports, forms
from .models import Addition, Attachment, Holiday, Identity, Reward, RewardClaim, Tipoff
from .presenters import point_map, shown_url
from .services import TipoffError, disclosure, handling, rewards, triage
from .services import calendar as calendar_services
from .views_public import _region
from .workdays import years_without_calendar

TABS = [
    ("new", "待受理", Q(status=Tipoff.Status.NEW)),
    ("assigned", "办理中", Q(status=Tipoff.Status.ASSIGNED)),
    ("answered", "待办结", Q(status=Tipoff.Status.ANSWERED)),
    ("closed", "已办结", Q(status=Tipoff.Status.CLOSED)),
    ("other", "不予受理、重复", Q(status__in=[Tipoff.Status.REJECTED, Tipoff.Status.DUPLICATE])),
    ("all", "全部", Q()),
]


def _office(request: HttpRequest) -> Actor:
    actor = actor_for(request.user)
    if not actor.is_office:
        raise PermissionDenied("只有办公室可以办理举报")
    return actor


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _office(request)
    tab = request.GET.get("tab", "new")
    chosen = next((t for t in TABS if t[0] == tab), TABS[0])
    cases = Tipoff.objects.filter(chosen[2]).select_related(
        "district", "assigned_org", "enterprise", "duplicate_of"
    )
    q = request.GET.get("q", "").strip()
    if q:
        number = q.upper().removeprefix("JB")
        cases = cases.filter(
            Q(pk=int(number))
            if number.isdigit()
            else Q(shown_description__icontains=q) | Q(description__icontains=q)
        )
    overdue = request.GET.get("overdue") == "1"
    if overdue:
        cases = cases.filter(status=Tipoff.Status.ASSIGNED, deadline__lt=timezone.localdate())
    cases = cases.annotate(files=Count("attachments")).order_by(
        "submitted_at" if chosen[0] == "new" else "-submitted_at", "id"
    )
    counts = {key: Tipoff.objects.filter(cond).count() for key, _, cond in TABS}
    page = Paginator(cases, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "tipoffs/office/queue.html",
        {
            "tabs": [(key, label, counts[key]) for key, label, _ in TABS],
            "tab": chosen[0],
            "page": page,
            "q": q,
            "overdue": overdue,
            "overdue_count": Tipoff.objects.filter(
                status=Tipoff.Status.ASSIGNED, deadline__lt=timezone.localdate()
            ).count(),
        },
    )


def _case_context(tipoff: Tipoff, region: str) -> dict:
    reward = Reward.objects.filter(tipoff=tipoff).select_related("rule").first()
    group = rewards.duplicate_group(tipoff)
    group_rewards = {r.tipoff_id: r for r in Reward.objects.filter(tipoff__in=group)}
    attachments = list(tipoff.attachments.select_related("addition"))  # type: ignore[attr-defined]
    assign_initial = {
        "org": tipoff.assigned_org.code
        if tipoff.assigned_org
        else (tipoff.district.code if tipoff.district else None),
        "working_days": tipoff.working_days or 15,
        "shown_description": tipoff.shown_description or tipoff.description,
        "shown_address": tipoff.shown_address or tipoff.address,
        "instructions": tipoff.instructions,
    }
    investigation = getattr(tipoff, "investigation", None)
    return {
        "tipoff": tipoff,
        "investigation": investigation,
        "answered_late": bool(investigation and investigation.answered_late(tipoff.deadline)),
        "point_map": point_map(tipoff),
        "photos": [(a, shown_url(a)) for a in attachments if a.kind == Attachment.Kind.PHOTO],
        "videos": [(a, shown_url(a)) for a in attachments if a.kind == Attachment.Kind.VIDEO],
        "additions": list(tipoff.additions.all()),  # type: ignore[attr-defined]
        "candidates": triage.duplicate_candidates(tipoff)
        if tipoff.status == Tipoff.Status.NEW
        else [],
        "duplicates": list(tipoff.duplicates.all()),  # type: ignore[attr-defined]
        "group": [(t, group_rewards.get(t.pk)) for t in group] if len(group) > 1 else [],
        "reward": reward,
        "group_decided": bool(group_rewards),
        "winner": group[0],
        "events": AuditEvent.objects.filter(
            object_type="tipoff", object_id=str(tipoff.pk)
        ).order_by("at", "id"),
        "reject_form": forms.RejectForm(),
        "duplicate_form": forms.DuplicateForm(),
        "assign_form": forms.AssignForm(initial=assign_initial, region=region),
        "return_form": forms.ReturnForm(),
        "close_form": forms.CloseForm(
            initial={
                "shown_description": tipoff.shown_description,
                "public_outcome": tipoff.public_outcome,
                "location_shown": tipoff.location_shown,
                "publish": True,
            }
        ),
        "moderate_form": forms.ModerateForm(
            initial={
                "shown_description": tipoff.shown_description,
                "shown_address": tipoff.shown_address,
                "public_outcome": tipoff.public_outcome,
            }
        ),
        "reward_form": forms.RewardForm(),
        "payout_form": forms.PayoutForm(initial={"paid_on": timezone.localdate()}),
        "release_form": forms.ReleaseForm(),
        "proposals": _proposals(tipoff),
        "has_identity": Identity.objects.filter(tipoff=tipoff)
        .exclude(name="", phone="", email="")
        .exists(),
        "has_claim": reward is not None and RewardClaim.objects.filter(reward=reward).exists(),
    }


def _proposals(tipoff: Tipoff) -> list[tuple[str, str, Decimal | None]]:
    """The amount each severity would earn under the rules, for the reward form."""
    if tipoff.status != Tipoff.Status.CLOSED:
        return []
    out = []
    for value, label in rewards.Severity.choices:
        _, rule = rewards.proposal(tipoff, value)
        out.append((value, label, rule.amount if rule else None))
    return out


@login_required
@require_GET
def case(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    tipoff = get_object_or_404(
        Tipoff.objects.select_related("district", "enterprise", "assigned_org", "duplicate_of"),
        pk=pk,
    )
    context = _case_context(tipoff, _region())
    if tipoff.deadline:
        context["calendar_gaps"] = years_without_calendar(tipoff.deadline)
    return render(request, "tipoffs/office/case.html", context)


def _form_error(form) -> str:
    return "；".join(
        f"{form.fields[k].label if k in form.fields else ''}{'、'.join(str(e) for e in v)}"
        for k, v in form.errors.items()
    )


def _valid(form_class, request: HttpRequest, **kwargs):
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        raise TipoffError(_form_error(form))
    return form.cleaned_data


def _act_reject(actor: Actor, request: HttpRequest, tipoff: Tipoff) -> str:
    triage.reject(actor, tipoff, _valid(forms.RejectForm, request)["reason"])
    return "已不予受理，举报人可通过查询码看到理由。"


def _act_duplicate(actor: Actor, request: HttpRequest, tipoff: Tipoff) -> str:
    data = _valid(forms.DuplicateForm, request)
    triage.mark_duplicate(actor, tipoff, data["original"])
    return f"已与 {tipoff.root.reference} 合并办理。"


def _act_assign(actor: Actor, request: HttpRequest, tipoff: Tipoff) -> str:
    data = _valid(forms.AssignForm, request, region=_region())
    triage.assign(
        actor,
        tipoff,
        data["org"],
        data["working_days"],
        data["shown_description"],
        data["shown_address"],
        data["instructions"],
    )
    return f"已交{tipoff.assigned_org}办理，期限 {tipoff.deadline:%Y年%m月%d日}。"


def _act_return(actor: Actor, request: HttpRequest, tipoff: Tipoff) -> str:
    handling.return_to_unit(actor, tipoff, _valid(forms.ReturnForm, request)["reason"])
    return "已退回承办单位。"


def _act_close(actor: Actor, request: HttpRequest, tipoff: Tipoff) -> str:
    data = _valid(forms.CloseForm, request)
    handling.close(
        actor,
        tipoff,
        data["shown_description"],
        data["public_outcome"],
        data["location_shown"],
        data["publish"],
    )
    return "已办结。" + ("办理结果已公开。" if data["publish"] else "")


def _act_moderate(actor: Actor, request: HttpRequest, tipoff: Tipoff) -> str:
    data = _valid(forms.ModerateForm, request)
    triage.moderate(
        actor, tipoff, data["shown_description"], data["shown_address"], data["public_outcome"]
    )
    return "公开内容已保存。"


def _act_reward(actor: Actor, request: HttpRequest, tipoff: Tipoff) -> str:
    data = _valid(forms.RewardForm, request)
    made = rewards.decide_reward(
        actor,
        tipoff,
        grant=data["grant"],
        severity=data["severity"],
        amount=data["amount"],
        override_reason=data["override_reason"],
        reason=data["reason"],
    )
    granted = [r for r in made if r.granted]
    if granted:
        return f"已决定奖励 {granted[0].tipoff.reference} 的举报人 {granted[0].amount} 元。"
    return "已决定不予奖励。"


def _act_payout(actor: Actor, request: HttpRequest, tipoff: Tipoff) -> str:
    data = _valid(forms.PayoutForm, request)
    reward = Reward.objects.filter(tipoff=tipoff).first()
    if reward is None:
        raise TipoffError("该举报没有奖励决定")
    rewards.record_payout(actor, reward, data["paid_on"], data["method"], data["reference"])
    return "奖励发放已登记。"


def _act_release(actor: Actor, request: HttpRequest, tipoff: Tipoff) -> str:
    addition = get_object_or_404(Addition, pk=request.POST.get("addition"), tipoff=tipoff)
    triage.release_addition(actor, addition, _valid(forms.ReleaseForm, request)["text"])
    return "补充材料已转交承办单位。"


def _act_hide(actor: Actor, request: HttpRequest, tipoff: Tipoff) -> str:
    attachment = get_object_or_404(Attachment, pk=request.POST.get("attachment"), tipoff=tipoff)
    hidden = request.POST.get("hidden") == "1"
    triage.set_attachment_hidden(actor, attachment, hidden)
    return "已设置为不向承办单位展示。" if hidden else "已设置为向承办单位展示。"


ACTIONS: dict[str, Callable[[Actor, HttpRequest, Tipoff], str]] = {
    "reject": _act_reject,
    "duplicate": _act_duplicate,
    "assign": _act_assign,
    "return": _act_return,
    "close": _act_close,
    "moderate": _act_moderate,
    "reward": _act_reward,
    "payout": _act_payout,
    "release": _act_release,
    "hide": _act_hide,
}


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = _office(request)
    if action not in ACTIONS:
        raise Http404()
    tipoff = get_object_or_404(Tipoff, pk=pk)
    try:
        messages.success(request, ACTIONS[action](actor, request, tipoff))
    except TipoffError as exc:
        messages.error(request, str(exc))
    return redirect("tipoffs:office_case", pk)


@login_required
@require_GET
def identity(request: HttpRequest, pk: int) -> HttpResponse:
    """Who reported.  Every opening of this page is itself recorded in the audit trail."""
    actor = _office(request)
    tipoff = get_object_or_404(Tipoff, pk=pk)
    person = disclosure.read_identity(actor, tipoff)
    claim = RewardClaim.objects.filter(reward__tipoff=tipoff).first()
    same_source = (
        Tipoff.objects.filter(identity__client_hash=person.client_hash)
        .exclude(pk=tipoff.pk)
        .order_by("-submitted_at")[:20]
        if person and person.client_hash
        else []
    )
    response = render(
        request,
        "tipoffs/office/identity.html",
        {"tipoff": tipoff, "person": person, "claim": claim, "same_source": same_source},
    )
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def holidays(request: HttpRequest) -> HttpResponse:
    actor = _office(request)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                holiday = get_object_or_404(Holiday, pk=request.POST.get("holiday"))
                calendar_services.remove_holiday(actor, holiday)
                messages.success(request, f"已删除 {holiday.date:%Y-%m-%d}。")
            elif request.POST.get("action") == "load":
                added, changed = calendar_services.load_published_holidays(
                    actor_label=request.user.get_username()
                )
                messages.success(
                    request, f"已载入公布的节假日：新增 {added} 天，更新 {changed} 天。"
                )
            else:
                data = _valid(forms.HolidayForm, request)
                holiday = calendar_services.save_holiday(
                    actor, data["date"], data["name"], data["kind"], data["source"]
                )
                messages.success(request, f"已保存 {holiday}。")
        except TipoffError as exc:
            messages.error(request, str(exc))
        return redirect(f"{request.path}?year={request.POST.get('year', '')}")
    years = [d.year for d in Holiday.objects.dates("date", "year")]
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    return render(
        request,
        "tipoffs/office/holidays.html",
        {
            "year": year,
            "years": sorted(set(years) | {today.year, today.year + 1}),
            "days": Holiday.objects.filter(date__year=year),
            "form": forms.HolidayForm(initial={"date": dt.date(year, 1, 1)}),
            "missing_next_year": bool(years_without_calendar(dt.date(today.year + 1, 1, 1))),
            "next_year": today.year + 1,
        },
    )


@login_required
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    actor = _office(request)
    if fmt not in exports.CONTENT_TYPES:
        raise Http404()
    cases = Tipoff.objects.all()
    disclosure.export_ledger_with_identities(actor, cases.count(), fmt)
    headers, rows = exports.office_table(cases)
    return exports.respond(headers, rows, fmt, "举报办理台账-含举报人信息")
