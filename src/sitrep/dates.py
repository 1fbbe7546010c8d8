"""sitrep's one date convention for partial dates (see ``docs/dates.md``).

A document's ``published`` value, a role's start or end in the knowledge base and a
TIMEX3 value may be a whole day (``2016-07-16``), a month (``2016-07``) or a year
(``2016``). A partial date names a period; wherever sitrep needs a single day for it
(to compare it with another date, to anchor relative expressions, to decide whether a
role was held), it takes **the first day of the period**: ``2016`` is 1 January 2016,
``2016-07`` is 1 July 2016. The precision is always kept next to the day, so code that
must not pretend to know the day (the time stage resolving "Thursday" against a
year-only date) can tell.

Example::

    >>> from sitrep.dates import first_day, parse_partial_date
    >>> first_day("2016")
    datetime.date(2016, 1, 1)
    >>> parse_partial_date("2016-07-16T10:00:00Z")
    PartialDate(date=datetime.date(2016, 7, 16), precision='day', iso='2016-07-16')
    >>> first_day("16 July 2016") is None  # not ISO: ingest normalises dates first
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = ["PartialDate", "Precision", "first_day", "parse_partial_date"]

Precision = Literal["day", "month", "year"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A day, month or year: its first day, its precision, and the ISO text it was read from."""

    date: date
    precision: Precision
    iso: str


def parse_partial_date(value: str | None) -> PartialDate | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (anything after the date, such as a time, is
    ignored) as a :class:`PartialDate` on the first day of its period; None when absent or
    not such a date (never today's date, never a guess)."""
    if not value:
        return None
    m = _ISO.match(value.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return PartialDate(date(year, int(month), int(day)), "day", m.group(0))
        if month:
            return PartialDate(date(year, int(month), 1), "month", m.group(0))
        return PartialDate(date(year, 1, 1), "year", m.group(0))
    except ValueError:
        return None


def first_day(value: str | None) -> date | None:
    """The first day of the period a partial ISO date names (``"2016"`` -> 2016-01-01), else None."""
    parsed = parse_partial_date(value)
    return parsed.date if parsed is not None else None
