from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from qingshan.audit.services import record_event
from qingshan.plans.models import Org

from .models import ApiToken

PREFIX = "qs_"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(org: Org, name: str, created_by: Any) -> tuple[ApiToken, str]:
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        org=org, name=name, prefix=key[:10], key_hash=_digest(key), created_by=created_by
    )
    record_event(
        "token.issue",
        "api_token",
        token.pk,
        actor=created_by,
        summary=f"为{org.name}签发 API 令牌：{name}",
        after={"org": org.code, "prefix": token.prefix},
    )
    return token, key


def token_for_key(key: str) -> ApiToken | None:
    if not key.startswith(PREFIX):
        return None
    token = (
        ApiToken.objects.filter(key_hash=_digest(key), revoked_at__isnull=True)
        .select_related("org", "created_by")
        .first()
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


@transaction.atomic
def revoke_token(token: ApiToken, by: Any) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event("token.revoke", "api_token", token.pk, actor=by, summary=f"吊销 {token}")
