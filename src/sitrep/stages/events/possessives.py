"""Possessives whose apostrophe was lost are no place names (issue 13, event place; branch events74).

The FA-KES texts come without apostrophes: "in Syrias southern province of Quneitra", "Syrias Hama",
"Raqas countryside". ``finer.unresolved_names`` reads such a word as an unresolved place name
("Syrias"), and the event takes it as its finer place (``EventStage._place``) or as an anaphor's
antecedent. The actor stage already refuses these words as names (``actors.context``: "Aleppos").

With the named switch ``LOST_POSSESSIVES`` on, the events stage drops, from the front of each
unresolved name, every word that is a place the document resolves plus "s" ("Syrias" when the place
stage resolved "Syria" in the document); a name left empty is no name. Nothing else changes: with the
switch off the stage is main's byte for byte. Measured leave one wave out by
``benchmarks/events_lost_possessives.py`` (docs/benchmarks.md, branch events74).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .finer import Name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ...records import Place

#: the named switch (off by default; docs/benchmarks.md, branch events74)
LOST_POSSESSIVES = False


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
