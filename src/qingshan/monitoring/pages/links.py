"""Links from the monitoring pages to pages that may not be installed."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def import_url() -> str | None:
    """The import page, once the importer's pages are installed."""
    try:
        return reverse("monitoring:import")
    except NoReverseMatch:
        return None
