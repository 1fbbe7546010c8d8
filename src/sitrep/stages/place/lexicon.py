"""Word lists of the place stage: articles, administrative, direction and facility words.

The lists are data, in ``lexicon.yaml`` next to this module (each list once, with a
comment saying what it is for); this module reads them once, on first use of the
stage, and gives them names.
"""

from __future__ import annotations

from ...lexicon import stage_lexicon

_LEX = stage_lexicon(__package__ or "sitrep.stages.place")

ARTICLES: frozenset[str] = _LEX.words("articles")
ADMIN_WORDS: frozenset[str] = _LEX.words("admin_words")
LOCALITY_WORDS: frozenset[str] = _LEX.words("locality_words")
PART_WORDS: frozenset[str] = _LEX.words("part_words")
DIRECTION_WORDS: frozenset[str] = _LEX.words("direction_words")
GENERIC_WORDS: frozenset[str] = _LEX.words("generic_words")
GENERIC_NAME_WORDS: frozenset[str] = _LEX.words("generic_name_words")
ABBREVIATIONS: dict[str, str] = _LEX.strings("abbreviations")
FACILITY_WORDS: frozenset[str] = _LEX.words("facility_words")
LOCATIVE_WORDS: frozenset[str] = _LEX.words("locative_words")
ORGANISATION_WORDS: frozenset[str] = _LEX.words("organisation_words")
TITLE_WORDS: frozenset[str] = _LEX.words("title_words")
REPORTING_WORDS: frozenset[str] = _LEX.words("reporting_words")
