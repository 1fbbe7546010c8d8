"""Which temporal expression dates a given span (for the events stage).

``time_for_span(analysis, start, end)`` returns the time expression of the same
clause when there is one, else the nearest one of the same sentence, else None.
A clause is the set of tokens governed by the same verb (read from the spaCy
parse when the ``Analysis`` still carries it); without a parse only the sentence
rule applies. Dates (DATE/TIME with a value) are preferred over durations and sets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...records import TimeExpr
from ..base import Analysis
from .tense import governing_verb

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


def clause_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb heading the clause of the words at ``start:end`` (None when the parse gives none)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return governing_verb(span.root)


def _rank(t: TimeExpr, start: int, end: int) -> tuple[int, int]:
    dated = t.type in ("DATE", "TIME") and t.value is not None
    distance = max(t.start - end, start - t.end, 0)
    return (0 if dated else 1, distance)


def time_for_span(analysis: Analysis, start: int, end: int) -> TimeExpr | None:
    """The time expression governing the clause, else the sentence, containing ``start:end``."""
    sentence = analysis.sentence_at(start)
    if sentence is None:
        return None
    in_sentence = [t for t in analysis.times if sentence.start <= t.start < sentence.end]
    if not in_sentence:
        return None
    doc = analysis.doc
    if doc is not None:
        verb = clause_verb(doc, start, end)
        if verb is not None:
            same_clause = [t for t in in_sentence if clause_verb(doc, t.start, t.end) == verb]
            if same_clause:
                return min(same_clause, key=lambda t: _rank(t, start, end))
    return min(in_sentence, key=lambda t: _rank(t, start, end))
