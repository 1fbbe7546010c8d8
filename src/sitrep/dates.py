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

import os
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = ["TEXT_DATE_DAYS", "PartialDate", "Precision", "creation_time", "first_day", "parse_partial_date",
           "text_date_days"]

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


#: the text's own date wins over the metadata date when they lie this many days apart or more
#: (docs/ingest.md, "The report's date"; chosen on FA-KES tune rows, docs/benchmarks.md ``incidents35``)
TEXT_DATE_DAYS = 5
#: the environment variable that overrides it: a number of days (0: the text's date whenever it
#: gives one), or ``off`` (the metadata date always, as before the text date was read)
TEXT_DATE_ENV = "SITREP_TEXT_DATE_DAYS"


def text_date_days() -> int | None:
    """The threshold in force: ``$SITREP_TEXT_DATE_DAYS`` when set (``off`` -> None), else
    :data:`TEXT_DATE_DAYS`."""
    value = os.environ.get(TEXT_DATE_ENV, "").strip().lower()
    if not value:
        return TEXT_DATE_DAYS
    if value in ("off", "none", "no", "false"):
        return None
    return max(0, int(value))


def creation_time(published: str | None, text_date: str | None, days: int | None = TEXT_DATE_DAYS) -> str | None:
    """The document creation time the stages anchor on: ``text_date`` when it is known and lies
    ``days`` or more days from ``published`` (or ``published`` is unknown or only a month or
    year), else ``published``.
    ``days`` None: ``published`` always. Neither known: None (never today).

    >>> creation_time("2016-09-21", "2016-09-10")
    '2016-09-10'
    >>> creation_time("2016-09-12", "2016-09-10")  # 2 days apart: the metadata's
    '2016-09-12'
    >>> creation_time(None, None) is None
    True
    """
    if days is None or text_date is None:
        return published
    meta, text = parse_partial_date(published), first_day(text_date)
    if text is None:
        return published
    if meta is None or meta.precision != "day":  # none, or only a month or year: the text's day
        return text_date
    return text_date if abs((text - meta.date).days) >= days else published
