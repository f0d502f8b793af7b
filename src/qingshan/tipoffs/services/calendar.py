"""The office's holiday calendar: adding and removing days, and loading the published ones."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from qingshan.audit.services import record_event
from qingshan.reporting.permissions import Actor

from ..holidays_cn import published_days
from ..models import Holiday
from .errors import NotAllowed, TipoffError


def _state(h: Holiday) -> dict:
    return {"date": h.date.isoformat(), "name": h.name, "kind": h.kind, "source": h.source}


@transaction.atomic
def save_holiday(actor: Actor, day: dt.date, name: str, kind: str, source: str = "") -> Holiday:
    """Add a day, or change the one already entered for that date."""
    if not actor.is_office:
        raise NotAllowed("只有办公室可以维护节假日")
    if kind not in Holiday.Kind.values:
        raise TipoffError("请选择放假或调休上班")
    if not name.strip():
        raise TipoffError("请填写节日名称")
    existing = Holiday.objects.filter(date=day).first()
    before = _state(existing) if existing else None
    holiday, _ = Holiday.objects.update_or_create(
        date=day, defaults={"name": name.strip(), "kind": kind, "source": source.strip()}
    )
    record_event(
        "holiday.save",
        "holiday",
        day.isoformat(),
        actor=actor.user,
        summary=f"{day:%Y-%m-%d} {holiday.name}（{holiday.get_kind_display()}）",
        before=before,
        after=_state(holiday),
    )
    return holiday


@transaction.atomic
def remove_holiday(actor: Actor, holiday: Holiday) -> None:
    if not actor.is_office:
        raise NotAllowed("只有办公室可以维护节假日")
    before = _state(holiday)
    holiday.delete()
    record_event(
        "holiday.remove",
        "holiday",
        before["date"],
        actor=actor.user,
        summary=f"删除 {before['date']} {before['name']}",
        before=before,
    )


@transaction.atomic
def load_published_holidays(actor_label: str = "seed") -> tuple[int, int]:
    """Enter the State Council's published days (idempotent).  Returns (added, changed)."""
    added = changed = 0
    for day in published_days():
        existing = Holiday.objects.filter(date=day.date).first()
        wanted = {"name": day.name, "kind": day.kind, "source": day.source}
        if existing is None:
            Holiday.objects.create(date=day.date, **wanted)
            added += 1
        elif {k: getattr(existing, k) for k in wanted} != wanted:
            for key, value in wanted.items():
                setattr(existing, key, value)
            existing.save()
            changed += 1
    if added or changed:
        record_event(
            "holiday.load",
            "holiday",
            "published",
            actor_label=actor_label,
            summary=f"载入国务院办公厅公布的节假日安排：新增 {added} 天，更新 {changed} 天",
            after={"added": added, "changed": changed},
        )
    return added, changed
