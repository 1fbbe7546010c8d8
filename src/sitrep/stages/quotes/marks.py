"""Quotation marks: find and pair them in raw text (pure, no spaCy).

Written by hand rather than taken from a library because the pairing rules are
news-specific: straight quotes are opening or closing by their neighbours,
curly apostrophes (``Al Qaeda’s``, ``’90s``, ``allies’``) are not quotes, a
quote that runs over several paragraphs repeats its opening mark at each new
paragraph without closing the previous one, and an unclosed mark must never
swallow the rest of the article (it is capped at its paragraph's end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: an unclosed quotation never runs longer than this many characters
MAX_UNCLOSED = 1500
#: single-quoted spans longer than this are not trusted (apostrophe confusion)
MAX_SINGLE = 200

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
OPENERS_BEFORE = " \t\n([{—–-/:;“‘\"'"


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """One quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    double: bool = True
    closed: bool = True
    #: True when the quotation continues over a paragraph break
    multi_paragraph: bool = False

    @property
    def length(self) -> int:
        return self.inner_end - self.inner_start


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line-delimited paragraph."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def _role_double(text: str, i: int) -> str | None:
    """'open', 'close' or None (ambiguous/not a quote) for a double mark at ``i``."""
    ch = text[i]
    if ch in DOUBLE_OPEN:
        return "open"
    if ch in DOUBLE_CLOSE:
        # some texts use ” for both; decide by neighbours when it looks like an opener
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before in " \t\n(" and after.isalnum():
            return "open"
        return "close"
    if ch == '"':
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before in OPENERS_BEFORE and not after.isspace():
            return "open"
        if not before.isspace():
            return "close"
        return "open" if not after.isspace() else None
    return None


def _role_single(text: str, i: int) -> str | None:
    """'open', 'close' or None (apostrophe) for a single mark at ``i``."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return None  # Qaeda’s, don’t
    if after.isdigit():
        return None  # ’90s
    if (ch in SINGLE_OPEN or ch == "'" or ch == "’") and before in OPENERS_BEFORE and after.isalnum():
        return "open"
    if (ch in SINGLE_CLOSE or ch == "'") and not before.isspace() and (
            after.isspace() or after in ".,;:!?)”\"—–-" or i + 1 == len(text)):
        return "close"
    return None


def _pair_in(text: str, lo: int, hi: int, double: bool) -> list[tuple[int, int, bool]]:
    """Pair marks of one kind inside [lo, hi): (open index, close index or -1, closed)."""
    marks = DOUBLE_OPEN + DOUBLE_CLOSE + '"' if double else SINGLE_OPEN + SINGLE_CLOSE + "'"
    role = _role_double if double else _role_single
    out: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    for i in range(lo, hi):
        if text[i] not in marks:
            continue
        r = role(text, i)
        if r is None:
            continue
        if open_at is None:
            if r == "open":
                open_at = i
            continue
        if r == "close":
            out.append((open_at, i, True))
            open_at = None
        elif r == "open":
            # a second opener before any closer: the first was unbalanced; cap it here
            out.append((open_at, -1, False))
            open_at = i
    if open_at is not None:
        out.append((open_at, -1, False))
    return out


def _trim_end(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def find_quotes(text: str) -> list[QuotedSpan]:
    """Every quotation in ``text``, outermost level, in order.

    Double quotes are paired within a paragraph; an opening mark left unclosed at
    the end of a paragraph either continues into the next paragraph (when that
    one opens with a quotation mark: the news convention) or is capped at the
    paragraph end. Single quotes count only outside double ones (nested ones are
    part of their outer quotation) and only when both ends look like quote marks.
    """
    original = text
    # NYT style: two apostrophes (or backticks) stand for a double quotation mark;
    # mask the second character so the pair reads as one straight double quote
    text = re.sub(r"''|``", '"\x01', text)
    paras = paragraphs(text)
    result: list[QuotedSpan] = []
    pending: tuple[int, int] | None = None  # (start, para index) of a multi-paragraph quote
    for pi, (lo, hi) in enumerate(paras):
        pairs = _pair_in(text, lo, hi, double=True)
        for k, (o, c, closed) in enumerate(pairs):
            starts_para = o == lo or not text[lo:o].strip()
            if pending is not None:
                p_start, _ = pending
                if k == 0 and starts_para:
                    if closed:
                        result.append(QuotedSpan(p_start, c + 1, p_start + 1, c, True, True, True))
                        pending = None
                        continue
                    if pi + 1 < len(paras) and _opens_paragraph(text, paras[pi + 1]):
                        continue  # still running
                # the continuation never came: cap the pending one at its paragraph end
                result.append(_capped(text, p_start, paras, pending[1]))
                pending = None
            if closed:
                result.append(QuotedSpan(o, c + 1, o + 1, c, True, True, False))
            elif k == len(pairs) - 1 and pi + 1 < len(paras) and _opens_paragraph(text, paras[pi + 1]):
                pending = (o, pi)
            else:
                nxt = pairs[k + 1][0] if k + 1 < len(pairs) else hi
                end = min(nxt, hi, o + MAX_UNCLOSED)
                end = _trim_end(text, o, end)
                result.append(QuotedSpan(o, end, o + 1, end, True, False, False))
        if pending is not None and not pairs:
            result.append(_capped(text, pending[0], paras, pending[1]))
            pending = None
    if pending is not None:
        result.append(_capped(text, pending[0], paras, pending[1]))
    result.extend(_singles(text, paras, result))
    result.sort(key=lambda q: q.start)
    if original != text:
        result = [_widen_pairs(original, q) for q in result]
    return result


def _widen_pairs(text: str, q: QuotedSpan) -> QuotedSpan:
    """Cover both characters of a two-character mark ('' or ``)."""
    start, inner_start, end, inner_end = q.start, q.inner_start, q.end, q.inner_end
    if text[start : start + 2] in ("''", "``"):
        inner_start = start + 2
    if q.closed and text[end - 1 : end + 1] in ("''", "``"):
        end += 1
    return QuotedSpan(start, end, inner_start, inner_end, q.double, q.closed, q.multi_paragraph)


def _opens_paragraph(text: str, para: tuple[int, int]) -> bool:
    lo, hi = para
    head = text[lo:hi].lstrip()
    return bool(head) and (head[0] in DOUBLE_OPEN or head[0] == '"')


def _capped(text: str, start: int, paras: list[tuple[int, int]], pi: int) -> QuotedSpan:
    end = _trim_end(text, start, min(paras[pi][1], start + MAX_UNCLOSED))
    return QuotedSpan(start, end, start + 1, end, True, False, False)


def _singles(
    text: str, paras: list[tuple[int, int]], doubles: list[QuotedSpan]
) -> list[QuotedSpan]:
    out = []
    for lo, hi in paras:
        for o, c, closed in _pair_in(text, lo, hi, double=False):
            if not closed or c - o > MAX_SINGLE or c - o < 2:
                continue
            if any(d.start <= o < d.end for d in doubles):
                continue  # nested in a double quotation
            out.append(QuotedSpan(o, c + 1, o + 1, c, False, True, False))
    return out
