"""The reciprocal frame of a fight, read from the parse around a fight word (issue 13, branch events48;
moved to src by branch battle2, which read it in the incident roll-up with a second parse; into the events
stage by branch battle3, which reads the stage's own parse and records what it finds on the event).

A fight has no doer and target: the coding guide gives **every side** as an actor ("clashes between
X and Y", "X clashed with Y", "X and Y fought").

* ``reciprocal_frame`` — a fight word (``FIGHT_WORDS``, read by its lemma: "clashed", "battling",
  "fought") whose side phrases are the objects of a "between"/"among", "with" or "against" on the word,
  or on the verb a nominal fight word hangs on as subject or object ("clashes broke out between X and Y",
  "engaged in fighting with X"), or the conjoined subjects of a fight verb ("X and Y fought"), or the
  objects of a fight verb ("X has fought Y and Z");
* ``phrase_tokens`` — the tokens of a side's own noun phrase;
* ``read_fight`` — what one sentence tells of a fight: whether the event's trigger is a fight word by its
  lemma, and the armed sides its fight words' frames name, each as the actors stage's own mention of it
  (its resolution, its offsets: the evidence), so a side the events stage never made an argument
  ("clashes between A and B" coded with A alone, "killed in clashes with B") is found without a second
  resolver;
* ``record_fights`` — the events stage's step: each violent event gets ``Event.fight_told`` and
  ``Event.fight_sides`` from its evidence sentence in the stage's parse (no second parse). Its actors
  and recipients never change; the incident roll-up reads the stored sides
  (``Settings.rollup_fight_frames``, ``rollup.framed_sides``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...records import Actor, Event, FightSide
from .arguments import VIOLENT
from .lexicon import FIGHT_WORDS
from .triggers import lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ...records import Mention as ActorMention

#: actor kinds that belong to a state's side (its government, its forces): a party is the state
STATE_KINDS = frozenset({"state", "government_body", "military"})

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
    if lemma(trigger) not in FIGHT_WORDS:
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


#: an armed side of a fight its sentence names: the actors stage's mention of it (``records.FightSide``)
Side = FightSide


@dataclass(frozen=True, slots=True)
class FightReading:
    """What one evidence sentence tells of a fight (``read_fight``)."""

    #: the sentence tells a fight: its trigger is a fight word, or a fight word's frame names an armed side
    fight: bool = False
    #: the armed sides its fight words' frames name, in text order
    sides: tuple[Side, ...] = ()


def _span(tokens: Sequence[Token], offset: int) -> tuple[int, int]:
    return offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])


def _inside(tok: Token, offset: int, span: tuple[int, int]) -> bool:
    return span[0] < offset + tok.idx + len(tok) and offset + tok.idx < span[1]


#: dependency labels of a noun's modifiers that can name who does it ("rebel-regime clashes", "an ISIS
#: attack", "the army's assault"): a side of a fight word, the doer of an attack
DOER_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})


#: dependency labels of another clause or another coordinated event ("while the rebels were fighting ...")
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass"})


def governed(tok: Token) -> list[Token]:
    """``tok`` and the tokens below it within its own clause (no ``CLAUSE_DEPS`` edge crossed)."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_DEPS)
    return out


def fight_heads(tok: Token) -> list[Token]:
    """The heads of the side phrases a fight word names (``reciprocal_frame``'s sides; a fight verb's
    subjects, "Syrian army, Islamic State clash"; a fight noun's modifiers, "rebel-regime clashes");
    empty when ``tok`` is no fight word."""
    frame = reciprocal_frame(tok)
    if frame is None:
        return []
    heads = list(frame.sides)
    if tok.pos_ in ("VERB", "AUX"):
        heads += [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c not in heads]
    else:
        heads += [c for c in tok.children if c.dep_ in DOER_MODIFIERS]
    return heads


def answered_heads(tok: Token, offset: int, attacks: Sequence[tuple[int, int]]) -> list[Token]:
    """The heads of the doer phrases of an attack ``tok`` answers: its object is the trigger of another
    violent event of the sentence (``attacks``: trigger offsets) — "repelled an attack by X", "fended off
    X's assault" — and the attack's doer is its "by" phrase, possessor or modifier; the answering verb's
    subjects are the other side. Empty when ``tok`` answers none."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj") and any(_inside(c, offset, a) for a in attacks)]
    doers = [g for o in objects for c in o.children
             for g in ([c] if c.dep_ in DOER_MODIFIERS else
                       [p for p in c.children if p.dep_ == "pobj"] if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                       else [])]
    if not doers:
        return []
    return [*doers, *(c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))]


def read_fight(doc: Doc | Span, offset: int, trigger: tuple[int, int] | None, armed: Sequence[ActorMention],
               attacks: Sequence[tuple[int, int]] = ()) -> FightReading:
    """What a sentence (``doc``, parsed from document offset ``offset``) tells of a fight: whether a token
    of its ``trigger`` (document offsets) is a fight word by its lemma; the sides the fight words the
    trigger governs in its clause name (``governed``) (``fight_heads``; any of the sentence's when the trigger is unknown) and, when the trigger answers another violent event's attack (``attacks``: their
    trigger offsets; ``answered_heads``), both sides of it. A side is an ``armed`` mention (the actors
    stage's mentions of armed sides in the sentence) that overlaps a side's own noun phrase
    (``phrase_tokens``: "the Falcons" of "the Falcons of the Valley", whose "of" phrase it leaves out)."""
    own = [t for t in doc if trigger is None or _inside(t, offset, trigger)]
    told = trigger is not None and any(lemma(t) in FIGHT_WORDS for t in own)
    # the fight words the trigger governs in its own clause (itself, "killed in clashes with B", "clashes ...
    # killed 12"), not another clause's ("while the rebels were fighting ...", "a coalition fighting militants")
    near = {x.i: x for t in own for x in governed(t)}
    heads = [h for i in sorted(near) for h in fight_heads(near[i])]
    if trigger is not None:
        heads += [h for tok in own for h in answered_heads(tok, offset, attacks)]
    sides: list[Side] = []
    for head in heads:
        start, end = _span(phrase_tokens(head), offset)
        sides.extend(Side(m.actor, m.start, m.end, m.text) for m in armed if m.start < end and start < m.end)
    found = tuple(dict.fromkeys(sorted(sides, key=lambda s: (s.start, s.end, s.actor))))
    return FightReading(told or bool(found), found)


def party(actor: Actor | None) -> str | None:
    """The party behind an actor: a state's government, forces and officials -> its country code; an
    armed group -> itself; anyone else (media, NGOs, people, unknown) -> None."""
    if actor is None:
        return None
    if actor.kind in STATE_KINDS and actor.country:
        return actor.country
    return actor.id if actor.kind == "armed_group" else None


def _trigger(event: Event) -> tuple[int, int] | None:
    return None if event.trigger_start is None or event.trigger_end is None else (event.trigger_start, event.trigger_end)


def event_fight(event: Event, events: Sequence[Event], doc: Doc, armed: Sequence[ActorMention]) -> FightReading:
    """``read_fight`` of a violent event's evidence sentence in the stage's parse ``doc``, with the actors
    stage's mentions of armed sides inside it (of ``armed``) and the trigger offsets of the sentence's other
    events of its category (``attacks``: the attacks it may answer). A non-violent event (``VIOLENT``), an
    event without trigger offsets and a sentence that names no armed side tell nothing (its fight words are
    left to the events' own coding, the roll-up's ``fight_word``)."""
    ev = event.evidence
    inside = [m for m in armed if ev.start <= m.start and m.end <= ev.end]
    trigger = _trigger(event)
    if event.category not in VIOLENT or not inside or trigger is None:
        return FightReading()
    sent = doc.char_span(ev.start, ev.end, alignment_mode="expand")
    if sent is None:
        return FightReading()
    attacks = [t for e in events if e.id != event.id and e.category == event.category
               and (e.evidence.start, e.evidence.end) == (ev.start, ev.end) and (t := _trigger(e)) is not None]
    return read_fight(sent, 0, trigger, inside, attacks)


def record_fights(events: Sequence[Event], doc: Doc, mentions: Iterable[ActorMention],
                  actors: Mapping[str, Actor]) -> list[Event]:
    """The events with ``fight_told`` and ``fight_sides`` set from their sentences (``event_fight``; the
    armed mentions are those whose actor has a party, ``party``). Nothing else of an event changes."""
    armed = [m for m in mentions if party(actors.get(m.actor)) is not None]
    if not armed:
        return list(events)
    out = []
    for event in events:
        found = event_fight(event, events, doc, armed)
        out.append(dataclasses.replace(event, fight_told=found.fight, fight_sides=list(found.sides))
                   if found.fight or found.sides else event)
    return out
