"""Which event a figure belongs to: one event, the one the count is the result of.

"The army shelled Douma, killing 9": the casualty predicate "killing" hangs on "shelled",
so the figure goes to the shelling (the event governing the casualty clause), not to every
event of the sentence. Order: the highest violent event on the path from the casualty
predicate up to its clause (never past a reporting verb); else the predicate itself when it
is an event; else an event named as the cause ("killed in an air strike"); else the nearest
violent event of the sentence. Pure: tokens and ``EventAnchor`` records in, an event id out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon
from .record import EventAnchor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: PLOVER categories that can have victims of each kind
VIOLENT: dict[str, frozenset[str]] = {
    "killed": frozenset({"ASSAULT", "COERCE"}),
    "injured": frozenset({"ASSAULT", "COERCE"}),
    "missing": frozenset({"ASSAULT", "COERCE"}),
    "abducted": frozenset({"COERCE", "ASSAULT"}),
    "arrested": frozenset({"COERCE", "ASSAULT"}),
    "displaced": frozenset({"COERCE", "ASSAULT", "RETREAT", "MOBILIZE", "AID", "AGREE", "COOPERATE"}),
}
CAUSE_PREPS = {"in", "by", "after", "during", "from", "following", "when", "as", "amid"}


def _at(token: Token, anchors: Sequence[EventAnchor]) -> EventAnchor | None:
    start, end = token.idx, token.idx + len(token)
    for anchor in anchors:
        if anchor.start < end and start < anchor.end:
            return anchor
    return None


def _upward(pred: Token, anchors: Sequence[EventAnchor], lex: CasualtyLexicon) -> EventAnchor | None:
    """The highest event on the path from the predicate up to its clause."""
    found = None
    tok = pred
    for _ in range(6):
        if tok.lemma_.lower() in lex.reporting_verbs and tok.i != pred.i:
            break
        anchor = _at(tok, anchors)
        if anchor is not None:
            found = anchor
        if tok.head.i == tok.i or tok.dep_ not in ("advcl", "xcomp", "conj", "acl", "relcl", "amod",
                                                     "dobj", "nsubj", "nsubjpass", "pobj", "prep", "npadvmod"):
            break
        tok = tok.head
    return found


def _cause(pred: Token, anchors: Sequence[EventAnchor]) -> EventAnchor | None:
    """An event named as the cause: "killed in an air strike", "died after the shelling"."""
    for child in pred.children:
        if child.dep_ in ("prep", "agent", "advcl", "mark") and child.lower_ in CAUSE_PREPS | {"by"}:
            for tok in child.subtree:
                anchor = _at(tok, anchors)
                if anchor is not None:
                    return anchor
        if child.dep_ == "advcl":
            anchor = _at(child, anchors)
            if anchor is not None:
                return anchor
    return None


def attach(pred: Token, sent: Span, kind: str, anchors: Sequence[EventAnchor],
           lex: CasualtyLexicon) -> EventAnchor | None:
    """The one event of ``sent`` that a figure whose casualty predicate is ``pred`` belongs to."""
    allowed = VIOLENT.get(kind, frozenset())
    inside = [a for a in anchors if sent.start_char <= a.start < sent.end_char and a.category in allowed]
    if not inside:
        return None
    found = _upward(pred, inside, lex) or _cause(pred, inside)
    if found is not None:
        return found
    return min(inside, key=lambda a: (abs(a.start - pred.idx), a.start))
