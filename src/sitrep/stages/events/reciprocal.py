"""The other side of a fight, read from a reciprocal frame and resolved to the document's actor
(issue 13, branch events48; switches off by default).

A fight has no doer and target: the coding guide gives **every side** as an actor ("clashes between
X and Y", "X clashed with Y", "X and Y fought"). The role readings of ``arguments`` and
``descriptors`` find most sides; the "side missing" actor misses of the tune half are the ones
they do not reach. This module reads the frame from the parse around the trigger and fills a
side the event lacks with **an actor the document already resolved** (the actor stage's mention
inside the side's noun phrase), never with a new party:

* ``reciprocal_frame`` — a fight word (``FIGHT_WORDS``) whose side phrases are the objects of a
  "between"/"among", "with" or "against" on the trigger, or on the verb a nominal trigger hangs on
  as subject or object ("clashes broke out between X and Y", "engaged in fighting with X"), or the
  conjoined subjects of a fight verb ("X and Y fought"), or the objects of a fight verb ("X has
  fought Y and Z");
* ``participants`` — the subject of the verb that holds the fight in an "in"/"during"/"after"
  phrase: a party that lost men in it, took a place after it ("N members of X were killed in
  fighting", "X lost N in the battle against Y");
* ``fill_sides`` — for an event that has a doer already, each side (``RECIPROCAL_SIDES``: the frame's
  side phrases; ``RECIPROCAL_PARTICIPANTS``: the participants) whose noun phrase holds a mention of
  a resolved armed actor (``SIDE_KINDS``) not yet among the event's parties is added as an actor; a
  phrase with no mention of its own takes its "from"/"of" complement's ("fighters from X");
  with ``RECIPROCAL_RECIPIENTS`` a frame side sitrep gave as the recipient moves to the actors (a
  fight's sides are all actors).

Both switches ship off unless the study of ``benchmarks/events_reciprocal_sides.py`` passes its bar.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...records import Event
from .arguments import MentionIndex
from .lexicon import FIGHT_WORDS

#: fill a fight's missing side from its reciprocal frame with the document's resolved actor
RECIPROCAL_SIDES = False
#: a frame side given as the fight's recipient becomes one of its actors
RECIPROCAL_RECIPIENTS = False
#: the subject of the verb that holds the fight in an "in"/"during"/"after" phrase is a side
RECIPROCAL_PARTICIPANTS = False

#: the actor kinds that can be a side of a fight (not victims, monitors or outlets)
SIDE_KINDS = frozenset({"state", "military", "armed_group"})
#: the prepositions by which a clause holds the fight it happened in
HOLDING_PREPS = frozenset({"in", "during", "after", "amid"})
#: a side phrase's complement that names its party ("fighters from X", "members of X")
PARTY_COMPLEMENTS = frozenset({"from", "of"})

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


def participants(trigger: Token) -> list[Token]:
    """The subjects (with their conjuncts) of the verb that holds a fight noun in an "in"/"during"/
    "after" phrase, directly or through an "of" ("after hours of clashes"); [] otherwise."""
    if _lemma(trigger) not in FIGHT_WORDS or trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ != "pobj":
        return []
    prep = trigger.head
    if prep.lower_ == "of" and prep.head.dep_ == "pobj":
        prep = prep.head.head
    if prep.dep_ != "prep" or prep.lower_ not in HOLDING_PREPS or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    return [t for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in _with_conjuncts(c)]


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


def side_actor(side: Token, index: MentionIndex) -> str | None:
    """The resolved armed actor (``SIDE_KINDS``) the document gives a side: the first mention inside
    its noun phrase, else inside its "from"/"of" complement's ("fighters from X"); None otherwise."""
    found = next((m for t in phrase_tokens(side) if (m := index.at(t)) is not None), None)
    if found is None:
        for prep in (c for c in side.children if c.dep_ == "prep" and c.lower_ in PARTY_COMPLEMENTS):
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                found = found or next((m for t in phrase_tokens(obj) if (m := index.at(t)) is not None), None)
    if found is None or index.kinds.get(found.actor) not in SIDE_KINDS:
        return None
    return found.actor


def trigger_token(doc: Doc, event: Event) -> Token | None:
    """The trigger's head token in ``doc`` (the parse the events stage read the event from)."""
    if event.trigger_start is None or event.trigger_end is None:
        return None
    span = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def fill_sides(events: Sequence[Event], doc: Doc, index: MentionIndex, *, sides: bool | None = None,
               recipients: bool | None = None, takers: bool | None = None) -> list[Event]:
    """The events with a fight's missing sides filled from its reciprocal frame (see the module);
    ``sides``/``recipients``/``takers`` default to the switches ``RECIPROCAL_SIDES``/
    ``RECIPROCAL_RECIPIENTS``/``RECIPROCAL_PARTICIPANTS``. Only an event that already has a doer is
    filled, and only with armed actors the document resolved."""
    sides = RECIPROCAL_SIDES if sides is None else sides
    recipients = RECIPROCAL_RECIPIENTS if recipients is None else recipients
    takers = RECIPROCAL_PARTICIPANTS if takers is None else takers
    if not (sides or recipients or takers):
        return list(events)
    out = []
    for event in events:
        tok = trigger_token(doc, event) if event.actors else None
        frame = reciprocal_frame(tok) if tok is not None else None
        if tok is None or frame is None:
            out.append(event)
            continue
        found = [(side, True) for side in frame.sides] + [(t, False) for t in (participants(tok) if takers else [])]
        actors, targets = list(event.actors), list(event.recipients)
        for side, in_frame in found:
            actor = side_actor(side, index)
            if actor is None or actor in actors:
                continue
            if actor in targets:
                if recipients:
                    targets.remove(actor)
                    actors.append(actor)
            elif sides or not in_frame:
                actors.append(actor)
        changed = actors != event.actors or targets != event.recipients
        out.append(dataclasses.replace(event, actors=actors, recipients=targets) if changed else event)
    return out
