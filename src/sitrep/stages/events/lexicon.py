"""The events stage's lexicons: the PLOVER trigger lexicon and the stage's word lists.

Trigger lexicon: ``data/cameo_plover_verbs.json`` is produced by
``scripts/convert_cameo_verbs.py`` from the PETRARCH2 CAMEO verb dictionary (MIT) and the
CAMEO2PLOVER table (CC BY-SA 4.0); ``data/curated.yaml`` is sitrep's own. Curated entries
win over derived ones. Loaded once by the stage's constructor (``load_lexicon``).

Word lists (reporting verbs, modality cues, recipient prepositions...): ``lexicon.yaml``
next to this module, each list once with a comment saying what it is for, read when this
module is first imported (on first use of the stage) and named below. Small closed sets
that are code (PLOVER categories, dependency labels) stay in the modules that use them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ...lexicon import month_names, stage_lexicon

DATA = Path(__file__).resolve().parent / "data"

_WORDS = stage_lexicon(__package__ or "sitrep.stages.events")

# triggers.py
REPORTING: frozenset[str] = _WORDS.words("reporting_verbs")
CONCLUDING: frozenset[str] = _WORDS.words("concluding_verbs")
PARTICLES: frozenset[str] = _WORDS.words("particles")
COMMISSIVES: frozenset[str] = _WORDS.words("commissive_verbs")
DEONTIC: frozenset[str] = _WORDS.words("deontic_modals")
EVENT_MODIFIERS: frozenset[str] = _WORDS.words("event_modifiers")

# modality.py
HYPOTHETICAL_MODALS: frozenset[str] = _WORDS.words("hypothetical_modals")
FUTURE_MODALS: frozenset[str] = _WORDS.words("future_modals")
SCHEDULING: frozenset[str] = _WORDS.words("scheduling_predicates")
ONSET: frozenset[str] = _WORDS.words("onset_verbs")
NEG_VERBS: frozenset[str] = _WORDS.words("negating_verbs")
FUTURE_VERBS: frozenset[str] = _WORDS.words("future_verbs")
IRREALIS: frozenset[str] = _WORDS.words("irrealis")
MANDATIVE: frozenset[str] = _WORDS.words("mandative_verbs")
NEG_FRAMES: frozenset[str] = _WORDS.words("negating_frames")
HYPO_FRAMES: frozenset[str] = _WORDS.words("hypothetical_frames")
EMPHATIC: frozenset[str] = _WORDS.words("emphatic_verbs")
HYPO_ADVERBS: frozenset[str] = _WORDS.words("hypothetical_adverbs")
HYPO_MODIFIERS: frozenset[str] = _WORDS.words("hypothetical_modifiers")
READINESS: frozenset[str] = _WORDS.words("readiness_frames")
FUTURE_WORDS: frozenset[str] = _WORDS.words("future_words")
HISTORY_WORDS: frozenset[str] = _WORDS.words("history_words")
REPORT_ADVERBS: frozenset[str] = _WORDS.words("report_adverbs")
REPORT_MODIFIERS: frozenset[str] = _WORDS.words("report_modifiers")
TRAILING_VERBS: frozenset[str] = _WORDS.words("trailing_verbs")
ATTRIBUTING: frozenset[str] = _WORDS.words("attributing_verbs")
REPORT_NOUNS: frozenset[str] = _WORDS.words("report_nouns")
CONTENT_NOUNS: frozenset[str] = _WORDS.words("content_nouns")
CONDITIONAL_MARKS: frozenset[str] = _WORDS.words("conditional_marks")
STOP_MARKS: frozenset[str] = _WORDS.words("stop_marks")
PRESUPPOSING_PREPS: frozenset[str] = _WORDS.words("presupposing_preps")
NEGATIVE_SUBJECTS: frozenset[str] = _WORDS.words("negative_subjects")
#: full month names -> number, in calendar order (an old date's month in a DATE entity)
MONTHS: dict[str, int] = month_names(abbreviations=False)

# arguments.py
RECIPROCAL_VERBS: frozenset[str] = _WORDS.words("reciprocal_verbs")
RECIPIENT_PREPS: frozenset[str] = _WORDS.words("recipient_preps")
OBJECT_CONTROL_VERBS: frozenset[str] = _WORDS.words("object_control_verbs")
PARTICIPATION_HEADS: frozenset[str] = _WORDS.words("participation_heads")
HARM_VERBS: frozenset[str] = _WORDS.words("harm_verbs")
VICTIM_NOUNS: frozenset[str] = _WORDS.words("victim_nouns")
FIGHT_WORDS: frozenset[str] = _WORDS.words("fight_words")
ATTACKER_NOUNS: frozenset[str] = _WORDS.words("attacker_nouns")

# descriptors.py
DESCRIPTOR_SECTORS: frozenset[str] = _WORDS.words("descriptor_sectors")
OWNER_SECTORS: frozenset[str] = _WORDS.words("owner_sectors")

# anchoring.py
LOCATIVE_PREPS: frozenset[str] = _WORDS.words("locative_preps")
PLACE_NOUNS: frozenset[str] = _WORDS.words("place_nouns")
AREA_NOUNS: frozenset[str] = _WORDS.words("area_nouns")
STATEMENT_PREPS: frozenset[str] = _WORDS.words("statement_preps")
COMPASS: frozenset[str] = _WORDS.words("compass_words")
NAME_ARTICLES: frozenset[str] = _WORDS.words("name_articles")
NON_STATE_CODES: frozenset[str] = _WORDS.words("non_state_codes")

# article_scorer.py
SECTOR_EQUIVALENTS: dict[str, frozenset[str]] = {
    str(k): frozenset(map(str, v)) for k, v in _WORDS.mapping("scorer_sector_equivalents").items()}

# coding.py
SEIZE_WORDS: frozenset[str] = _WORDS.words("seize_words")
RAID_WORDS: frozenset[str] = _WORDS.words("raid_words")
HOLDING_WORDS: frozenset[str] = _WORDS.words("holding_words")
TERRITORY_NOUNS: frozenset[str] = _WORDS.words("territory_nouns")
PERSON_NOUNS: frozenset[str] = _WORDS.words("person_nouns")

# territory.py
CIRCUMSTANCE_PREPS: frozenset[str] = _WORDS.words("circumstance_preps")

# classifier.py (the shipped model was trained with this list)
FEATURE_STOPWORDS: frozenset[str] = _WORDS.words("feature_stopwords")


@dataclass(frozen=True, slots=True)
class Code:
    """A PLOVER category with an optional mode, and where the lexicon got it."""

    category: str
    mode: str | None = None
    source: str = "curated"  # curated, cameo, pattern, noun

    @classmethod
    def parse(cls, value: str, source: str = "curated") -> Code:
        category, _, mode = value.partition(":")
        return cls(category.strip().upper(), mode.strip() or None, source)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A CAMEO verb pattern: words before/after the verb (one alternative per slot must occur)."""

    before: tuple[frozenset[str], ...]
    after: tuple[frozenset[str], ...]
    code: Code | None  # None: the pattern suppresses the event ("killed in an accident")

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, Code] = field(default_factory=dict)
    cameo_verbs: dict[str, Code] = field(default_factory=dict)
    verb_objects: dict[tuple[str, str], Code] = field(default_factory=dict)
    nouns: dict[tuple[str, ...], Code] = field(default_factory=dict)
    weak_nouns: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    stop_verbs: frozenset[str] = frozenset()
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)

    noun_first: dict[str, int] = field(default_factory=dict)  # first word → longest key

    def verb(self, phrase: str) -> Code | None:
        """Curated entry for a verb lemma or "verb particle" phrase, else the CAMEO one."""
        if phrase in self.verbs:
            return self.verbs[phrase]
        if phrase in self.stop_verbs:
            return None
        return self.cameo_verbs.get(phrase)

    def pattern(self, lemma: str, left: set[str], right: set[str]) -> tuple[bool, Code | None]:
        """The most specific matching CAMEO pattern: (matched, code)."""
        best: Pattern | None = None
        best_size = -1
        for pat in self.patterns.get(lemma, ()):
            size = len(pat.before) + len(pat.after)
            if size <= best_size:
                continue  # could not replace the best found so far (the first of the largest wins)
            for slot in pat.before:
                if slot.isdisjoint(left):
                    break
            else:
                for slot in pat.after:
                    if slot.isdisjoint(right):
                        break
                else:
                    best, best_size = pat, size
        return (best is not None, best.code if best else None)


def noun_key(text: str) -> tuple[str, ...]:
    return tuple(text.lower().replace("-", " - ").split())


def load_lexicon(data_dir: Path = DATA) -> Lexicon:
    """Read both lexicon files; raise a clear error when the package data is missing."""
    from ...errors import ModelNotFound

    derived_path = data_dir / "cameo_plover_verbs.json"
    curated_path = data_dir / "curated.yaml"
    for path in (derived_path, curated_path):
        if not path.exists():
            raise ModelNotFound(
                f"Event lexicon file {path} is missing. Reinstall sitrep, or rebuild the derived "
                f"lexicon with `python scripts/convert_cameo_verbs.py`."
            )
    derived = json.loads(derived_path.read_text(encoding="utf-8"))
    curated = yaml.safe_load(curated_path.read_text(encoding="utf-8"))
    lex = Lexicon()
    lex.cameo_verbs = {
        k: Code(v["category"], v.get("mode"), "cameo") for k, v in derived["verbs"].items()
    }
    lex.verbs = {k: Code.parse(v) for k, v in curated["verbs"].items()}  # NONE: not an event
    for key, value in curated["verb_objects"].items():
        verb, _, obj = key.rpartition(" ")
        lex.verb_objects[(verb, obj)] = Code.parse(value)
    lex.nouns = {noun_key(k): Code.parse(v, "noun") for k, v in curated["nouns"].items()}
    for key in lex.nouns:
        lex.noun_first[key[0]] = max(lex.noun_first.get(key[0], 0), len(key))
    lex.weak_nouns = frozenset(curated.get("weak_nouns", ()))
    lex.light_verbs = frozenset(curated.get("light_verbs", ()))
    lex.stop_verbs = frozenset(curated.get("stop_verbs", ()))
    for item in derived["patterns"]:
        code = Code(item["category"], item.get("mode"), "pattern") if item["category"] else None
        pat = Pattern(
            tuple(frozenset(s) for s in item["before"]),
            tuple(frozenset(s) for s in item["after"]),
            code,
        )
        for verb in item["verbs"]:
            lex.patterns.setdefault(verb, []).append(pat)
    return lex
