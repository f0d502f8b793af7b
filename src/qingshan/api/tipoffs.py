"""Violation reports through the API.

* Public: closed, published cases (as the public list shows them), and the tracking lookup by
  code (POST, so the code never appears in a URL; limited per client address like the page).
* A unit's token: the cases assigned to that unit, as the office moderated them, with the
  metadata-free photos and videos, and recording its result.  The schemas below have no field
  for anybody's identity: it cannot leave through here.

Reports are filed through the web form (it carries the CSRF token, the honeypot and the
upload limits); there is no API submission.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from qingshan.api.reporting import UnitToken
from qingshan.tipoffs import limits
from qingshan.tipoffs.access import HANDLED, shown_to_unit, unit_investigation
from qingshan.tipoffs.models import Attachment, Finding, Tipoff
from qingshan.tipoffs.presenters import public_case, published_cases, reporter_view
from qingshan.tipoffs.services import TipoffError, UnknownCode
from qingshan.tipoffs.services.handling import record_investigation
from qingshan.tipoffs.services.submission import find_by_code

router = Router(tags=["有奖举报 tipoffs"])


class Detail(Schema):
    detail: str


class PublicCaseOut(Schema):
    reference: str
    category: str
    district: str
    occurred_on: dt.date
    closed_on: dt.date | None
    description: str
    outcome: str
    finding: str
    longitude: float | None
    latitude: float | None
    location: str
    simulated: bool


def _public(tipoff: Tipoff) -> dict[str, Any]:
    case = public_case(tipoff)
    return {
        "reference": case.reference,
        "category": case.category,
        "district": case.district,
        "occurred_on": case.occurred_on,
        "closed_on": case.closed_on,
        "description": case.description,
        "outcome": case.outcome,
        "finding": case.finding,
        "longitude": case.point[0] if case.point else None,
        "latitude": case.point[1] if case.point else None,
        "location": case.location_note,
        "simulated": case.simulated,
    }


def _number(reference: str) -> int:
    number = reference.upper().removeprefix("JB")
    if not number.isdigit():
        raise HttpError(404, "not found")
    return int(number)


@router.get("/tipoffs/public", response=list[PublicCaseOut], auth=None)
@paginate(LimitOffsetPagination)
def public_list(request: HttpRequest, category: str = "", district: str = ""):
    """Closed cases the office published: its summary and outcome, never the reporter."""
    cases = published_cases()
    if category:
        cases = cases.filter(category=category)
    if district:
        cases = cases.filter(district__code=district)
    return [_public(t) for t in cases]


@router.get("/tipoffs/public/{reference}", response={200: PublicCaseOut, 404: Detail}, auth=None)
def public_detail(request: HttpRequest, reference: str):
    tipoff = published_cases().filter(pk=_number(reference)).first()
    if tipoff is None:
        return Status(404, {"detail": "没有这件已公开的举报"})
    return _public(tipoff)


class TrackIn(Schema):
    code: str


class RewardOut(Schema):
    granted: bool
    amount: Decimal | None
    stage: str
    stage_label: str
    reason: str
    paid_on: dt.date | None


class TrackedOut(Schema):
    reference: str
    status: str
    status_label: str
    status_text: str
    submitted_at: dt.datetime
    handled_by: str
    deadline: dt.date | None
    merged_into: str
    outcome: str
    finding: str
    reward: RewardOut | None


@router.post("/tipoffs/track", response={200: TrackedOut, 404: Detail, 429: Detail}, auth=None)
def track(request: HttpRequest, payload: TrackIn):
    """A report's progress by its tracking code.  Wrong codes are counted per client address;
    after 20 in an hour every lookup from that address is refused for the rest of the hour."""
    try:
        tipoff = find_by_code(payload.code, limits.client_key(request))
    except limits.RateLimited as exc:
        return Status(429, {"detail": str(exc)})
    except UnknownCode as exc:
        return Status(404, {"detail": str(exc)})
    view = reporter_view(tipoff)
    reward = view.reward
    return {
        "reference": view.reference,
        "status": view.status,
        "status_label": view.status_label,
        "status_text": view.status_text,
        "submitted_at": view.submitted_at,
        "handled_by": view.handled_by,
        "deadline": view.deadline,
        "merged_into": view.merged_into,
        "outcome": view.outcome,
        "finding": view.finding,
        "reward": {
            "granted": reward.granted,
            "amount": reward.amount if reward.granted else None,
            "stage": reward.stage,
            "stage_label": reward.stage_label,
            "reason": reward.reason,
            "paid_on": reward.paid_on,
        }
        if reward
        else None,
    }


class MediaOut(Schema):
    kind: str
    content_type: str
    url: str


class ResultOut(Schema):
    finding: str
    process: str
    measures: str
    penalty_number: str
    recorded_at: dt.datetime


class UnitCaseOut(Schema):
    reference: str
    category: str
    status: str
    occurred_at: dt.datetime
    assigned_at: dt.datetime | None
    deadline: dt.date | None
    working_days: int | None
    overdue: bool
    district: str | None
    longitude: float | None
    latitude: float | None
    description: str
    address: str
    enterprise: str | None
    enterprise_credit_code: str | None
    instructions: str
    returned_reason: str
    additions: list[str]
    media: list[MediaOut]
    result: ResultOut | None
    public_outcome: str


def _unit_cases(request: HttpRequest) -> QuerySet[Tipoff]:
    return Tipoff.objects.filter(
        assigned_org=request.api_org,  # type: ignore[attr-defined]
        status__in=HANDLED,
    ).select_related("district", "enterprise", "assigned_org")


def _unit_case(request: HttpRequest, reference: str) -> Tipoff:
    tipoff = _unit_cases(request).filter(pk=_number(reference)).first()
    if tipoff is None:  # another unit's case looks exactly like a missing one
        raise HttpError(404, "not found")
    return tipoff


def _unit_view(tipoff: Tipoff) -> dict[str, Any]:
    """The case as its unit may see it: built field by field from the moderated versions."""
    result = unit_investigation(tipoff)
    media = [
        a
        for a in tipoff.attachments.select_related("addition")  # type: ignore[attr-defined]
        if shown_to_unit(a)
    ]
    return {
        "reference": tipoff.reference,
        "category": tipoff.category,
        "status": tipoff.status,
        "occurred_at": tipoff.occurred_at,
        "assigned_at": tipoff.assigned_at,
        "deadline": tipoff.deadline,
        "working_days": tipoff.working_days,
        "overdue": tipoff.is_overdue,
        "district": tipoff.district.code if tipoff.district else None,
        "longitude": float(tipoff.longitude) if tipoff.longitude is not None else None,
        "latitude": float(tipoff.latitude) if tipoff.latitude is not None else None,
        "description": tipoff.shown_description,
        "address": tipoff.shown_address,
        "enterprise": tipoff.enterprise.name if tipoff.enterprise else None,
        "enterprise_credit_code": tipoff.enterprise.credit_code if tipoff.enterprise else None,
        "instructions": tipoff.instructions,
        "returned_reason": tipoff.returned_reason
        if tipoff.status == Tipoff.Status.ASSIGNED
        else "",
        "additions": [
            a.released_text
            for a in tipoff.additions.filter(released_at__isnull=False)  # type: ignore[attr-defined]
        ],
        "media": [
            {
                "kind": a.kind,
                "content_type": a.content_type,
                "url": reverse("api:tipoff_media", args=[tipoff.reference, a.pk]),
            }
            for a in media
        ],
        "result": {
            "finding": result.finding,
            "process": result.process,
            "measures": result.measures,
            "penalty_number": result.penalty_number,
            "recorded_at": result.recorded_at,
        }
        if result
        else None,
        "public_outcome": tipoff.public_outcome if tipoff.status == Tipoff.Status.CLOSED else "",
    }


@router.get("/tipoffs/assigned", response=list[UnitCaseOut], auth=UnitToken())
def assigned_cases(request: HttpRequest, status: str = ""):
    """The cases assigned to the token's unit (办理中、已反馈、已办结), earliest deadline first."""
    cases = _unit_cases(request)
    if status:
        cases = cases.filter(status=status)
    return [_unit_view(t) for t in cases.order_by("deadline", "id")]


@router.get("/tipoffs/assigned/{reference}", response=UnitCaseOut, auth=UnitToken())
def assigned_case(request: HttpRequest, reference: str):
    return _unit_view(_unit_case(request, reference))


@router.get(
    "/tipoffs/assigned/{reference}/media/{media_id}", auth=UnitToken(), url_name="tipoff_media"
)
def assigned_media(request: HttpRequest, reference: str, media_id: int):
    """A photo or video of the case, without its metadata (the original stays with the office)."""
    tipoff = _unit_case(request, reference)
    attachment = (
        Attachment.objects.filter(tipoff=tipoff, pk=media_id).select_related("addition").first()
    )
    if attachment is None or not shown_to_unit(attachment):
        raise HttpError(404, "not found")
    response = FileResponse(attachment.shown.open("rb"), content_type=attachment.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


class ResultIn(Schema):
    finding: str
    process: str
    measures: str = ""
    penalty_number: str = ""


@router.post(
    "/tipoffs/assigned/{reference}/result",
    response={200: UnitCaseOut, 400: Detail},
    auth=UnitToken(),
)
def record_result(request: HttpRequest, reference: str, payload: ResultIn):
    """Record (or, before the office closes the case, update) the unit's investigation.
    `finding`: confirmed 查实 | partly 部分查实 | unfounded 不属实."""
    tipoff = _unit_case(request, reference)
    if payload.finding not in Finding.values:
        return Status(400, {"detail": f"finding must be one of {', '.join(Finding.values)}"})
    try:
        record_investigation(
            request.api_actor,  # type: ignore[attr-defined]
            tipoff,
            payload.finding,
            payload.process,
            payload.measures,
            payload.penalty_number,
        )
    except TipoffError as exc:
        return Status(400, {"detail": str(exc)})
    return _unit_view(Tipoff.objects.get(pk=tipoff.pk))
