"""Role questions that several apps ask about a person."""

from __future__ import annotations

from typing import Any

from .models import Membership


def is_office(user: Any) -> bool:
    """The plan office (办公室 in any unit) or a superuser."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        bool(user.is_superuser)
        or Membership.objects.filter(user=user, role=Membership.Role.OFFICE).exists()
    )


def is_leader(user: Any) -> bool:
    """A leader (市领导, committee member): reads everything the office reads, changes nothing."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, role=Membership.Role.LEADER).exists()


def reads_oversight(user: Any) -> bool:
    """Who reads the early warnings and unpublished assessments: the office and leaders."""
    return is_office(user) or is_leader(user)


def is_unit_member(user: Any) -> bool:
    """Someone who works for a unit (its reporter or approver)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        user=user, role__in=[Membership.Role.REPORTER, Membership.Role.APPROVER]
    ).exists()
