"""Regex fragments the temporal grammar is assembled from (named groups the handlers read)."""

from __future__ import annotations

from .lexicon import (
    MONTHS,
    NUMBER_WORDS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    alternation,
)

FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
ABBR_MONTHS = [m for m in MONTHS if m not in FULL_MONTHS]
MON = (
    rf"(?P<mon>(?:{alternation(FULL_MONTHS)})(?![a-z])|(?:{alternation(ABBR_MONTHS)})(?:\.|(?![a-z])))"
)
FULL_WD = [w for w in WEEKDAYS if len(w) > 5]
ABBR_WD = [w for w in WEEKDAYS if len(w) <= 5]
WD_PREFIX = rf"(?:(?P<wd>(?:{alternation(FULL_WD)})|(?:{alternation(ABBR_WD)})\.)\s*,?\s+)?"
WD = rf"(?P<wd>{alternation(FULL_WD)})"
MOD = (
    r"(?:(?P<mod>(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle\s+of|end\s+of|beginning\s+of|start\s+of"
    r"|turn\s+of|close\s+of))[\s-]+)?"
)
_NUMS = sorted(set(NUMBER_WORDS) | set(VAGUE_NUMBERS), key=len, reverse=True)
NUM = (
    r"(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"-(?:one|two|three|four|five|six|seven|eight|nine)|" + alternation(_NUMS) + r")"
)
UNIT = r"(?P<unit>second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ies))"
#: quantity hedges: TimeBank+AQUAINT leave "about", "just", "only", "over", "almost" outside
#: the TIMEX3 extent (``skip``: still read, marked fuzzy) and keep "nearly", "more than", ... in
APPROX = (
    r"(?:(?P<skip>about|just|only|over|almost|as\s+long\s+as|roughly|well\s+over|close\s+to|barely)\s+)?"
    r"(?:(?P<approx>nearly|around|more\s+than|less\s+than|fewer\s+than|at\s+least|up\s+to"
    r"|approximately|some|under|as\s+many\s+as|the\s+better\s+part\s+of)\s+)?"
)
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?![\d])"
PART = r"(?P<part>morning|afternoon|evening|night)"
