"""A fight's missing sides from its reciprocal frame (issue 13, branch events48;
``sitrep.stages.events.reciprocal``, measured by ``benchmarks/events_reciprocal_sides.py``).
Sentences written for these tests."""

from __future__ import annotations

import pytest

from sitrep.stages.events import reciprocal


def test_the_switches_ship_off():
    assert reciprocal.RECIPROCAL_SIDES is False
    assert reciprocal.RECIPROCAL_PARTICIPANTS is False
    assert reciprocal.RECIPROCAL_RECIPIENTS is False


def _word(doc, text):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(("text", "trigger", "kind", "sides"), [
    ("Clashes broke out between the army and Hezbollah fighters near Homs.", "Clashes", "between",
     ["army", "fighters"]),
    ("The rebels clashed with the army on Monday.", "clashed", "with", ["army"]),
    ("The militia has fought the army, local tribes and Kurdish units since May.", "fought", "object",
     ["army", "tribes", "units"]),
    ("The army and the rebels fought for hours in the old city.", "fought", "coordinated", ["army", "rebels"]),
])
def test_the_frame_names_the_sides_as_the_parse_tells_them(nlp, text, trigger, kind, sides):
    frame = reciprocal.reciprocal_frame(_word(nlp(text), trigger))
    assert frame is not None and frame.kind == kind
    assert [t.text for t in frame.sides] == sides


def test_no_frame_for_a_one_sided_act_and_participants_of_a_holding_clause(nlp):
    doc = nlp("Rebels shelled the town on Monday.")
    assert reciprocal.reciprocal_frame(_word(doc, "shelled")) is None
    doc = nlp("Dozens of Hezbollah men died during a clash against the rebels on Monday.")
    assert [t.text for t in reciprocal.participants(_word(doc, "clash"))] == ["Dozens"]
    assert reciprocal.participants(_word(nlp("The clashes went on for hours."), "clashes")) == []


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _fight(analysis, trigger="fighting"):  # type: ignore[no-untyped-def]
    return next(e for e in analysis.events if e.category == "ASSAULT" and e.trigger == trigger)


def test_a_participant_is_added_only_with_its_switch_and_only_an_armed_party(analyze, monkeypatch):
    text = "Hezbollah fighters seized the village after two days of fighting with Islamic State near Palmyra."
    off = _fight(analyze(text))
    monkeypatch.setattr(reciprocal, "RECIPROCAL_PARTICIPANTS", True)
    on = _fight(analyze(text))
    assert "ISIS" in off.actors and "HEZBOLLAH" not in off.actors
    assert "HEZBOLLAH" in on.actors and set(off.actors) <= set(on.actors)
    civilians = "Five civilians were killed in fighting between the army and rebels near Daraa."
    ev = _fight(analyze(civilians))
    assert not any(a.endswith("CVL") for a in ev.actors)


def test_a_one_sided_strike_is_unchanged_with_every_switch(analyze, monkeypatch):
    text = "Russian jets bombed a market in Ariha on Friday, killing nine civilians."
    off = _fight(analyze(text), "bombed")
    for name in ("RECIPROCAL_SIDES", "RECIPROCAL_PARTICIPANTS", "RECIPROCAL_RECIPIENTS"):
        monkeypatch.setattr(reciprocal, name, True)
    on = _fight(analyze(text), "bombed")
    assert (on.actors, on.recipients) == (off.actors, off.recipients)
