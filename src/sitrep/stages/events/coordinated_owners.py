"""A state-forces word coordinated with a named doer: "Russian and regime air strikes" (issue 13, events73).

The tune census (``benchmarks/events_actor_misses.py``) counts 65 "side missing" actor misses:
sitrep's doers are right but fewer than the coder's. One shape among them is a coordination whose
named conjunct the actor stage resolves and whose other conjunct is a bare state-forces word that no
actor mention covers: "Russian and regime air strikes", "the regime and Russian attacks", "regime
and Russia aircraft have targeted", "the government and Russia accused". The events stage
reads such a word as the theatre's state only when the event has no doer at all
(``descriptors.trigger_modifier_doer``), so the second side is lost.

The reading (switch ``USE``, off by default): for each token of the event's doer slot (the
trigger's modifiers, its subject or "by" agent, a noun trigger's possessor, and the modifiers of
that subject or agent; a noun trigger the parser hung on a noun before it as a conjunct, with
its own modifiers), the coordination it belongs to (the token and its conjuncts) is read when
one of its members is a mention of one of the event's doers. Every other member with no mention
that is a government word of the KB's agents dictionary (sector GOV: "regime", "government"),
or a forces word (``lexicon.OWNER_SECTORS``: "army") in a coordination that modifies a noun, gives the theatre's state as one more doer: a government word the KB's
state actor (a state stands for its government and its forces; the coder codes a bare "regime" or
"government" as forces 163 times and as government 26 times on tune), a forces word ("army") the
state's forces. Nothing is added when a doer of the theatre's state is there already. An unowned descriptor
("special forces units", "artillery units") is never read: a reading that gave those the theatre's
forces failed on PLOVER before (``docs/benchmarks.md``, "described conjuncts of a named doer").
Pure functions over spaCy tokens; the stage turns the result into KB generic actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .descriptors import Described, Describer
from .lexicon import OWNER_SECTORS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .arguments import MentionIndex
    from .triggers import Trigger

#: the reading's switch (off by default: it failed its bar, ``docs/benchmarks.md`` branch events73)
USE = False
#: the dependency labels of a trigger's doer slot and of a doer noun's modifiers
SLOT_DEPS = frozenset({"nsubj", "agent", "poss", "amod", "compound", "nmod"})
#: the modifiers of a doer noun that may hold the coordination ("regime and Russia aircraft")
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


def slot_tokens(trig: Trigger) -> list[Token]:
    """The tokens of the event's doer slot: the trigger's doer-like children (a "by" agent's
    object in place of "by"), and the modifiers of those that are nouns."""
    out: list[Token] = []
    for tok in trig.tokens:
        for child in tok.children:
            if child.i in trig.heads or child.dep_ not in SLOT_DEPS:
                continue
            heads = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "agent" else [child]
            for head in heads:
                out.append(head)
                out += [m for m in head.children if m.dep_ in MODIFIER_DEPS and m.i < head.i]
    return out


def _groups(trig: Trigger) -> list[list[Token]]:
    """The coordinations that may hold the doer: each doer-slot token with its conjuncts, and a noun
    trigger's own coordination when the parser made the trigger a conjunct of a noun before it
    ("the regime and Russian attacks": "attacks" hangs on "regime")."""
    groups = [[tok, *tok.conjuncts] for tok in slot_tokens(trig)]
    anchor = trig.anchor
    if trig.kind == "noun" and anchor.dep_ == "conj" and anchor.head.i < anchor.i:
        modifiers = [m for m in anchor.children if m.dep_ in MODIFIER_DEPS and m.i < anchor.i]
        groups += [[*modifiers, *(c for c in anchor.conjuncts if c.i < anchor.i)]]
    return groups


def owner_conjuncts(trig: Trigger, doers: set[str], index: MentionIndex,
                    describer: Describer) -> list[Described]:
    """The bare state-forces words coordinated with a mention of one of ``doers`` in the event's
    doer slot, in text order (none when no member of the coordination is a doer's mention)."""
    found: dict[int, Described] = {}
    for group in _groups(trig):
        named = [m for m in group if (mention := index.at(m)) is not None and mention.actor in doers]
        if not named:
            continue
        # a forces word names the theatre's forces only as an owner (a modifier: "Russian and army
        # positions"); as a head it is a description ("artillery units"), which this reading leaves alone
        modifying = group[0].dep_ in MODIFIER_DEPS
        for member in group:
            if member.i in trig.heads or member.i in found or index.at(member) is not None:
                continue
            if member.pos_ not in ("NOUN", "PROPN"):
                continue
            sector = describer.agent(member.text) or describer.agent(member.lemma_)
            if sector == "GOV" or (sector in OWNER_SECTORS and modifying):
                found[member.i] = Described(member, sector, None, theatre_owned=True)
    return [found[i] for i in sorted(found)]
