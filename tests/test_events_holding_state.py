"""Holding a place is a state, taking it is an act (issue 13; coding guide section 3, "Control").

A verb of holding (``holding_words``) in the present tense or in a clause or participle that
describes a noun tells who holds what, not an event; an infinitive of achievement and the verbs
of taking stay events, and so does a headline's present tense. Sentences are written for these
tests."""

from __future__ import annotations

import pytest

from sitrep.stages.events.seizure import holding_state

STATES = [
    ("Kurdish militias control most of the border strip east of the river.", "control"),
    ("The council that controls the town rejected the offer.", "controls"),
    ("Jets struck villages controlled by the militia on Friday.", "controlled"),
    ("The group withdrew from the districts it controlled north of the city.", "controlled"),
]
ACTS = [
    ("The militia managed to control the two gas fields after a night of fighting.", "control"),
    ("The army took control of the airport on Monday.", "took"),
]


def _token(nlp, text: str, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize(("text", "word"), STATES)
def test_holding_told_as_a_state(nlp, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    assert holding_state(_token(nlp, text, word))


@pytest.mark.parametrize(("text", "word"), ACTS)
def test_taking_and_achieving_control_stay_acts(nlp, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    assert not holding_state(_token(nlp, text, word))


@pytest.mark.slow
def test_the_stage_exports_no_event_for_a_state_of_control_and_keeps_the_strike(analyze_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Rebels control the eastern districts of Aleppo. "
            "The army shelled territory controlled by the rebels in Idlib province on Friday.")
    analysis = analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")
    triggers = [text[e.trigger_start:e.trigger_end] for e in analysis.events]
    assert not [t for t in triggers if t.startswith("control")]
    assert "shelled" in triggers


def test_a_taken_thing_is_no_seizure_and_taken_people_are_abducted(nlp) -> None:  # type: ignore[no-untyped-def]
    """A taken object that is neither a listed place nor a person is no seizure (``seizure.seized``);
    people are ASSAULT 'abduct'."""
    from sitrep.stages.events import seizure

    silos = _token(nlp, "The alliance captured the grain silos south of the junction overnight.", "captured")
    fighters = _token(nlp, "The alliance captured two fighters near the junction overnight.", "captured")
    assert seizure.seized([silos]) is None
    assert seizure.seized([fighters]) == ("ASSAULT", "abduct")
