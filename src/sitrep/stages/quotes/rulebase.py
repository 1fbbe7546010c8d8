"""Shared state and content shaping for the attribution rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .attribution import Char, Options
from .marks import find_quotes
from .syntax import QUOTE_CHARS, quote_at, trim

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token


class RuleBase:
    """Shared state and content shaping for the attribution rules."""

    def __init__(self, doc: Doc, opts: Options | None = None, text: str | None = None) -> None:
        """``text``: the document's text when the caller has it (``Doc.text`` joins every token
        on each access); it must equal ``doc.text``."""
        self.doc = doc
        self.text = doc.text if text is None else text
        self.opts = opts or Options()
        self.quotes = find_quotes(self.text)
        self.qstarts = [q.start for q in self.quotes]
        self.sents = list(doc.sents)

    def _sent(self, tok: Token) -> Span:
        return tok.sent

    def _widen_to_quotes(self, content: Char, cue: Char, source: Char | None) -> Char | None:
        """Extend a content to whole quotations it starts or ends inside."""
        s, e = content
        if e <= s:
            return None
        blocked = [cue] + ([source] if source else [])
        for q in self.quotes:
            if q.end <= s or q.start >= e:
                continue
            if any(q.start <= b[0] < q.end for b in blocked):
                continue  # the cue is inside this quotation: it is not the content's
            if q.start >= s - 1 and q.end > e:
                e = q.end
            if q.start < s <= q.inner_start + 1 or (q.start < s and q.end >= e):
                s = q.start
        # outside quotations a content never runs over a paragraph break: keep the
        # part next to the cue
        breaks = [
            i for i in range(s, e)
            if self.text[i] == "\n" and quote_at(self.quotes, self.qstarts, i) is None
        ]
        if breaks:
            if cue[0] >= e:
                s = breaks[-1] + 1
            else:
                e = breaks[0]
        return trim(self.text, (s, e))

    def _plausible(self, content: Char, cue: Char, source: Char | None) -> bool:
        s, e = content
        if s <= cue[0] < e:
            return False
        if source is not None and s <= source[0] < e and not (source[0] <= s):
            return False
        words = self.text[s:e].split()
        return len(words) >= 2 or any(c in self.text[s:e] for c in QUOTE_CHARS)

    def _kind(self, frags: Iterable[Char]) -> str:
        inside = outside = 0
        for s, e in frags:
            pos = s
            for q in self.quotes:
                if q.end <= s or q.start >= e:
                    continue
                outside += len(self.text[pos : max(pos, q.start)].split())
                inside += len(self.text[max(q.start, s) : min(q.end, e)].split())
                pos = max(pos, q.end)
            outside += len(self.text[pos:e].split())
        if inside and outside <= 1:
            return "direct"
        if inside:
            return "mixed"
        return "indirect"
