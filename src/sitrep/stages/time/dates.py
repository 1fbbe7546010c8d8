"""Handlers for calendar expressions: dates, months, years, decades, quarters, seasons, holidays."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

from . import calendar as cal
from .common import (
    Context,
    Resolved,
    capitalised,
    finish,
    is_fuzzy,
    month_num,
    month_ok,
    norm,
    rel_kind,
    side,
    unresolved,
)
from .lexicon import (
    AMBIGUOUS_MONTHS,
    CENTURY_ORDINALS,
    DECADE_WORDS,
    FIXED_HOLIDAYS,
    ORDINALS,
    SEASONS,
)
from .patterns import ABBR_MONTHS


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
    if not month_ok(m, ctx):
        return None
    month, day = month_num(m), int(m.group("day"))
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
    if not month_ok(m, ctx):
        return None
    d = date(int(m.group("year")), month_num(m), 1)
    return Resolved("DATE", cal.fmt(d, "month"), "month", is_fuzzy(m), ref=d, ref_precision="month")


def h_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    if not month_ok(m, ctx):
        return None
    word = m.group("mon").lower().rstrip(".")
    rel = rel_kind(m.group("rel"))
    if word in AMBIGUOUS_MONTHS and not (rel or m.group("mod")):
        # a lone "May"/"March": only as a proper noun after a temporal preposition
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(?:in|since|until|till|by|from|to|through|of|during|before|after|last|"
                         r"early|late|mid|and|or|between)\s*$", before):
            return None
    if word in ABBR_MONTHS and not (rel or m.group("mod")):
        return None  # a lone "Jan" or "Oct." is a name or a fragment more often than a month
    month = month_num(m)
    fuzzy = is_fuzzy(m)
    if ctx.anchor is None:
        if rel:
            return unresolved("DATE", "month", fuzzy)
        if ctx.text_date is not None:  # no publication date, but the text gave a full date
            d = cal.resolve_month(ctx.text_date, month, ctx.direction(m.start(), m.end()))
            return Resolved("DATE", cal.fmt(d, "month"), "month", True, True, d, "month")
        return Resolved("DATE", f"XXXX-{month:02d}", "month", fuzzy, True)
    if ctx.anchor.precision == "year" and not rel:
        d = date(ctx.anchor.date.year, month, 1)
        return Resolved("DATE", cal.fmt(d, "month"), "month", True, True, d, "month")
    direction = side(ctx, rel, m)
    anchor = ctx.anchor.date
    d = cal.resolve_month(anchor, month, direction)
    if rel == "past" and d.year == anchor.year and d.month == anchor.month:
        d = date(anchor.year - 1, month, 1)  # "last July" in July is a year back
    if rel == "future" and d.year == anchor.year and d.month == anchor.month:
        d = date(anchor.year + 1, month, 1)
    return finish(ctx, "DATE", d, "month", fuzzy=fuzzy)


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
    return Resolved("DATE", f"{year:04d}", "year", is_fuzzy(m), ref=d, ref_precision="year")


def h_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m.group("dec"):
        decade = int(m.group("dec"))
    elif m.group("dec2"):
        decade = 190 + int(m.group("dec2"))
    else:
        decade = 190 + DECADE_WORDS[m.group("decw").lower()]
    return Resolved("DATE", f"{decade:03d}", "decade", is_fuzzy(m))


_ORDINAL_CENTURY = CENTURY_ORDINALS


def h_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m.group("cent").lower()
    n = _ORDINAL_CENTURY.get(word) or int(re.sub(r"\D", "", word) or 0)
    if not 1 <= n <= 22:
        return None
    return Resolved("DATE", f"{n - 1:02d}", "century", is_fuzzy(m))


def _quarter_value(ctx: Context, year: int, q: int, fuzzy: bool = False) -> Resolved:
    d = date(year, 3 * q - 2, 1)
    res = finish(ctx, "DATE", d, "quarter", fuzzy=fuzzy, ref=False)
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
    rel = norm(m.group("rel"))
    if not (ordinal or rel or m.group("the")):
        return None
    q = ORDINALS[ordinal.lower()] if ordinal else None
    if m.group("pyear") and q is not None:  # "the 1988 second quarter"
        year = int(m.group("pyear"))
        return Resolved("DATE", f"{year:04d}-Q{q}", "quarter", ref=date(year, 3 * q - 2, 1),
                        ref_precision="quarter")
    if m.group("pyear"):
        return None
    if m.group("year"):
        year = int(m.group("year"))
        if q is None:
            return None
        d = date(year, 3 * q - 2, 1)
        return Resolved("DATE", f"{year:04d}-Q{q}", "quarter", ref=d, ref_precision="quarter")
    if ctx.anchor is None:
        return unresolved("DATE", "quarter")
    anchor = ctx.anchor.date
    yrel = norm(m.group("yrel"))
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
    what = norm(m.group("what"))
    ordinal = m.group("ord")
    if ctx.anchor is None:
        return unresolved("DATE", "quarter" if what else "year")
    quarter_ref = ctx.quarter is not None
    if ordinal or what == "quarter" or quarter_ref:
        d = _recent_quarter(ctx) or ctx.anchor.date
        if ordinal:
            q = ORDINALS[ordinal.lower()]
            d = date(cal.resolve_quarter(ctx.anchor.date, q, "past"), 3 * q - 2, 1)
        d = cal.shift(d, "Y", -1)
        return finish(ctx, "DATE", d, "quarter", ref=False)
    return finish(ctx, "DATE", cal.shift(ctx.anchor.date, "Y", -1), "year", ref=False)


def h_qn(m: re.Match[str], ctx: Context) -> Resolved | None:
    q = int(m.group("qn"))
    if m.group("year"):
        return Resolved("DATE", f"{m.group('year')}-Q{q}", "quarter")
    if ctx.anchor is None:
        return unresolved("DATE", "quarter")
    year = cal.resolve_quarter(ctx.anchor.date, q, ctx.direction(m.start(), m.end()))
    return finish(ctx, "DATE", date(year, 3 * q - 2, 1), "quarter")


def h_half(m: re.Match[str], ctx: Context) -> Resolved | None:
    h = 1 if m.group("ord").lower() == "first" else 2
    if m.group("year"):
        return Resolved("DATE", f"{m.group('year')}-H{h}", "quarter")
    if ctx.anchor is None:
        return unresolved("DATE", "quarter")
    yrel = norm(m.group("yrel"))
    year = ctx.anchor.date.year + {"last": -1, "next": 1}.get(yrel, 0)
    if ctx.anchor.precision != "day" and ctx.anchor.precision != "month":
        return Resolved("DATE", f"{year:04d}", "year", True, True)
    return Resolved("DATE", f"{year:04d}-H{h}", "quarter", False, True)


def h_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    season = SEASONS[m.group("season").lower()]
    rel_word = norm(m.group("rel"))
    rel = rel_kind(m.group("rel")) if rel_word != "the" else None
    after = ctx.text[m.end():m.end() + 6].lower()
    word = m.group("season")
    if m.group("year"):
        return Resolved("DATE", f"{m.group('year')}-{season}", "season", is_fuzzy(m))
    if not (rel or m.group("mod") or rel_word == "the"):
        return None
    if re.match(r"\s+of\b", after):  # "the fall of Aleppo"
        return None
    if word[:1].isupper() and ctx.text[max(0, m.start("season") - 5):m.start("season")].strip()[-1:].isalpha() \
            and not (rel or rel_word == "the"):
        return None
    if ctx.anchor is None:
        return unresolved("DATE", "season", is_fuzzy(m))
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
    return Resolved("DATE", f"{year:04d}-{season}", "season", is_fuzzy(m), True)


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


_FIXED_HOLIDAYS = FIXED_HOLIDAYS


def h_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    name = norm(m.group("hol")).replace("’", "'")
    if not capitalised(m.group("hol")):
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
        return unresolved("DATE", "day")
    anchor = ctx.anchor.date
    cands = [on(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    direction = ctx.direction(m.start(), m.end())
    d = cal._pick(cands, anchor, direction)
    return finish(ctx, "DATE", d, "day")
