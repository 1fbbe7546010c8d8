"""An unresolved event place (a name the gazetteer lacks, no coordinates) in the incident linker,
and the pure parts of ``benchmarks/events_place_unresolved.py`` (events56, issue 13).

Project-written sentences and made-up places only.
"""

from __future__ import annotations

import pytest
from events_place_unresolved import Candidate, choose, text_class

from sitrep.incidents.blocking import places_relation
from sitrep.incidents.mentions import PlaceKey, place_key
from sitrep.incidents.settings import load_settings
from sitrep.records import Event, EventPlace, Evidence, Place

S = load_settings()


def _event(place: EventPlace | None) -> Event:
    text = "Shelling hit the village of Kafr Zemmo near Halab on Monday."
    return Event(id="e1", document="d1", category="ASSAULT", status="asserted",
                 evidence=Evidence(0, len(text), text), trigger="Shelling", place=place)


def _town(name: str, gid: int, lat: float, lon: float) -> Place:
    return Place(document="d1", start=0, end=len(name), text=name, sentence="", name=name, lat=lat, lon=lon,
                 country="SY", admin1="09", geonames_id=gid, level=4)


def test_an_unresolved_place_keeps_no_point_nor_level_in_the_linker() -> None:
    towns = [_town("Halab", 1, 36.2, 37.15)]
    key = place_key(_event(EventPlace(name="Kafr Zemmo", text="Kafr Zemmo", start=28, end=38)), towns)
    assert key is not None
    assert (key.lat, key.lon, key.geonames_id, key.level, key.country) == (None, None, None, None, None)


@pytest.mark.parametrize("other", [
    PlaceKey("Halab", 1, 36.2, 37.15, "SY", "09", 4),          # a resolved town a few km away
    PlaceKey("Kafr Nabudeh", None, None, None, "SY", None, None),  # another unresolved name
    PlaceKey("Kafr Nabudeh", None, None, None, None, None, None),
])
def test_an_unresolved_place_is_never_near_by_distance(other: PlaceKey) -> None:
    unresolved = PlaceKey("Kafr Zemmo", None, None, None, "SY", None, None)
    assert places_relation(unresolved, other, S) != "near"
    assert places_relation(other, unresolved, S) != "near"
    assert places_relation(unresolved, other, S) != "same"


def test_the_same_unresolved_name_is_the_same_place() -> None:
    a = PlaceKey("Kafr Zemmo", None, None, None, "SY", None, None)
    assert places_relation(a, PlaceKey("Kafr Zemmo", None, None, None, None, None, None), S) == "same"


def _c(sentence: int, token: int, text: str, source: str = "finer") -> Candidate:
    return Candidate(sentence, token, token * 5, token * 5 + len(text), text, source)


def test_choose_takes_the_nearest_name_of_its_own_sentence_first() -> None:
    cands = [_c(0, 2, "Tell Amr"), _c(1, 14, "Kafr Zemmo"), _c(1, 30, "Deir Shams")]
    assert choose(cands, 1, 27, (0, False, "finer", False, False, False)) == cands[2]
    assert choose(cands, 1, 16, (0, False, "finer", False, False, False)) == cands[1]


def test_choose_looks_back_only_within_its_window_and_ahead_only_with_after() -> None:
    cands = [_c(0, 2, "Tell Amr"), _c(3, 40, "Deir Shams")]
    off = (0, False, "finer", False, False, False)
    assert choose(cands, 2, 20, off) is None
    assert choose(cands, 2, 20, (1, False, "finer", False, False, False)) is None
    assert choose(cands, 2, 20, (2, False, "finer", False, False, False)) == cands[0]
    assert choose(cands, 2, 20, (0, False, "finer", False, False, True)) == cands[1]


def test_choose_leaves_the_tagger_alone_names_out_of_the_finer_source() -> None:
    cands = [_c(0, 3, "Tell Amr", source="ner")]
    assert choose(cands, 0, 1, (0, False, "finer", False, False, False)) is None
    assert choose(cands, 0, 1, (0, False, "finer+ner", False, False, False)) == cands[0]


@pytest.mark.slow
def test_text_class_reads_the_place_noun_before_of(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Jets struck the village of zemmo on Monday.")
    lo = doc.text.index("zemmo")
    assert text_class(doc, lo, lo + len("zemmo")) == "place noun of"
    lo = doc.text.index("Monday")
    assert text_class(doc, lo, lo + len("Monday")) != "place noun of"
