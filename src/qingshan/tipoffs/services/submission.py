"""What a member of the public does: report, look the report up by its code, add to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from qingshan.audit.services import record_event
from qingshan.plans.models import Org
from qingshan.polluters.models import Enterprise

from .. import limits
from ..codes import code_hash, matches, new_code, normalise
from ..geo import district_at
from ..media import MediaError, Prepared, prepared_uploads, store
from ..models import Addition, Attachment, Identity, Tipoff
from .errors import TipoffError, UnknownCode

REPORTER = "举报人"
MAX_ATTACHMENTS_PER_CASE = 30


@dataclass
class NewReport:
    category: str
    description: str
    occurred_at: dt.datetime
    longitude: Decimal | None = None
    latitude: Decimal | None = None
    address: str = ""
    district: Org | None = None  # chosen by the reporter when there is no point
    enterprise: Enterprise | None = None
    name: str = ""
    phone: str = ""
    email: str = ""


def _attach(tipoff: Tipoff, prepared: list[Prepared], addition: Addition | None) -> None:
    year = timezone.localdate().year
    for p in prepared:
        original, shown = store(p, year)
        Attachment.objects.create(
            tipoff=tipoff,
            addition=addition,
            kind=p.kind,
            original=original,
            shown=shown,
            content_type=p.content_type,
            size=p.size,
            sha256=p.sha256,
            is_hidden=p.office_only,
        )


@contextmanager
def _checked(photos: list[Any], videos: list[Any]) -> Iterator[list[Prepared]]:
    """The files, checked and cleaned; a refused file is reported as a TipoffError."""
    try:
        with prepared_uploads(photos, videos) as prepared:
            yield prepared
    except MediaError as exc:
        raise TipoffError(str(exc)) from None


def _district(report: NewReport, region: str) -> Org | None:
    if report.longitude is not None and report.latitude is not None:
        found = district_at(report.longitude, report.latitude, region)
        if found is not None:
            return found
    return report.district


def submit_tipoff(
    report: NewReport, photos: list[Any], videos: list[Any], client: str, region: str = "杭州市"
) -> tuple[Tipoff, str]:
    """Store a report with its files; returns the case and its tracking code (shown once)."""
    limits.check(limits.SUBMIT, client)
    if not report.description.strip():
        raise TipoffError("请描述看到的情况")
    if report.longitude is None and not report.address.strip():
        raise TipoffError("请在地图上选择地点，或填写地址")
    with _checked(photos, videos) as prepared, transaction.atomic():
        code = new_code()
        tipoff = Tipoff.objects.create(
            category=report.category,
            description=report.description.strip(),
            address=report.address.strip(),
            longitude=report.longitude,
            latitude=report.latitude,
            district=_district(report, region),
            occurred_at=report.occurred_at,
            enterprise=report.enterprise,
            code_hash=code_hash(code),
        )
        identity = Identity.objects.create(
            tipoff=tipoff,
            name=report.name.strip(),
            phone=report.phone.strip(),
            email=report.email.strip(),
            client_hash=client,
        )
        _attach(tipoff, prepared, None)
        limits.count(limits.SUBMIT, client)
        record_event(
            "tipoff.submit",
            "tipoff",
            tipoff.pk,
            actor_label=REPORTER,
            summary=f"收到举报 {tipoff.reference}（{tipoff.get_category_display()}）",
            # The reporter's words are kept here as submitted; who they are is not.
            after={
                "category": tipoff.category,
                "description": tipoff.description,
                "address": tipoff.address,
                "district": tipoff.district.code if tipoff.district else None,
                "enterprise": tipoff.enterprise.credit_code if tipoff.enterprise else None,
                "files": len(prepared),
                "anonymous": identity.is_anonymous,
            },
        )
    return tipoff, code


def find_by_code(code: str, client: str) -> Tipoff:
    """The case of a tracking code.  Failed lookups are counted per client address; past the
    limit every lookup from that address is refused, right or wrong, until the hour is over."""
    limits.check(limits.LOOKUP_FAILED, client)
    normal = normalise(code)
    tipoff = (
        Tipoff.objects.select_related("assigned_org", "duplicate_of", "district")
        .filter(code_hash=code_hash(normal))
        .first()
        if normal
        else None
    )
    if tipoff is None or not matches(normal or "", tipoff.code_hash):
        limits.count(limits.LOOKUP_FAILED, client)
        raise UnknownCode("查询码不正确：请核对后重新输入（16 位字母和数字，不区分大小写）。")
    return tipoff


def add_information(tipoff: Tipoff, text: str, photos: list[Any], videos: list[Any]) -> Addition:
    """The reporter adds text or files to an open case (at most 10 times an hour)."""
    key = f"case:{tipoff.pk}"
    limits.check(limits.ADDITION, key)
    if tipoff.status in (Tipoff.Status.CLOSED, Tipoff.Status.REJECTED):
        raise TipoffError("该举报已办结，不能再补充材料；如有新情况，请重新举报。")
    if not text.strip() and not photos and not videos:
        raise TipoffError("请填写补充内容或选择照片、视频")
    if tipoff.attachments.count() + len(photos) + len(videos) > MAX_ATTACHMENTS_PER_CASE:  # type: ignore[attr-defined]
        raise TipoffError(f"每件举报最多 {MAX_ATTACHMENTS_PER_CASE} 个照片和视频")
    with _checked(photos, videos) as prepared, transaction.atomic():
        addition = Addition.objects.create(tipoff=tipoff, text=text.strip())
        _attach(tipoff, prepared, addition)
        limits.count(limits.ADDITION, key)
        record_event(
            "tipoff.add",
            "tipoff",
            tipoff.pk,
            actor_label=REPORTER,
            summary=f"举报人补充材料（{len(prepared)} 个文件）",
            after={"addition": addition.pk, "text": addition.text, "files": len(prepared)},
        )
    return addition
