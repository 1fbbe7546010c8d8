"""``war_tolls.USE`` (branch events71): an event whose only substance is a war-wide or period toll
("the civil war has so far killed some 450,000") is no record; a doer, a stated day or a place finer than
the country keeps it. Sentences are written for these tests."""

from __future__ import annotations

import pytest

from sitrep.pipeline import build_pipeline
from sitrep.records import (
    Casualty,
    Document,
    Event,
    EventDate,
    EventPlace,
    Evidence,
    Place,
)
from sitrep.resources import Resources
from sitrep.stages.events import war_tolls

TOLLS = [
    "The civil war has so far killed some 450,000 Syrians, according to a monitoring group.",
    "Roughly 230,000 Syrians have been killed over the course of the war, the monitor estimates.",
]
INCIDENTS = [
    "Government jets killed 12 civilians in the town of Saraqeb on Tuesday, a monitor said.",
    "Russian warplanes killed 20 villagers in Idlib, and the war has killed some 450,000 Syrians overall.",
]
SENTENCE = Evidence(0, 60, "x" * 60)


def _event(**changes) -> Event:  # type: ignore[no-untyped-def]
    fields = {"id": "e", "document": "d", "category": "ASSAULT", "status": "asserted", "evidence": SENTENCE,
              "trigger": "killed", "trigger_start": 10, "trigger_end": 16}
    return Event(**{**fields, **changes})


def _toll(start: int, scope: str = "war_total") -> Casualty:
    return Casualty(id="c", document="d", kind="killed", victims="people", best=400000, start=start,
                    end=start + 7, text="400,000", evidence=SENTENCE, scope=scope)  # type: ignore[arg-type]


def _place(level: int) -> Place:
    return Place(document="d", start=30, end=35, text="Homs", sentence="s", name="Homs", level=level)


def test_switch_is_off_by_default() -> None:
    assert war_tolls.USE is False


def test_a_bare_event_beside_a_war_total_is_only_a_toll() -> None:
    assert war_tolls.only_a_toll(_event(), [_toll(20)], [])


@pytest.mark.parametrize("changes", [
    {"actors": ["SYR_GOV"]},
    {"date": EventDate("2016-05-03", "day")},
    {"place": EventPlace("Homs", start=30, end=35)},
])
def test_a_doer_a_day_or_a_finer_place_keeps_the_event(changes) -> None:  # type: ignore[no-untyped-def]
    assert not war_tolls.only_a_toll(_event(**changes), [_toll(20)], [_place(4)])


def test_a_country_place_or_a_month_does_not_keep_it() -> None:
    event = _event(place=EventPlace("Syria", start=30, end=35), date=EventDate("2016-05", "month"))
    assert war_tolls.only_a_toll(event, [_toll(20)], [_place(war_tolls.COUNTRY_LEVEL)])


def test_a_toll_in_another_sentence_does_not_count() -> None:
    assert not war_tolls.only_a_toll(_event(), [_toll(80)], [])


def test_an_unresolved_finer_name_is_finer_than_the_country() -> None:
    assert war_tolls.finer_than_country(_event(place=EventPlace("Duwayleh", start=40, end=48)), [_place(1)])
    assert not war_tolls.finer_than_country(_event(), [])


def _killings(pipeline, text: str) -> int:  # type: ignore[no-untyped-def]
    analysis = next(iter(pipeline.analyze([Document(id="d", sha256="d", text=text)])))
    return sum(e.trigger == "killed" for e in analysis.events)


@pytest.mark.parametrize("text", TOLLS)
def test_war_totals_are_no_events_with_the_switch_on(nlp, monkeypatch, text: str) -> None:  # type: ignore[no-untyped-def]
    pipeline = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    assert _killings(pipeline, text) == 1
    monkeypatch.setattr(war_tolls, "USE", True)
    assert _killings(pipeline, text) == 0


@pytest.mark.parametrize("text", INCIDENTS)
def test_incidents_stay_with_the_switch_on(nlp, monkeypatch, text: str) -> None:  # type: ignore[no-untyped-def]
    pipeline = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    off = _killings(pipeline, text)
    monkeypatch.setattr(war_tolls, "USE", True)
    assert off >= 1
    assert _killings(pipeline, text) == off


def test_the_stage_version_names_the_reading_when_on(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    off = build_pipeline(only=["events"], resources=Resources(nlp=nlp)).stage("events").version
    monkeypatch.setattr(war_tolls, "USE", True)
    on = build_pipeline(only=["events"], resources=Resources(nlp=nlp)).stage("events").version
    assert on != off
    assert war_tolls.reader_digest() == war_tolls.reader_digest()
