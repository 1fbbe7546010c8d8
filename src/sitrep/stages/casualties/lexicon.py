"""The casualty lexicon: ``lexicon.yaml`` read into lookup tables.

The YAML file holds every word the extractor reads a figure from (number words, ACLED's
vague quantities, victim nouns, the predicates of each kind, source and scope cues); month
and weekday names come from the shared ``sitrep/lexicon/common.yaml``. This module only
turns them into sets and maps. Loaded once by the stage (``load_lexicon``), never at import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...lexicon import WordTable, common, load_table, month_names, stage_lexicon

PACKAGE = "sitrep.stages.casualties"

Phrase = tuple[str, ...]


def phrase(text: str) -> Phrase:
    """A lexicon entry as a tuple of lower-case words ("at least" -> ("at", "least"))."""
    return tuple(str(text).lower().split())


@dataclass(frozen=True, slots=True)
class KindTable:
    """Entries of one section (``transitive``, ``states``...) as word -> kind and phrases."""

    words: Mapping[str, str] = field(default_factory=dict)
    phrases: Mapping[Phrase, str] = field(default_factory=dict)

    @classmethod
    def build(cls, section: Mapping[str, Iterable[str]] | None) -> KindTable:
        words: dict[str, str] = {}
        phrases: dict[Phrase, str] = {}
        for kind, entries in (section or {}).items():
            for entry in entries or ():
                key = phrase(entry)
                if len(key) == 1:
                    words.setdefault(key[0], kind)
                elif key:
                    phrases.setdefault(key, kind)
        return cls(words, phrases)

    def get(self, word: str) -> str | None:
        return self.words.get(word)


@dataclass(frozen=True, slots=True)
class CasualtyLexicon:
    """Everything in ``casualties.yaml``; see the comments there for each section."""

    units: Mapping[str, int]
    multipliers: Mapping[str, int]
    vague: Mapping[str, int]
    fractions: Mapping[str, float]
    group_nouns: frozenset[str]
    bounds: tuple[Phrase, ...]
    approximators: tuple[Phrase, ...]
    not_after: frozenset[str]
    not_before: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    times_of_day: frozenset[str]
    time_words: frozenset[str]
    victims: Mapping[str, str]
    victim_phrases: Mapping[Phrase, str]
    person_suffixes: tuple[str, ...]
    transitive: KindTable
    intransitive: KindTable
    states: KindTable
    casualty_nouns: KindTable
    event_nouns: KindTable
    toll_nouns: KindTable
    toll_verbs: frozenset[str]
    update_verbs: frozenset[str]
    superseded_cues: frozenset[str]
    victim_group_nouns: Mapping[str, str]
    combined_nouns: tuple[Phrase, ...]
    reporting_verbs: frozenset[str]
    source_preps: tuple[Phrase, ...]
    source_nouns: frozenset[str]
    not_sources: frozenset[str]
    pronouns: frozenset[str]
    war_words: frozenset[str]
    war_cues: tuple[Phrase, ...]
    background_cues: tuple[Phrase, ...]
    headline_credits: tuple[Phrase, ...] = ()
    period_openers: frozenset[str] = frozenset()
    period_units: Mapping[str, str] = field(default_factory=dict)
    incident_nouns: frozenset[str] = frozenset()
    region_words: frozenset[str] = frozenset()
    sum_cues: tuple[Phrase, ...] = ()
    part_verbs: frozenset[str] = frozenset()
    headline_small_words: frozenset[str] = frozenset()
    toll_reporting_verbs: frozenset[str] = frozenset()
    toll_pronouns: frozenset[str] = frozenset()
    roundup_openers: tuple[Phrase, ...] = ()
    not_reported_objects: frozenset[str] = frozenset()
    title_common_lemmas: frozenset[str] = frozenset()
    war_scope_preps: frozenset[str] = frozenset()
    running_adverbials: tuple[Phrase, ...] = ()
    topic_preps: frozenset[str] = frozenset()

    def number_word(self, word: str) -> bool:
        return word in self.units or word in self.multipliers or word in self.vague

    def victim_class(self, lemma: str) -> str | None:
        """The victims class of a counted noun lemma; ``None`` for a non-person noun."""
        return self.victims.get(lemma)

    def is_person_noun(self, lemma: str) -> bool:
        """A noun that counts people: a listed victim noun or an agent suffix ("loyalists")."""
        if lemma in self.victims:
            return True
        return len(lemma) > 4 and lemma.endswith(self.person_suffixes)


def _phrases(values: Iterable[Any] | None) -> tuple[Phrase, ...]:
    """Phrases longest first, so that a scan tries "at least" before "at"."""
    return tuple(sorted({phrase(v) for v in values or () if str(v).strip()}, key=len, reverse=True))


def _victims(section: Mapping[str, Iterable[str]]) -> tuple[dict[str, str], dict[Phrase, str]]:
    words: dict[str, str] = {}
    phrases: dict[Phrase, str] = {}
    for cls, entries in section.items():
        for entry in entries:
            key = phrase(entry)
            if len(key) == 1:
                words.setdefault(key[0], cls)
            else:
                phrases.setdefault(key, cls)
    return words, phrases


def _kinds(table: WordTable, name: str) -> KindTable:
    return KindTable.build({k: list(v or ()) for k, v in table.mapping(name).items()})


def _weekdays() -> frozenset[str]:
    """Full weekday names (abbreviations like "sun" or "sat" are words too often)."""
    return frozenset(group[0] for group in common().groups("weekdays"))


def build_lexicon(table: WordTable) -> CasualtyLexicon:
    """The lexicon from a lexicon file's named lists (tests build small ones with ``WordTable``)."""
    victims, victim_phrases = _victims({k: list(v) for k, v in table.mapping("victims").items()})
    return CasualtyLexicon(
        units=table.numbers("units"), multipliers=table.numbers("multipliers"), vague=table.numbers("vague"),
        fractions={k: float(v) for k, v in table.mapping("fractions").items()},
        group_nouns=table.words("group_nouns"),
        bounds=_phrases(table.ordered("bounds")), approximators=_phrases(table.ordered("approximators")),
        not_after=table.words("not_after"), not_before=table.words("not_before"),
        months=frozenset(month_names()), weekdays=_weekdays(),
        times_of_day=table.words("times_of_day"), time_words=table.words("time_words"),
        victims=victims, victim_phrases=victim_phrases, person_suffixes=table.ordered("person_suffixes"),
        transitive=_kinds(table, "transitive"), intransitive=_kinds(table, "intransitive"),
        states=_kinds(table, "states"), casualty_nouns=_kinds(table, "casualty_nouns"),
        event_nouns=_kinds(table, "event_nouns"), toll_nouns=_kinds(table, "toll_nouns"),
        toll_verbs=table.words("toll_verbs"), update_verbs=table.words("update_verbs"),
        superseded_cues=table.words("superseded_cues"),
        victim_group_nouns=table.strings("victim_group_nouns"),
        combined_nouns=_phrases(table.ordered("combined_nouns")),
        reporting_verbs=table.words("reporting_verbs"), source_preps=_phrases(table.ordered("source_preps")),
        source_nouns=table.words("source_nouns"), not_sources=table.words("not_sources"),
        pronouns=table.words("pronouns"), war_words=table.words("war_words"),
        war_cues=_phrases(table.ordered("war_cues")), background_cues=_phrases(table.ordered("background_cues")),
        headline_credits=_phrases(table.ordered("headline_credits")),
        period_openers=table.words("period_openers"), period_units=table.strings("period_units"),
        incident_nouns=table.words("incident_nouns"), region_words=table.words("region_words"),
        sum_cues=_phrases(table.ordered("sum_cues")), part_verbs=table.words("part_verbs"),
        headline_small_words=table.words("headline_small_words"),
        toll_reporting_verbs=table.words("toll_reporting_verbs"),
        toll_pronouns=table.words("toll_pronouns"),
        roundup_openers=_phrases(table.ordered("roundup_openers")),
        not_reported_objects=table.words("not_reported_objects"),
        title_common_lemmas=table.words("title_common_lemmas"),
        war_scope_preps=table.words("war_scope_preps"),
        running_adverbials=_phrases(table.ordered("running_adverbials")),
        topic_preps=table.words("topic_preps"),
    )


def load_lexicon(path: Path | None = None) -> CasualtyLexicon:
    """Read the casualty lexicon (the shipped ``lexicon.yaml``, or another file of the same
    shape); a missing or broken file is a clear ``PipelineError``."""
    return build_lexicon(load_table(path) if path is not None else stage_lexicon(PACKAGE))
