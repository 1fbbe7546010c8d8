"""Word lists of the actor stage: which heads, suffixes and agents mean what.

The lists are data, in ``lexicon.yaml`` next to this module (each list once, with a
comment saying what it is for); this module reads them once, on first use of the
stage, and gives them names. Small closed sets that are code (sector codes, spaCy
entity labels) stay here.
"""

from __future__ import annotations

import re

from ...lexicon import stage_lexicon

_LEX = stage_lexicon(__package__ or "sitrep.stages.actors")

NON_ACTOR_SUFFIXES: frozenset[str] = _LEX.words("non_actor_suffixes")
AGENT_SUFFIXES: frozenset[str] = _LEX.words("agent_suffixes")

#: sectors a city name can give a country to ("Shanghai police" -> CHN COP)
CITY_SECTORS: frozenset[str] = frozenset({"COP", "GOV", "MIL", "SPY", "JUD", "LEG"})
PLACE_HEADS: frozenset[str] = _LEX.words("place_heads")
TOPIC_HEADS: frozenset[str] = PLACE_HEADS | _LEX.words("topic_heads")
ORG_HEADS: frozenset[str] = _LEX.words("org_heads")
ACTIVITY_HEADS: frozenset[str] = _LEX.words("activity_heads")
DOMESTIC_AGENTS: frozenset[str] = _LEX.words("domestic_agents")
INSTITUTIONS: dict[str, str] = _LEX.strings("institutions")
SALIENT_GROUP_HEADS: frozenset[str] = _LEX.words("salient_group_heads")
DEFINITE_HEADS: frozenset[str] = _LEX.words("definite_heads")
BARE_HEAD_FOLLOWERS: frozenset[str] = _LEX.words("bare_head_followers")
BOILERPLATE: frozenset[str] = _LEX.words("boilerplate")
INSTITUTION_HEADS: frozenset[str] = _LEX.words("institution_heads")

LOCATIVE_PREPS: frozenset[str] = _LEX.words("locative_preps")
AGENT_PREPS: frozenset[str] = _LEX.words("agent_preps")
MOTION_VERBS: frozenset[str] = _LEX.words("motion_verbs")
#: "based in" -> ["based", "in"]: the words between an agent noun and the state locating it
LOCATING_PHRASES: tuple[list[str], ...] = tuple(p.split() for p in _LEX.ordered("locating_phrases"))
#: verbs that make "as a terrorist group" a label, not an actor
LABEL_VERBS = re.compile("^(" + "|".join(map(re.escape, _LEX.ordered("label_verb_stems"))) + ")")

NER_KINDS: dict[str, str] = {"PERSON": "person", "ORG": "other", "NORP": "ethnic_religious_group"}
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")
_LEADING = re.compile(r"^(?:the|a|an|mr\.?|mrs\.?|ms\.?|dr\.?|late|former)\s+", re.I)
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")
