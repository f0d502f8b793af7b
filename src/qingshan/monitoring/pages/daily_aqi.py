"""Daily AQI: the coloured chip of one day and each station's (or the city's) latest day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from ..models import AirDay, AirStation, Scope
from .colours import aqi_level
from .labels import LABELS


@dataclass
class DayChip:
    date: dt.date
    aqi: int | None
    category: str
    colour: str
    text: str
    primary: str


def day_chip(day: AirDay | None) -> DayChip | None:
    if day is None:
        return None
    level = aqi_level(day.level)
    return DayChip(
        date=day.date,
        aqi=day.aqi,
        category=day.category,
        colour=level.colour if level else "#dfe5e2",
        text=level.text if level else "#1d2a24",
        primary="、".join(LABELS.get(p, p) for p in day.primary),
    )


def latest_days(scope: str, codes: list[str]) -> dict[str, AirDay]:
    """Each code's latest day that has an AQI (two queries whatever the number of codes)."""
    latest = (
        AirDay.objects.filter(scope=scope, code=OuterRef("code"), aqi__isnull=False)
        .order_by("-date")
        .values("date")[:1]
    )
    if scope == Scope.STATION:
        pairs = AirStation.objects.filter(code__in=codes).annotate(last=Subquery(latest))
        wanted = {(s.code, s.last) for s in pairs if s.last}  # type: ignore[attr-defined]
    else:
        wanted = set()
        for code in codes:
            day = (
                AirDay.objects.filter(scope=scope, code=code, aqi__isnull=False)
                .order_by("-date")
                .first()
            )
            if day:
                wanted.add((code, day.date))
    if not wanted:
        return {}
    days = AirDay.objects.filter(
        scope=scope, code__in={c for c, _ in wanted}, date__in={d for _, d in wanted}
    ).only("code", "date", "aqi", "level", "category", "primary")
    return {d.code: d for d in days if (d.code, d.date) in wanted}
