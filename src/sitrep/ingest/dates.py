"""Publication dates from metadata fields and date-only lines.

Only what the text states: a value without a year is not a publication date,
and nothing is ever filled in from today's date. Returns ISO ``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY``.
"""

from __future__ import annotations

import re
from datetime import date

from ..lexicon import month_names

#: month names and abbreviations -> number (shared: sitrep/lexicon/common.yaml)
_MONTHS = month_names()
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|urday)?\.?,?\s+)?"
_PATTERNS = [
    # 2016-07-16, 2016-07-16T10:00:00Z, 2016/07/16
    re.compile(r"^(?P<year>\d{4})[-/](?P<mnum>\d{1,2})(?:[-/](?P<day>\d{1,2}))?(?:[T ][\d:.+\-Z]*)?$"),
    # 16 July 2016
    re.compile(rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})$", re.I),
    # July 16, 2016 / Sept. 21, 2016
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$", re.I),
    # July 2016
    re.compile(rf"^{_MONTH},?\s+(?P<year>\d{{4}})$", re.I),
]
_NUMERIC = re.compile(r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})$")
_PREFIX = re.compile(r"^(?:published|posted|updated|last updated|date|first published)\s*(?:on)?\s*[:\-–—]?\s*", re.I)
#: no date as written is longer; longer values are refused before any pattern runs (some of
#: the patterns backtrack on long runs of spaces, quadratic in the length)
MAX_DATE_CHARS = 100
_TRAILING_TIME = re.compile(r"[\s,|·–—-]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?$", re.I)


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    if not 1800 <= year <= 2200:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: object, *, date_order: str = "MDY") -> str | None:
    """Normalise a metadata date (``16 July 2016``, ``4/5/2017``, ``2016-07-16T…``) to ISO.

    ``date_order`` ("MDY" or "DMY") decides ambiguous numeric dates. Returns None
    when the value is empty or not a date with at least a year.
    """
    if value is None:
        return None
    text = str(value).strip()
    if len(text) > MAX_DATE_CHARS:
        return None
    text = _TRAILING_TIME.sub("", _PREFIX.sub("", text)).strip().rstrip(".")
    if not text:
        return None
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            g = m.groupdict()
            month = int(g["mnum"]) if g.get("mnum") else (_MONTHS[g["month"].lower()] if g.get("month") else None)
            day = int(g["day"]) if g.get("day") else None
            return _iso(int(g["year"]), month, day)
    m = _NUMERIC.match(text)
    if m:
        a, b = int(m["a"]), int(m["b"])
        month, day = (a, b) if date_order.upper() == "MDY" else (b, a)
        if month > 12 and day <= 12:  # unambiguous the other way round
            month, day = day, month
        return _iso(int(m["year"]), month, day)
    return None


def date_line(line: str) -> str | None:
    """The ISO date when ``line`` is nothing but a date (a dateline-style header line)."""
    stripped = line.strip()
    if len(stripped) > 60:
        return None
    return normalize_date(stripped)
