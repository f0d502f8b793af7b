"""The assigned unit records what it found; the office returns it or closes the case and
writes the outcome the public reads."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from qingshan.audit.services import record_event
from qingshan.reporting.permissions import Actor

from ..access import can_record_result
from ..models import Finding, Investigation, Tipoff
from .errors import NotAllowed, TipoffError
from .locking import lock


def _result(investigation: Investigation | None) -> dict | None:
    if investigation is None:
        return None
    return {
        "org": investigation.org.code,
        "finding": investigation.finding,
        "process": investigation.process,
        "measures": investigation.measures,
        "penalty_number": investigation.penalty_number,
    }


@transaction.atomic
def record_investigation(
    actor: Actor,
    tipoff: Tipoff,
    finding: str,
    process: str,
    measures: str = "",
    penalty_number: str = "",
) -> Investigation:
    lock(tipoff)
    if not can_record_result(actor, tipoff):
        raise NotAllowed("只有承办单位的填报员、审核人可以反馈调查结果")
    if finding not in Finding.values:
        raise TipoffError("请选择核查结论")
    if not process.strip():
        raise TipoffError("请写明调查核实的情况")
    existing = Investigation.objects.filter(tipoff=tipoff).select_related("org").first()
    before = _result(existing)
    investigation = existing or Investigation(tipoff=tipoff)
    investigation.org = tipoff.assigned_org  # type: ignore[assignment]
    investigation.finding = finding
    investigation.process = process.strip()
    investigation.measures = measures.strip()
    investigation.penalty_number = penalty_number.strip()
    investigation.recorded_by = actor.user
    investigation.recorded_at = timezone.now()
    investigation.save()
    tipoff.status = Tipoff.Status.ANSWERED
    tipoff.save(update_fields=["status"])
    record_event(
        "tipoff.investigate",
        "tipoff",
        tipoff.pk,
        actor=actor.user,
        actor_label=actor.label,
        summary=f"{tipoff.reference} {investigation.org.name}反馈：{investigation.get_finding_display()}",
        before=before,
        after=_result(investigation),
    )
    return investigation


@transaction.atomic
def return_to_unit(actor: Actor, tipoff: Tipoff, reason: str) -> Tipoff:
    if not actor.is_office:
        raise NotAllowed("只有办公室可以退回")
    lock(tipoff)
    if tipoff.status != Tipoff.Status.ANSWERED:
        raise TipoffError("只有待办结的举报可以退回承办单位")
    if not reason.strip():
        raise TipoffError("请写明退回的理由")
    tipoff.status = Tipoff.Status.ASSIGNED
    tipoff.returned_reason = reason.strip()
    tipoff.save(update_fields=["status", "returned_reason"])
    record_event(
        "tipoff.return",
        "tipoff",
        tipoff.pk,
        actor=actor.user,
        summary=f"{tipoff.reference} 退回{tipoff.assigned_org}：{tipoff.returned_reason}",
        before={"status": Tipoff.Status.ANSWERED},
        after={"status": tipoff.status, "reason": tipoff.returned_reason},
    )
    return tipoff


@transaction.atomic
def close(
    actor: Actor,
    tipoff: Tipoff,
    shown_description: str,
    public_outcome: str,
    location_shown: str,
    publish: bool,
) -> Tipoff:
    """Close the case.  `shown_description` and `public_outcome` are what the public list
    shows when `publish` is set: written by the office, never the reporter's own words."""
    if not actor.is_office:
        raise NotAllowed("只有办公室可以办结")
    lock(tipoff)
    if tipoff.status != Tipoff.Status.ANSWERED:
        raise TipoffError("承办单位反馈调查结果后才能办结")
    if not public_outcome.strip():
        raise TipoffError("请填写办理结果（举报人可以看到；选择公开时社会公众也能看到）")
    if not shown_description.strip():
        raise TipoffError("请填写公开的举报内容摘要")
    if location_shown not in Tipoff.Location.values:
        raise TipoffError("请选择公开位置的方式")
    before = {
        "status": tipoff.status,
        "shown_description": tipoff.shown_description,
        "public_outcome": tipoff.public_outcome,
    }
    tipoff.shown_description = shown_description.strip()
    tipoff.public_outcome = public_outcome.strip()
    tipoff.location_shown = location_shown
    tipoff.is_published = publish
    tipoff.status = Tipoff.Status.CLOSED
    tipoff.closed_at = timezone.now()
    tipoff.save()
    record_event(
        "tipoff.close",
        "tipoff",
        tipoff.pk,
        actor=actor.user,
        summary=f"{tipoff.reference} 办结{'并公开' if publish else '（不公开）'}",
        before=before,
        after={
            "status": tipoff.status,
            "shown_description": tipoff.shown_description,
            "public_outcome": tipoff.public_outcome,
            "location_shown": location_shown,
            "published": publish,
        },
    )
    return tipoff
