"""A toponym that names the event's own doer is not the event's place (issue 13, branch seeds1,
``anchoring.DOERS_NOT_PLACES``): the pure filter on hand-built toponyms, and the events stage on
sentences written for these tests (the full pipeline runs, so those load the spaCy model)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitrep.records import Place
from sitrep.stages.events import anchoring
from sitrep.stages.events.anchoring import Toponym, not_doers


def _toponym(name: str, start: int) -> Toponym:
    place = Place(document="d", start=start, end=start + len(name), text=name, sentence=name, name=name,
                  country="SY", level=1)
    return Toponym(place, 0, 1, SimpleNamespace(), 0)  # type: ignore[arg-type]


def test_not_doers_drops_only_a_toponym_inside_a_doer_mention(monkeypatch):
    russia, syria = _toponym("Russia", 6), _toponym("Syria", 40)
    monkeypatch.setattr(anchoring, "DOERS_NOT_PLACES", True)
    assert not_doers([russia, syria], [(6, 12)]) == [syria]
    assert not_doers([russia, syria], [(0, 5)]) == [russia, syria]  # a doer mention elsewhere
    assert not_doers([russia, syria], []) == [russia, syria]


def test_not_doers_is_main_reading_when_off(monkeypatch):
    russia = _toponym("Russia", 6)
    monkeypatch.setattr(anchoring, "DOERS_NOT_PLACES", False)
    assert not_doers([russia], [(6, 12)]) == [russia]


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _place(event):
    return event.place.text if event.place is not None else None


def _with(monkeypatch, analyze, on: bool, text: str):
    monkeypatch.setattr(anchoring, "DOERS_NOT_PLACES", on)
    return analyze(text)


@pytest.mark.slow
def test_a_state_doer_is_not_the_place_the_locative_is(analyze, monkeypatch):
    text = "Last week Turkey began a new wave of air strikes in Iraq against the militants."
    off = [e for e in _with(monkeypatch, analyze, False, text).events if e.category == "ASSAULT"]
    on = [e for e in _with(monkeypatch, analyze, True, text).events if e.category == "ASSAULT"]
    assert off and on
    assert all(_place(e) != "Turkey" for e in on)
    assert any(_place(e) == "Iraq" for e in on)
    assert any("TUR" in e.actors for e in on), "the state is still the doer"


@pytest.mark.slow
def test_a_state_doer_with_no_place_leaves_the_event_unplaced(analyze, monkeypatch):
    text = "Iran has deployed more troops to back the government offensive."
    off = [e for e in _with(monkeypatch, analyze, False, text).events if e.trigger == "deployed"]
    on = [e for e in _with(monkeypatch, analyze, True, text).events if e.trigger == "deployed"]
    assert [_place(e) for e in off] == ["Iran"], "main's reading: the doer taken for the place"
    assert [_place(e) for e in on] == [None]
    assert [e.actors for e in on] == [["IRN"]]


@pytest.mark.slow
def test_a_place_that_is_not_the_doer_stays(analyze, monkeypatch):
    text = "Government jets struck Aleppo on Monday."
    (ev,) = [e for e in _with(monkeypatch, analyze, True, text).events if e.category == "ASSAULT"]
    assert _place(ev) == "Aleppo"
