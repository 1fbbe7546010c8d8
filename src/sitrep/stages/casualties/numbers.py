"""Number phrases in a parsed text: "at least 20", "dozens", "tens of thousands", "20 to 30".

Pure functions over spaCy tokens and the ``CasualtyLexicon``. A :class:`Quantity` is a
count read from digits or words with its approximator; numbers that count something
other than people in time, size or money (years, ages, calibres, times, percentages,
phone numbers, money, dates) are refused here, before any casualty reading, so that no
later rule can turn "a 12-year-old" or "a 120mm mortar" into a toll.

Values follow ``docs/coding-guide-casualties.md``: bounds keep the number ("more than
30" -> 30, not approximate), hedges mark it approximate ("about 50"), ACLED's values for
vague quantities ("dozens" -> 12, "tens of thousands" -> 10000), ranges give ``low`` /
``high`` with the conservative ``value`` (the low end).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon, Phrase
from .tokens import Columns, columns
from .vague import vague_unit

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
_RANGE_TOKEN = re.compile(r"(\d[\d,]*)[-–](\d[\d,]*)")
_HYPHEN = {"-", "–"}
#: words before "one" that make it a pronoun ("no one", "the one who")
_NOT_ONE = {"no", "any", "every", "the", "that", "this", "which", "each", "someone", "anyone"}
_RANGE_LINKS = {"to", "-", "–", "or"}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count in the text. Token indices are inclusive and index the spaCy ``Doc``."""

    first: int  #: first token of the phrase (the approximator, when there is one)
    num_first: int  #: first token of the number itself
    last: int  #: last token of the number
    head: int  #: the token that carries the count in the parse
    value: int
    low: int | None = None
    high: int | None = None
    approximate: bool = False
    vague: bool = False


@dataclass(frozen=True, slots=True)
class _Read:
    value: float
    end: int  #: exclusive token index after the number
    vague: bool
    head: int


def _digits(word: str) -> float | None:
    if not _DIGITS.fullmatch(word):
        return None
    if len(word) > 1 and word[0] == "0" and not word.startswith("0."):
        return None  # a code or a phone number ("0933...")
    return float(word.replace(",", ""))


def _word_value(doc: Doc, i: int, lex: CasualtyLexicon) -> tuple[float, int] | None:
    """ "twenty", "twenty-five", "twenty five", "Thirty-five": (value, exclusive end)."""
    cols = columns(doc)
    lower = cols.lower
    word = lower[i]
    if "-" in word:
        parts = word.split("-")
        if len(parts) == 2 and all(p in lex.units for p in parts) and lex.units[parts[0]] >= 20:
            return float(lex.units[parts[0]] + lex.units[parts[1]]), i + 1
        return None
    if word not in lex.units:
        return None
    value, end = float(lex.units[word]), i + 1
    if value >= 20 and value % 10 == 0:
        j = end + 1 if end < len(lower) and cols.text[end] in _HYPHEN else end
        if j < len(lower) and lower[j] in lex.units and lex.units[lower[j]] < 10:
            value, end = value + lex.units[lower[j]], j + 1
    return value, end


def _multiply(doc: Doc, value: float, end: int, lex: CasualtyLexicon) -> tuple[float, int]:
    """ "1.9 million", "five hundred", "two hundred thousand"."""
    lower = columns(doc).lower
    while end < len(lower) and lower[end] in lex.multipliers:
        value *= lex.multipliers[lower[end]]
        end += 1
    return value, end


def _vague(doc: Doc, i: int, lex: CasualtyLexicon) -> _Read | None:
    """ "dozens", "a dozen", "several hundred", "tens of thousands", "hundreds of thousands"."""
    cols = columns(doc)
    lower = cols.lower
    word = lower[i]
    if word in lex.vague and cols.pos[i] in ("NOUN", "NUM", "PROPN", "ADJ", "DET"):
        value, end, head = float(lex.vague[word]), i + 1, i
        if end + 1 < len(lower) and lower[end] == "of" and lower[end + 1] in lex.vague \
                and lex.vague[lower[end + 1]] >= 1000:
            value, end, head = value * lex.vague[lower[end + 1]], end + 2, end + 1
        return _Read(value, end, True, head)
    return None


def _fraction(doc: Doc, i: int, lex: CasualtyLexicon) -> _Read | None:
    """ "a quarter of a million", "half a million"."""
    words = columns(doc).lower[i:i + 4]
    if words[:1] == ["half"] and words[1:2] == ["a"] and len(words) > 2 and words[2] in lex.multipliers:
        return _Read(0.5 * lex.multipliers[words[2]], i + 3, False, i + 2)
    if len(words) == 4 and words[0] in lex.fractions and words[1:3] == ["of", "a"] \
            and words[3] in lex.multipliers:
        return _Read(lex.fractions[words[0]] * lex.multipliers[words[3]], i + 4, False, i + 3)
    return None


def read_number(doc: Doc, i: int, lex: CasualtyLexicon) -> _Read | None:
    """The number that starts at token ``i`` (digits, words, vague words), or ``None``."""
    lower = columns(doc).lower
    word = lower[i]
    if word in ("a", "an", "several", "few") and i + 1 < len(lower):
        nxt = lower[i + 1]
        if nxt == "dozen":
            return _Read(12.0, i + 2, True, i + 1)
        if word in ("several", "few") and nxt in lex.multipliers:
            return _Read(float(lex.multipliers[nxt]), i + 2, True, i + 1)
        if word in ("a", "an") and nxt in ("hundred", "thousand"):
            value, end = _multiply(doc, 1.0, i + 1, lex)
            return _Read(value, end, False, end - 1)
        return _fraction(doc, i + 1, lex) if word == "a" else None
    found = _fraction(doc, i, lex) or _vague(doc, i, lex)
    if found is not None:
        return found
    digits = _digits(word)
    if digits is not None:
        value, end = _multiply(doc, digits, i + 1, lex)
        if value != int(value):
            return None  # "2.5 km", "1.5": not a head count
        return _times_unit(doc, value, end, lex)
    words = _word_value(doc, i, lex)
    if words is None:
        return None
    if word == "one" and i > 0 and lower[i - 1] in _NOT_ONE:
        return None
    value, end = _multiply(doc, words[0], words[1], lex)
    return _times_unit(doc, value, end, lex)


def _times_unit(doc: Doc, value: float, end: int, lex: CasualtyLexicon) -> _Read:
    """A number, times a vague unit after it when ``vague.UNIT_MULTIPLES`` is on ("two dozen" -> 24,
    vague like the unit)."""
    unit = vague_unit(doc, end, lex)
    if unit is None:
        return _Read(value, end, False, end - 1)
    # the count hangs on the unit ("two dozen" -> "dozen" -> "people"), unless the parse makes the
    # unit a modifier of the number before it ("dozen" -> "two" -> "people")
    head = end - 1 if columns(doc).head[end] < end else end
    return _Read(value * unit, end + 1, True, head)


def _match_before(doc: Doc, i: int, phrases: tuple[Phrase, ...]) -> int | None:
    """Start index of the longest phrase that ends right before token ``i``."""
    if i == 0:
        return None
    lower = columns(doc).lower
    last = lower[i - 1]
    for ph in phrases:
        if ph[-1] != last:
            continue
        start = i - len(ph)
        if start >= 0 and tuple(lower[start:i]) == ph:
            return start
    return None


def _next_word(doc: Doc, end: int) -> str:
    """The word after a number, past a hyphen ("12-year-old" -> "year")."""
    cols = columns(doc)
    text = cols.text
    j = end
    while j < len(text) and text[j] in _HYPHEN:
        j += 1
    return cols.lower[j] if j < len(text) else ""


def refused(doc: Doc, start: int, read: _Read, lex: CasualtyLexicon) -> bool:
    """True for numbers that are years, ages, calibres, times, money, percentages, codes, dates."""
    cols = columns(doc)
    lower, first = cols.lower, cols.text[start]
    nxt = _next_word(doc, read.end)
    prev = lower[start - 1] if start > 0 else ""
    if nxt in lex.not_after or nxt.startswith(("-year", "-mm", "-km")) or nxt in lex.months:
        return True
    if prev in lex.not_before or prev in lex.months or (start > 1 and lower[start - 2] == "age"):
        return True
    if ":" in first or read.value <= 0:
        return True
    if _code_neighbour(doc, start, read.end):
        return True
    if not read.vague and 1900 <= read.value <= 2100 and "," not in first and len(first) == 4:
        if _after_day_and_month(doc, start, lex):
            return True  # "Mar 4 2016 Rebel Shelling ...": the year of a date, whatever follows it
        return read.end >= len(lower) or not lex.is_person_noun(cols.lemma[read.end])
    return False


def _after_day_and_month(doc: Doc, start: int, lex: CasualtyLexicon) -> bool:
    """The number closes a written date: "Mar 4 2016", "4 March 2016"."""
    if start < 2:
        return False
    cols = columns(doc)
    a, b = start - 2, start - 1

    def day(k: int) -> bool:
        return cols.text[k].isdigit() and 1 <= int(cols.text[k]) <= 31

    lower = cols.lower
    return (lower[a].rstrip(".") in lex.months and day(b)) or (day(a) and lower[b].rstrip(".") in lex.months)


def _is_digits(doc: Doc, i: int) -> bool:
    text = columns(doc).text
    return 0 <= i < len(text) and _DIGITS.fullmatch(text[i]) is not None


def _code_neighbour(doc: Doc, start: int, end: int) -> bool:
    """Digits joined to digits by a hyphen or slash that do not form a range: "212-11", "3/4"."""
    text = columns(doc).text
    before = start >= 2 and text[start - 1] in (_HYPHEN | {"/"}) and _is_digits(doc, start - 2)
    after = end + 1 < len(text) and text[end] in (_HYPHEN | {"/"}) and _is_digits(doc, end + 1)
    if after and _is_digits(doc, start):
        low, high = _digits(text[start]), _digits(text[end + 1])
        after = not (low is not None and high is not None and low < high <= 100 * low)
    return before or after


def _range(doc: Doc, start: int, read: _Read, lex: CasualtyLexicon) -> _Read | None:
    """The upper end of "20 to 30", "two or three", "between 20 and 30"."""
    j = read.end
    lower = columns(doc).lower
    between = start > 0 and lower[start - 1] == "between"
    if j + 1 >= len(lower) or lower[j] not in (_RANGE_LINKS | ({"and"} if between else set())):
        return None
    k = j + 1
    if k >= len(lower):
        return None
    upper = read_number(doc, k, lex)
    if upper is None or upper.value <= read.value or upper.vague != read.vague:
        return None
    return upper


def _range_token(doc: Doc, i: int) -> tuple[int, int] | None:
    m = _RANGE_TOKEN.fullmatch(columns(doc).text[i])
    if not m:
        return None
    low, high = (_digits(g) for g in m.groups())
    if low is None or high is None or not low < high <= 100 * low:
        return None  # "212-11", "2014-2015" are codes and years, not ranges
    return int(low), int(high)


def _quantity(doc: Doc, i: int, lex: CasualtyLexicon) -> tuple[Quantity | None, int]:
    """The quantity starting at token ``i`` (or None) and the index to continue from."""
    pair = _range_token(doc, i)
    if pair is not None:
        if 1900 <= pair[0] <= 2100 or _next_word(doc, i + 1) in lex.not_after:
            return None, i + 1
        start = _match_before(doc, i, lex.bounds + lex.approximators)
        return Quantity(start if start is not None else i, i, i, i, pair[0], pair[0], pair[1],
                        True, False), i + 1
    read = read_number(doc, i, lex)
    if read is None:
        return None, i + 1
    upper = _range(doc, i, read, lex)
    last_read = upper or read
    if refused(doc, i, last_read, lex) or (upper is None and refused(doc, i, read, lex)):
        return None, last_read.end
    bound = _match_before(doc, i, lex.bounds)
    approx = _match_before(doc, i, lex.approximators)
    between = i > 0 and columns(doc).lower[i - 1] == "between" and upper is not None
    first = min(x for x in (bound, approx, i - 1 if between else None, i) if x is not None)
    low = int(read.value) if upper else None
    high = int(upper.value) if upper else None
    approximate = read.vague or approx is not None
    head = read.head if upper is None or columns(doc).dep[read.head] in ("nummod", "quantmod") else upper.head
    q = Quantity(first, i, last_read.end - 1, head,
                 int(read.value), low, high, approximate, read.vague)
    return q, last_read.end


def _starts(cols: Columns, lex: CasualtyLexicon) -> list[int]:
    """The tokens of a document a count may start at: like a number, a vague or number word
    (``lex.number_word``), "a", "an", "several", "few", "half", or holding a hyphen."""
    words = {"a", "an", "several", "few", "half"} | set(lex.vague) | set(lex.units) | set(lex.multipliers)
    text, like_num = cols.text, cols.like_num
    return [i for i, word in enumerate(cols.lower) if like_num[i] or word in words or "-" in text[i]]


def find_quantities(doc: Doc, lex: CasualtyLexicon, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every count between tokens ``start`` and ``end`` (a sentence, or the whole doc): read at
    each possible start (``_starts``, found once per document), after the last count read."""
    end = len(doc) if end is None else end
    cols = columns(doc)
    starts = cols.derived("quantity starts", lex, lambda: _starts(cols, lex))
    out: list[Quantity] = []
    k = bisect.bisect_left(starts, start)
    while k < len(starts) and starts[k] < end:
        i = starts[k]
        q, nxt = _quantity(doc, i, lex)
        if q is not None:
            out.append(q)
        k = bisect.bisect_left(starts, max(nxt, i + 1), k + 1)
    return out
