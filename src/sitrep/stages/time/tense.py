"""Which side of the document date a temporal expression points to, from its verb's tense.

"Kerry met Putin Thursday" (past) -> the Thursday before the anchor; "the talks
will resume on Monday" (future) -> the Monday after; present tense or no verb ->
the nearest one. Read from the spaCy parse: the governing verb of the
expression's head token, its auxiliaries, and a few future-leaning predicates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .calendar import Direction
from .lexicon import (
    FUTURE_AUXILIARIES,
    FUTURE_CUES,
    FUTURE_PREDICATES,
    MODALS,
    PAST_CUES,
    SCHEDULING_PREDICATES,
    TERM_CUES,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_FUTURE_AUX = FUTURE_AUXILIARIES
_FUTURE_PREDICATES = FUTURE_PREDICATES
_SCHEDULING = SCHEDULING_PREDICATES
_MODALS = MODALS
_TERM_CUES = TERM_CUES
_FUTURE_CUES = FUTURE_CUES
_PAST_CUES = PAST_CUES


def governing_verb(token: Token, max_steps: int = 6) -> Token | None:
    """The nearest verb or auxiliary-bearing predicate above ``token`` in the parse."""
    current = token
    for _ in range(max_steps):
        if current.pos_ in ("VERB", "AUX") and current.dep_ != "aux":
            return current
        if current.head.i == current.i:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
    return None


def verb_direction(verb: Token, depth: int = 0) -> Direction | None:
    """past / future / nearest from the verb group's form; None when the form does not say.

    Measured on TimeBank+AQUAINT weekdays: participles and past forms point back,
    will/shall and "is to" forward, plain present and modals either way.
    """
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & _FUTURE_AUX:
        return "future"
    if "to" in aux_words and depth < 2 and verb.head.i != verb.i:
        head = verb.head
        if head.lemma_.lower() in _FUTURE_PREDICATES and head.tag_ != "VBD":
            return "future"
        if head.lemma_.lower() == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"  # "is to resume trading Tuesday"
        if head.pos_ in ("VERB", "AUX"):
            return verb_direction(head, depth + 1)
        return None
    if aux_words & _MODALS and verb.tag_ in ("VB", "VBN", "VBG"):
        return "nearest"  # "would be paid in January", "could come as early as Tuesday"
    if verb.lemma_.lower() in _SCHEDULING and verb.tag_ in ("VBD", "VBN"):
        return "nearest"  # "was planned for early March", "has set Nov. 10 as the deadline"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN":
        return "past"  # perfect, passive or reduced relative: "the injunction issued Thursday"
    if verb.tag_ == "VBG" and not aux_words:
        return "past"  # participial clause: "closing unchanged Friday"
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and aux_words & {"is", "are", "'re", "am"}):
        return "nearest"  # headline or scheduled present: "ministers meet Monday"
    return None


def direction_for(doc: Doc, start: int, end: int) -> Direction:
    """The side of the anchor the expression at characters ``start:end`` points to."""
    span: Span | None = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    words = {t.lower_ for t in span}
    if words & _FUTURE_CUES:
        return "future"
    if words & _PAST_CUES:
        return "past"
    before = " ".join(t.lower_ for t in doc[max(0, span.start - 3):span.start])
    if before.endswith(("as early as", "as soon as", "as late as")):
        return "future"
    if before.split()[-1:] and before.split()[-1] in _TERM_CUES:
        return "nearest"
    if span.root.head.lower_ in _TERM_CUES or span.root.head.head.lower_ in ("payable", "effective"):
        return "nearest"
    verb = governing_verb(span.root)
    if verb is None:
        return "past"
    direction = verb_direction(verb)
    if direction is not None:
        return direction
    # no telling form: news is mostly about the past
    return "past"
