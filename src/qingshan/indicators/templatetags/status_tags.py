"""Status badges for targets, tasks and warnings, from the status table of the method."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from qingshan.indicators import progress

register = template.Library()

MISSING = ("未按期报送", "danger")


def _entry(status: str) -> tuple[str, str]:
    if status == "missing":
        return MISSING
    info = progress.STATUSES.get(status)
    return (info.label, info.colour) if info else (status or "—", "secondary")


@register.filter
def status_label(status: str) -> str:
    return _entry(status)[0]


@register.simple_tag
def status_badge(status: str):
    label, colour = _entry(status)
    text = "text-dark" if colour in ("warning", "light", "info") else ""
    return format_html('<span class="badge text-bg-{} {}">{}</span>', colour, text, label)
