"""Possessives whose apostrophe was lost are no place names (issue 13, event place; branch events74).

The FA-KES texts come without apostrophes: "Syrias" before a province's name, "Raqas" before a
town's. ``finer.unresolved_names`` reads such a word as an unresolved place name
("Syrias"), and the event takes it as its finer place (``EventStage._place``) or as an anaphor's
antecedent. The actor stage already refuses these words as names (``actors.context``: "Aleppos").

With the named switch ``LOST_POSSESSIVES`` on, the events stage drops, from the front of each
unresolved name, every word that is a place the document resolves plus "s" ("Syrias" when the place
stage resolved "Syria" in the document); a name left empty is no name. Nothing else changes: with the
switch off the stage is main's byte for byte. With ``POSSESSIVE_PLACES`` also on (the third look), the
possessive is a mention of its place: a place record of the resolved place over the word without its
"s" (``possessive_places``) joins the toponyms an event's place is read from (not the document's focus).
Measured leave one wave out by
``benchmarks/events_lost_possessives.py`` (docs/benchmarks.md, branch events74).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .finer import Name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ...records import Place

#: the named switch (off by default; docs/benchmarks.md, branch events74)
LOST_POSSESSIVES = False
#: the third look's switch (with ``LOST_POSSESSIVES``; off by default): the possessive is a mention of
#: its place ("Aleppos eastern districts": Aleppo), a toponym the event's place can be read from
POSSESSIVE_PLACES = False


def known_places(places: Iterable[Place]) -> frozenset[str]:
    """The lower-cased one-word texts and names of the places the document resolves."""
    return frozenset(w for p in places for w in (p.text.lower(), p.name.lower()) if w and " " not in w)


def lost_possessive(word: str, known: frozenset[str]) -> bool:
    """Is ``word`` a known place with a possessive "s" and no apostrophe ("Syrias", "Aleppos")?"""
    low = word.lower()
    return len(low) > 3 and low.endswith("s") and low[:-1] in known


def without_possessives(names: Sequence[Name], doc: Doc, known: frozenset[str]) -> list[Name]:
    """``names`` with the lost possessives cut from their front; a name that was only one is dropped."""
    out = []
    for name in names:
        first = name.first
        while first <= name.last and lost_possessive(doc[first].text, known):
            first += 1
        if first > name.last:
            continue
        out.append(name if first == name.first else
                   Name(first, name.last, name.head if name.head.i >= first else doc[name.last]))
    return out


def possessive_places(doc: Doc, places: Sequence[Place]) -> list[Place]:
    """A place record for each lost possessive of a one-word place the document resolves that no
    place record covers: the resolved place, its offsets those of the word without its "s" (the
    evidence: "Aleppo" inside "Aleppos")."""
    by_word: dict[str, Place] = {}
    for place in places:
        for word in (place.text.lower(), place.name.lower()):
            if word and " " not in word:
                by_word.setdefault(word, place)
    known = frozenset(by_word)
    covered = [(p.start, p.end) for p in places]
    out = []
    for tok in doc:
        if not lost_possessive(tok.text, known) or any(s < tok.idx + len(tok.text) and tok.idx < e for s, e in covered):
            continue
        place = by_word[tok.text[:-1].lower()]
        out.append(dataclasses.replace(place, start=tok.idx, end=tok.idx + len(tok.text) - 1, text=tok.text[:-1],
                                       sentence=tok.sent.text))
    return out
