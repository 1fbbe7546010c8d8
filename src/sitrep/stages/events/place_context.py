"""The place of an event from the document around its sentence (issue 13, night 3).

The sentence-level choice (``anchoring.governed_place``, ``finer``) and the same incident told in
a neighbouring sentence (``assemble.from_context``) leave an event unplaced, or placed only in a
country, when the article names the place elsewhere: the headline, the lead, or throughout
("At least 25 civilians have been killed as militaries converge on the group's de facto capital"
in an article about Raqqa; "air strikes in the northwest of the conflict-riven country" in an
article about Idlib). Two candidates come from the document, each a toponym the place stage
resolved in the text (its offsets are the evidence; nothing is invented, and without one the
event stays unplaced):

* the **dateline's place** (``anchoring.dateline_place``, as before);
* the **antecedent of a place anaphor** in the event's own clause ("the jihadists have
  repeatedly struck the Kurdish-held city", "helicopters attacked several settlements in the
  area", "this week's battle for these villages"): a definite or demonstrative area noun
  (``lexicon.yaml``'s ``area_nouns``) with no name of its own refers to the place told last
  before it, at most ``anaphor_window`` sentences back (a country is no antecedent of "the
  city"), else (with ``anaphor_focus``) to the document's focus;
* the document's **focus**: the place it names most often among those of the levels
  ``focus_levels`` (by default regions and provinces: "Idlib province", "Raqqa"), counted over
  the toponyms that can be places at all (not "Syrian economy", not inside a name), when one
  place leads all others and is named at least ``focus_min_mentions`` times.

A material event (``assemble.CONTEXT_CATEGORIES``) with no place takes its anaphor's antecedent,
then the dateline's place,
else the focus; one placed only in a country takes the focus when the focus lies in that
country (``refine_country``). Verbal events are never placed this way (coding guide section 5).

Independently, a toponym that is **part of a name** (an actor mention longer than it: "the
Islamic State of Iraq and the Levant", "the Wrath of Euphrates operation") names no location
(``names_are_no_places``).

The parameters ship in ``data/place_context.json``, chosen on the tune half of the hand-coded
FA-KES articles by ``benchmarks/events_place_context.py`` (the check half only scored); the
defaults below are the rule without document context (the stage as it was).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...records import Mention, Place
from .lexicon import AREA_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from spacy.tokens import Span, Token

PLACE_CONTEXT_FILE = Path(__file__).with_name("data") / "place_context.json"


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """How the document's context places an event its own sentence does not (module docstring)."""

    #: a material event with no place takes the document's focus (after the dateline's place)
    focus_fallback: bool = False
    #: the gazetteer levels a focus may have (PLOVER: 1 country, 2 region or province, 3
    #: district, 4 city, 5 sub-city); a country is never a focus (it says no more than the theatre)
    focus_levels: tuple[int, ...] = (2,)
    #: how often the focus must be named (its mentions among the document's toponyms)
    focus_min_mentions: int = 2
    #: an event placed only in a country takes the focus when the focus lies in that country
    refine_country: bool = False
    #: a toponym inside a longer actor mention ("the Islamic State of Iraq") is no event place
    names_are_no_places: bool = False
    #: an unplaced material event whose clause holds a place anaphor ("the city", "these
    #: villages") takes its antecedent
    anaphora: bool = False
    #: how many sentences back the antecedent of a place anaphor may be told
    anaphor_window: int = 2
    #: an anaphor with no antecedent in the window refers to the document's focus
    anaphor_focus: bool = False
    #: a name the gazetteer does not know (``finer``: "the villages of Zeitan and Barna") may be
    #: the antecedent, as written and without coordinates
    anaphor_names: bool = False
    #: an event placed only in a country takes the one finer place of that country its own
    #: sentence names ("a missile strike on an airfield in Syria near Homs": Homs), when the
    #: sentence names exactly one (by name) finer place of it. Off: +2 events placed right on the
    #: tune half, none out of fold over 4 tune folds, -2 on the check half (2026-12-04 morning)
    refine_in_sentence: bool = False

    @classmethod
    def load(cls, path: Path | None = None) -> PlaceContext:
        """The shipped parameters (``data/place_context.json``); the defaults when absent."""
        path = path or PLACE_CONTEXT_FILE
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8")).get("rule", {})
        known = set(cls.__dataclass_fields__)
        values: dict[str, Any] = {k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in known}
        return cls(**values)


def inside_name(place: Place, mentions: Sequence[Mention]) -> bool:
    """Is the toponym part of a longer actor mention ("Islamic State of Iraq", "Wrath of
    Euphrates")? A mention that is the toponym itself (a metonym: "Damascus said") is not."""
    return any(m.start <= place.start and place.end <= m.end and (m.start, m.end) != (place.start, place.end)
               for m in mentions)


def document_focus(places: Sequence[Place], rule: PlaceContext) -> Place | None:
    """The place the document is about (module docstring): the first mention of the most often
    named place of the levels ``rule.focus_levels``, when it leads all others and is named at
    least ``rule.focus_min_mentions`` times; else None. ``places``: the toponyms that can be
    event places, in text order."""
    counts: Counter[tuple[str, str | None]] = Counter()
    first: dict[tuple[str, str | None], Place] = {}
    for place in places:
        if place.level is None or place.level not in rule.focus_levels or place.lat is None:
            continue
        key = (place.name, place.country)
        counts[key] += 1
        first.setdefault(key, place)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < rule.focus_min_mentions:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return first[ranked[0][0]]


def finer_in(own: Place | None, sentence_places: Sequence[Place]) -> Place | None:
    """The one place finer than the country ``own`` that ``sentence_places`` (the toponyms of the
    event's sentence that can be places) name inside it; None when ``own`` is no country, or the
    sentence names no such place or two different ones."""
    if own is None or own.level != 1 or own.country is None:
        return None
    inside = [p for p in sentence_places
              if p.level is not None and p.level > 1 and p.country == own.country and p.lat is not None]
    return inside[0] if inside and len({p.name for p in inside}) == 1 else None


def context_place(own: Place | None, dateline: Place | None, focus: Place | None, rule: PlaceContext,
                  sentence_places: Sequence[Place] = ()) -> Place | None:
    """The place of a material event given its own (or inherited) place: the dateline's place or
    the focus when it has none, the one finer place of its country its sentence names when it has
    only a country (``rule.refine_in_sentence``), the focus when it has only the focus's country
    (``rule.refine_country``), else its own."""
    if own is None:
        return dateline or (focus if rule.focus_fallback else None)
    finer = finer_in(own, sentence_places) if rule.refine_in_sentence else None
    if finer is not None:
        return finer
    if (rule.refine_country and focus is not None and own.level == 1 and own.country is not None
            and own.country == focus.country):
        return focus
    return own


#: determiners that make an area noun refer back
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "these", "that", "those"})


def place_anaphor(sent: Span, in_clause: Callable[[Token], bool], taken: set[int]) -> Token | None:
    """The first area noun of the event's clause (``in_clause``) that refers back to
    a place told before: definite or demonstrative, no name of its own (no proper-noun modifier,
    no "of X" complement: "the town of Atareb" is named), not part of a toponym (``taken``)."""
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in AREA_NOUNS or tok.i in taken:
            continue
        if not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in tok.children):
            continue
        if any(c.pos_ == "PROPN" or (c.dep_ in ("compound", "nmod", "amod") and c.is_title)
               or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children):
            continue  # "the Sakhour neighbourhood", "the town of Atareb": named
        if in_clause(tok):
            return tok
    return None


def antecedent(anaphor: Token, places: Sequence[tuple[int, Place]], sentence_of: Callable[[int], int],
               window: int) -> Place | None:
    """The place told last before ``anaphor`` (``places``: (first token, place) in text order), at
    most ``window`` sentences back; a country is no antecedent."""
    return told_before(anaphor.i, places, sentence_of, window)


def told_before(at: int, places: Sequence[tuple[int, Place]], sentence_of: Callable[[int], int],
                window: int) -> Place | None:
    """The place told last before token ``at`` (``places``: (first token, place) in text order), at
    most ``window`` sentences back (0: its own sentence); a country is never one."""
    here = sentence_of(at)
    found = None
    for first, place in places:
        if first >= at:
            break
        if place.level != 1 and here - sentence_of(first) <= window:
            found = place
    return found
