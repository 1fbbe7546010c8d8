"""Date fragments and byline credits are no parties (issue 13, branch events69; switch ``USE``, off).

The named-entity reader sometimes tags a page's date line as an organisation or a person ("Fri Jun"
at the top of a page, "Jul 2016 Air" across a date and a headline), and in a body that runs a page's
headline, credit and date line into one line ("… shells hit two villages Monitor AFP Friday 8 …") the
parse reads the credit as the object of the headline's verb. With the switch on, the events stage
leaves an actor mention of one of these shapes (``furniture_class``) out of its mention index: it is
no doer, no recipient and no context-carried doer. The text is kept, and the mention stays in the
analysis for the other stages (a news agency is still a quote's source).

The shapes are read from the time stage's own output and the words' shapes; the only word list is
the calendar words of ``time.lexicon`` (weekday and month names, and the months that are also
ordinary words or names):

* ``time overlap``: the mention overlaps a time expression the time stage found, and the overlap
  holds a weekday or month name or a number ("Jul 2016 Air"; not "Ariha Today", whose overlap is
  "Today");
* ``calendar only``: the mention's words are only weekday or month names, their abbreviations,
  numbers and punctuation, one of them no ambiguous month name ("Fri Jun"; "May" alone is a name);
* ``credit``: the mention ends at most two characters before a time expression that is a page's
  date line: a weekday name and a four-digit year ("AFP Thursday 14 Jul 2016"; not "Syrian forces
  Thursday", whose time expression holds no year).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...records import Mention, TimeExpr
from ..time.lexicon import AMBIGUOUS_MONTHS, MONTHS, WEEKDAYS

#: the switch: date-fragment and credit mentions are no parties (off unless its bar passes)
USE = False

_WORD = re.compile(r"[A-Za-z]+\.?|\d+|[^\sA-Za-z\d]")
_YEAR = re.compile(r"\b\d{4}\b")
#: the most characters between a credit and the date line after it
CREDIT_GAP = 2


def _names(span: str) -> list[str]:
    """The words of ``span`` (lower case, no final full stop); numbers and punctuation left out."""
    return [w.lower().rstrip(".") for w in _WORD.findall(span) if w[0].isalpha()]


def _calendar_word(span: str) -> bool:
    """``span`` holds a weekday or month name or a number."""
    return any(ch.isdigit() for ch in span) or any(n in MONTHS or n in WEEKDAYS for n in _names(span))


def calendar_only(span: str) -> bool:
    """Only weekday/month names, numbers and punctuation, one name not an ambiguous month."""
    names = _names(span)
    if not names or any(n not in MONTHS and n not in WEEKDAYS for n in names):
        return False
    return any(n not in AMBIGUOUS_MONTHS for n in names)


def date_line(span: str) -> bool:
    """A page's date line: a weekday name and a four-digit year ("Thursday 14 Jul 2016")."""
    return any(n in WEEKDAYS for n in _names(span)) and _YEAR.search(span) is not None


def furniture_class(text: str, start: int, end: int, times: Sequence[TimeExpr]) -> str | None:
    """The class of the span ``text[start:end]`` (the module's list), else None."""
    for t in times:
        lo, hi = max(start, t.start), min(end, t.end)
        if lo < hi and _calendar_word(text[lo:hi]):
            return "time overlap"
    if calendar_only(text[start:end]):
        return "calendar only"
    if any(0 <= t.start - end <= CREDIT_GAP and date_line(text[t.start:t.end]) for t in times):
        return "credit"
    return None


def party_mentions(text: str, mentions: Sequence[Mention], times: Sequence[TimeExpr]) -> list[Mention]:
    """The mentions that may be parties: all of them with the switch off, else those of no class."""
    if not USE:
        return list(mentions)
    return [m for m in mentions if furniture_class(text, m.start, m.end, times) is None]
