"""The reciprocal frame of a fight, read from the parse around a fight word (issue 13, branch events48;
moved here from ``benchmarks/events_reciprocal_frame.py`` by branch battle2, which reads it in the incident
roll-up: ``fight_sides``).

A fight has no doer and target: the coding guide gives **every side** as an actor ("clashes between
X and Y", "X clashed with Y", "X and Y fought").

* ``reciprocal_frame`` — a fight word (``FIGHT_WORDS``, read by its lemma: "clashed", "battling",
  "fought") whose side phrases are the objects of a "between"/"among", "with" or "against" on the word,
  or on the verb a nominal fight word hangs on as subject or object ("clashes broke out between X and Y",
  "engaged in fighting with X"), or the conjoined subjects of a fight verb ("X and Y fought"), or the
  objects of a fight verb ("X has fought Y and Z");
* ``phrase_tokens`` — the tokens of a side's own noun phrase;
* ``read_fight`` — what one evidence sentence tells of a fight (``Settings.rollup_fight_frames``, branch
  battle2): whether its trigger is a fight word by its lemma, and the armed sides its fight words' frames
  name, each as the actors stage's own mention of it (its resolution, its offsets: the evidence), so a
  side the events stage never made an argument ("clashes between A and B" coded with A alone, "killed in
  clashes with B") is found without a second resolver. A sentence tells a fight when its trigger is a
  fight word or a fight word's frame names an armed side.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..stages.events.arguments import VIOLENT
from ..stages.events.lexicon import FIGHT_WORDS
from ..stages.events.triggers import lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from ..records import Mention as ActorMention

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


@dataclass(frozen=True, slots=True)
class Side:
    """An armed side of a fight its sentence names: the actors stage's mention of it (document offsets)."""

    actor: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FightReading:
    """What one evidence sentence tells of a fight (``read_fight``)."""

    #: the sentence tells a fight: its trigger is a fight word, or a fight word's frame names an armed side
    fight: bool = False
    #: the armed sides its fight words' frames name, in text order
    sides: tuple[Side, ...] = ()


@functools.lru_cache(maxsize=4096)
def parse_sentence(text: str) -> Doc:
    """The spaCy parse (``sitrep.nlp.load_nlp``'s pipeline, without its named entities: the actors stage
    already read them) of one evidence sentence, remembered."""
    from ..nlp import load_nlp

    nlp = load_nlp()
    return nlp(text, disable=[p for p in ("ner",) if p in nlp.pipe_names])


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


def read_fight(doc: Doc, offset: int, trigger: tuple[int, int] | None, armed: Sequence[ActorMention],
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
    near = sorted({x.i for t in own for x in governed(t)})
    heads = [h for i in near for h in fight_heads(doc[i])]
    if trigger is not None:
        heads += [h for tok in own for h in answered_heads(tok, offset, attacks)]
    sides: list[Side] = []
    for head in heads:
        start, end = _span(phrase_tokens(head), offset)
        sides.extend(Side(m.actor, m.start, m.end) for m in armed if m.start < end and start < m.end)
    found = tuple(dict.fromkeys(sorted(sides, key=lambda s: (s.start, s.end, s.actor))))
    return FightReading(told or bool(found), found)


def sentence_fight(category: str, evidence: tuple[int, int, str], trigger: tuple[int, int] | None,
                   armed: Sequence[ActorMention], attacks: Sequence[tuple[int, int]] = ()) -> FightReading:
    """``read_fight`` of an event's evidence sentence (``evidence``: start, end, text) with the actors
    stage's mentions of armed sides inside it (of ``armed``) and the trigger offsets of the sentence's
    other violent events (``attacks``). A non-violent event (``VIOLENT``) tells no fight, and a sentence
    that names no armed side no fight between named sides (its fight words are left to the events'
    own coding, ``rollup.fight_word``): neither is parsed."""
    start, end, text = evidence
    inside = [m for m in armed if start <= m.start and m.end <= end]
    if category not in VIOLENT or not inside:
        return FightReading()
    return read_fight(parse_sentence(text), start, trigger, inside, attacks)
