"""Which event a figure belongs to: one event, the one the count is the result of.

"The army shelled Douma, killing 9": the casualty predicate "killing" hangs on "shelled",
so the figure goes to the shelling (the event governing the casualty clause), not to every
event of the sentence. Order: the highest violent event on the path from the casualty
predicate up to its clause (never past a reporting verb); else the predicate itself when it
is an event; else an event named as the cause ("killed in an air strike"); else the nearest
violent event of the sentence. Pure: tokens and ``EventAnchor`` records in, an event id out.
The parse is walked as token indices (``tokens.Columns``), not as spaCy ``Token`` objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon
from .record import EventAnchor
from .tokens import Columns, columns

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


def _at(cols: Columns, i: int, anchors: Sequence[EventAnchor]) -> EventAnchor | None:
    """The first anchor that overlaps token ``i``'s characters."""
    start = cols.idx[i]
    end = start + len(cols.text[i])
    for anchor in anchors:
        if anchor.start < end and start < anchor.end:
            return anchor
    return None


def _upward(pred: Token, anchors: Sequence[EventAnchor], lex: CasualtyLexicon) -> EventAnchor | None:
    """The highest event on the path from the predicate up to its clause."""
    found = None
    cols = columns(pred.doc)
    lemma, dep, head = cols.lemma, cols.dep, cols.head
    i = p = pred.i
    for _ in range(6):
        if lemma[i] in lex.reporting_verbs and i != p:
            break
        anchor = _at(cols, i, anchors)
        if anchor is not None:
            found = anchor
        if head[i] == i or dep[i] not in ("advcl", "xcomp", "conj", "acl", "relcl", "amod",
                                          "dobj", "nsubj", "nsubjpass", "pobj", "prep", "npadvmod"):
            break
        i = head[i]
    return found


def _cause(pred: Token, anchors: Sequence[EventAnchor]) -> EventAnchor | None:
    """An event named as the cause: "killed in an air strike", "died after the shelling"."""
    cols = columns(pred.doc)
    dep, lower = cols.dep, cols.lower
    for c in cols.children[pred.i]:
        if dep[c] in ("prep", "agent", "advcl", "mark") and lower[c] in CAUSE_PREPS | {"by"}:
            for t in cols.subtree(c):
                anchor = _at(cols, t, anchors)
                if anchor is not None:
                    return anchor
        if dep[c] == "advcl":
            anchor = _at(cols, c, anchors)
            if anchor is not None:
                return anchor
    return None


def attach(pred: Token, sent: Span, kind: str, anchors: Sequence[EventAnchor],
           lex: CasualtyLexicon) -> EventAnchor | None:
    """The one event of ``sent`` that a figure whose casualty predicate is ``pred`` belongs to."""
    allowed = VIOLENT.get(kind, frozenset())
    first, end = sent.start_char, sent.end_char  # read once: a Span computes them on every read
    inside = [a for a in anchors if first <= a.start < end and a.category in allowed]
    if not inside:
        return None
    found = _upward(pred, inside, lex) or _cause(pred, inside)
    if found is not None:
        return found
    at = columns(pred.doc).idx[pred.i]
    return min(inside, key=lambda a: (abs(a.start - at), a.start))
