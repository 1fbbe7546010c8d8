"""A sentence's own described doer against a carried one (issue 13, branch events44;
``assemble.DESCRIBED_MENTIONS``, ``assemble.KEEP_OWN_DESCRIBED``, measured by
``benchmarks/events_described_doers.py``). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sitrep.stages.events import assemble

TWO = ("Islamic State fighters attacked an army checkpoint in Qamishli on Monday. "
       "Two suicide bombers attacked the checkpoint again later in the day.")


def test_the_switches_ship_off():
    assert assemble.DESCRIBED_MENTIONS is False
    assert assemble.KEEP_OWN_DESCRIBED is False


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _second(analysis):
    (ev,) = [e for e in analysis.events if e.category == "ASSAULT" and e.evidence.start > 0]
    return ev


def _described(analysis):
    return [m for m in analysis.mentions if m.method == "described"]


def test_off_the_carried_doer_replaces_the_described_one(analyze):
    an = analyze(TWO)
    assert _second(an).actors == ["ISIS"]
    assert _described(an) == []


def test_the_own_described_doer_blocks_the_carried_one(analyze, monkeypatch):
    monkeypatch.setattr(assemble, "KEEP_OWN_DESCRIBED", True)
    an = analyze(TWO)
    assert _second(an).actors == [assemble.UNIDENTIFIED]
    # without the other switch the party has no mention
    assert _described(an) == []


def test_a_mention_only_for_a_doer_the_event_keeps(analyze, monkeypatch):
    monkeypatch.setattr(assemble, "DESCRIBED_MENTIONS", True)
    # the carried doer replaced the described one: no mention is added for a party the event lost
    an = analyze(TWO)
    assert _second(an).actors == ["ISIS"]
    assert _described(an) == []
    monkeypatch.setattr(assemble, "KEEP_OWN_DESCRIBED", True)
    an = analyze(TWO)
    (mention,) = _described(an)
    start = TWO.index("Two suicide bombers")
    assert (mention.actor, mention.start, mention.end) == (assemble.UNIDENTIFIED, start, start + len("Two suicide bombers"))
    assert mention.text == "Two suicide bombers"
    assert mention.sentence == TWO[TWO.index("Two"):]
    assert _second(an).actors == [mention.actor]


def test_a_described_doer_with_no_carry_gets_its_mention(analyze, monkeypatch):
    text = "A suicide bomber attacked a checkpoint in Azaz on Friday, killing four guards."
    monkeypatch.setattr(assemble, "DESCRIBED_MENTIONS", True)
    an = analyze(text)
    (ev,) = [e for e in an.events if e.category == "ASSAULT"]
    (mention,) = _described(an)
    assert ev.actors == [mention.actor]
    assert text[mention.start:mention.end] == "A suicide bomber"


def test_a_named_doer_is_unchanged(analyze, monkeypatch):
    text = "Russian jets bombed a market in Ariha on Friday, killing nine civilians."
    off = analyze(text)
    monkeypatch.setattr(assemble, "DESCRIBED_MENTIONS", True)
    monkeypatch.setattr(assemble, "KEEP_OWN_DESCRIBED", True)
    on = analyze(text)
    assert [(e.actors, e.recipients) for e in on.events] == [(e.actors, e.recipients) for e in off.events]
    assert _described(on) == []
