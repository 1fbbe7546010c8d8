"""Taking a place or taking people: the manual's COERCE 'seize' against ASSAULT 'abduct'.

PLOVER (manual §3.15, CAMEO 192 "occupy territory") codes taking, holding or regaining a
place as COERCE 'seize', and capturing combatants or hostages as ASSAULT 'abduct' (§3.16.2);
the word is the same ("captured the ridge", "captured two soldiers"), the object decides.
Pure functions over spaCy tokens; the word lists are in ``lexicon.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .lexicon import (
    ATTACKER_NOUNS,
    HOLDING_WORDS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    RAID_WORDS,
    SEIZE_WORDS,
    TERRITORY_NOUNS,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: dependency labels of a clause that describes a noun ("areas it controlled", "territory
#: controlled by IS", "the occupied town")
DESCRIBING_DEPS = frozenset({"relcl", "acl", "amod"})


def holding_state(verb: Token) -> bool:
    """Does a verb of holding a place (``holding_words``) tell a state rather than an act? The
    coding guide (section 3, "Control") codes "X is held by / under the control of Y" as a state:
    a finite present tense ("Kurdish forces control much of Hasaka"), or a clause or participle
    that describes a noun ("the areas it controlled", "territory controlled by IS"). Taking
    control stays an act: the taking verb is the trigger ("took control of"), and an infinitive
    of achievement ("managed to control the gas fields") is not a state. Headlines, whose present
    tense tells past acts, are the caller's to exclude."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in HOLDING_WORDS:
        return False
    if verb.dep_ in DESCRIBING_DEPS:
        return True
    return "Pres" in verb.morph.get("Tense", []) and "Fin" in verb.morph.get("VerbForm", [])


def seized(tokens: Sequence[Token]) -> tuple[str, str] | None:
    """Manual §3.15 / CAMEO 192: taking a place is COERCE 'seize'; capturing people is ASSAULT
    'abduct' (§3.16.2). For a verb of taking ("captured", "took control of", "overran", "X
    fell to Y") or a noun of control ("the capture of", "control over"), the category follows
    its object: a place (a toponym or a noun of place) or a person. None: neither."""
    words = {t.lemma_.lower() for t in tokens}
    if not words & SEIZE_WORDS:
        return None
    anchor = tokens[0]
    if anchor.lemma_.lower() == "fall" and any(
            c.dep_ == "prep" and c.lower_ in ("to", "into") for c in anchor.children):
        return "COERCE", "seize"  # "the town fell to the rebels"
    for obj in _taken(tokens):
        if _is_place(obj):
            return "COERCE", "seize"
        if obj.lemma_.lower() in PERSON_NOUNS:
            return "ASSAULT", "abduct"
    return None


def _taken(tokens: Sequence[Token]) -> list[Token]:
    """What is taken: direct objects, passive subjects, "of/over" complements of the trigger
    words, the noun a passive participle modifies."""
    out: list[Token] = []
    for tok in tokens:
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children):
            out.append(tok.head)  # "an area captured by government forces" (a passive with its agent)
        for child in tok.children:
            if child.dep_ in ("dobj", "obj", "nsubjpass"):
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "over"):
                out.extend(g for g in child.children if g.dep_ == "pobj")
    for tok in list(out):  # "control of the town of X", "three villages"
        out.extend(g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                   for g in p.children if g.dep_ == "pobj")
    return out


def _is_place(token: Token) -> bool:
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lemma_.lower() in TERRITORY_NOUNS | PLACE_NOUNS


def raided(tokens: Sequence[Token], armed: bool) -> tuple[str, str | None] | None:
    """A raid is an attack when armed forces or aircraft carry it out (coding guide section 3:
    "raids by jets" are ASSAULT 'aerial'; a police raid stays COERCE): ``armed`` says whether
    the event's doer is a state's forces or an unidentified armed attacker. 'aerial' when the
    raid's own phrase names aircraft ("air raids", "raids carried out by jets"). None: no raid
    word, or not by armed forces."""
    if not armed or not {t.lemma_.lower() for t in tokens} & RAID_WORDS:
        return None
    phrase = [t for tok in tokens for t in tok.subtree]
    air = any(t.lemma_.lower() in ATTACKER_NOUNS or t.lower_ in ("air", "aerial") for t in phrase)
    return "ASSAULT", "aerial" if air else None
