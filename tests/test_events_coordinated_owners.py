"""``coordinated_owners.USE`` (branch events73): a bare government word coordinated with a named doer
("Russian and regime air strikes") adds the theatre's state as a doer; a description ("artillery
units"), a coordination of targets, two named states, a document with no theatre and a doer of the
theatre's state already there are left alone. Sentences are written for these tests."""

from __future__ import annotations

import pytest
from event_helpers import events_off_and_on

from sitrep.pipeline import build_pipeline
from sitrep.records import Event
from sitrep.resources import Resources
from sitrep.stages.events import coordinated_owners

#: (sentence, trigger): a government word beside a named doer, in the trigger's modifiers or in a
#: coordination the parser hung the trigger on ("The regime and Russian bombardment")
POSITIVE = [
    ("Russian and regime air strikes struck a village near Hama in Syria on Sunday.", "air strikes"),
    ("The regime and Russian bombardment destroyed two bakeries in Idlib in Syria last week.", "bombardment"),
]
#: (sentence, trigger, the doers with the switch on = off)
UNCHANGED = [
    ("Russian and Turkish air strikes killed nine people in a village near Hama in Syria on Sunday.",
     "air strikes", ["RUS", "TUR"]),  # two named states: nothing to add
    ("Russian jets and artillery units shelled a village near Hama in Syria on Sunday.",
     "shelled", ["RUS_AF"]),  # a description as a conjunct head is not an owner word
    ("Russian air strikes hit regime and rebel positions near Hama in Syria on Sunday.",
     "air strikes", ["RUS"]),  # the coordination is the target's, not the doer's
    ("Russian and regime air strikes struck a market on Sunday.",
     "air strikes", ["RUS"]),  # no theatre: the word names no state
    ("Iranian and government forces attacked a village near Hama in Syria on Sunday.",
     "attacked", ["SYR_MIL", "IRN"]),  # a doer of the theatre's state is there already
]


def _doers(events: list[Event]) -> list[list[str]]:
    return [list(e.actors) for e in events]


def test_switch_is_off_by_default() -> None:
    assert coordinated_owners.USE is False


@pytest.mark.parametrize(("text", "trigger"), POSITIVE)
def test_government_word_beside_a_named_doer_adds_the_theatre_state(nlp, monkeypatch, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    off, on = events_off_and_on(nlp, monkeypatch, coordinated_owners, "USE", text, trigger)
    assert _doers(off) == [["RUS"]]
    assert _doers(on) == [["RUS", "SYR"]]


@pytest.mark.parametrize(("text", "trigger", "doers"), UNCHANGED)
def test_other_coordinations_are_left_alone(nlp, monkeypatch, text: str, trigger: str, doers: list[str]) -> None:  # type: ignore[no-untyped-def]
    off, on = events_off_and_on(nlp, monkeypatch, coordinated_owners, "USE", text, trigger)
    assert _doers(on) == _doers(off) == [doers]


def test_the_switch_changes_the_stage_version(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    off = build_pipeline(only=["events"], resources=Resources(nlp=nlp)).stage("events").version
    monkeypatch.setattr(coordinated_owners, "USE", True)
    on = build_pipeline(only=["events"], resources=Resources(nlp=nlp)).stage("events").version
    assert on != off
