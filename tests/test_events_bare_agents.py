"""Bare agent nouns of the security sectors as actors, and the events they keep (issue 13, branch bare1).

"Police arrested …" in a document that names no country had no actor, so ``assemble.is_record`` dropped
the event. The actor stage now makes a bare security-sector noun that refers (plural or determined) a
generic mention (``actors.resolve.STANDALONE_AGENTS``; the nouns of the state-force sectors derived from
the KB's agents, ``kb.load.standalone_agents``), and the events stage reads a bare agent-noun mention as a
description (``events.stage.THEATRE_FORCES``): the theatre's forces, an unstated owner's aircraft or bomber
unidentified. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from sitrep.kb.load import load_kb, standalone_agents

STAGES = ["actors", "time", "place", "events"]


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, STAGES)


def _events(an, category):
    return [e for e in an.events if e.category == category]


@pytest.mark.parametrize("text", [
    "Police arrested the opposition leader at his home on Monday.",
    "The police arrested a student activist outside the university.",
    "On Tuesday, riot police arrested dozens of protesters in the square.",
])
def test_bare_police_is_the_actor_of_an_arrest(analyze, text):
    an = analyze(text)
    (arrest,) = _events(an, "COERCE")
    assert arrest.actors == ["COP"]
    assert arrest.status == "asserted"
    assert any(m.actor == "COP" and m.method == "generic" for m in an.mentions)


def test_bare_army_is_the_actor_of_shelling(analyze):
    an = analyze("The army shelled the northern villages overnight.")
    (shelling,) = _events(an, "ASSAULT")
    assert shelling.actors == ["MIL"]


def test_bare_police_in_a_report_on_a_country_is_that_countrys_police(analyze):
    an = analyze("Fighting broke out in Syria last week. Police arrested the opposition leader on Monday.")
    (arrest,) = _events(an, "COERCE")
    assert arrest.actors == ["SYR_COP"]


def test_a_bare_army_in_a_fight_is_a_side_as_a_named_army_is(analyze):
    bare = _events(analyze("The rebels fought the army near Hama in Syria on Monday."), "ASSAULT")
    named = _events(analyze("The rebels fought the Syrian army near Hama in Syria on Monday."), "ASSAULT")
    assert [(e.actors, e.recipients) for e in bare] == [(e.actors, e.recipients) for e in named]
    assert bare[0].actors == ["SYR_REB", "SYR_MIL"]


def test_an_unowned_aircraft_stays_unidentified(analyze):
    an = analyze("Fighting broke out in Syria last week. Helicopters bombed the village on Monday.")
    (bombing,) = [e for e in _events(an, "ASSAULT") if e.trigger == "bombed"]
    assert bombing.actors == ["UAF"]


@pytest.mark.parametrize("text", [
    "The police station stood empty near the old market.",
    "Police officers in the town like to play football on Sundays.",
])
def test_a_bare_noun_in_a_sentence_without_an_event_gives_no_event(analyze, text):
    assert analyze(text).events == []


@pytest.mark.parametrize("text", [
    "Rebels threatened the use of force against the convoy.",
    "The ministry said intelligence suggests the attack was planned.",
])
def test_a_noun_that_names_a_kind_or_a_mass_is_no_actor(analyze, text):
    an = analyze(text)
    assert not any(m.text.lower() in ("force", "intelligence") for m in an.mentions)


def test_switched_off_the_bare_police_is_no_actor(analyze_text, monkeypatch):
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document
    from sitrep.stages.actors import resolve
    from sitrep.stages.events import stage

    monkeypatch.setattr(resolve, "STANDALONE_AGENTS", False)
    monkeypatch.setattr(stage, "THEATRE_FORCES", False)
    pipeline = build_pipeline(only=STAGES)
    doc = Document(id="off", sha256="off", text="Police arrested the opposition leader at his home on Monday.")
    an = next(pipeline.analyze([doc]))
    assert an.mentions == [] and an.events == []


def test_standalone_nouns_are_derived_from_the_agents_of_the_sectors():
    agents = {"police": "COP", "riot police": "COP", "police station": "COP", "army": "MIL",
              "army units": "MIL", "units": "MIL", "president": "GOV", "intelligence operation": "SPY"}
    assert standalone_agents(agents, ["COP", "MIL", "SPY"]) == {"police", "riot police", "army", "army units",
                                                                 "units"}
    assert "president" in standalone_agents(agents, ["GOV"])


def test_the_shipped_kb_lets_police_and_the_army_stand_alone_but_not_the_police_station():
    kb = load_kb()
    assert {"police", "riot police", "army", "army units", "security forces", "secret police"} <= kb.standalone_agents
    assert "police station" not in kb.standalone_agents
    # GOV, REB and UAF are not standalone sectors (REB and UAF nouns stand alone by the hand list ``armed``)
    assert not {"government", "president", "gunmen", "rebels"} & kb.standalone_agents
    assert {"gunmen", "rebels"} <= kb.armed_agents
