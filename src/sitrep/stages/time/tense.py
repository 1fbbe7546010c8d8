"""Which side of the document date a temporal expression points to, from its verb's tense.

"Kerry met Putin Thursday" (past) -> the Thursday before the anchor; "the talks
will resume on Monday" (future) -> the Monday after; present tense or no verb ->
the nearest one. Read from the spaCy parse: the governing verb of the
expression's head token, its auxiliaries, and a few future-leaning predicates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .calendar import Direction

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "gon"})
#: predicates whose complement is about the future: "is going to meet Monday",
#: "is scheduled to vote Friday", "plans to travel in March"
_FUTURE_PREDICATES = frozenset({
    "go", "schedule", "expect", "due", "set", "plan", "intend", "hope", "aim", "want", "prepare",
    "promise", "pledge", "vow", "threaten", "agree", "decide", "slate",
})
_FUTURE_CUES = frozenset({"next", "coming", "upcoming", "following"})
_PAST_CUES = frozenset({"last", "past", "previous", "ago", "earlier"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "xcomp", "relcl", "conj", "acl", "pcomp", "csubj"})


def governing_verb(token: Token, max_steps: int = 6) -> Token | None:
    """The nearest verb or auxiliary-bearing predicate above ``token`` in the parse."""
    current = token
    for _ in range(max_steps):
        if current.pos_ in ("VERB", "AUX") and current.dep_ != "aux":
            return current
        if current.head is current:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
    return None


def verb_direction(verb: Token) -> Direction | None:
    """past / future from the verb group's form; None when the form does not say."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if aux_words & _FUTURE_AUX:
        return "future"
    # "is going to meet", "is scheduled to vote", "plans to travel"
    if verb.dep_ == "xcomp" and any(a.lower_ == "to" for a in auxes):
        head = verb.head
        if head.lemma_.lower() in _FUTURE_PREDICATES:
            return "future" if not head.tag_ == "VBD" or head.lemma_ == "go" else "nearest"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (aux_words & {"has", "have", "had", "'ve", "'s", "was", "were"}):
        return "past"
    if verb.lemma_ in _FUTURE_PREDICATES and verb.tag_ in ("VBN", "JJ") and verb.dep_ in ("ROOT",):
        return "future"
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB", "MD") or aux_words:
        return None
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
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("until", "till", "by") :
        # "until Monday": the nearest one, future leaning when the verb does not say
        pass
    verb = governing_verb(span.root)
    if verb is None:
        return "past"
    direction = verb_direction(verb)
    if direction is not None:
        return direction
    # present tense in news: headline present ("Kerry meets Putin Thursday") or
    # scheduled future ("ministers meet on Monday"): the nearest date wins
    return "nearest"
