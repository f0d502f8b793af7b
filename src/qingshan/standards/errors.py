"""Exceptions raised by :mod:`qingshan.standards`.

Every input problem is a :class:`StandardsValueError` (a ``ValueError``) whose message names
the pollutant or item, the offending value and the rule that rejected it, so that a caller can
never mistake a refused input for a computed number.
"""

from __future__ import annotations


class StandardsError(Exception):
    """Base class of every error raised by this package."""


class StandardsValueError(StandardsError, ValueError):
    """Bad input: the message names the pollutant/item, the value and the rule."""


class UnknownPollutantError(StandardsValueError):
    """A pollutant or water-quality item name that the standard does not define."""


class InvalidConcentrationError(StandardsValueError):
    """Negative, NaN or infinite concentration."""


class UnitError(StandardsValueError):
    """Unknown unit, or a value whose magnitude betrays the wrong unit (CO in µg/m³)."""


class NotIndexedError(StandardsValueError):
    """HJ 633-2012 Table 1 notes (3)/(4): the value is above the scale it would be indexed on
    and the substitute value the standard requires was not supplied."""


class FrameSchemaError(StandardsValueError):
    """A Polars frame lacks a required column or has a column of the wrong type."""


class TimezoneError(FrameSchemaError):
    """Hourly timestamps without a time zone, or not on the hour."""


class DuplicateRecordError(StandardsValueError):
    """The same station, pollutant and hour appears more than once."""


class EditionError(StandardsError, ValueError):
    """Base class of edition-registry errors."""


class UnknownEditionError(EditionError):
    """An edition code that is not registered."""


class EditionNotImplementedError(EditionError):
    """The edition is registered (it exists) but its tables are not implemented here."""


class EditionGapError(EditionError):
    """The data's dates fall under an edition that is not implemented (or under none), and the
    caller did not explicitly choose another edition."""
