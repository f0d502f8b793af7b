"""What every page's navigation needs."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from qingshan.accounts.roles import is_office, is_unit_member, reads_oversight


def site(request: HttpRequest) -> dict:
    return {
        "default_plan_code": settings.QINGSHAN_DEFAULT_PLAN,
        # A callable: templates evaluate it only where the warning link is drawn.
        "oversight": lambda: reads_oversight(request.user),
        "office_user": lambda: is_office(request.user),
        "unit_user": lambda: is_unit_member(request.user),
    }
