"""The owner of an attacked thing read from its own modifier (issue 13, branch events38;
``descriptors.TARGET_OWNER_WORDS``): "bombardment on rebel positions", "struck the militant
positions". Sentences written for these tests; the full pipeline runs (actors, time, place,
events), so each test loads the spaCy model."""

from __future__ import annotations

import pytest

from sitrep.stages.events import descriptors

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _assault(analysis, trigger):
    (ev,) = [e for e in analysis.events if e.category == "ASSAULT" and e.trigger == trigger]
    return ev


def test_the_switch_ships_off():
    assert descriptors.TARGET_OWNER_WORDS is False


@pytest.mark.parametrize(("text", "trigger", "owner"), [
    ("The army shelled rebel positions near Aleppo in Syria on Monday.", "shelled", "SYR_REB"),
    ("War planes struck the militant positions near Raqqa in Syria on Monday.", "struck", "SYR_REB"),
    ("The rebels launched an attack on a government army base near Homs in Syria on Monday.", "launched attack", "SYR_MIL"),
])
def test_an_armed_owner_word_on_the_target_names_the_recipient(analyze, monkeypatch, text, trigger, owner):
    assert _assault(analyze(text), trigger).recipients == []  # off: main's reading, no recipient
    monkeypatch.setattr(descriptors, "TARGET_OWNER_WORDS", True)
    assert _assault(analyze(text), trigger).recipients == [owner]


@pytest.mark.parametrize(("text", "trigger"), [
    # the owner word is no agent word of an armed sector: nobody is named
    ("The army shelled the old school near Aleppo in Syria on Monday.", "shelled"),
    ("The army shelled the hospital roof near Aleppo in Syria on Monday.", "shelled"),
])
def test_a_target_with_no_armed_owner_word_names_nobody(analyze, monkeypatch, text, trigger):
    monkeypatch.setattr(descriptors, "TARGET_OWNER_WORDS", True)
    assert _assault(analyze(text), trigger).recipients == []


def test_a_target_that_is_itself_a_party_keeps_its_reading(analyze, monkeypatch):
    text = "The army shelled rebel fighters near Aleppo in Syria on Monday."
    before = _assault(analyze(text), "shelled").recipients
    monkeypatch.setattr(descriptors, "TARGET_OWNER_WORDS", True)
    assert _assault(analyze(text), "shelled").recipients == before


def test_the_refinements_ship_off():
    assert descriptors.TARGET_OWNER_NOUNS_ONLY is False
    assert descriptors.TARGET_OWNER_NOT_PLACES is False


@pytest.mark.parametrize(("text", "trigger", "alone", "refined"), [
    # an adjective describes the kind of thing attacked, not whose it is
    ("Militants attacked military posts near Hama in Syria on Monday.", "attacked", ["SYR_MIL"], []),
    # a place described by its holder gives no recipient (the coding guide)
    ("The army shelled a rebel town near Hama in Syria on Monday.", "shelled", ["SYR_REB"], []),
    # a noun owner of a thing that is no place still names it
    ("The army shelled rebel positions near Aleppo in Syria on Monday.", "shelled", ["SYR_REB"], ["SYR_REB"]),
])
def test_the_refinements_keep_noun_owners_of_things(analyze, monkeypatch, text, trigger, alone, refined):
    monkeypatch.setattr(descriptors, "TARGET_OWNER_WORDS", True)
    assert _assault(analyze(text), trigger).recipients == alone
    monkeypatch.setattr(descriptors, "TARGET_OWNER_NOUNS_ONLY", True)
    monkeypatch.setattr(descriptors, "TARGET_OWNER_NOT_PLACES", True)
    assert _assault(analyze(text), trigger).recipients == refined
