"""One party's backing of another's fight: the manual's COOPERATE against SUPPORT (issue 13).

PLOVER (manual §3.3) keeps SUPPORT for political, diplomatic, non-material support and codes
"military cooperation or defense" as COOPERATE with a military context; the coding guide (§3,
"Military support") codes one state's armed support for another's war as COOPERATE. The lexicon
reads the word "back" / "support" as SUPPORT whatever is backed. ``military_backing`` reads the
parse of a backing phrase — a participle with its agent ("forces backed by Russia", "Backed by
Russian airstrikes, the troops entered …", "the push was backed by Ankara") or the noun
in "in / with (the) support of" — and tells a military one: the side backed, the predicate it
attaches to, or the backer is an armed party (a mention of a military or armed group, an armed
sector) or a word of force (a noun or verb the lexicon codes as ASSAULT, COERCE or MOBILIZE, a
fight word, a doer-of-force noun such as "warplanes"). "A resolution backed by Russia" stays
SUPPORT. Pure functions over spaCy tokens; branch ``events68``, ``benchmarks/events_backing.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .lexicon import ATTACKER_NOUNS, FIGHT_WORDS, Lexicon, noun_key

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .arguments import MentionIndex
    from .triggers import Trigger

#: (events68) a backing phrase of a fight or an armed party is COOPERATE, not SUPPORT. Off until
#: its bar is met (``docs/benchmarks.md``, events68)
MILITARY_BACKING = False
#: the words of one party's backing of another (the phrase class; "back down" is another verb)
BACKING_LEMMAS = frozenset({"back", "support", "backing"})
#: the prepositions that make the noun "support" a backing phrase ("in support of", "with the support of")
BACKING_PREPS = frozenset({"in", "with"})
FORCE = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
ARMED_KINDS = frozenset({"military", "armed_group"})
ARMED_SECTORS = frozenset({"MIL", "REB", "UAF", "IMG"})
#: clause links through which a participle describes the side it backs ("fighters backed by")
DESCRIBING = frozenset({"acl", "relcl", "amod"})


def backing_phrase(anchor: Token) -> bool:
    """A passive participle of backing with its agent ("backed by", "supported by"), or the noun
    of backing inside "in / with (the) support of"."""
    low = anchor.lemma_.lower()
    if low not in BACKING_LEMMAS or any(c.lower_ in ("down", "off", "out", "up") for c in anchor.children):
        return False
    if anchor.pos_ in ("VERB", "AUX") or anchor.tag_ == "VBN":
        return anchor.tag_ == "VBN" and any(c.dep_ == "agent" for c in anchor.children)
    return (anchor.dep_ == "pobj" and anchor.head.lower_ in BACKING_PREPS
            and any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in anchor.children))


def _with_conjuncts(token: Token) -> Iterator[Token]:
    yield token
    yield from (c for c in token.children if c.dep_ == "conj")


def backers(anchor: Token) -> list[Token]:
    """The backer's nouns: the agent's object ("by Russia and Iran") or the object of "of"."""
    out: list[Token] = []
    for child in anchor.children:
        if (child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("of", "from"))):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out += list(_with_conjuncts(obj))
    return out


def backed(anchor: Token) -> list[Token]:
    """The side backed and the predicate the phrase attaches to: the noun a participle describes
    (and the verb that noun is the subject of), a passive subject, the clause an opening
    participle belongs to (and its subject), or the predicate "in support of" hangs on (and its
    object)."""
    if anchor.dep_ == "pobj":  # "jets flew sorties in support of …", "a bombing drive in support of …"
        heads = [anchor.head.head]
    elif anchor.dep_ in DESCRIBING:
        heads = [anchor.head]
        if anchor.head.dep_ in ("nsubj", "nsubjpass"):
            heads.append(anchor.head.head)
    elif anchor.dep_ == "advcl":
        heads = [anchor.head]
    else:
        heads = [anchor]
    out = [h for h in heads if h is not anchor]
    for head in heads:
        out += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj")]
    return out


def _armed(token: Token, index: MentionIndex | None) -> bool:
    mention = index.at(token) if index is not None else None
    if mention is None:
        return False
    return index is not None and (index.kinds.get(mention.actor) in ARMED_KINDS
                                  or mention.actor.rpartition("_")[2] in ARMED_SECTORS)


def _force(token: Token, lexicon: Lexicon) -> bool:
    low = token.lemma_.lower()
    if low in ATTACKER_NOUNS or low in FIGHT_WORDS:
        return True
    code = lexicon.verb(low) if token.pos_ in ("VERB", "AUX") else lexicon.nouns.get(noun_key(low))
    return code is not None and code.category in FORCE


def military_backing(trig: Trigger, lexicon: Lexicon, index: MentionIndex | None) -> bool:
    """Whether a backing trigger backs a fight: some backed side, its predicate or a backer is
    an armed party or a word of force (module docstring)."""
    for word in trig.tokens:  # the anchor, or the noun a light verb governs ("carrying out support")
        if backing_phrase(word):
            return any(_armed(t, index) or _force(t, lexicon) for t in backed(word) + backers(word))
    return False


def reread(trig: Trigger, category: str, mode: str | None, lexicon: Lexicon,
           index: MentionIndex | None) -> tuple[str, str | None]:
    """The category and mode with the military backing reading applied (``MILITARY_BACKING``)."""
    if MILITARY_BACKING and category == "SUPPORT" and military_backing(trig, lexicon, index):
        return "COOPERATE", None
    return category, mode
