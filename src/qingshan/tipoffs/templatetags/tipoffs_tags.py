from __future__ import annotations

from django import template

from qingshan.reporting.permissions import actor_for

from ..access import unit_org_ids

register = template.Library()


@register.inclusion_tag("tipoffs/_nav.html", takes_context=True)
def tipoffs_nav(context) -> dict:
    request = context["request"]
    actor = actor_for(request.user)
    return {
        "request": request,
        "is_office": actor.is_office,
        "is_unit": bool(unit_org_ids(actor)),
        "here": request.resolver_match.url_name if request.resolver_match else "",
    }
