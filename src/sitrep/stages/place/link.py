"""Places for other stages: resolve a given span, find the place of an event span."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ...records import Place
from ..base import Analysis
from .resolver import Resolver, Span
from .stage import PlaceStage

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


@functools.lru_cache(maxsize=1)
def _resolver() -> Resolver:
    return Resolver()


def resolve_span(analysis: Analysis, start: int, end: int, *, resolver: Resolver | None = None) -> Place | None:
    """Resolve ``text[start:end]`` as a toponym of this document (None if the gazetteer has no match).

    The document's other places (``analysis.places``) are the context, as in the stage.
    """
    resolver = resolver or _resolver()
    text = analysis.text
    target = Span(start, end, text[start:end])
    spans = [Span(p.start, p.end, p.text) for p in analysis.places if (p.start, p.end) != (start, end)]
    resolutions = resolver.resolve(text, [*spans, target], dateline=analysis.document.dateline)
    entry = resolutions[-1].entry
    return PlaceStage.to_place(analysis, target, entry) if entry is not None else None


def _clause_head(token: Token) -> Token:
    """The verb heading the clause a token belongs to (the sentence root at worst)."""
    # spaCy makes a new Token object on every access, so compare indices, not identity
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token


def place_for_span(analysis: Analysis, start: int, end: int) -> Place | None:
    """The place of something said in ``text[start:end]``: in the same clause first, else the sentence.

    Among several candidates the one closest to the span wins. Uses the parse when
    the analysis still has its spaCy ``doc``; without it, only the sentence rule applies.
    """
    sentence = analysis.sentence_at(start)
    if sentence is None:
        return None
    in_sentence = [p for p in analysis.places if sentence.start <= p.start < sentence.end]
    if not in_sentence:
        return None

    def distance(p: Place) -> int:
        if p.start < end and start < p.end:
            return 0
        return p.start - end if p.start >= end else start - p.end

    doc = analysis.doc
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            head = _clause_head(span.root)
            same = []
            for p in in_sentence:
                p_span = doc.char_span(p.start, p.end, alignment_mode="expand")
                if p_span is not None and len(p_span) and _clause_head(p_span.root) == head:
                    same.append(p)
            if same:
                return min(same, key=distance)
    return min(in_sentence, key=distance)
