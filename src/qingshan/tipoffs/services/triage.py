"""The office's triage: likely duplicates, rejecting, merging, assigning with a deadline, and
moderating what the unit and the public will read."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from qingshan.audit.services import record_event
from qingshan.plans.models import Org
from qingshan.reporting.permissions import Actor

from ..geo import haversine_m
from ..models import Addition, Attachment, Tipoff
from ..workdays import add_working_days, calendar_for
from .errors import NotAllowed, TipoffError
from .locking import lock

NEAR_METRES = 100
NEAR_TIME = dt.timedelta(days=7)
MAX_WORKING_DAYS = 60
METRES_PER_DEGREE = 111_320


def _office(actor: Actor) -> None:
    if not actor.is_office:
        raise NotAllowed("只有办公室可以办理举报")


@dataclass
class Candidate:
    tipoff: Tipoff
    reasons: list[str] = field(default_factory=list)
    distance_m: float | None = None
    hours_apart: float = 0.0


def duplicate_candidates(tipoff: Tipoff, limit: int = 10) -> list[Candidate]:
    """Cases that are probably the same matter: the same enterprise, or a point within 100 m
    whose event lies within 7 days of this one's (rejected cases are left out)."""
    others = Tipoff.objects.exclude(pk=tipoff.pk).exclude(status=Tipoff.Status.REJECTED)
    found: dict[int, Candidate] = {}
    if tipoff.enterprise_id:
        for other in others.filter(enterprise_id=tipoff.enterprise_id).select_related("enterprise"):
            found.setdefault(other.pk, Candidate(other)).reasons.append("同一企业")
    if tipoff.has_point:
        lon, lat = float(tipoff.longitude), float(tipoff.latitude)  # type: ignore[arg-type]
        dlat = NEAR_METRES / METRES_PER_DEGREE * 1.01
        dlon = dlat / max(0.1, math.cos(math.radians(lat)))
        nearby = others.filter(
            latitude__range=(lat - dlat, lat + dlat),
            longitude__range=(lon - dlon, lon + dlon),
            occurred_at__range=(tipoff.occurred_at - NEAR_TIME, tipoff.occurred_at + NEAR_TIME),
        )
        for other in nearby:
            metres = haversine_m(lon, lat, float(other.longitude), float(other.latitude))  # type: ignore[arg-type]
            if metres <= NEAR_METRES:
                candidate = found.setdefault(other.pk, Candidate(other))
                candidate.reasons.append(f"相距 {metres:.0f} 米")
                candidate.distance_m = metres
    for candidate in found.values():
        gap = abs(candidate.tipoff.occurred_at - tipoff.occurred_at)
        candidate.hours_apart = gap.total_seconds() / 3600
    ordered = sorted(
        found.values(),
        key=lambda c: (c.distance_m if c.distance_m is not None else 1e9, c.hours_apart),
    )
    return ordered[:limit]


def _state(tipoff: Tipoff) -> dict:
    return {
        "status": tipoff.status,
        "assigned_org": tipoff.assigned_org.code if tipoff.assigned_org else None,
        "deadline": tipoff.deadline.isoformat() if tipoff.deadline else None,
        "duplicate_of": tipoff.duplicate_of.reference if tipoff.duplicate_of else None,
    }


@transaction.atomic
def reject(actor: Actor, tipoff: Tipoff, reason: str) -> Tipoff:
    _office(actor)
    lock(tipoff)
    if tipoff.status != Tipoff.Status.NEW:
        raise TipoffError("只有待受理的举报可以不予受理")
    if not reason.strip():
        raise TipoffError("请写明不予受理的理由（举报人可以看到）")
    if tipoff.duplicates.exists():  # type: ignore[attr-defined]
        # Their reporters follow this case: rejecting it would leave them with no answer.
        raise TipoffError("已有其他举报合并到此件，请先交办办理，或逐件处理")
    before = _state(tipoff)
    tipoff.status = Tipoff.Status.REJECTED
    tipoff.reject_reason = reason.strip()
    tipoff.save(update_fields=["status", "reject_reason"])
    record_event(
        "tipoff.reject",
        "tipoff",
        tipoff.pk,
        actor=actor.user,
        summary=f"{tipoff.reference} 不予受理：{tipoff.reject_reason}",
        before=before,
        after=_state(tipoff) | {"reason": tipoff.reject_reason},
    )
    return tipoff


@transaction.atomic
def mark_duplicate(actor: Actor, tipoff: Tipoff, original: Tipoff) -> Tipoff:
    """Merge a new case into the case it repeats (into that case's own original, if it is a
    duplicate itself); cases already merged into this one move along with it."""
    _office(actor)
    lock(tipoff)
    if tipoff.status != Tipoff.Status.NEW:
        raise TipoffError("只有待受理的举报可以标记为重复")
    root = original.root
    if root.pk == tipoff.pk:
        raise TipoffError("不能标记为与自身重复")
    if root.status == Tipoff.Status.REJECTED:
        raise TipoffError(f"{root.reference} 已不予受理，不能作为合并对象")
    before = _state(tipoff)
    moved = list(tipoff.duplicates.values_list("pk", flat=True))  # type: ignore[attr-defined]
    Tipoff.objects.filter(pk__in=moved).update(duplicate_of=root)
    tipoff.duplicate_of = root
    tipoff.status = Tipoff.Status.DUPLICATE
    tipoff.save(update_fields=["duplicate_of", "status"])
    record_event(
        "tipoff.duplicate",
        "tipoff",
        tipoff.pk,
        actor=actor.user,
        summary=f"{tipoff.reference} 与 {root.reference} 为同一问题，合并办理",
        before=before,
        after=_state(tipoff) | {"moved": moved},
    )
    return tipoff


def deadline_for(start: dt.date, working_days: int) -> dt.date:
    # A generous window: 60 working days never span more than 120 calendar days.
    calendar = calendar_for(start, start + dt.timedelta(days=2 * working_days + 30))
    return add_working_days(start, working_days, calendar)


@transaction.atomic
def assign(
    actor: Actor,
    tipoff: Tipoff,
    org: Org,
    working_days: int,
    shown_description: str,
    shown_address: str = "",
    instructions: str = "",
) -> Tipoff:
    """Send the case to a district or department with a deadline in working days.  The unit
    will read `shown_description` / `shown_address`: the office's edit of what was reported,
    with anything that could identify the reporter taken out."""
    _office(actor)
    lock(tipoff)
    if tipoff.status not in (Tipoff.Status.NEW, Tipoff.Status.ASSIGNED):
        raise TipoffError("只有待受理或办理中的举报可以交办")
    today = timezone.localdate()
    if not org.is_valid_on(today):
        raise TipoffError(f"{org.name}已撤销，不能交办")
    if not 1 <= working_days <= MAX_WORKING_DAYS:
        raise TipoffError(f"办理时限须为 1—{MAX_WORKING_DAYS} 个工作日")
    if not shown_description.strip():
        raise TipoffError("请填写交给承办单位的举报内容（可删去可能暴露举报人的信息）")
    before = _state(tipoff) | {
        "shown_description": tipoff.shown_description,
        "shown_address": tipoff.shown_address,
    }
    tipoff.assigned_org = org
    tipoff.assigned_at = timezone.now()
    tipoff.working_days = working_days
    tipoff.deadline = deadline_for(today, working_days)
    tipoff.instructions = instructions.strip()
    tipoff.shown_description = shown_description.strip()
    tipoff.shown_address = shown_address.strip()
    tipoff.status = Tipoff.Status.ASSIGNED
    tipoff.save()
    record_event(
        "tipoff.assign",
        "tipoff",
        tipoff.pk,
        actor=actor.user,
        summary=(
            f"{tipoff.reference} 交{org.name}办理，{working_days} 个工作日，"
            f"期限 {tipoff.deadline:%Y-%m-%d}"
        ),
        before=before,
        after=_state(tipoff)
        | {
            "working_days": working_days,
            "shown_description": tipoff.shown_description,
            "shown_address": tipoff.shown_address,
            "instructions": tipoff.instructions,
        },
    )
    return tipoff


@transaction.atomic
def moderate(
    actor: Actor, tipoff: Tipoff, shown_description: str, shown_address: str, public_outcome: str
) -> Tipoff:
    """Edit the versions others read; the reporter's original text is never touched."""
    _office(actor)
    fields = {
        "shown_description": shown_description.strip(),
        "shown_address": shown_address.strip(),
        "public_outcome": public_outcome.strip(),
    }
    before = {k: getattr(tipoff, k) for k in fields}
    if before == fields:
        return tipoff
    for key, value in fields.items():
        setattr(tipoff, key, value)
    tipoff.save(update_fields=list(fields))
    record_event(
        "tipoff.moderate",
        "tipoff",
        tipoff.pk,
        actor=actor.user,
        summary=f"{tipoff.reference} 修改公开内容",
        before=before,
        after=fields,
    )
    return tipoff


@transaction.atomic
def release_addition(actor: Actor, addition: Addition, text: str) -> Addition:
    """Pass the reporter's addition on to the unit, as the office edited it."""
    _office(actor)
    before = {"released_text": addition.released_text, "released": bool(addition.released_at)}
    addition.released_text = text.strip()
    addition.released_at = timezone.now()
    addition.save(update_fields=["released_text", "released_at"])
    record_event(
        "tipoff.release_addition",
        "tipoff",
        addition.tipoff_id,
        actor=actor.user,
        summary=f"{addition.tipoff.reference} 补充材料转交承办单位",
        before=before,
        after={"addition": addition.pk, "released_text": addition.released_text},
    )
    return addition


@transaction.atomic
def set_attachment_hidden(actor: Actor, attachment: Attachment, hidden: bool) -> Attachment:
    _office(actor)
    if attachment.is_hidden == hidden:
        return attachment
    attachment.is_hidden = hidden
    attachment.save(update_fields=["is_hidden"])
    record_event(
        "tipoff.attachment_hidden" if hidden else "tipoff.attachment_shown",
        "tipoff",
        attachment.tipoff_id,
        actor=actor.user,
        summary=f"{attachment.tipoff.reference} {'不向' if hidden else '向'}承办单位展示"
        f"{attachment.get_kind_display()} {attachment.pk}",
        after={"attachment": attachment.pk, "hidden": hidden},
    )
    return attachment
