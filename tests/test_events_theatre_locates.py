"""``territory.THEATRE_LOCATES`` (branch events63): a place of the document's theatre locates an event
and gives no territory recipient; a short item's place still does."""

from __future__ import annotations

import pytest

from sitrep.pipeline import build_pipeline
from sitrep.records import Document, Place
from sitrep.resources import Resources
from sitrep.stages.events import territory

#: a report about one state's war: four distinct places of Syria, then a foreign doer's strike on one
WAR_REPORT = ("Fighting raged in Aleppo and Idlib on Sunday. Rebels held positions near Homs. "
              "Turkey shelled a village in northern Syria on Monday.")
SHORT_ITEM = "Turkey shelled a village in northern Iraq on Monday."


def _place(name: str, country: str, gid: int) -> Place:
    return Place(document="d", start=0, end=1, text=name, sentence="", name=name, country=country,
                 geonames_id=gid)


@pytest.fixture()
def switch_on(monkeypatch):
    monkeypatch.setattr(territory, "THEATRE_LOCATES", True)


def test_theatre_states_off_by_default_gives_none():
    places = [_place(n, "SY", i) for i, n in enumerate(("Aleppo", "Idlib", "Homs"))]
    assert territory.THEATRE_LOCATES is False
    assert territory.theatre_states(places, "SYR") == set()


def test_theatre_states_needs_enough_distinct_places(switch_on):
    three = [_place(n, "SY", i) for i, n in enumerate(("Aleppo", "Idlib", "Homs"))]
    assert territory.theatre_states(three, "SYR") == {"SYR"}
    # the same place named three times is one place
    assert territory.theatre_states([_place("Aleppo", "SY", 1)] * 3, "SYR") == set()
    # places of another state do not count for the theatre
    assert territory.theatre_states([*three[:2], _place("Mosul", "IQ", 9)], "SYR") == set()
    assert territory.theatre_states(three, None) == set()


def _recipients(pipeline, text: str) -> list[str]:
    analysis = next(iter(pipeline.analyze([Document(id="d", sha256="d", text=text)])))
    [event] = [e for e in analysis.events if e.trigger == "shelled"]
    assert event.actors == ["TUR"]
    return event.recipients


def test_theatre_place_gives_no_recipient_in_a_war_report(nlp, monkeypatch):
    pipeline = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    assert _recipients(pipeline, WAR_REPORT) == ["SYR"]
    monkeypatch.setattr(territory, "THEATRE_LOCATES", True)
    pipeline = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    assert _recipients(pipeline, WAR_REPORT) == []
    # a one-sentence item keeps the state of its place as the recipient (PLOVER's convention)
    assert _recipients(pipeline, SHORT_ITEM) == ["IRQ"]
