"""Pure rules of the actor stage: agent vs locative position, dated role lookup.

Metonymy (``Damascus was ready`` = the Syrian government, ``in Damascus`` = the
city) is decided from the dependency parse: a place name that is a subject,
possessor, object or the object of an agent-like preposition is an actor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ...kb.model import KnowledgeBase, Role, parse_date
from .lexicon import AGENT_PREPS, LOCATIVE_PREPS, MOTION_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: a capital that is the object of a preposition which is neither locative (``LOCATIVE_PREPS``) nor
#: ``of`` nor a destination after a word of motion ("calling on Washington", "blames it on
#: Damascus", "talks between the UN and Damascus") stands for its government, as a state's name
#: does there (issue 13, "places as parties"); False restores "only the agent prepositions"
CAPITAL_PREP_OBJECTS: bool = True

#: named-entity labels of a place: a capital coordinated with one is one more place
PLACE_ENTS: frozenset[str] = frozenset({"GPE", "LOC", "FAC"})

#: dependency labels of a token that stands for a party to the action
AGENT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative", "agent", "csubj", "iobj"})


def _governing(token: Token) -> Token:
    """Climb conjunctions and appositions to the token that carries the role."""
    seen = 0
    while token.dep_ in ("conj", "appos") and token.head.i != token.i and seen < 5:
        token = token.head
        seen += 1
    return token


def is_locative(span: Span) -> bool:
    """True when ``span`` is the object of a locative preposition ("in Damascus")."""
    root = _governing(span.root)
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    return root.dep_ == "npadvmod" and root.head.pos_ == "ADV"


def is_agentive(span: Span) -> bool:
    """True when a place name in ``span`` stands for an actor ("Washington has accused")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].tag_ == "POS":  # "Moscow's"
        return True
    root = _governing(span.root)
    if root.dep_ in AGENT_DEPS:
        return True
    if any(c.dep_ == "acl" and c.pos_ == "VERB" and c.tag_ == "VBG" for c in root.children):
        return True  # "in spite of Ankara formally designating it"
    if root.dep_ == "pobj":
        prep = root.head
        word = prep.lower_
        if word in AGENT_PREPS:
            # "to <capital>" after a verb of motion is a destination
            return not (word == "to" and prep.head.lemma_.lower() in MOTION_VERBS)
    return False


def is_prep_party(span: Span) -> bool:
    """True when ``span`` is the object of a preposition that does not locate (``CAPITAL_PREP_OBJECTS``):
    not locative, not ``of`` ("the outskirts of Damascus"), not a destination after a word of
    motion ("the road to Damascus", "advanced towards Damascus"); and the preposition hangs on a
    verb ("calling on Washington", "blamed on Damascus") or the name is coordinated with a
    party that is no place ("between the UN and Damascus"): on a noun alone the name is more
    often the scene ("airstrikes on Damascus", "the highway between Damascus and Beirut")."""
    if not CAPITAL_PREP_OBJECTS:
        return False
    root = _governing(span.root)
    if root.dep_ != "pobj":
        return False
    prep = root.head
    word = prep.lower_
    if word in LOCATIVE_PREPS or word == "of" or prep.dep_ not in ("prep", "dative", "agent"):
        return False
    if prep.head.lemma_.lower() in MOTION_VERBS:
        return False
    if prep.head.pos_ in ("VERB", "AUX"):
        return True
    token = span.root
    return token is not root and token.dep_ == "conj" and root.ent_type_ not in PLACE_ENTS \
        and root.pos_ in ("PROPN", "NOUN")


def resolve_role(
    kb: KnowledgeBase, of: str, roles: tuple[str, ...], date: str | dt.date | None,
    in_document: Mapping[str, int] | None = None,
) -> str | None:
    """The person holding one of ``roles`` of ``of`` (ISO3 or org id) at ``date``.

    With a date: the holder at that date (if several, the one the document
    mentions). Without a date: the only person who ever held the role, or the
    only past or present holder the document mentions (the most mentioned one
    when several are); otherwise None. Today's date is never used.
    """
    counts = in_document or {}
    when = parse_date(date) if not isinstance(date, dt.date) else date
    pairs: list[tuple[str, Role]] = []
    for role in roles:
        if role == "leader":
            pairs.extend(kb.leaders_of(of))
        else:
            pairs.extend(kb.holders_of(of, role))
    if not pairs:
        return None
    if when is not None:
        active = {pid for pid, r in pairs if r.active(when)}
        if len(active) == 1:
            return next(iter(active))
        return _most_mentioned(active, counts)
    everyone = {pid for pid, _r in pairs}
    if len(everyone) == 1:
        return next(iter(everyone))
    return _most_mentioned(everyone, counts)


def _most_mentioned(candidates: set[str], counts: Mapping[str, int]) -> str | None:
    """The candidate the document mentions most, if it is a strict maximum."""
    named = sorted(((counts.get(c, 0), c) for c in candidates if counts.get(c, 0) > 0), reverse=True)
    if not named or (len(named) > 1 and named[0][0] == named[1][0]):
        return None
    return named[0][1]
