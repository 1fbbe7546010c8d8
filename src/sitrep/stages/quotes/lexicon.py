"""Word lists of the quotes stage: verbs, phrases and nouns that introduce reported speech.

The lists are data, in ``lexicon.yaml`` next to this module (each list once, with a
comment saying what it is for); this module reads them once, on first use of the
stage, and gives them names. Kept as lists rather than a learned model: the cue
classes are small, closed and well documented in the attribution literature (PARC,
PolNeAR guidelines), and a list keeps each decision explainable.
"""

from __future__ import annotations

from ...lexicon import pronouns, stage_lexicon

_LEX = stage_lexicon(__package__ or "sitrep.stages.quotes")

SPEECH_VERBS: frozenset[str] = _LEX.words("speech_verbs")
EVIDENCE_VERBS: frozenset[str] = _LEX.words("evidence_verbs")
BELIEF_VERBS: frozenset[str] = _LEX.words("belief_verbs")
SPEECH_NOUNS: frozenset[str] = _LEX.words("speech_nouns")
STANDALONE_NOUNS: frozenset[str] = _LEX.words("standalone_nouns")
OBJECT_VERBS: frozenset[str] = _LEX.words("object_verbs")
PHRASAL: dict[str, frozenset[str]] = {
    verb: frozenset(preps) for verb, preps in _LEX.mapping("phrasal_cues").items()
}
SAYING_OBJECT: frozenset[str] = _LEX.words("saying_object_verbs")
AS_VERBS: frozenset[str] = _LEX.words("as_verbs")
LABELLING_VERBS: frozenset[str] = _LEX.words("labelling_verbs")

#: pronouns that refer back to a person speaker: personal pronouns in the subject or object
#: case ("he said", "according to him"), except "it" (not a person), "you" (the addressee)
#: and "us" (lower-cased it is also the country "US")
PERSON_PRONOUNS: frozenset[str] = (pronouns(case="subject") | pronouns(case="object")) - {"it", "you", "us"}


def _noun_preps(table: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for preps, nouns in table.items():
        for noun in nouns:
            out.setdefault(noun, set()).update(preps.split())
    return {k: frozenset(v) for k, v in out.items()}


#: nouns of saying or judging whose content follows a preposition, with the
#: prepositions that introduce it ("concerns about …", "criticism of …")
NOUN_PREPS: dict[str, frozenset[str]] = _noun_preps(_LEX.mapping("noun_preps"))

CONTENT_NOUNS: frozenset[str] = _LEX.words("content_nouns")
PREP_CONTENT: dict[str, str] = _LEX.strings("prep_content")
QUOTE_ONLY_VERBS: frozenset[str] = _LEX.words("quote_only_verbs")
BARE_CLAUSE_VERBS: frozenset[str] = _LEX.words("bare_clause_verbs")
NOT_REPORTING: frozenset[str] = _LEX.words("not_reporting")
ADDRESSEE_VERBS: frozenset[str] = _LEX.words("addressee_verbs")
HEADLINE_STOP: frozenset[str] = _LEX.words("headline_stop")
NON_SOURCES: frozenset[str] = _LEX.words("non_sources")
TITLE_SMALL_WORDS: frozenset[str] = _LEX.words("title_small_words")
