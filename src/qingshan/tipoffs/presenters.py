"""What each audience is shown of a case.  The reporter's view and the public view are built
here from explicit fields, so that nothing else of the case can slip into their pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import Attachment, Reward, Tipoff

MEDIA_SALT = "qingshan.tipoffs.media"
MEDIA_LINK_SECONDS = 3600
APPROXIMATE = Decimal("0.01")  # about 1 km in Hangzhou


def media_token(attachment_pk: int) -> str:
    return signing.TimestampSigner(salt=MEDIA_SALT).sign(str(attachment_pk))


def media_token_valid(token: str, attachment_pk: int) -> bool:
    try:
        value = signing.TimestampSigner(salt=MEDIA_SALT).unsign(token, max_age=MEDIA_LINK_SECONDS)
    except signing.BadSignature:
        return False
    return value == str(attachment_pk)


def shown_url(attachment: Attachment, signed: bool = False) -> str:
    url = reverse("tipoffs:media", args=[attachment.pk])
    return f"{url}?t={media_token(attachment.pk)}" if signed else url


def public_point(tipoff: Tipoff) -> tuple[float, float] | None:
    """The point the public may see: exact, rounded to about a kilometre, or none."""
    if not tipoff.has_point or tipoff.location_shown == Tipoff.Location.DISTRICT:
        return None
    lon, lat = Decimal(tipoff.longitude), Decimal(tipoff.latitude)  # type: ignore[arg-type]
    if tipoff.location_shown == Tipoff.Location.APPROXIMATE:
        lon = lon.quantize(APPROXIMATE, rounding=ROUND_HALF_UP)
        lat = lat.quantize(APPROXIMATE, rounding=ROUND_HALF_UP)
    return float(lon), float(lat)


STATUS_TEXT = {
    Tipoff.Status.NEW: "已收到您的举报，正在等待受理。",
    Tipoff.Status.REJECTED: "经审查，不予受理。",
    Tipoff.Status.DUPLICATE: "与此前的一件举报反映的是同一问题，已合并办理。",
    Tipoff.Status.ASSIGNED: "已交承办单位调查处理。",
    Tipoff.Status.ANSWERED: "承办单位已反馈调查结果，正在审核办结。",
    Tipoff.Status.CLOSED: "已办结。",
}


@dataclass
class ReporterView:
    """Everything the holder of a tracking code is shown."""

    reference: str
    category: str
    status: str
    status_label: str
    status_text: str
    submitted_at: dt.datetime
    occurred_at: dt.datetime
    description: str
    address: str
    district: str
    enterprise: str
    handled_by: str
    deadline: dt.date | None
    reject_reason: str
    merged_into: str
    outcome: str
    finding: str
    closed_at: dt.datetime | None
    reward: Reward | None
    can_add: bool
    can_claim: bool
    photos: list[str] = field(default_factory=list)
    videos: list[str] = field(default_factory=list)
    additions: list[dict[str, Any]] = field(default_factory=list)
    simulated: bool = False


def reporter_view(tipoff: Tipoff) -> ReporterView:
    root = tipoff.root
    closed = root.status == Tipoff.Status.CLOSED
    investigation = getattr(root, "investigation", None)
    reward = Reward.objects.filter(tipoff=tipoff).first()
    attachments = list(tipoff.attachments.all())  # type: ignore[attr-defined]
    return ReporterView(
        reference=tipoff.reference,
        category=tipoff.get_category_display(),
        status=tipoff.status,
        status_label=tipoff.get_status_display(),
        status_text=STATUS_TEXT[Tipoff.Status(tipoff.status)],
        submitted_at=tipoff.submitted_at,
        occurred_at=tipoff.occurred_at,
        description=tipoff.description,
        address=tipoff.address,
        district=tipoff.district.name if tipoff.district else "",
        enterprise=tipoff.enterprise.name if tipoff.enterprise else "",
        handled_by=root.assigned_org.name
        if root.assigned_org
        and root.status in (Tipoff.Status.ASSIGNED, Tipoff.Status.ANSWERED, Tipoff.Status.CLOSED)
        else "",
        deadline=root.deadline if root.status == Tipoff.Status.ASSIGNED else None,
        reject_reason=tipoff.reject_reason if tipoff.status == Tipoff.Status.REJECTED else "",
        merged_into=root.reference if root.pk != tipoff.pk else "",
        outcome=root.public_outcome if closed else "",
        finding=investigation.get_finding_display() if closed and investigation else "",
        closed_at=root.closed_at if closed else None,
        reward=reward,
        can_add=tipoff.status not in (Tipoff.Status.CLOSED, Tipoff.Status.REJECTED),
        can_claim=bool(reward and reward.granted and not hasattr(reward, "claim")),
        photos=[shown_url(a, signed=True) for a in attachments if a.kind == Attachment.Kind.PHOTO],
        videos=[shown_url(a, signed=True) for a in attachments if a.kind == Attachment.Kind.VIDEO],
        additions=[
            {"at": a.added_at, "text": a.text}
            for a in tipoff.additions.all()  # type: ignore[attr-defined]
        ],
        simulated=tipoff.is_simulated,
    )


@dataclass
class PublicCase:
    """A closed, published case as anybody may read it."""

    reference: str
    category: str
    district: str
    occurred_on: dt.date
    closed_on: dt.date | None
    description: str
    outcome: str
    finding: str
    point: tuple[float, float] | None
    location_note: str
    simulated: bool


def public_case(tipoff: Tipoff) -> PublicCase:
    investigation = getattr(tipoff, "investigation", None)
    point = public_point(tipoff)
    note = {
        Tipoff.Location.EXACT: "精确位置",
        Tipoff.Location.APPROXIMATE: "大致位置（约 1 公里范围）",
        Tipoff.Location.DISTRICT: "只公开所在区县",
    }[Tipoff.Location(tipoff.location_shown)]
    return PublicCase(
        reference=tipoff.reference,
        category=tipoff.get_category_display(),
        district=tipoff.district.name if tipoff.district else "",
        occurred_on=timezone.localdate(tipoff.occurred_at),
        closed_on=timezone.localdate(tipoff.closed_at) if tipoff.closed_at else None,
        description=tipoff.shown_description,
        outcome=tipoff.public_outcome,
        finding=investigation.get_finding_display() if investigation else "",
        point=point if tipoff.has_point else None,
        location_note=note if tipoff.has_point else "未在地图上标注",
        simulated=tipoff.is_simulated,
    )


def published_cases():
    return (
        Tipoff.objects.filter(status=Tipoff.Status.CLOSED, is_published=True)
        .select_related("district", "investigation")
        .order_by("-closed_at", "-id")
    )


MAP_GEO: dict[str, Any] = {
    "map": "hangzhou",
    "roam": True,
    "scaleLimit": {"min": 0.8, "max": 60},
    "itemStyle": {"areaColor": "#eef4f0", "borderColor": "#9bb5a8", "borderWidth": 1},
    "emphasis": {"itemStyle": {"areaColor": "#dcebe2"}, "label": {"show": True}},
    "label": {"show": True, "color": "#71857a", "fontSize": 10},
    "select": {"disabled": True},
    "top": 8,
    "bottom": 8,
    "left": 8,
    "right": 8,
}


def public_map(cases: list[PublicCase]) -> dict[str, Any]:
    data = [
        {
            "name": c.reference,
            "value": [c.point[0], c.point[1]],
            "category": c.category,
            "url": reverse("tipoffs:public_case", args=[c.reference]),
        }
        for c in cases
        if c.point
    ]
    return {
        "tooltip": {"trigger": "item", "formatter": "{b}"},
        "geo": MAP_GEO,
        "series": [
            {
                "type": "scatter",
                "coordinateSystem": "geo",
                "data": data,
                "symbolSize": 10,
                "itemStyle": {"color": "#c0392b", "borderColor": "#fff", "borderWidth": 1},
            }
        ],
    }


def point_map(tipoff: Tipoff) -> dict[str, Any]:
    """The exact point, for the office's and the unit's pages."""
    data = (
        [{"name": tipoff.reference, "value": [float(tipoff.longitude), float(tipoff.latitude)]}]  # type: ignore[arg-type]
        if tipoff.has_point
        else []
    )
    return {
        "tooltip": {"trigger": "item", "formatter": "{b}"},
        "geo": MAP_GEO,
        "series": [
            {
                "type": "scatter",
                "coordinateSystem": "geo",
                "data": data,
                "symbol": "pin",
                "symbolSize": 28,
                "itemStyle": {"color": "#c0392b"},
            }
        ],
    }
