"""The temporal-expression grammar: regex rules over the text, each with a normaliser.

Why regexes over the raw text rather than spaCy's DATE entities or token Matcher
patterns: TIMEX3 extents follow TimeML conventions that OntoNotes-style DATE
entities do not (spaCy includes prepositions and event words, splits "Sept. 12",
misses "now" and "recently"), and expressions such as ``Sept. 12, 2016``,
``3:30 p.m. EDT``, ``mid-2012`` or ``the '90s`` are compositions of punctuation
and numbers that a character grammar states directly. The spaCy parse is still
used where words are ambiguous (``May`` as a modal, ``March`` as a verb,
``2000 troops``) and to read the tense that decides on which side of the
publication date a bare weekday or month falls (``tense.py``).

Each ``Rule`` pairs a pattern with a handler ``(match, ctx) -> Resolved | None``;
None rejects the candidate (so a shorter rule may take the place). Handlers are
pure given the ``Context``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from dateutil.easter import easter

from . import calendar as cal
from .calendar import Anchor, Direction
from .lexicon import (
    AMBIGUOUS_MONTHS,
    DAY_PARTS,
    DECADE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    SEASONS,
    UNITS,
    VAGUE_NUMBERS,
    WEEKDAYS,
    alternation,
    parse_number,
)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A normalised expression: TIMEX3 type and value, precision, vagueness."""

    type: str
    value: str | None
    precision: str | None
    fuzzy: bool = False
    #: True when the value depends on the anchor (or on an earlier date in the text)
    relative: bool = False
    #: a calendar date this expression establishes as the narrative's reference time
    ref: date | None = None
    ref_precision: str | None = None


class Context(Protocol):
    """What a handler may look at besides its match."""

    text: str
    anchor: Anchor | None
    #: the last date mentioned before this expression (reference time for "the next day")
    ref: date | None
    ref_precision: str | None
    #: the last full calendar date (day precision, with a year) written in the text so far
    text_date: date | None
    #: the last fiscal/calendar quarter the text mentioned (financial news refers back to it)
    quarter: date | None

    def direction(self, start: int, end: int) -> Direction: ...

    def tag_at(self, offset: int) -> str: ...

    def token_info(self, offset: int) -> tuple[str, str, str, str]: ...


Handler = Callable[[re.Match[str], Context], "Resolved | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    #: the value depends on the running reference time: resolve in text order
    uses_ref: bool = False


# --------------------------------------------------------------------------- fragments

_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
MON = (
    rf"(?P<mon>(?:{alternation(_FULL_MONTHS)})(?![a-z])|(?:{alternation(_ABBR_MONTHS)})(?:\.|(?![a-z])))"
)
_FULL_WD = [w for w in WEEKDAYS if len(w) > 5]
_ABBR_WD = [w for w in WEEKDAYS if len(w) <= 5]
WD_PREFIX = rf"(?:(?P<wd>(?:{alternation(_FULL_WD)})|(?:{alternation(_ABBR_WD)})\.)\s*,?\s+)?"
WD = rf"(?P<wd>{alternation(_FULL_WD)})"
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
_REL_PAST = ("last", "past", "the past", "previous", "the previous", "the last", "this past", "prior",
             "the prior")
_REL_NEXT = ("next", "coming", "the coming", "the next", "the following", "this coming", "following")
_REL_THIS = ("this", "current", "the current", "the same", "this same")
REL = r"(?P<rel>" + alternation(set(_REL_PAST) | set(_REL_NEXT) | set(_REL_THIS)) + r")"


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


# --------------------------------------------------------------------------- helpers


def _rel_kind(rel: str | None) -> str | None:
    r = _norm(rel)
    if not r:
        return None
    if r in _REL_PAST:
        return "past"
    if r in _REL_NEXT:
        return "future"
    return "this"


def _finish(ctx: Context, type_: str, d: date, precision: str, *, fuzzy: bool = False,
            suffix: str = "", ref: bool = True) -> Resolved:
    """A relative result computed from the anchor, cut to the anchor's own precision."""
    anchor = ctx.anchor
    assert anchor is not None
    if anchor.precision != "day" and cal.coarser(anchor.precision, precision):
        return Resolved(type_, cal.fmt(d, anchor.precision), anchor.precision, True, True)
    value = cal.fmt(d, precision) + suffix
    return Resolved(type_, value, "time" if suffix else precision, fuzzy, True,
                    d if ref else None, precision if ref else None)


def _unresolved(type_: str, precision: str | None, fuzzy: bool = False) -> Resolved:
    """A relative expression in a document without a date: never guessed from today."""
    return Resolved(type_, None, precision, fuzzy, True)


def _month_ok(m: re.Match[str], ctx: Context) -> bool:
    """Reject "may" the modal, "march" the verb, lower-case month words."""
    word = m.group("mon")
    if not _capitalised(word):
        return False
    key = word.lower().rstrip(".")
    if key in AMBIGUOUS_MONTHS:
        tag = ctx.tag_at(m.start("mon"))
        if tag in ("MD", "VB", "VBD", "VBP", "VBZ", "VBG", "VBN"):
            return False
    return True


def _month_num(m: re.Match[str]) -> int:
    return MONTHS[m.group("mon").lower().rstrip(".")]


def _is_fuzzy_mod(m: re.Match[str]) -> bool:
    gd = m.groupdict()
    return bool(gd.get("mod") or gd.get("mod2") or gd.get("approx") or gd.get("skip"))


def _part_suffix(part: str | None) -> str:
    return f"T{DAY_PARTS[_norm(part)]}" if part else ""


# --------------------------------------------------------------------------- absolute dates


def h_iso(m: re.Match[str], ctx: Context) -> Resolved | None:
    d = cal.safe_date(int(m.group("year")), int(m.group("mon_n")), int(m.group("day")))
    return Resolved("DATE", d.isoformat(), "day", ref=d, ref_precision="day") if d else None


def h_slash(m: re.Match[str], ctx: Context) -> Resolved | None:
    y = int(m.group("year"))
    if y < 100:
        y += 2000 if y < 50 else 1900
    month, day = int(m.group("mon_n")), int(m.group("day"))
    if month > 12 >= day:  # 14/07/2016: day first, as outside the US
        month, day = day, month
    d = cal.safe_date(y, month, day)
    return Resolved("DATE", d.isoformat(), "day", ref=d, ref_precision="day") if d else None


def h_month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not _month_ok(m, ctx):
        return None
    month, day = _month_num(m), int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    if m.group("year"):
        d = cal.safe_date(int(m.group("year")), month, day)
        return Resolved("DATE", d.isoformat(), "day", ref=d, ref_precision="day") if d else None
    if ctx.anchor is None:
        if ctx.text_date is not None:
            # no publication date, but the text gave a full date ("Aleppo, Sept. 21, 2016"):
            # a reader places "Sept. 12" in that year; marked fuzzy
            d = cal.resolve_month_day(ctx.text_date, month, day, ctx.direction(m.start(), m.end()))
            if d is not None:
                return Resolved("DATE", d.isoformat(), "day", True, True, d, "day")
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}", "day", relative=True)
    if ctx.anchor.precision == "year":
        d = cal.safe_date(ctx.anchor.date.year, month, day)
        return Resolved("DATE", d.isoformat(), "day", True, True, d, "day") if d else None
    d = cal.resolve_month_day(ctx.anchor.date, month, day, ctx.direction(m.start(), m.end()))
    if d is None:
        return None
    return Resolved("DATE", d.isoformat(), "day", False, True, d, "day")


def h_month_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not _month_ok(m, ctx):
        return None
    d = date(int(m.group("year")), _month_num(m), 1)
    return Resolved("DATE", cal.fmt(d, "month"), "month", _is_fuzzy_mod(m), ref=d, ref_precision="month")


def h_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not _month_ok(m, ctx):
        return None
    word = m.group("mon").lower().rstrip(".")
    rel = _rel_kind(m.group("rel"))
    if word in AMBIGUOUS_MONTHS and not (rel or m.group("mod")):
        # a lone "May"/"March": only as a proper noun after a temporal preposition
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(?:in|since|until|till|by|from|to|through|of|during|before|after|last|"
                         r"early|late|mid|and|or|between)\s*$", before):
            return None
    if word in _ABBR_MONTHS and not (rel or m.group("mod")):
        return None  # a lone "Jan" or "Oct." is a name or a fragment more often than a month
    month = _month_num(m)
    fuzzy = _is_fuzzy_mod(m)
    if ctx.anchor is None:
        if rel:
            return _unresolved("DATE", "month", fuzzy)
        if ctx.text_date is not None:  # no publication date, but the text gave a full date
            d = cal.resolve_month(ctx.text_date, month, ctx.direction(m.start(), m.end()))
            return Resolved("DATE", cal.fmt(d, "month"), "month", True, True, d, "month")
        return Resolved("DATE", f"XXXX-{month:02d}", "month", fuzzy, True)
    if ctx.anchor.precision == "year" and not rel:
        d = date(ctx.anchor.date.year, month, 1)
        return Resolved("DATE", cal.fmt(d, "month"), "month", True, True, d, "month")
    direction: Direction
    if rel == "past":
        direction = "past"
    elif rel == "future":
        direction = "future"
    else:
        direction = ctx.direction(m.start(), m.end())
    anchor = ctx.anchor.date
    d = cal.resolve_month(anchor, month, direction)
    if rel == "past" and d.year == anchor.year and d.month == anchor.month:
        d = date(anchor.year - 1, month, 1)  # "last July" in July is a year back
    if rel == "future" and d.year == anchor.year and d.month == anchor.month:
        d = date(anchor.year + 1, month, 1)
    return _finish(ctx, "DATE", d, "month", fuzzy=fuzzy)


def h_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    start = m.start("year")
    prefix = m.group("pre") or m.group("mod")
    before = ctx.text[max(0, start - 3):start]
    after = ctx.text[m.end():m.end() + 12]
    if re.search(r"[\d$£€#,.]\s?$", before) and not prefix:
        return None
    if re.match(r"\s*(?:%|percent|per\s+cent|[-–]?(?:year|month|day|week)\b)", after):
        return None
    if re.match(r"[.,]\d", after) or re.match(r":\d", after):
        return None
    if not prefix:
        lower_word, tag, dep, head_tag = ctx.token_info(start)
        # "2000 troops": a count modifying a plural noun, not a year ("the 1996 law" is one)
        if dep == "nummod" and head_tag in ("NNS", "NNPS"):
            return None
    year = int(m.group("year"))
    d = date(year, 1, 1)
    return Resolved("DATE", f"{year:04d}", "year", _is_fuzzy_mod(m), ref=d, ref_precision="year")


def h_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m.group("dec"):
        decade = int(m.group("dec"))
    elif m.group("dec2"):
        decade = 190 + int(m.group("dec2"))
    else:
        decade = 190 + DECADE_WORDS[m.group("decw").lower()]
    return Resolved("DATE", f"{decade:03d}", "decade", _is_fuzzy_mod(m))


_ORDINAL_CENTURY = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def h_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m.group("cent").lower()
    n = _ORDINAL_CENTURY.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not 1 <= n <= 22:
        return None
    return Resolved("DATE", f"{n - 1:02d}", "century", _is_fuzzy_mod(m))


def _quarter_value(ctx: Context, year: int, q: int, fuzzy: bool = False) -> Resolved:
    d = date(year, 3 * q - 2, 1)
    res = _finish(ctx, "DATE", d, "quarter", fuzzy=fuzzy, ref=False)
    if res.precision == "quarter":
        return Resolved(res.type, res.value, res.precision, res.fuzzy, True, d, "quarter")
    return res


def _recent_quarter(ctx: Context) -> date | None:
    """The quarter a financial report is about: the one mentioned last, else the one before now."""
    if ctx.quarter is not None:
        return ctx.quarter
    if ctx.anchor is None:
        return None
    return cal.shift(ctx.anchor.date.replace(day=1), "Q", -1)


def h_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    ordinal = m.group("ord")
    rel = _norm(m.group("rel"))
    if not (ordinal or rel or m.group("the")):
        return None
    q = ORDINALS[ordinal.lower()] if ordinal else None
    if m.group("year"):
        year = int(m.group("year"))
        if q is None:
            return None
        d = date(year, 3 * q - 2, 1)
        return Resolved("DATE", f"{year:04d}-Q{q}", "quarter", ref=d, ref_precision="quarter")
    if ctx.anchor is None:
        return _unresolved("DATE", "quarter")
    anchor = ctx.anchor.date
    yrel = _norm(m.group("yrel"))
    if yrel:
        if q is None:
            return None
        return _quarter_value(ctx, anchor.year + {"this": 0, "last": -1, "next": 1}[yrel], q)
    if q is None:
        if rel in ("this", "current"):
            d = anchor
        elif rel == "next":
            d = cal.shift(anchor, "Q", 1)
        elif rel in ("last", "previous"):
            d = cal.shift(anchor, "Q", -1)
        else:  # "the quarter", "the latest quarter", "the same quarter"
            d = _recent_quarter(ctx) or anchor
            if rel in ("year-earlier", "year-ago"):
                d = cal.shift(d, "Y", -1)
        return _quarter_value(ctx, d.year, (d.month - 1) // 3 + 1)
    if rel in ("year-earlier", "year-ago"):
        year = cal.resolve_quarter(anchor, q, "past") - 1
    elif rel == "next":
        year = cal.resolve_quarter(anchor, q, "future")
    else:  # quarters are reported after the fact: the latest one with that number
        year = cal.resolve_quarter(anchor, q, "past")
    return _quarter_value(ctx, year, q)


def h_year_ago_adj(m: re.Match[str], ctx: Context) -> Resolved | None:
    """Financial 'year-ago'/'year-earlier' (period): the same quarter (or year) a year back."""
    what = _norm(m.group("what"))
    ordinal = m.group("ord")
    if ctx.anchor is None:
        return _unresolved("DATE", "quarter" if what else "year")
    quarter_ref = ctx.quarter is not None
    if ordinal or what == "quarter" or quarter_ref:
        d = _recent_quarter(ctx) or ctx.anchor.date
        if ordinal:
            q = ORDINALS[ordinal.lower()]
            d = date(cal.resolve_quarter(ctx.anchor.date, q, "past"), 3 * q - 2, 1)
        d = cal.shift(d, "Y", -1)
        return _finish(ctx, "DATE", d, "quarter", ref=False)
    return _finish(ctx, "DATE", cal.shift(ctx.anchor.date, "Y", -1), "year", ref=False)


def h_qn(m: re.Match[str], ctx: Context) -> Resolved | None:
    q = int(m.group("qn"))
    if m.group("year"):
        return Resolved("DATE", f"{m.group('year')}-Q{q}", "quarter")
    if ctx.anchor is None:
        return _unresolved("DATE", "quarter")
    year = cal.resolve_quarter(ctx.anchor.date, q, ctx.direction(m.start(), m.end()))
    return _finish(ctx, "DATE", date(year, 3 * q - 2, 1), "quarter")


def h_half(m: re.Match[str], ctx: Context) -> Resolved | None:
    h = 1 if m.group("ord").lower() == "first" else 2
    if m.group("year"):
        return Resolved("DATE", f"{m.group('year')}-H{h}", "quarter")
    if ctx.anchor is None:
        return _unresolved("DATE", "quarter")
    yrel = _norm(m.group("yrel"))
    year = ctx.anchor.date.year + {"last": -1, "next": 1}.get(yrel, 0)
    if ctx.anchor.precision != "day" and ctx.anchor.precision != "month":
        return Resolved("DATE", f"{year:04d}", "year", True, True)
    return Resolved("DATE", f"{year:04d}-H{h}", "quarter", False, True)


def h_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    season = SEASONS[m.group("season").lower()]
    rel_word = _norm(m.group("rel"))
    rel = _rel_kind(m.group("rel")) if rel_word != "the" else None
    after = ctx.text[m.end():m.end() + 6].lower()
    word = m.group("season")
    if m.group("year"):
        return Resolved("DATE", f"{m.group('year')}-{season}", "season", _is_fuzzy_mod(m))
    if not (rel or m.group("mod") or rel_word == "the"):
        return None
    if re.match(r"\s+of\b", after):  # "the fall of Aleppo"
        return None
    if word[:1].isupper() and ctx.text[max(0, m.start("season") - 5):m.start("season")].strip()[-1:].isalpha() \
            and not (rel or rel_word == "the"):
        return None
    if ctx.anchor is None:
        return _unresolved("DATE", "season", _is_fuzzy_mod(m))
    anchor = ctx.anchor.date
    if rel == "this":
        year = cal.resolve_season(anchor, season, "nearest")
    elif rel == "past":
        year = cal.resolve_season(anchor, season, "past")
        if cal.season_of(anchor) == season:
            year -= 1
    elif rel == "future":
        year = cal.resolve_season(anchor, season, "future")
        if cal.season_of(anchor) == season:
            year += 1
    else:
        year = cal.resolve_season(anchor, season, ctx.direction(m.start(), m.end()))
    if ctx.anchor.precision == "year":
        return Resolved("DATE", f"{year:04d}-{season}", "season", True, True)
    return Resolved("DATE", f"{year:04d}-{season}", "season", _is_fuzzy_mod(m), True)


# --------------------------------------------------------------------------- days and times


_DAY_WORD_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                   "the day before yesterday": -2, "the day after tomorrow": 2}


def h_day_word(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = _norm(m.group("dw"))
    part = m.group("part") or ("night" if word == "tonight" else None)
    type_ = "TIME" if part else "DATE"
    if ctx.anchor is None:
        return _unresolved(type_, "time" if part else "day", _is_fuzzy_mod(m))
    d = ctx.anchor.date + timedelta(days=_DAY_WORD_SHIFT[word])
    return _finish(ctx, type_, d, "day", fuzzy=_is_fuzzy_mod(m), suffix=_part_suffix(part))


def h_rel_part(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel = _norm(m.group("rel"))
    part = m.group("part")
    if ctx.anchor is None:
        return _unresolved("TIME", "time")
    shift = -1 if rel == "last" else 0
    if rel == "last" and _norm(part) != "night":
        return None  # "last morning" is not a thing; "last evening" rare
    return _finish(ctx, "TIME", ctx.anchor.date + timedelta(days=shift), "day",
                   suffix=_part_suffix(part))


def h_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m.group("wd")
    if not _capitalised(word):
        return None
    wd = WEEKDAYS[word.lower()]
    rel = _rel_kind(m.group("rel"))
    if m.group("plural") and not rel:
        suffix = _part_suffix(m.group("part"))
        return Resolved("SET", f"XXXX-WXX-{wd}{suffix}", None)
    part = m.group("part")
    type_ = "TIME" if part else "DATE"
    if ctx.anchor is None:
        if rel:
            return _unresolved(type_, "day")
        return _unresolved(type_, "time" if part else "day")  # a weekday needs a document date
    direction: Direction
    if rel == "past":
        direction = "past"
    elif rel == "future":
        direction = "future"
    else:
        direction = ctx.direction(m.start(), m.end())
    anchor = ctx.anchor.date
    d = cal.resolve_weekday(anchor, wd, direction)
    if rel == "past" and d == anchor:
        d -= timedelta(days=7)
    if rel == "future" and d == anchor:
        d += timedelta(days=7)
    if rel == "this" and d != anchor:
        d = cal.resolve_weekday(anchor, wd, "nearest")
    return _finish(ctx, type_, d, "day", fuzzy=_is_fuzzy_mod(m), suffix=_part_suffix(part))


def h_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    gd = m.groupdict()
    if gd.get("word"):
        word = gd["word"].lower()
        hour, minute = (12, 0) if word in ("noon", "midday") else (24, 0)
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        ampm = (gd.get("ampm") or "").lower().replace(".", "")
        if ampm:
            if not 1 <= hour <= 12:
                return None
            if ampm == "pm" and hour != 12:
                hour += 12
            if ampm == "am" and hour == 12:
                hour = 0
        elif not (0 <= hour <= 23 and m.group("mi")):
            return None
    if minute > 59:
        return None
    clock = f"T{hour:02d}:{minute:02d}" if minute or not gd.get("word") else f"T{hour:02d}:00"
    day = ctx.ref if (ctx.ref is not None and ctx.ref_precision == "day") else None
    if day is None and ctx.anchor is not None and ctx.anchor.precision == "day":
        day = ctx.anchor.date
    if day is None:
        return _unresolved("TIME", "time")
    return Resolved("TIME", day.isoformat() + clock, "time", False, True)


def h_clock_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'10 p.m. Wednesday', 'noon Thursday', '4 a.m. EDT today': a clock time on a named day."""
    clock = h_clock(m, ctx)
    if clock is None or clock.value is None:
        return None
    t = clock.value[clock.value.index("T"):]
    if m.group("wd"):
        if not _capitalised(m.group("wd")):
            return None
        if ctx.anchor is None or ctx.anchor.precision != "day":
            return _unresolved("TIME", "time")
        d = cal.resolve_weekday(ctx.anchor.date, WEEKDAYS[m.group("wd").lower()],
                                ctx.direction(m.start("wd"), m.end("wd")))
    else:
        if ctx.anchor is None or ctx.anchor.precision != "day":
            return _unresolved("TIME", "time")
        d = ctx.anchor.date + timedelta(days=_DAY_WORD_SHIFT[_norm(m.group("dw"))])
    return Resolved("TIME", d.isoformat() + t, "time", False, True, d, "day")


# --------------------------------------------------------------------------- relative units


def _count(m: re.Match[str]) -> tuple[int | None, bool]:
    """(count, vague) of the ``num`` group; a missing count is vague."""
    raw = m.groupdict().get("num")
    if raw is None:
        return None, True
    n = parse_number(raw)
    if n is None or n == 0:
        return None, True
    return n, False


def _unit(m: re.Match[str]) -> tuple[str, int, bool]:
    word = m.group("unit").lower()
    word = "century" if word.startswith("centur") else word.rstrip("s")
    return UNITS[word]


def _duration_value(n: int | None, letter: str, mult: int, is_time: bool) -> str:
    amount = "X" if n is None else str(n * mult)
    if letter == "Q":
        letter, amount = "M", ("X" if n is None else str(3 * n * mult))
    if mult == 10 and n is None:
        letter, amount = "DE", "X"
    if mult == 100 and n is None:
        letter, amount = "CE", "X"
    return f"P{'T' if is_time else ''}{amount}{letter}"


def h_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    direction = _norm(m.group("dir"))
    after = ctx.text[m.end():m.end() + 3]
    if direction in ("before", "after") and re.match(r"\s+[a-z]", after):
        return None
    if re.match(r"\s+than\b", ctx.text[m.end():m.end() + 6]):
        return None  # "a month earlier than usual": a duration, left to the duration rule
    n, vague = _count(m)
    letter, mult, is_time = _unit(m)
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    fuzzy = vague or _is_fuzzy_mod(m)
    narrative = direction in ("later", "earlier", "before", "after")
    if narrative and ctx.ref is not None and ctx.ref_precision in ("day", "month", "year") \
            and ctx.quarter is None and not is_time:
        # "Two days later" counts from the last date the narrative gave, not from publication
        return _from_ref(ctx, ctx.ref, ctx.ref_precision, letter, mult, sign,
                         3 if vague else (n or 1), vague, fuzzy)
    if ctx.anchor is None:
        unit_precision = "decade" if mult == 10 else "century" if mult == 100 else \
            cal.UNIT_PRECISION.get(letter, "day") if not is_time else "day"
        return _unresolved("DATE", unit_precision, fuzzy)
    anchor = ctx.anchor.date
    if letter == "Y" and n == 1 and mult == 1 and ctx.quarter is not None:
        # financial news: "a year ago" in a report on "the third quarter" is that quarter a year back
        return _finish(ctx, "DATE", cal.shift(ctx.quarter, "Y", sign), "quarter", fuzzy=fuzzy, ref=False)
    if vague and letter == "Y" and n is None and mult == 1 and not m.groupdict().get("num"):
        return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None, True, True)
    count = (3 if vague else n) * mult  # "a few days ago": about three days, marked fuzzy
    if is_time:
        d = anchor + timedelta(hours=sign * count) if letter == "H" else anchor
        return _finish(ctx, "DATE", d, "day", fuzzy=fuzzy)
    unit = "Y" if letter == "Y" else letter
    d = cal.shift(anchor, unit, sign * count)
    precision = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}[letter]
    if vague:  # one step coarser than the unit counted
        precision = {"day": "week", "week": "month", "month": "year", "quarter": "year",
                     "year": "year"}[precision]
    if mult >= 10 and vague:
        precision = "decade"
    return _finish(ctx, "DATE", d, precision, fuzzy=fuzzy)


def _from_ref(ctx: Context, base: date, base_precision: str, letter: str, mult: int, sign: int,
              count: int, vague: bool, fuzzy: bool) -> Resolved:
    """A date ``count`` units before/after the narrative's reference date."""
    d = cal.shift(base, letter, sign * count * mult)
    precision = cal.UNIT_PRECISION[letter]
    if vague:
        precision = {"day": "week", "week": "month", "month": "year", "quarter": "year",
                     "year": "year"}[precision]
    if cal.coarser(base_precision, precision):
        precision, fuzzy = base_precision, True
    return Resolved("DATE", cal.fmt(d, precision), precision, fuzzy, True, d, precision)


def h_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m.group("adj") and "old" in m.group("adj").lower():
        return None
    n, vague = _count(m)
    raw_num = _norm(m.group("num"))
    if raw_num in ("a", "an", "one") and not m.group("det") and not m.group("approx"):
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if re.search(r"(?:once|twice|thrice|times|per)\s+$", before):
            letter, mult, is_time = _unit(m)
            return Resolved("SET", _duration_value(1, letter, mult, is_time), None)
        if re.search(r"\d\s*$", before):
            return None
    if raw_num and raw_num[0].isdigit() and n is not None and n > 1000:
        return None
    letter, mult, is_time = _unit(m)
    if letter == "Q" and (vague or m.group("unit").lower().endswith("s") and "-" in m.group(0)):
        return None  # "in some quarters" are groups of people; "three-quarters" a fraction
    if raw_num == "a" and letter == "S":
        return None  # "a second time" is an ordinal
    det = _norm(m.group("det"))
    fuzzy = vague or _is_fuzzy_mod(m)
    if det in ("last", "next", "past") and raw_num in ("a", "an"):
        return None
    return Resolved("DURATION", _duration_value(n, letter, mult, is_time), None, fuzzy)


_PLURAL_CONTEXT = re.compile(
    r"(?:\b(?:for|within|over|in|after|lasting|took|take|takes|taking|spent|spend|spends|last|lasted)"
    r")\s+$"
)


def h_bare_units(m: re.Match[str], ctx: Context) -> Resolved | None:
    det = _norm(m.group("det"))
    before = ctx.text[max(0, m.start() - 12):m.start()].lower()
    if not det and not _PLURAL_CONTEXT.search(before):
        return None
    letter, mult, is_time = _unit(m)
    return Resolved("DURATION", _duration_value(None, letter, mult, is_time), None, True)


def _ref_or_anchor(ctx: Context) -> tuple[date, str] | None:
    if ctx.ref is not None and ctx.ref_precision is not None:
        return ctx.ref, ctx.ref_precision
    if ctx.anchor is not None:
        return ctx.anchor.date, ctx.anchor.precision
    return None


def h_rel_unit(m: re.Match[str], ctx: Context) -> Resolved | None:
    rel_word = _norm(m.group("rel"))
    unit = _norm(m.group("unit"))
    fuzzy = _is_fuzzy_mod(m)
    if rel_word in ("the", "that") and not m.group("mod") and unit not in (
            "day", "morning", "afternoon", "evening", "night", "weekend", "week", "month", "year"):
        return None
    if unit in ("day", "morning", "afternoon", "evening", "night"):
        return _anaphoric_day(m, ctx, rel_word, unit)
    rel = _rel_kind(rel_word)
    if rel_word == "the" and unit in ("year", "fiscal year") and not m.group("mod"):
        after = ctx.text[m.end():m.end() + 12].lower()
        if re.match(r"\s+(?:ended|ending|to\s+date|before|after|earlier)", after):
            if re.match(r"\s+(?:ended|ending|to\s+date)", after):
                return Resolved("DURATION", "P1Y", None)
            return None
        if ctx.anchor is None:
            return _unresolved("DATE", "year")
        return _finish(ctx, "DATE", ctx.anchor.date, "year", ref=False)
    if rel_word in ("the", "that", "the same", "this same") and unit in ("week", "month", "year"):
        if rel_word == "the" and not m.group("mod"):
            return None
        base = _ref_or_anchor(ctx) if rel_word != "the" else (
            (ctx.anchor.date, ctx.anchor.precision) if ctx.anchor else None)
        if base is None:
            return _unresolved("DATE", unit, fuzzy)
        d, precision = base
        target = {"week": "week", "month": "month", "year": "year"}[unit]
        if cal.coarser(precision, target):
            return Resolved("DATE", cal.fmt(d, precision), precision, True, True)
        return Resolved("DATE", cal.fmt(d, target), target, fuzzy, True)
    if unit in ("decade", "century") and rel == "past" and rel_word not in ("last",):
        return Resolved("DURATION", "P10Y" if unit == "decade" else "P100Y", None, fuzzy)
    if ctx.anchor is None:
        return _unresolved("DATE", unit if unit in ("week", "month", "year", "quarter") else None, fuzzy)
    anchor = ctx.anchor.date
    sign = {"past": -1, "future": 1}.get(rel or "", 0)
    if rel_word in ("the following", "the previous", "the prior", "following", "previous", "prior"):
        base = _ref_or_anchor(ctx)
        if base is not None:
            anchor = base[0]
        fuzzy = True
    if unit == "weekend":
        d = anchor + timedelta(weeks=sign)
        if sign == 0 and rel_word == "the":
            direction = ctx.direction(m.start(), m.end())
            if direction == "past" and anchor.isoweekday() < 6:
                d = anchor - timedelta(weeks=1)
        res = _finish(ctx, "DATE", d, "week", fuzzy=fuzzy, ref=False)
        if res.precision == "week" and res.value:
            return Resolved("DATE", res.value + "-WE", "week", res.fuzzy, True)
        return res
    if unit in ("fiscal year",):
        unit = "year"
    if unit == "season":
        return None
    letter = {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "Y",
              "century": "Y"}[unit]
    step = 10 if unit == "decade" else 100 if unit == "century" else 1
    d = cal.shift(anchor, letter, sign * step)
    return _finish(ctx, "DATE", d, unit, fuzzy=fuzzy, ref=False)


_ANAPHORIC_SHIFT = {"the next": 1, "the following": 1, "next": 1, "following": 1, "the previous": -1,
                    "previous": -1, "the prior": -1, "prior": -1, "the same": 0, "that": 0,
                    "the": 0, "that same": 0, "this same": 0}


def _anaphoric_day(m: re.Match[str], ctx: Context, rel_word: str, unit: str) -> Resolved | None:
    """'the next day', 'that night', 'the previous day': relative to the narrative's last date."""
    if rel_word in ("this", "last", "current", "the current", "the last", "past", "the past",
                    "coming", "the coming", "this past", "this coming"):
        return None  # "this morning"/"last night" are another rule; "the last day of" is not a date
    shift = _ANAPHORIC_SHIFT.get(rel_word)
    if shift is None:
        return None
    part = None if unit == "day" else unit
    if part and rel_word == "the":
        return None  # "the night" is rarely a date of its own
    type_ = "TIME" if part else "DATE"
    base: date | None = None
    if ctx.ref is not None and ctx.ref_precision == "day":
        base = ctx.ref
    elif ctx.anchor is not None and ctx.anchor.precision == "day":
        base = ctx.anchor.date
    if base is None:
        return _unresolved(type_, "day", True)
    d = base + timedelta(days=shift)
    return Resolved(type_, d.isoformat() + _part_suffix(part), "time" if part else "day",
                    rel_word not in ("the same", "that", "that same"), True)


# --------------------------------------------------------------------------- references, sets, holidays

#: words TimeML annotates as PRESENT_REF / PAST_REF / FUTURE_REF; words annotated in under
#: half of their TimeBank+AQUAINT uses ("previously", "soon", "shortly", "the moment",
#: bare "future") are left out
_PRESENT = {"now", "currently", "current", "presently", "nowadays", "these days", "at present"}
_PAST = {"recently", "recent", "lately", "the past"}
_FUTURE = {"the future",
           "the near future", "the coming days", "the coming weeks", "the coming months",
           "the days ahead", "the weeks ahead", "the months ahead", "the years ahead"}


def h_ref(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = _norm(m.group("ref"))
    # the adjectives "current", "recent", "future" are TIMEX3 references in TimeML
    # (about 60% of their uses in TimeBank+AQUAINT are annotated); kept, marked fuzzy
    if word in _PRESENT:
        value = "PRESENT_REF"
    elif word in _PAST:
        value = "PAST_REF"
    else:
        value = "FUTURE_REF"
    return Resolved("DATE", value, None, True)


#: "quarterly" and "annually" are mostly adjectives of money in news ("quarterly dividend")
_SET_ADVERBS = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
                "fortnightly": "P2W", "monthly": "P1M", "yearly": "P1Y"}


def h_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m.groupdict().get("adv"):
        return Resolved("SET", _SET_ADVERBS[m.group("adv").lower()], None)
    what = _norm(m.group("what"))
    n = parse_number(m.group("num")) if m.group("num") else 1
    if m.group("other"):
        n = (n or 1) * 2
    if what.rstrip("s") in UNITS:
        letter, mult, is_time = UNITS[what.rstrip("s")]
        return Resolved("SET", _duration_value(n, letter, mult, is_time), None)
    if what in WEEKDAYS:
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[what]}", None)
    if what in DAY_PARTS:
        return Resolved("SET", f"XXXX-XX-XXT{DAY_PARTS[what]}", None)
    if what in SEASONS:
        return Resolved("SET", f"XXXX-{SEASONS[what]}", None)
    if what == "weekend":
        return Resolved("SET", "XXXX-WXX-WE", None)
    return None


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                   "new year's day": (1, 1), "new years day": (1, 1), "new year's eve": (12, 31),
                   "new years eve": (12, 31), "independence day": (7, 4),
                   "valentine's day": (2, 14), "halloween": (10, 31)}


def h_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    name = _norm(m.group("hol")).replace("’", "'")
    if not _capitalised(m.group("hol")):
        return None

    def on(year: int) -> date:
        if name.startswith("thanksgiving"):
            return _thanksgiving(year)
        if name == "easter":
            return easter(year)
        mo, dy = _FIXED_HOLIDAYS[name]
        return date(year, mo, dy)

    if m.group("year"):
        d = on(int(m.group("year")))
        return Resolved("DATE", d.isoformat(), "day", ref=d, ref_precision="day")
    if ctx.anchor is None:
        if name in _FIXED_HOLIDAYS:
            mo, dy = _FIXED_HOLIDAYS[name]
            return Resolved("DATE", f"XXXX-{mo:02d}-{dy:02d}", "day", relative=True)
        return _unresolved("DATE", "day")
    anchor = ctx.anchor.date
    cands = [on(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    direction = ctx.direction(m.start(), m.end())
    d = cal._pick(cands, anchor, direction)
    return _finish(ctx, "DATE", d, "day")


# --------------------------------------------------------------------------- the rule table


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'’])" + pattern, re.IGNORECASE)


_PAST_WORDS = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    _PRESENT | _PAST | _FUTURE, key=len, reverse=True))

RULES: tuple[Rule, ...] = (
    Rule("iso", _rx(r"(?P<year>\d{4})-(?P<mon_n>\d{2})-(?P<day>\d{2})(?!\d)"), h_iso),
    Rule("slash", _rx(r"(?<![\d/])(?P<mon_n>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/])"),
         h_slash),
    Rule("month_day", _rx(WD_PREFIX + MON + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?![a-z:])"
                          r"(?:\s*,?\s*(?P<year>\d{4})(?!\d))?"), h_month_day),
    Rule("day_month", _rx(WD_PREFIX + r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MON
                          + r"(?:\s*,?\s*(?P<year>\d{4})(?!\d))?"), h_month_day),
    Rule("month_year", _rx(MOD + MON + r"\s*,?\s+(?:of\s+)?(?P<year>\d{4})(?!\d)"), h_month_year),
    Rule("month", _rx(MOD + r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|past|coming)\s+)?"
                      + MON), h_month),
    Rule("decade", _rx(MOD + r"(?:the\s+)?(?:(?P<mod2>early|late|mid)[\s-]+)?(?:(?P<dec>1[5-9]\d|20\d)0'?s"
                       r"|['’](?P<dec2>\d)0s|(?P<decw>" + alternation(DECADE_WORDS) + r"))(?![a-z])"),
         h_decade),
    Rule("century", _rx(MOD + r"(?:the\s+)?(?P<cent>\d{1,2}(?:st|nd|rd|th)|eighteenth|nineteenth|twentieth"
                        r"|twenty-first)[\s-]+century(?![a-z])"), h_century),
    Rule("year", _rx(MOD + r"(?:(?P<pre>(?:the\s+)?(?:fiscal|calendar)(?:\s+year)?|FY|the\s+year)\s*)?"
                     r"(?<![\d$£€#,.])" + YEAR + r"(?![\d,]\d)"), h_year),
    Rule("quarter", _rx(r"(?P<the>the\s+)?(?:(?P<rel>fiscal|latest|current|last|this|next|previous"
                        r"|year-earlier|year-ago|same)\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd"
                        r"|3rd|4th)[\s-]+(?:fiscal[\s-]+)?)?quarter(?:\s+of\s+(?:(?:fiscal\s+)?"
                        r"(?P<year>\d{4})|(?P<yrel>this|last|next)\s+year))?(?![a-z])"), h_quarter, uses_ref=True),
    Rule("year_ago_adj", _rx(r"(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:(?P<ord>first|second|third|fourth)"
                             r"[\s-]+)?(?P<what>quarter|period))?(?![a-z-])"), h_year_ago_adj, uses_ref=True),
    Rule("qn", re.compile(r"\bQ(?P<qn>[1-4])(?:\s+(?P<year>\d{4}))?\b"), h_qn),
    Rule("half", _rx(r"the\s+(?P<ord>first|second)\s+half(?:\s+of\s+(?:(?P<year>\d{4})|(?:the|this"
                     r"|(?P<yrel>last|next))\s+year))(?![a-z])"), h_half),
    Rule("season", _rx(MOD + r"(?:(?P<rel>this\s+past|this\s+coming|last|next|this|past|coming|the)\s+)?"
                       r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>\d{4}))?"
                       r"(?![a-z])"), h_season),
    Rule("day_word", _rx(MOD + r"(?P<dw>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
                         r"|today|tonight|yesterday|tomorrow)(?:\s+" + PART + r")?(?![a-z])"), h_day_word),
    Rule("rel_part", _rx(r"(?P<rel>this|last)\s+" + PART + r"(?![a-z])"), h_rel_part),
    Rule("weekday", _rx(MOD + r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|past|coming)\s+)?"
                        + WD + r"(?P<plural>s)?(?:\s+" + PART + r")?(?![a-z])"), h_weekday),
    Rule("clock", _rx(r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)"
                      r"(?![a-z])|(?P<word>noon|midnight|midday)(?![a-z]))"
                      r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time)(?![a-z]))?"), h_clock, uses_ref=True),
    Rule("clock_day", _rx(r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)"
                          r"|(?P<word>noon|midnight|midday))(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time))?"
                          r"\s*,?\s+(?:on\s+)?(?:" + WD + r"|(?P<dw>today|yesterday|tomorrow))(?![a-z])"),
         h_clock_day),
    Rule("clock24", _rx(r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])(?:\s+(?P<tz>GMT|UTC|[ECMP][SD]T"
                        r"|local\s+time))(?![a-z])"), h_clock, uses_ref=True),
    Rule("ago", _rx(APPROX + r"(?:" + NUM + r"[\s-]+)?" + UNIT + r"s?\s+(?P<dir>ago|earlier|later"
                    r"|before|after|from\s+now|hence|back)(?![a-z])"), h_ago, uses_ref=True),
    Rule("duration", _rx(APPROX + r"(?:(?P<det>the\s+(?:past|last|next|first|previous|coming|following"
                         r"|final|latest|remaining|entire|whole|initial)|the|past|last|next|first|another"
                         r"|an\s+additional|a\s+further|an\s+extra|additional|further)\s+)?" + NUM
                         + r"[\s-]+(?:more\s+)?" + UNIT + r"s?(?P<adj>[\s-]+(?:long|old))?(?![a-z])"),
         h_duration),
    Rule("bare_units", _rx(r"(?:(?P<det>the\s+(?:past|last|next|coming|previous|following)|recent"
                           r"|coming|past)\s+)?" + r"(?P<unit>second|minute|hour|day|week|month|year"
                           r"|decade)s(?![a-z])"), h_bare_units),
    Rule("rel_unit", _rx(r"(?:(?P<skip>earlier|later)\s+)?" + MOD + r"(?P<rel>"
                         + alternation(set(_REL_PAST) | set(_REL_NEXT) | set(_REL_THIS)
                                       | {"that", "the", "that same"})
                         + r")\s+(?P<unit>fiscal\s+year|weekend|week|month|year|quarter|decade|century"
                         r"|day|morning|afternoon|evening|night|season)(?![a-z])"),
         h_rel_unit, uses_ref=True),
    Rule("ref", _rx(r"(?:(?P<skip>in|right)\s+)?(?P<ref>" + _PAST_WORDS + r")(?![a-z])"), h_ref),
    Rule("set", _rx(r"(?:(?P<q>every|each|per)\s+(?P<other>other\s+)?(?:" + NUM + r"\s+)?(?P<what>"
                    r"second|minute|hour|day|week|month|quarter|year|decade|morning|afternoon|evening"
                    r"|night|weekend|spring|summer|fall|autumn|winter|" + alternation(_FULL_WD)
                    + r")s?|(?P<adv>" + alternation(_SET_ADVERBS) + r"))(?![a-z])"), h_set),
    Rule("holiday", _rx(r"(?P<hol>christmas\s+eve|christmas(?:\s+day)?|new\s+year['’]?s\s+eve"
                        r"|new\s+year['’]?s(?:\s+day)?|thanksgiving(?:\s+day)?|independence\s+day"
                        r"|valentine['’]?s\s+day|halloween|easter)(?:\s+(?P<year>\d{4}))?(?![a-z])"),
         h_holiday),
)
