"""What every grammar handler shares: the ``Resolved`` result, the ``Context`` it reads,
the ``Rule`` record, and small helpers for normalising matched words and finishing values."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from . import calendar as cal
from .calendar import Anchor, Direction
from .lexicon import AMBIGUOUS_MONTHS, DAY_PARTS, MONTHS, REL_NEXT, REL_PAST


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


def side(ctx: Context, rel: str | None, m: re.Match[str]) -> Direction:
    """Which side of the anchor an expression points to: an explicit "last"/"next"
    (``rel``) wins, else the tense of the verb governing it."""
    if rel == "past":
        return "past"
    if rel == "future":
        return "future"
    return ctx.direction(m.start(), m.end())


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    #: the value depends on the running reference time: resolve in text order
    uses_ref: bool = False


def norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


def capitalised(word: str) -> bool:
    return word[:1].isupper()


# --------------------------------------------------------------------------- helpers


def rel_kind(rel: str | None) -> str | None:
    r = norm(rel)
    if not r:
        return None
    if r in REL_PAST:
        return "past"
    if r in REL_NEXT:
        return "future"
    return "this"


def finish(ctx: Context, type_: str, d: date, precision: str, *, fuzzy: bool = False,
            suffix: str = "", ref: bool = True) -> Resolved:
    """A relative result computed from the anchor, cut to the anchor's own precision."""
    anchor = ctx.anchor
    assert anchor is not None
    if anchor.precision != "day" and cal.coarser(anchor.precision, precision):
        return Resolved(type_, cal.fmt(d, anchor.precision), anchor.precision, True, True)
    value = cal.fmt(d, precision) + suffix
    return Resolved(type_, value, "time" if suffix else precision, fuzzy, True,
                    d if ref else None, precision if ref else None)


def unresolved(type_: str, precision: str | None, fuzzy: bool = False) -> Resolved:
    """A relative expression in a document without a date: never guessed from today."""
    return Resolved(type_, None, precision, fuzzy, True)


def month_ok(m: re.Match[str], ctx: Context) -> bool:
    """Reject "may" the modal, "march" the verb, lower-case month words."""
    word = m.group("mon")
    if not capitalised(word):
        return False
    key = word.lower().rstrip(".")
    if key in AMBIGUOUS_MONTHS:
        tag = ctx.tag_at(m.start("mon"))
        if tag in ("MD", "VB", "VBD", "VBP", "VBZ", "VBG", "VBN"):
            return False
    return True


def month_num(m: re.Match[str]) -> int:
    return MONTHS[m.group("mon").lower().rstrip(".")]


def is_fuzzy(m: re.Match[str]) -> bool:
    gd = m.groupdict()
    return bool(gd.get("mod") or gd.get("mod2") or gd.get("approx") or gd.get("skip"))


def part_suffix(part: str | None) -> str:
    return f"T{DAY_PARTS[norm(part)]}" if part else ""
