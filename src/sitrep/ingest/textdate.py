"""The report's own date as its text states it at the top (a dateline, a "Published" line).

Scraped pages and corpus rows often carry a metadata date that is the crawl, update or
catalogue date, not the report's (on FA-KES's development rows 74 of 408 lie 5+ days off the
date their text gives at its top; docs/benchmarks.md, ``incidents33``). The text usually
states its own date in its first words: "28 July 2015 Syrian rebels …", "Published February 23
2015 …", "Date of publication 7 October 2016 …", "… Monitor AFP Sunday 15 Feb 2015 At least …"
(the headline repeated, then the date), "24.08.2013 …", "BEIRUT, Aug 3 (Reuters) - …".

:func:`text_date` reads that date. What counts as "at the top" (chosen on FA-KES tune rows,
even ``unit_id``, and project-written texts; docs/ingest.md):

- within the first :data:`HEAD_CHARS` characters of the raw text, and before the first
  sentence of prose ends (a lower-case word of three letters or more closing on ". ");
- not inside quotation marks, and not governed by a word that makes it an event's date rather
  than the report's ("on", "since", "in", "the", "until", … :data:`_GOVERNORS`): "On August 10,
  2016, a strike …" and the "March 5, 2013 massacre" are not the report's date;
- a day with its month and a four-digit year ("Aug 3, 2016", "3 August 2016", "Saturday 10 Sep
  2016", "03/08/2016", "24.08.2013"; also the day run into the year, "Jul 282016", as page
  extraction glues them in Jordan Times' "Last updated at" lines); a dateline's day without a year ("BEIRUT, Aug 3 (Reuters)
  -") takes the year that puts it nearest the metadata date, and nothing without one;
- a date labelled as the publication ("Published", "Posted on", "Date of publication") wins over
  one labelled as an update ("Updated", "Last updated"), and a label's "on" governs nothing;
  otherwise the earliest wins.

A slashed numeric date ("03/08/2016") is read in ``date_order`` (unless only the other order is
a date); dotted and dashed ones ("24.08.2013", "01-11-2014") day first: on FA-KES tune rows the
dashed form is day first in every row whose text settles it, and reading it nearest the metadata
date would side with the very metadata the text date is there to check. Never today's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..lexicon import month_names

#: how far into the raw text the report's date may start (FA-KES tune rows: a repeated headline
#: and an agency before it put it at up to ~150 characters)
HEAD_CHARS = 300
YEARS = (1900, 2100)

_MONTHS = month_names()
_MONTH = r"(?P<m>" + "|".join(sorted((re.escape(k) for k in _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>\d{4})(?!\d)"
_PATTERNS = (
    re.compile(rf"(?<![\w.]){_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),  # Aug 3, 2016
    re.compile(rf"(?<![\w.]){_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I),  # 3 August 2016
    re.compile(r"(?<![\w./-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d])"),  # 03/08/2016
    re.compile(r"(?<![\w./-])(?P<y>\d{4})-(?P<mm>\d{2})-(?P<dd>\d{2})(?![\d])"),  # 2016-08-03
    # "Last updated at Jul 282016": the day run into the year by a page's extraction (a lost space
    # or line break); only after a month name, and only as a day of one or two digits before a year
    # of this or the last century, so a longer number is never read as a date
    re.compile(rf"(?<![\w.]){_MONTH}\s+(?P<d>\d{{1,2}})(?P<y>(?:19|20)\d{{2}})(?!\d)", re.I),
)
#: "CITY, Aug 3 (Reuters) -": a dateline's day without a year
_DATELINE_DAY = re.compile(
    rf"^[A-Z][A-Za-z'’.\-]*(?:\s[A-Z][A-Za-z'’.\-]*){{0,3}},\s*(?:[A-Z][A-Za-z.\-]*(?:\s[A-Z][A-Za-z.\-]*){{0,2}},\s*)?"
    rf"{_MONTH}\s+{_DAY}\s*\((?:[^)]{{1,30}})\)\s*(?:-|—|–|--|:)", re.I,
)
#: the end of the first sentence of prose: a lower-case word of 3+ letters, then ". " (not "U.S.", "Sept.")
_PROSE_END = re.compile(r"\b[a-z]{3,}[.!?][\"”’]?\s")
#: words right before a date that make it an event's date inside a sentence, not the report's
_GOVERNORS = frozenset({
    "on", "since", "in", "of", "from", "until", "till", "to", "by", "before", "after", "between", "and", "or",
    "the", "a", "this", "that", "last", "next", "early", "late", "mid", "dated", "during", "through", "at",
    "for", "as", "than",
})
_PUBLISHED = re.compile(r"(?:published|posted|date of publication|publication date|first published)\W{0,3}(?:on|at)?\W{0,3}$", re.I)
_UPDATED = re.compile(r"(?:updated|last updated|modified)\W{0,3}(?:on|at)?\W{0,3}$", re.I)
_WEEKDAY = re.compile(r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|urday)?\.?,?$", re.I)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    day: date
    label: int  # 0 published, 1 unlabelled, 2 updated


def text_date(raw: str, *, published: str | None = None, date_order: str = "MDY") -> str | None:
    """The ISO day the text states at its top as the report's date, else None (module docstring).

    ``published`` (the metadata date, ISO) only gives a year-less dateline its year; it is never
    returned for lack of a text date.
    """
    head = raw[:HEAD_CHARS]
    prose = _PROSE_END.search(head)
    limit = prose.start() if prose else len(head)
    near = _metadata_day(published)
    found = [f for f in _candidates(head, limit, date_order) if f.label != 1 or not _excluded(head, f.start)]
    if not found:
        line = _DATELINE_DAY.match(head.lstrip())
        day = _yearless(line, near) if line else None
        return day.isoformat() if day else None
    return min(found, key=lambda f: (f.label, f.start)).day.isoformat()


def _candidates(head: str, limit: int, date_order: str) -> list[_Found]:
    out = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(head, 0, limit):
            groups = m.groupdict()
            if "sep" in groups:
                day = _numeric(m, date_order)
            elif "mm" in groups:
                day = _day(int(m["y"]), int(m["mm"]), int(m["dd"]))
            else:
                day = _named(m)
            if day is not None:
                out.append(_Found(m.start(), day, _label(head[:m.start()])))
    return out


def _named(m: re.Match[str]) -> date | None:
    return _day(int(m["y"]), _MONTHS[m["m"].lower()], int(m["d"]))


def _numeric(m: re.Match[str], date_order: str) -> date | None:
    """Dotted and dashed dates day first ("24.08.2013", "01-11-2014"); slashed ones in
    ``date_order``, unless only the other order is a date."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if m["sep"] in ".-":
        return _day(year, b, a)
    first, second = (_day(year, a, b), _day(year, b, a)) if date_order.upper() == "MDY" else (_day(year, b, a), _day(year, a, b))
    return first or second


def _day(year: int, month: int, day: int) -> date | None:
    if not YEARS[0] <= year <= YEARS[1]:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yearless(m: re.Match[str], near: date | None) -> date | None:
    if near is None:
        return None
    month, day = _MONTHS[m["m"].lower()], int(m["d"])
    options = [d for d in (_day(near.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    return min(options, key=lambda d: abs((d - near).days), default=None)


def _metadata_day(published: str | None) -> date | None:
    from ..dates import parse_partial_date

    parsed = parse_partial_date(published)
    return parsed.date if parsed is not None and parsed.precision == "day" else None


def _label(before: str) -> int:
    if _PUBLISHED.search(before):
        return 0
    if _UPDATED.search(before.rstrip("( ")):
        return 2
    return 1


def _excluded(head: str, start: int) -> bool:
    """A date inside quotation marks, or governed by a preposition or article (an event's date)."""
    before = head[:start]
    if before.count('"') % 2 == 1 or before.count("“") > before.count("”"):
        return True
    words = re.findall(r"[A-Za-z]+\.?,?", before)
    if words and _WEEKDAY.match(words[-1]):
        words = words[:-1]  # "on Saturday 10 Sep 2016": the weekday is part of the date
    return bool(words) and words[-1].rstrip(".,").lower() in _GOVERNORS
