"""``content_places.CONTENT_PLACES`` (branch events74): a verbal event left without a place takes the
place its clause governs that ``anchoring.stated_at`` dropped ("went to Damascus"); material events and
a place the trigger states ("said in Geneva") do not move. Sentences are written for these tests."""

from __future__ import annotations

import pytest

from sitrep.pipeline import build_pipeline
from sitrep.records import Document, Place
from sitrep.resources import Resources
from sitrep.stages.events import content_places

VISIT = "A UN envoy went to Damascus on Tuesday for talks with the foreign minister."


def _place(name: str, start: int) -> Place:
    return Place(document="d", start=start, end=start + len(name), text=name, sentence="", name=name,
                 lat=33.5, lon=36.3, country="SY", geonames_id=1, level=4)


def test_switch_is_off_by_default() -> None:
    assert content_places.CONTENT_PLACES is False


def test_content_place_only_when_on_unplaced_and_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    own, content = _place("Geneva", 0), _place("Damascus", 20)
    monkeypatch.setattr(content_places, "CATEGORIES", frozenset({"CONSULT"}))
    assert content_places.content_place("CONSULT", None, content) is None  # off: main's reading
    monkeypatch.setattr(content_places, "CONTENT_PLACES", True)
    assert content_places.content_place("CONSULT", None, content) is content
    assert content_places.content_place("CONSULT", own, content) is own  # its own place wins
    assert content_places.content_place("ACCUSE", None, content) is None  # a category not chosen
    assert content_places.content_place("CONSULT", None, None) is None  # nothing dropped: no place


def _events(pipeline, text: str) -> list[tuple[str, str, str | None, int | None]]:  # type: ignore[no-untyped-def]
    analysis = next(iter(pipeline.analyze([Document(id="d", sha256="d", text=text)])))
    return [(str(e.category), e.trigger, e.place.text if e.place else None, e.place.start if e.place else None)
            for e in analysis.events]


def test_a_visit_takes_the_place_it_goes_to_with_the_switch_on(nlp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    pipeline = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    off = _events(pipeline, VISIT)
    monkeypatch.setattr(content_places, "CATEGORIES", frozenset({"CONSULT"}))
    monkeypatch.setattr(content_places, "CONTENT_PLACES", True)
    on = _events(pipeline, VISIT)
    assert off == [("CONSULT", "went", None, None)]
    # the evidence is the toponym's own offsets in the text
    assert on == [("CONSULT", "went", "Damascus", VISIT.index("Damascus"))]


@pytest.mark.parametrize("text", [
    "Government jets bombed the town of Ariha on Tuesday, killing four civilians.",
    "The Russian and Turkish foreign ministers met in Geneva on Monday to discuss the ceasefire.",
])
def test_material_events_and_stated_places_do_not_move(nlp, monkeypatch: pytest.MonkeyPatch, text: str) -> None:  # type: ignore[no-untyped-def]
    pipeline = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    off = _events(pipeline, text)
    monkeypatch.setattr(content_places, "CATEGORIES", frozenset(content_places.CATEGORIES | {"CONSULT", "ACCUSE"}))
    monkeypatch.setattr(content_places, "CONTENT_PLACES", True)
    assert off and _events(pipeline, text) == off


def test_the_switch_enters_the_stage_version(nlp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    before = build_pipeline(only=["events"], resources=Resources(nlp=nlp)).stage("events").version
    monkeypatch.setattr(content_places, "CONTENT_PLACES", True)
    after = build_pipeline(only=["events"], resources=Resources(nlp=nlp)).stage("events").version
    assert before != after
