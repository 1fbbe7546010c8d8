"""Word lists the temporal grammar is built from: months, weekdays, units, numbers.

The lists are data, in ``lexicon.yaml`` next to this module (each list once, with a
comment saying what it is for) and, for month and weekday names, the shared
``sitrep/lexicon/common.yaml``; this module reads them once, on first use of the
stage, and names them. Plus the regex fragments made from them; no logic beyond lookup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...lexicon import month_names, stage_lexicon, weekday_names

_LEX = stage_lexicon(__package__ or "sitrep.stages.time")

#: month names and abbreviations -> month number (shared: sitrep/lexicon/common.yaml)
MONTHS: dict[str, int] = month_names()
#: month names that are also ordinary English words: accepted only when capitalised
#: and not tagged as a modal / verb by the parser
AMBIGUOUS_MONTHS: frozenset[str] = _LEX.words("ambiguous_months")
#: weekday names and abbreviations -> ISO weekday number (shared: sitrep/lexicon/common.yaml)
WEEKDAYS: dict[str, int] = weekday_names()

SEASONS: dict[str, str] = _LEX.strings("seasons")
#: TIMEX3 part-of-day codes
DAY_PARTS: dict[str, str] = _LEX.strings("day_parts")


def _units() -> dict[str, tuple[str, int, bool]]:
    out = {}
    for word, row in _LEX.mapping("units").items():
        letter, mult, kind = row
        out[word] = (letter, int(mult), kind == "time")
    return out


#: unit word -> (TIMEX3 duration letter, multiplier, is a time unit (PT...))
UNITS: dict[str, tuple[str, int, bool]] = _units()
NUMBER_WORDS: dict[str, int] = _LEX.numbers("number_words")
#: quantity words that give a vague count (TIMEX3 "X")
VAGUE_NUMBERS: frozenset[str] = _LEX.words("vague_numbers")
ORDINALS: dict[str, int] = _LEX.numbers("ordinals")
DECADE_WORDS: dict[str, int] = _LEX.numbers("decade_words")
CENTURY_ORDINALS: dict[str, int] = _LEX.numbers("century_ordinals")
#: holidays on a fixed day -> (month, day)
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    name: (int(md[0]), int(md[1])) for name, md in _LEX.mapping("fixed_holidays").items()
}

#: relative words, in the order the grammar's alternations are built from
REL_PAST: tuple[str, ...] = _LEX.ordered("rel_past")
REL_NEXT: tuple[str, ...] = _LEX.ordered("rel_next")
REL_THIS: tuple[str, ...] = _LEX.ordered("rel_this")
DAY_WORD_SHIFT: dict[str, int] = _LEX.numbers("day_word_shift")
ANAPHORIC_SHIFT: dict[str, int] = _LEX.numbers("anaphoric_shift")
PRESENT_REF_WORDS: frozenset[str] = _LEX.words("present_ref_words")
PAST_REF_WORDS: frozenset[str] = _LEX.words("past_ref_words")
FUTURE_REF_WORDS: frozenset[str] = _LEX.words("future_ref_words")
SET_ADVERBS: dict[str, str] = _LEX.strings("set_adverbs")

FUTURE_AUXILIARIES: frozenset[str] = _LEX.words("future_auxiliaries")
FUTURE_PREDICATES: frozenset[str] = _LEX.words("future_predicates")
SCHEDULING_PREDICATES: frozenset[str] = _LEX.words("scheduling_predicates")
MODALS: frozenset[str] = _LEX.words("modals")
TERM_CUES: frozenset[str] = _LEX.words("term_cues")
FUTURE_CUES: frozenset[str] = _LEX.words("future_cues")
PAST_CUES: frozenset[str] = _LEX.words("past_cues")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def parse_number(text: str) -> int | None:
    """The integer a count phrase stands for; None when vague ("several") or unknown."""
    t = " ".join(text.lower().replace(",", "").split())
    if t.isdigit():
        return int(t)
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    if "-" in t:  # twenty-five
        head, _, tail = t.partition("-")
        if head in NUMBER_WORDS and tail in NUMBER_WORDS:
            return NUMBER_WORDS[head] + NUMBER_WORDS[tail]
    return None
