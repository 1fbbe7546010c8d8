"""The casualty lexicon: ``data/casualties.yaml`` read into lookup tables.

The YAML file holds every word the extractor reads a figure from (number words, ACLED's
vague quantities, victim nouns, the predicates of each kind, source and scope cues); this
module only turns it into sets and maps. Loaded once by the stage (``load_lexicon``),
never at import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data" / "casualties.yaml"

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
    victim_group_nouns: Mapping[str, str | None]
    combined_nouns: tuple[Phrase, ...]
    reporting_verbs: frozenset[str]
    source_preps: tuple[Phrase, ...]
    source_nouns: frozenset[str]
    not_sources: frozenset[str]
    pronouns: frozenset[str]
    war_words: frozenset[str]
    war_cues: tuple[Phrase, ...]
    background_cues: tuple[Phrase, ...]

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


def _words(values: Iterable[Any] | None) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


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


def build_lexicon(data: Mapping[str, Any]) -> CasualtyLexicon:
    """The lexicon from the decoded YAML mapping (tests build small ones this way)."""
    victims, victim_phrases = _victims(data.get("victims", {}))
    return CasualtyLexicon(
        units={str(k): int(v) for k, v in data.get("units", {}).items()},
        multipliers={str(k): int(v) for k, v in data.get("multipliers", {}).items()},
        vague={str(k): int(v) for k, v in data.get("vague", {}).items()},
        fractions={str(k): float(v) for k, v in data.get("fractions", {}).items()},
        group_nouns=_words(data.get("group_nouns")),
        bounds=_phrases(data.get("bounds")),
        approximators=_phrases(data.get("approximators")),
        not_after=_words(data.get("not_after")),
        not_before=_words(data.get("not_before")),
        months=_words(data.get("months")),
        victims=victims,
        victim_phrases=victim_phrases,
        person_suffixes=tuple(str(s) for s in data.get("person_suffixes", ())),
        transitive=KindTable.build(data.get("transitive")),
        intransitive=KindTable.build(data.get("intransitive")),
        states=KindTable.build(data.get("states")),
        casualty_nouns=KindTable.build(data.get("casualty_nouns")),
        event_nouns=KindTable.build(data.get("event_nouns")),
        toll_nouns=KindTable.build(data.get("toll_nouns")),
        toll_verbs=_words(data.get("toll_verbs")),
        update_verbs=_words(data.get("update_verbs")),
        superseded_cues=_words(data.get("superseded_cues")),
        victim_group_nouns={str(k): v for k, v in data.get("victim_group_nouns", {}).items()},
        combined_nouns=_phrases(data.get("combined_nouns")),
        reporting_verbs=_words(data.get("reporting_verbs")),
        source_preps=_phrases(data.get("source_preps")),
        source_nouns=_words(data.get("source_nouns")),
        not_sources=_words(data.get("not_sources")),
        pronouns=_words(data.get("pronouns")),
        war_words=_words(data.get("war_words")),
        war_cues=_phrases(data.get("war_cues")),
        background_cues=_phrases(data.get("background_cues")),
    )


def load_lexicon(path: Path = DATA) -> CasualtyLexicon:
    """Read the casualty lexicon; a clear error when the package data is missing or broken."""
    from ...errors import ModelNotFound

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelNotFound(f"Casualty lexicon {path} cannot be read ({exc}); reinstall sitrep.") from exc
    except yaml.YAMLError as exc:
        raise ModelNotFound(f"Casualty lexicon {path} is not valid YAML ({exc}); fix or reinstall it.") from exc
    if not isinstance(data, dict):
        raise ModelNotFound(f"Casualty lexicon {path} holds no sections; reinstall sitrep.")
    return build_lexicon(data)
