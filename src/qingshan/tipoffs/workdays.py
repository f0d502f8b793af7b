"""Working days under a holiday calendar: Monday to Friday, minus the declared days off, plus
the weekend days declared working days (调休上班).

Pure functions over a {date: "off" | "workday"} mapping, so that they can be checked by hand
against the published notices; `calendar_for` reads the mapping from the Holiday table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

OFF = "off"
WORKDAY = "workday"
Calendar = Mapping[dt.date, str]


def is_working_day(day: dt.date, calendar: Calendar) -> bool:
    declared = calendar.get(day)
    if declared == OFF:
        return False
    if declared == WORKDAY:
        return True
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int, calendar: Calendar) -> dt.date:
    """The date `days` working days after `start`; `start` itself does not count (a case
    assigned on Monday with 1 working day is due on Tuesday, or the next working day)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    left = days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, calendar):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, calendar: Calendar) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start, calendar)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, calendar):
            count += 1
    return count


def calendar_for(start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """The declared days between two dates (inclusive), from the office's Holiday table."""
    from .models import Holiday

    return dict(
        Holiday.objects.filter(date__range=(start, end)).values_list("date", "kind").iterator()
    )


def years_without_calendar(*days: dt.date) -> list[int]:
    """Years among those of `days` for which the office has entered no holiday at all: their
    working days would silently be plain Monday-to-Friday."""
    from .models import Holiday

    years = sorted({d.year for d in days})
    known = set(Holiday.objects.filter(date__year__in=years).dates("date", "year"))
    return [y for y in years if dt.date(y, 1, 1) not in known]
