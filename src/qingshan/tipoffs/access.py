"""Who may see what of a case.  Every page, file, export and API endpoint asks these.

* The office (办公室 role, or a superuser) sees everything, including who reported.
* The unit a case is assigned to — its 填报员 and 审核人 — sees the case as the office
  moderated it, the metadata-free copies of the files, and never the reporter's identity.
* Everybody else sees the published outcome of closed cases, and a reporter sees their own
  case through the tracking code.
"""

from __future__ import annotations

from qingshan.accounts.models import Membership
from qingshan.reporting.permissions import Actor

from .models import Attachment, Tipoff

UNIT_ROLES = (Membership.Role.REPORTER, Membership.Role.APPROVER)
HANDLED = (Tipoff.Status.ASSIGNED, Tipoff.Status.ANSWERED, Tipoff.Status.CLOSED)


def unit_org_ids(actor: Actor) -> list[int]:
    return [org_id for org_id in actor.roles if actor.has(org_id, *UNIT_ROLES)]


def handles(actor: Actor, tipoff: Tipoff) -> bool:
    """The person works for the unit the case is assigned to."""
    return (
        tipoff.assigned_org_id is not None
        and tipoff.status in HANDLED
        and actor.has(tipoff.assigned_org_id, *UNIT_ROLES)
    )


def unit_investigation(tipoff: Tipoff):
    """The investigation the unit now handling the case sees: its own.  After a case is taken
    back and given to another unit, the earlier unit's findings stay with the office."""
    investigation = getattr(tipoff, "investigation", None)
    if investigation is not None and investigation.org_id != tipoff.assigned_org_id:
        return None
    return investigation


def can_record_result(actor: Actor, tipoff: Tipoff) -> bool:
    return handles(actor, tipoff) and tipoff.status in (
        Tipoff.Status.ASSIGNED,
        Tipoff.Status.ANSWERED,
    )


def shown_to_unit(attachment: Attachment) -> bool:
    if attachment.is_hidden:
        return False
    return attachment.addition_id is None or attachment.addition.released_at is not None  # type: ignore[union-attr]


def can_see_shown_copy(actor: Actor, attachment: Attachment) -> bool:
    if actor.is_office:
        return True
    return handles(actor, attachment.tipoff) and shown_to_unit(attachment)


def can_see_original(actor: Actor) -> bool:
    return actor.is_office
