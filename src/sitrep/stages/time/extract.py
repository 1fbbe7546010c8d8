"""Find and normalise the temporal expressions of one text (pure; no I/O).

Three passes: (1) every grammar rule proposes candidates and its handler
accepts or rejects each one; (2) the longest accepted candidates win, without
overlaps (ties go to the earlier rule); (3) in text order, the winners are
normalised, carrying a reference time so that "the next day" or "8 p.m." refer
to the last date the narrative mentioned.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .calendar import Anchor, Direction
from .grammar import RULES, Resolved, Rule
from .prefilter import fold, may_match, required_literals
from .tense import direction_for

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class Found:
    """One temporal expression found in the text."""

    start: int
    end: int
    text: str
    resolved: Resolved
    rule: str


class _Ctx:
    """The ``grammar.Context`` for one text: anchor, parse look-ups, reference time."""

    def __init__(self, text: str, anchor: Anchor | None, doc: Doc | None) -> None:
        self.text = text
        self.anchor = anchor
        self.doc = doc
        self.ref: date | None = None
        self.ref_precision: str | None = None
        self.text_date: date | None = None
        self.quarter: date | None = None
        self._starts = [t.idx for t in doc] if doc is not None else []
        self._directions: dict[tuple[int, int], Direction] = {}

    def _token(self, offset: int):  # type: ignore[no-untyped-def]
        if self.doc is None or not self._starts:
            return None
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.doc[i] if i >= 0 else None

    def direction(self, start: int, end: int) -> Direction:
        key = (start, end)
        if key not in self._directions:
            self._directions[key] = direction_for(self.doc, start, end) if self.doc is not None else "past"
        return self._directions[key]

    def tag_at(self, offset: int) -> str:
        tok = self._token(offset)
        return tok.tag_ if tok is not None else ""

    def token_info(self, offset: int) -> tuple[str, str, str, str]:
        tok = self._token(offset)
        if tok is None:
            return "", "", "", ""
        return tok.lower_, tok.tag_, tok.dep_, tok.head.tag_


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match[str]
    resolved: Resolved


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop trailing punctuation/space a pattern may have swallowed (but keep "Sept.")."""
    while end > start and text[end - 1] in " \t\n,;:":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end


#: per rule, the literals every match contains (``prefilter``): a rule whose literals the text
#: lacks has no match there, and its ``finditer`` is not run
_REQUIRED = tuple(required_literals(rule.pattern) for rule in RULES)


def _propose(ctx: _Ctx) -> list[_Candidate]:
    out: list[_Candidate] = []
    folded = fold(ctx.text)
    for order, rule in enumerate(RULES):
        if not may_match(_REQUIRED[order], folded):
            continue  # exact: see ``prefilter``
        for m in rule.pattern.finditer(ctx.text):
            if m.end() == m.start():
                continue
            resolved = rule.handler(m, ctx)
            if resolved is None:
                continue
            # a leading ``skip`` group is read but left outside the extent ("about five hours")
            first = m.end("skip") if "skip" in m.re.groupindex and m.group("skip") else m.start()
            start, end = _trim(ctx.text, first, m.end())
            out.append(_Candidate(start, end, order, rule, m, resolved))
    return out


def _select(cands: list[_Candidate], length: int) -> list[_Candidate]:
    """Longest first, then rule order; a character belongs to one expression at most."""
    chosen: list[_Candidate] = []
    taken = bytearray(length + 1)
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.order, c.start)):
        if any(taken[c.start:c.end]):
            continue
        chosen.append(c)
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _paragraph_break(text: str, start: int, end: int) -> bool:
    return "\n\n" in text[start:end]


def extract(text: str, anchor: Anchor | None, doc: Doc | None = None) -> list[Found]:
    """All temporal expressions of ``text``, normalised against ``anchor``, in text order."""
    ctx = _Ctx(text, anchor, doc)
    found: list[Found] = []
    last_ref_end = 0
    for cand in _select(_propose(ctx), len(text)):
        if ctx.ref is not None and _paragraph_break(text, last_ref_end, cand.start):
            # a new paragraph: the reference time falls back to the document date
            ctx.ref, ctx.ref_precision = None, None
        resolved = cand.resolved
        if cand.rule.uses_ref or (anchor is None and cand.rule.name in ("month_day", "day_month", "month")):
            again = cand.rule.handler(cand.match, ctx)
            if again is not None:
                resolved = again
        if resolved.ref is not None and resolved.type in ("DATE", "TIME"):
            ctx.ref, ctx.ref_precision = resolved.ref, resolved.ref_precision
            last_ref_end = cand.end
            if resolved.ref_precision == "day" and not resolved.relative:
                ctx.text_date = resolved.ref
            if resolved.ref_precision == "quarter":
                ctx.quarter = resolved.ref
        found.append(Found(cand.start, cand.end, text[cand.start:cand.end], resolved, cand.rule.name))
    return found
