"""The other sides of a two-sided fight (issue 13, branch events42; ``arguments.FIGHT_SIDES``,
``arguments.FIGHT_SIDES_SENTENCE``, measured by ``benchmarks/events_fight_sides.py``). Sentences
written for these tests."""

from __future__ import annotations

import pytest

from sitrep.stages.events import arguments


def test_the_switches_ship_off():
    assert arguments.FIGHT_SIDES is False
    assert arguments.FIGHT_SIDES_SENTENCE is False
    assert arguments.FIGHT_SIDES_ARGS is False


def test_only_armed_kinds_are_sides():
    assert {"state", "military", "armed_group"} == arguments.FIGHT_SIDE_KINDS
    assert not arguments.FIGHT_SIDE_KINDS & arguments.NON_COMBATANT_KINDS


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _assault(analysis):
    (ev,) = [e for e in analysis.events if e.category == "ASSAULT"]
    return ev


def test_a_side_the_parse_does_not_reach_is_added_only_with_the_switch(analyze, monkeypatch):
    text = "Hezbollah fighters lost dozens of men in a battle against Syrian troops near Homs."
    off = _assault(analyze(text)).actors
    monkeypatch.setattr(arguments, "FIGHT_SIDES", True)
    on = _assault(analyze(text)).actors
    assert "HEZBOLLAH" not in off
    assert "HEZBOLLAH" in on and set(off) <= set(on)
    # the narrower reading keeps a side named as the subject of its clause
    monkeypatch.setattr(arguments, "FIGHT_SIDES_ARGS", True)
    assert _assault(analyze(text)).actors == on


def test_victims_and_the_monitor_are_no_sides(analyze, monkeypatch):
    text = "Fighting between the army and rebels killed five civilians in Daraa, the Syrian Observatory said."
    monkeypatch.setattr(arguments, "FIGHT_SIDES_SENTENCE", True)
    ev = _assault(analyze(text))
    assert not any(a.endswith("CVL") or "SOHR" in a or "OBSERVATORY" in a.upper() for a in ev.actors)


def test_a_one_sided_strike_is_unchanged(analyze, monkeypatch):
    text = "Russian jets bombed a market in Ariha on Friday, killing nine civilians."
    off = _assault(analyze(text))
    monkeypatch.setattr(arguments, "FIGHT_SIDES", True)
    monkeypatch.setattr(arguments, "FIGHT_SIDES_SENTENCE", True)
    on = _assault(analyze(text))
    assert (on.actors, on.recipients) == (off.actors, off.recipients)
