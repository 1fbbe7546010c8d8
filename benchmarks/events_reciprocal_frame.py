"""The reciprocal frame of a fight, read from the parse around the trigger (issue 13, branch events48): a
library of the study ``benchmarks/events_strict_sides.py``.

A fight has no doer and target: the coding guide gives **every side** as an actor ("clashes between
X and Y", "X clashed with Y", "X and Y fought").

* ``reciprocal_frame`` — a fight word (``FIGHT_WORDS``) whose side phrases are the objects of a
  "between"/"among", "with" or "against" on the trigger, or on the verb a nominal trigger hangs on
  as subject or object ("clashes broke out between X and Y", "engaged in fighting with X"), or the
  conjoined subjects of a fight verb ("X and Y fought"), or the objects of a fight verb ("X has
  fought Y and Z");
* ``phrase_tokens`` — the tokens of a side's own noun phrase.

No stage reads them since the learned recipient's abstain gate was removed (branch prune2): their one
reader is the study ``benchmarks/events_strict_sides.py``, so the module moved from
``src/sitrep/stages/events/reciprocal.py`` to the study's side (branch repro2, 2026-12-07).

(``fill_sides``, which filled a fight's missing sides from the frame behind the switches
``RECIPROCAL_SIDES``, ``RECIPROCAL_RECIPIENTS`` and ``RECIPROCAL_PARTICIPANTS``, failed its bar and was
removed on 2026-12-07, branch prune1; it last exists in commit ``cdd3c16e55``.)
"""

from __future__ import annotations

from dataclasses import dataclass

import common  # noqa: F401  (puts the repository's src on sys.path)
from spacy.tokens import Token

from sitrep.stages.events.lexicon import FIGHT_WORDS  # noqa: E402

#: the prepositions that introduce a fight's other side(s)
SIDE_PREPS = frozenset({"between", "among", "with", "against"})
#: dependency labels that leave a side's noun phrase (another clause or another party)
OUTSIDE_PHRASE = frozenset({"conj", "cc", "prep", "relcl", "acl", "appos", "punct", "advcl", "ccomp"})


@dataclass(frozen=True, slots=True)
class Frame:
    """A fight's reciprocal frame: how its sides are told and their head tokens."""

    #: "between" (also "among"), "with", "against", "coordinated" (conjoined subjects), or "fight"
    #: (a fight word with no side phrase)
    kind: str
    sides: tuple[Token, ...] = ()


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _with_conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(_with_conjuncts(child))
    return out


def _heads(trigger: Token) -> list[Token]:
    """The trigger and, for a noun, the verb it hangs on as subject or object (also through an "in"
    phrase: "engaged in fighting")."""
    out = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN"):
        if trigger.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "attr") and trigger.head.pos_ in ("VERB", "AUX"):
            out.append(trigger.head)
        elif trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and trigger.head.head.pos_ == "VERB":
            out.append(trigger.head.head)
    return out


def reciprocal_frame(trigger: Token) -> Frame | None:
    """The reciprocal frame of a fight word, or None when ``trigger`` is no fight word."""
    if _lemma(trigger) not in FIGHT_WORDS:
        return None
    for head in _heads(trigger):
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in SIDE_PREPS):
            objects = [g for g in prep.children if g.dep_ == "pobj"]
            if objects:
                kind = "between" if prep.lower_ in ("between", "among") else prep.lower_
                return Frame(kind, tuple(t for o in objects for t in _with_conjuncts(o)))
    if trigger.pos_ in ("VERB", "AUX"):
        subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and any(c.dep_ == "conj" for c in subjects[0].children):
            return Frame("coordinated", tuple(_with_conjuncts(subjects[0])))
        objects = [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
        if objects:
            return Frame("object", tuple(t for o in objects for t in _with_conjuncts(o)))
    return Frame("fight")


def phrase_tokens(side: Token) -> list[Token]:
    """The tokens of a side's own noun phrase: its subtree without conjuncts, prepositional
    phrases, clauses or appositions."""
    out = [side]
    stack = [c for c in side.children if c.dep_ not in OUTSIDE_PHRASE]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in OUTSIDE_PHRASE)
    return sorted(out, key=lambda t: t.i)
