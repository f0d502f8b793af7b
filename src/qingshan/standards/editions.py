"""Registry of standard editions, their effective dates and the tables that implement them.

Rules are keyed by edition; an edition is chosen either explicitly (``edition="HJ633-2012"``)
or from the dates of the data. Data dated inside the period of a registered but
unimplemented edition (the 2026 editions) is refused with :class:`EditionGapError` unless the
caller explicitly chooses an implemented edition or passes ``allow_superseded=True``: a
superseded table must never be applied by accident.

Adding an edition = writing its ``_tables`` module (data + citations) and one
:func:`register` call below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from qingshan.standards._tables import gb3095_2012, gb3838_2002, hj633_2012, hj663_2013
from qingshan.standards.errors import (
    EditionGapError,
    EditionNotImplementedError,
    UnknownEditionError,
)

__all__ = [
    "Edition",
    "register",
    "get",
    "editions_of",
    "in_force",
    "resolve",
    "all_editions",
    "AirEditions",
    "resolve_air",
]


@dataclass(frozen=True)
class Edition:
    """One edition of one standard."""

    code: str
    standard: str
    title: str
    effective_from: dt.date
    published: dt.date | None = None
    superseded_on: dt.date | None = None
    superseded_by: str | None = None
    #: The ``_tables`` module, or ``None`` when the edition is registered but not implemented.
    #: Typed ``Any``: each module carries its own constants; ``resolve`` refuses editions
    #: without tables, so callers never see ``None`` here.
    tables: Any = None
    #: Editions applied together with this one (a GB 3095 edition brings its HJ 663/HJ 633).
    companions: tuple[str, ...] = ()
    source: str = ""
    notes: str = ""

    @property
    def implemented(self) -> bool:
        return self.tables is not None

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.superseded_on is None or day < self.superseded_on
        )


_REGISTRY: dict[str, Edition] = {}


def _normalise(code: str) -> str:
    return code.replace(" ", "").replace("—", "-").replace("–", "-").upper()


def register(edition: Edition) -> None:
    """Add an edition (replacing one with the same code)."""
    _REGISTRY[_normalise(edition.code)] = edition


def get(code: str) -> Edition:
    """The edition registered under ``code`` (spaces and dash variants ignored)."""
    try:
        return _REGISTRY[_normalise(code)]
    except KeyError:
        known = ", ".join(sorted(e.code for e in _REGISTRY.values()))
        raise UnknownEditionError(f"unknown edition {code!r}; registered: {known}") from None


def all_editions() -> list[Edition]:
    return sorted(_REGISTRY.values(), key=lambda e: (e.standard, e.effective_from))


def editions_of(standard: str) -> list[Edition]:
    """Editions of one standard ("HJ 633"), oldest first."""
    key = _normalise(standard)
    return [e for e in all_editions() if _normalise(e.standard) == key]


def in_force(standard: str, day: dt.date) -> Edition | None:
    """The edition of ``standard`` in force on ``day``, implemented or not."""
    for edition in editions_of(standard):
        if edition.in_force_on(day):
            return edition
    return None


def _latest_implemented(standard: str) -> Edition:
    implemented = [e for e in editions_of(standard) if e.implemented]
    if not implemented:
        raise EditionNotImplementedError(f"no implemented edition of {standard}")
    return implemented[-1]


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def resolve(
    standard: str,
    *,
    edition: str | None = None,
    dates: Iterable[dt.date | dt.datetime] | None = None,
    allow_superseded: bool = False,
) -> Edition:
    """Choose the edition of ``standard`` to apply.

    * ``edition`` given: that edition, whatever the dates (an explicit choice); it must be
      implemented.
    * no ``dates`` (an undated scalar value): the latest implemented edition.
    * otherwise every date must fall under one implemented edition; a date under an
      unimplemented edition raises :class:`EditionGapError` unless ``allow_superseded`` (then
      the latest implemented edition is used, deliberately).
    """
    if edition is not None:
        chosen = get(edition)
        if _normalise(chosen.standard) != _normalise(standard):
            raise UnknownEditionError(
                f"edition {chosen.code} belongs to {chosen.standard}, not to {standard}"
            )
        if not chosen.implemented:
            raise EditionNotImplementedError(
                f"{chosen.code} is registered (in force from {chosen.effective_from}) but its "
                "tables are not implemented in qingshan.standards"
            )
        return chosen
    days = sorted({_as_date(d) for d in dates}) if dates is not None else []
    if not days:
        return _latest_implemented(standard)
    found: dict[str, Edition] = {}
    for day in (days[0], days[-1], *days[1:-1]):
        current = in_force(standard, day)
        if current is None or not current.implemented:
            if allow_superseded:
                return _latest_implemented(standard)
            raise EditionGapError(_gap_message(standard, day, current))
        found[current.code] = current
        if len(found) > 1:
            codes = " and ".join(sorted(found))
            raise EditionGapError(
                f"data dated {days[0]} … {days[-1]} spans two editions of {standard} "
                f"({codes}); split it at the change-over or pass edition= explicitly"
            )
    return next(iter(found.values()))


@dataclass(frozen=True)
class AirEditions:
    """The editions applied together to air data: limits and validity (GB 3095), evaluation
    method (HJ 663) and AQI (HJ 633)."""

    gb3095: Edition
    hj663: Edition
    hj633: Edition

    @property
    def codes(self) -> tuple[str, str, str]:
        return (self.gb3095.code, self.hj663.code, self.hj633.code)


def resolve_air(
    *,
    primary: str = "GB 3095",
    edition: str | None = None,
    dates: Iterable[dt.date | dt.datetime] | None = None,
    allow_superseded: bool = False,
) -> AirEditions:
    """Resolve the air bundle from ``primary``'s edition (or from ``edition``, which may name
    any member of a bundle: "GB3095-2012", "HJ663-2013" or "HJ633-2012")."""
    if edition is not None:
        chosen = get(edition)
        chosen = resolve(chosen.standard, edition=chosen.code)
    else:
        chosen = resolve(primary, dates=dates, allow_superseded=allow_superseded)
    if _normalise(chosen.standard) == _normalise("GB 3095"):
        base = chosen
    else:
        owners = [e for e in editions_of("GB 3095") if chosen.code in e.companions]
        if not owners:
            raise EditionNotImplementedError(f"{chosen.code} has no GB 3095 bundle registered")
        base = owners[-1]
    hj663, hj633 = (get(code) for code in base.companions)
    return AirEditions(base, hj663, hj633)


def _gap_message(standard: str, day: dt.date, current: Edition | None) -> str:
    latest = _latest_implemented(standard)
    if current is None:
        return (
            f"no edition of {standard} is registered as in force on {day}; pass "
            f"edition={latest.code!r} explicitly to apply {latest.code} to that data"
        )
    return (
        f"data dated {day} falls under {current.code} (in force from {current.effective_from}), "
        f"which is registered but not implemented; {latest.code} was superseded on "
        f"{latest.superseded_on}. Pass edition={latest.code!r} or allow_superseded=True to "
        f"evaluate it with {latest.code} deliberately"
    )


# --- the registry ------------------------------------------------------------------------

_CHANGE_2026 = dt.date(2026, 3, 1)
_SOURCE_2026 = (
    "生态环境部、国家市场监督管理总局 joint release (February 2026): GB 3095—2026, "
    "HJ 633—2026 and HJ 663—2026 in force from 2026-03-01"
)

register(
    Edition(
        code="GB3095-2012",
        standard="GB 3095",
        title="环境空气质量标准",
        published=dt.date(2012, 2, 29),
        effective_from=dt.date(2016, 1, 1),
        superseded_on=_CHANGE_2026,
        superseded_by="GB3095-2026",
        tables=gb3095_2012,
        companions=("HJ663-2013", "HJ633-2012"),
        source="GB 3095-2012 Tables 1 and 4",
        notes="Nationwide from 2016-01-01; some regions applied it earlier (pass edition=).",
    )
)
register(
    Edition(
        code="GB3095-2026",
        standard="GB 3095",
        title="环境空气质量标准",
        effective_from=_CHANGE_2026,
        source=_SOURCE_2026,
        notes=(
            "Not implemented: tables not available to us in citable form. Phased: transitional "
            "PM2.5 limits 2026-03-01…2030-12-31, final limits from 2031-01-01."
        ),
    )
)
register(
    Edition(
        code="HJ633-2012",
        standard="HJ 633",
        title="环境空气质量指数（AQI）技术规定（试行）",
        published=dt.date(2012, 2, 29),
        effective_from=dt.date(2016, 1, 1),
        superseded_on=_CHANGE_2026,
        superseded_by="HJ633-2026",
        tables=hj633_2012,
        source="HJ 633-2012 Table 1, Table 2, Appendix A",
    )
)
register(
    Edition(
        code="HJ633-2026",
        standard="HJ 633",
        title="环境空气质量指数（AQI）技术规定",
        effective_from=_CHANGE_2026,
        source=_SOURCE_2026,
        notes="Not implemented: new PM2.5/PM10 breakpoints not available to us in citable form.",
    )
)
register(
    Edition(
        code="HJ663-2013",
        standard="HJ 663",
        title="环境空气质量评价技术规范（试行）",
        published=dt.date(2013, 9, 22),
        effective_from=dt.date(2013, 10, 1),
        superseded_on=_CHANGE_2026,
        superseded_by="HJ663-2026",
        tables=hj663_2013,
        source="HJ 663-2013 (evaluation items, percentile method, O3 8-hour validity)",
    )
)
register(
    Edition(
        code="HJ663-2026",
        standard="HJ 663",
        title="环境空气质量评价技术规范",
        effective_from=_CHANGE_2026,
        source=_SOURCE_2026,
        notes="Not implemented (adds exceptional events, 3-year moving means, rounding rules).",
    )
)
register(
    Edition(
        code="GB3838-2002",
        standard="GB 3838",
        title="地表水环境质量标准",
        published=dt.date(2002, 4, 28),
        effective_from=dt.date(2002, 6, 1),
        tables=gb3838_2002,
        source="GB 3838-2002 Table 1",
    )
)
