"""Reading who reported: only the office may, and every reading is itself audited."""

from __future__ import annotations

from django.db import transaction

from qingshan.audit.services import record_event
from qingshan.reporting.permissions import Actor

from ..models import Identity, Tipoff
from .errors import NotAllowed


def _office(actor: Actor) -> None:
    if not actor.is_office:
        raise NotAllowed("只有美丽杭州办可以查看举报人信息")


@transaction.atomic
def read_identity(actor: Actor, tipoff: Tipoff) -> Identity | None:
    _office(actor)
    record_event(
        "tipoff.identity_view",
        "tipoff",
        tipoff.pk,
        actor=actor.user,
        summary=f"查看 {tipoff.reference} 举报人信息",
    )
    return Identity.objects.filter(tipoff=tipoff).first()


@transaction.atomic
def export_ledger_with_identities(actor: Actor, cases: int, fmt: str) -> None:
    """Recorded before the office's ledger, with every reporter's details, leaves the site."""
    _office(actor)
    record_event(
        "tipoff.ledger_export",
        "tipoff",
        "ledger",
        actor=actor.user,
        summary=f"导出含举报人信息的办理台账（{cases} 件，{fmt}）",
    )
