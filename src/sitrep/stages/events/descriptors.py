"""Parties named by description: "regime jet fighters", "a terrorist car bomb attack", "army units".

The actor stage turns an agent noun into an actor when a country or an organisation modifies it
("Syrian forces", "Hezbollah fighters") or when it is an armed word on its own ("the rebels").
Event coding needs more: the doer of an attack is often named only by what it is ("the jet
fighters attacked", "army units clashed with ...", "a terrorist car bomb attack") and the
coding guide (section 4) codes such doers by whose they are — state forces of the theatre, an
armed opposition of the theatre, an unidentified attacker.

This module reads those descriptions with the KB's agents dictionary (PETRARCH2 agents plus
sitrep's curated agents: noun -> sector), not with a list of phrases:

* the **head** of an argument phrase (with its compounds, longest first: "jet fighters",
  "army units") is an agent noun of an armed sector (``descriptor_sectors`` in
  ``lexicon.yaml``);
* its **owner**: a modifier naming a state ("Russian combat aircraft"), a modifier that is
  itself a state-forces agent ("regime", "government", "army": the theatre's state), or a
  "from"/"of" phrase with a state mention ("the jet fighters from the Syrian regime");
* a nominal trigger's own modifier may name the doer ("a terrorist car bomb attack").

Unowned state forces take the document's theatre ("army units" in a report on Syria); unowned
aircraft are unidentified (guide: "aircraft of an unstated owner are UAF"). Pure functions
over spaCy tokens and the KB; the stage turns a ``Described`` into a generic KB actor.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .arguments import POSSESSIVE_PRONOUNS, antecedent, participant_subjects
from .lexicon import (
    ATTACKER_NOUNS,
    DESCRIPTOR_SECTORS,
    FIGHT_WORDS,
    OWNER_SECTORS,
)
from .triggers import lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ...kb import KnowledgeBase
    from .arguments import MentionIndex
    from .triggers import Trigger

#: how many compound words before the head an agent key may take ("fighter jet", "army unit")
MAX_COMPOUND = 2
#: how many sentences back a definite description ("the militants") may find the named group it
#: refers to
ANAPHORA_SENTENCES = 3
#: the form of the KB's generic actor ids (``KnowledgeBase.generic``: "REB", "SYR_REB"): no antecedent
#: the armed non-state sectors a definite description may name a group of
ARMED_SECTORS = frozenset({"REB", "UAF", "IMG"})
#: a KB generic actor id: a sector, or a country and a sector ("COP", "SYR_MIL")
GENERIC_ID = re.compile(r"^(?:[A-Z]{3}_)?[A-Z]{3}$")
#: the sectors of a bare noun the events stage reads as a description though the actor stage made a
#: generic mention of it ("police", "the army": ``EventStage._bare_force``)
UNOWNED_FORCE_SECTORS = frozenset({"MIL", "COP"})
#: sectors that stand for the state's armed forces when a state owns them
STATE_FORCE_SECTORS = frozenset({"MIL", "GOV", "UAF"})


@dataclass(frozen=True, slots=True)
class Described:
    """A noun phrase that names a party by description."""

    token: Token
    #: the agent noun's sector in the KB's agents dictionary
    sector: str
    #: ISO3 of the state the phrase names as owner, if any
    owner: str | None = None
    #: a state-forces word ("regime", "army") owns it: the theatre's state
    theatre_owned: bool = False

    def actor(self, theatre: str | None) -> tuple[str | None, str] | None:
        """(country, sector) of the party, or None when nothing can be said of it."""
        state = self.owner or (theatre if self.theatre_owned else None)
        if state is not None:
            return state, "MIL" if self.sector in STATE_FORCE_SECTORS else self.sector
        if self.theatre_owned:
            return None
        if self.sector == "UAF" or lemma(self.token) in ATTACKER_NOUNS:
            return None, "UAF"
        if self.sector in ("MIL", "COP"):
            return (theatre, self.sector) if theatre else None
        return (theatre, self.sector) if theatre else (None, self.sector)


class Describer:
    """Reads descriptions against one KB's agents dictionary (built once per stage)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        #: agent noun -> sector, folded as the KB folds; cached (the same words recur in every document)
        self.agent = functools.lru_cache(maxsize=8192)(kb.agent)

    def sector(self, words: list[Token]) -> tuple[str, int] | None:
        """The armed sector of an agent noun phrase (its words, head last) and how many words its
        key takes, longest key first ("regime jet fighters": "jet fighters", MIL, 2)."""
        head = words[-1]
        for n in range(min(len(words), MAX_COMPOUND + 1), 0, -1):
            part = words[-n:]
            for last in (head.text, head.lemma_):
                found = self.agent(" ".join([*(t.text for t in part[:-1]), last]))
                if found is not None:
                    return (found, n) if found in DESCRIPTOR_SECTORS else None
        return None

    def state_of(self, token: Token) -> str | None:
        """The state a single word names ("Russian", "Syria"), from the KB's aliases."""
        for claim in self.kb.lookup(token.text):
            actor = self.kb.actors.get(claim.actor)
            if actor is not None and actor.kind == "state":
                return actor.id
        return None

    def describe(self, noun: Token, index: MentionIndex, *, reread: bool = False) -> Described | None:
        """The party a noun phrase describes, or None (a mention there, unless ``reread``: a
        generic mention read again; or no armed agent noun)."""
        if not reread and index.at(noun) is not None:
            return None
        mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i < noun.i]
        chain: list[Token] = []
        by_index = {m.i: m for m in mods if m.dep_ == "compound"}
        while noun.i - len(chain) - 1 in by_index:
            chain.insert(0, by_index[noun.i - len(chain) - 1])
        found_sector = self.sector([*chain, noun])
        if found_sector is None:
            inner = _collected(noun)
            return self.describe(inner, index) if inner is not None else None
        sector, used = found_sector
        in_key = {t.i for t in [*chain, noun][-used:]}
        owner, theatre_owned = None, False
        for mod in (m for m in mods if m.i not in in_key):
            if mod.dep_ == "poss" and mod.lower_ in POSSESSIVE_PRONOUNS:
                # "Russia said its jets …": a state's forces (a named group's own members are
                # found by ``refers_back``)
                referent = antecedent(mod, index)
                owner = owner or (_state(index, referent.actor) if referent is not None else None)
                continue
            mentioned = [m for t in mod.subtree if (m := index.at(t)) is not None]
            if mentioned:
                owner = owner or _state(index, mentioned[0].actor)
                continue
            owner = owner or self.state_of(mod)
            theatre_owned = theatre_owned or self.agent(mod.text) in OWNER_SECTORS
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "of")):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                found = [m for t in pobj.subtree if (m := index.at(t)) is not None]
                owner = owner or next((s for m in found if (s := _state(index, m.actor))), None)
        return Described(noun, sector, owner, theatre_owned)


def definite(noun: Token) -> bool:
    """Does the noun phrase refer back ("the militants", "these fighters")? A definite or
    demonstrative determiner, read from the tagger's morphology (no word list)."""
    return any(c.dep_ == "det" and ("Def" in c.morph.get("Definite", []) or "Dem" in c.morph.get("PronType", []))
               for c in noun.children)


def antecedent_group(described: Described, index: MentionIndex) -> str | None:
    """The named armed group a definite description of an unowned armed party refers to (see
    ``refers_back``); None for an owned party ("the Syrian troops")."""
    if described.owner is not None or described.theatre_owned or described.sector not in ARMED_SECTORS:
        return None
    return refers_back(described.token, index)


def generic_armed(actor_id: str) -> bool:
    """A KB generic actor of an armed non-state sector ("REB", "SYR_REB", "UAF")."""
    return bool(GENERIC_ID.match(actor_id)) and actor_id[-3:] in ARMED_SECTORS


def refers_back(noun: Token, index: MentionIndex) -> str | None:
    """The nearest named armed group mentioned before a definite noun phrase, at most
    ``ANAPHORA_SENTENCES`` back ("IS fighters stormed the town … the militants withdrew" → IS).
    None for an indefinite phrase ("a suicide bomber", "rebels") or when no group was named
    just before. A phrase owned by a possessive pronoun ("one of its fighters", "their gunmen")
    is the named group the pronoun stands for (``arguments.antecedent``), if it stands for one."""
    owners = [c for c in noun.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS]
    if owners:
        referent = antecedent(owners[0], index)
        if referent is not None and index.kinds.get(referent.actor) == "armed_group" and not GENERIC_ID.match(referent.actor):
            return referent.actor
        return None
    if not definite(noun):
        return None
    sent = noun.sent  # walk back from the noun's sentence (not a list of the document's sentences per call)
    for _ in range(ANAPHORA_SENTENCES):
        if sent.start == 0:
            break
        sent = noun.doc[sent.start - 1].sent
    floor = sent.start
    for tok_i, mention in reversed(index.ordered):
        if tok_i >= noun.i:
            continue
        if tok_i < floor:
            return None
        if index.kinds.get(mention.actor) == "armed_group" and not GENERIC_ID.match(mention.actor):
            return mention.actor
    return None


def _collected(noun: Token) -> Token | None:
    """The members a collective or partitive noun that is no agent itself is made of: "a
    gathering of Kurdish fighters", "units of the army", "dozens of militants" (the "of"
    complement, when the noun has no mention of its own)."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            return pobj
    return None


def _state(index: MentionIndex, actor_id: str) -> str | None:
    """The state of a mentioned actor that belongs to one (a state, its government or forces)."""
    if index.kinds.get(actor_id) not in ("state", "government_body", "military", "person"):
        return None
    return index.countries.get(actor_id)


def doer_nouns(trig: Trigger) -> list[Token]:
    """Where the doer of an act may be named: the subject or agent of the trigger verb (or of the
    verb a nominal trigger hangs on as its object), "by"/"from" on the trigger, and the agent of a
    participle or relative clause on a nominal trigger ("strikes carried out by jets"), and the
    subject that takes part in a nominal trigger ("the army was responsible for the shelling")."""
    anchor = trig.anchor
    heads = [anchor]
    if trig.kind == "noun" and anchor.dep_ in ("dobj", "obj") and anchor.head.pos_ == "VERB":
        heads.append(anchor.head)
    if trig.kind == "noun":
        heads.extend(c for c in anchor.children if c.dep_ in ("acl", "relcl"))
    out: list[Token] = list(participant_subjects(trig))  # "the army was behind the shelling"
    for head in heads:
        for child in head.children:
            if child.i in trig.heads:
                continue
            if child.dep_ in ("nsubj", "csubj") and head.dep_ != "relcl":
                out.append(child)
            elif (child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("by", "from"))):
                out.extend(g for g in child.children if g.dep_ == "pobj")
    return [t for n in out for t in (n, *(c for c in n.children if c.dep_ == "conj"))]


def is_fight(trig: Trigger) -> bool:
    """Fighting between two sides ("clashes", "battled"): every side is an actor."""
    return any(lemma(t) in FIGHT_WORDS for t in trig.tokens)


def side_nouns(trig: Trigger) -> list[Token]:
    """The other side of a fight: "clashed with X", "clashes with X", "battle against X"."""
    if not is_fight(trig):
        return []
    out = [g for t in trig.tokens for c in t.children if c.dep_ == "prep" and c.lower_ in ("with", "against", "between")
           for g in c.children if g.dep_ == "pobj"]
    return [t for n in out for t in (n, *(c for c in n.children if c.dep_ == "conj"))]


def target_nouns(trig: Trigger) -> list[Token]:
    """Where the target of an act may be named: the trigger verb's object or passive subject,
    "on"/"against" objects of the trigger."""
    out: list[Token] = []
    for tok in trig.tokens:
        for child in tok.children:
            if child.i in trig.heads:
                continue
            if child.dep_ in ("dobj", "obj", "nsubjpass") and trig.kind != "noun":
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("on", "against", "upon"):
                out.extend(g for g in child.children if g.dep_ == "pobj")
    return [t for n in out for t in (n, *(c for c in n.children if c.dep_ == "conj"))]


def trigger_modifier_doer(trig: Trigger, describer: Describer) -> Described | None:
    """"a terrorist car bomb attack", "regime airstrikes": a modifier of a nominal trigger that is
    an armed agent word names the doer."""
    if trig.kind != "noun":
        return None
    for tok in trig.tokens:
        for child in tok.children:
            if child.i in trig.heads or child.dep_ not in ("amod", "compound", "nmod"):
                continue
            found = _agent_modifier(child, describer)
            if found is not None:
                return found
    return None


def _agent_modifier(child: Token, describer: Describer) -> Described | None:
    """A modifier that is an armed agent word ("regime", "terrorist"): a party of its own sector
    (an owner sector only as a noun, owned by the theatre), else ``None``."""
    sector = describer.agent(child.text) or describer.agent(child.lemma_)
    if sector in OWNER_SECTORS and child.pos_ in ("NOUN", "PROPN"):
        return Described(child, sector, None, theatre_owned=True)
    if sector in DESCRIPTOR_SECTORS:
        return Described(child, sector)
    return None
