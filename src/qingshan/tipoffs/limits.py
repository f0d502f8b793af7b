"""Rate limits counted in the database (no shared cache is configured, and the limits must
hold across processes): submissions and failed code lookups per client address, additions
per case.  Addresses are only ever stored as a salted hash."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import RateEvent


@dataclass(frozen=True)
class Limit:
    count: int
    window: dt.timedelta
    message: str


HOUR = dt.timedelta(hours=1)
SUBMIT = "submit"
ADDITION = "addition"
LOOKUP_FAILED = "lookup_failed"
LIMITS = {
    SUBMIT: Limit(5, HOUR, "同一网络地址一小时内最多提交 5 件举报，请稍后再试。"),
    ADDITION: Limit(10, HOUR, "同一件举报一小时内最多补充 10 次，请稍后再试。"),
    LOOKUP_FAILED: Limit(
        20, HOUR, "查询码错误次数过多，已暂停本网络地址的查询一小时。请核对查询码后再试。"
    ),
}
KEEP = dt.timedelta(days=2)


class RateLimited(Exception):
    pass


def client_key(request: Any) -> str:
    """A salted hash of the client's address (REMOTE_ADDR: a proxy in front must set it)."""
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return salted_hmac("qingshan.tipoffs.client", address, algorithm="sha256").hexdigest()


def used(kind: str, key: str) -> int:
    since = timezone.now() - LIMITS[kind].window
    return RateEvent.objects.filter(kind=kind, key=key, at__gt=since).count()


def check(kind: str, key: str) -> None:
    if used(kind, key) >= LIMITS[kind].count:
        raise RateLimited(LIMITS[kind].message)


def count(kind: str, key: str) -> None:
    """Count one attempt; old rows are pruned as we go, so the table stays small."""
    now = timezone.now()
    with transaction.atomic():
        RateEvent.objects.create(kind=kind, key=key, at=now)
        RateEvent.objects.filter(at__lt=now - KEEP).delete()
