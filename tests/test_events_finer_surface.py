"""Event places finer than a city (issues 13 and 14, 2026-12-05 night, branch geo27): names the parse
of unpunctuated news mis-tags, read from the words' order beside a place noun (``finer.surface_names``),
and the larger place named first, "the Y suburb of X" (``finer.of_locates``). Sentences written for
these tests; the slow ones load the spaCy model and run the pipeline (actors, time, place, events)."""

from __future__ import annotations

import pytest

from sitrep.stages.events import finer


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _places(analysis, category: str = "ASSAULT") -> list[str | None]:
    return [e.place.text if e.place is not None else None for e in analysis.events if e.category == category]


def _names(nlp, text: str) -> list[str]:
    doc = nlp(text)
    sent = doc[:]
    return [n.text(sent) for n in finer.surface_names(sent, set())]


@pytest.mark.slow
def test_a_hyphenated_name_before_a_place_noun_is_one_name(nlp):
    names = _names(nlp, "Gunmen fired mortar shells on al-Kallaseh neighborhood in the north of the city.")
    assert "al-Kallaseh" in names


@pytest.mark.slow
def test_a_name_after_a_place_noun_and_of_is_a_name(nlp):
    names = _names(nlp, "The warplanes struck in the neighborhood of Bab Qinnasrin killing four people.")
    assert "Bab Qinnasrin" in names


@pytest.mark.slow
def test_a_nationality_or_a_place_noun_named_after_it_is_no_name(nlp):
    # "Syrian" is a people's adjective; "Syrias second city Aleppo": the city is named after its noun
    names = _names(nlp, "An airstrike hit a clinic in the Syrian city of Kafr Hamra.")
    assert "Syrian" not in names and "Kafr Hamra" in names
    doc = nlp("An airstrike hit a clinic near Syrias second city Aleppo.")
    aleppo = next(t.i for t in doc if t.text == "Aleppo")  # a resolved place in the stage
    assert "Syrias" not in [n.text(doc[:]) for n in finer.surface_names(doc[:], {aleppo})]
    assert "Syrias" in [n.text(doc[:]) for n in finer.surface_names(doc[:], set())]


@pytest.mark.slow
def test_of_locates_the_smaller_place_after_the_larger_one(nlp):
    doc = nlp("A bomb killed nine people in the Homs suburb of Karm al-Zeitoun on Monday.")
    homs = next(t for t in doc if t.text == "Homs")
    karm = next(t for t in doc if t.text == "Karm")
    assert finer.of_locates(homs.i + 1, karm.i, doc)
    # a relation to the place after "of", not a part of it: "X valley northwest of Y"
    doc = nlp("Jets bombed Wadi Sheikh valley northwest of Hama.")
    valley = next(t for t in doc if t.text == "Sheikh")
    hama = next(t for t in doc if t.text == "Hama")
    assert not finer.of_locates(valley.i + 1, hama.i, doc)


@pytest.mark.slow
def test_a_neighbourhood_in_a_city_is_the_events_place(analyze):
    analysis = analyze("Nine civilians were killed when terrorists fired rocket shells on al-Kallaseh "
                       "neighborhood in Aleppo city a source said on Monday.")
    assert "al-Kallaseh" in _places(analysis)


@pytest.mark.slow
def test_the_suburb_named_after_its_city_is_the_events_place(analyze):
    analysis = analyze("A car bomb killed 12 people in the Damascus suburb of Qudsaya on Tuesday.")
    places = _places(analysis)
    assert places and all(p == "Qudsaya" for p in places)


@pytest.mark.slow
def test_the_settings_off_leave_the_stage_as_it_was(analyze, monkeypatch):
    monkeypatch.setattr(finer, "SURFACE_NAMES", False)
    monkeypatch.setattr(finer, "OF_LOCATES", False)
    analysis = analyze("Nine civilians were killed when terrorists fired rocket shells on al-Kallaseh "
                       "neighborhood in Aleppo city a source said on Monday.")
    assert "al-Kallaseh" not in _places(analysis)


@pytest.mark.slow
def test_an_event_placed_nowhere_else_takes_the_name_of_its_clause(analyze, monkeypatch):
    text = "The blast happened around Tishreen Camp which lies north of the city."
    assert "Tishreen" in [_place_text(e) for e in analyze(text).events if e.trigger == "blast"]
    monkeypatch.setattr(finer, "CLAUSE_NAMES", False)
    assert "Tishreen" not in [_place_text(e) for e in analyze(text).events]


def _place_text(event) -> str | None:
    return event.place.text if event.place is not None else None
