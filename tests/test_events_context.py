"""Who did it when the sentence does not say (issue 13, roles): the actor of the same incident
told before (``assemble.ContextRule``, fitted by ``benchmarks/events_context.py``) and a definite
description that refers back to the named group ("the militants" after "Islamic State
fighters"). Candidates and sentences are written for these tests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sitrep.records import EventDate, Place
from sitrep.stages.events.assemble import (
    CONTEXT_RULE_FILE,
    Candidate,
    ContextRule,
    _other_place,
    from_context,
)
from sitrep.stages.events.descriptors import generic_armed


def _cand(n: int, *, actors: list[str] | None = None, recipients: list[str] | None = None,
          category: str = "ASSAULT", place: Place | None = None, date: str | None = None) -> Candidate:
    """A candidate with only what ``from_context`` reads (no trigger or sentence: not needed)."""
    when = EventDate(date, "day") if date else None
    none: Any = None
    return Candidate(none, none, n, category, None, 1.0, none, "asserted", actors=list(actors or []),
                     recipients=list(recipients or []), place=place, date=when)


def _place(name: str, *, country: str = "SY", admin1: str | None = None, level: int = 4) -> Place:
    return Place(document="d", start=0, end=len(name), text=name, sentence="", name=name, lat=1.0, lon=1.0,
                 country=country, admin1=admin1, level=level)


def test_the_shipped_rule_is_read_from_its_file_and_defaults_stand_without_it(tmp_path):
    shipped = json.loads(CONTEXT_RULE_FILE.read_text(encoding="utf-8"))
    assert ContextRule.load() == ContextRule(**shipped["rule"])
    assert "tune" in shipped["fitted_on"] and "check" in shipped["fitted_on"]
    assert ContextRule.load(tmp_path / "absent.json") == ContextRule()
    odd = tmp_path / "rule.json"
    odd.write_text(json.dumps({"rule": {"window": 5, "unknown": 1}}), encoding="utf-8")
    assert ContextRule.load(odd) == ContextRule(window=5)


def test_the_attack_takes_the_actor_of_the_incident_told_just_before():
    told, again = _cand(0, actors=["RUS_MIL"]), _cand(1)
    from_context([told, again], rule=ContextRule())
    assert again.actors == ["RUS_MIL"] and again.context_actors


def test_no_actor_from_beyond_the_window():
    told, again = _cand(0, actors=["RUS_MIL"]), _cand(3)
    from_context([told, again], rule=ContextRule(window=2))
    assert again.actors == []
    from_context([told, again], rule=ContextRule(window=3))
    assert again.actors == ["RUS_MIL"]


def test_an_earlier_event_without_actor_is_skipped_only_when_the_rule_says_so():
    events = [_cand(0, actors=["SYR_MIL"]), _cand(1), _cand(2)]
    from_context(events, rule=ContextRule(window=2, nearest_with_actor=False))
    assert events[2].actors == ["SYR_MIL"]  # the empty one in between was filled first, in text order
    events = [_cand(0, actors=["SYR_MIL"]), _cand(1, category="COERCE"), _cand(2, category="COERCE")]
    from_context(events, rule=ContextRule(nearest_with_actor=True))
    assert events[2].actors == []  # another category, and no family rule
    from_context(events, rule=ContextRule(nearest_with_actor=True, by_family=True))
    assert events[1].actors == ["SYR_MIL"]


def test_a_two_sided_fight_gives_the_side_that_is_not_the_target():
    fight, result = _cand(0, actors=["SYR_MIL", "SYR_REB"]), _cand(1, recipients=["SYR_REB"])
    from_context([fight, result], rule=ContextRule(other_side=False))
    assert result.actors == []  # the old rule: a side that is the target blocks the whole list
    from_context([fight, result], rule=ContextRule(other_side=True))
    assert result.actors == ["SYR_MIL"]


def test_no_actor_across_another_date_or_another_place():
    told, again = _cand(0, actors=["RUS_MIL"], date="2016-04-01"), _cand(1, date="2016-04-04")
    from_context([told, again], rule=ContextRule())
    assert again.actors == []
    told = _cand(0, actors=["RUS_MIL"], place=_place("Ariha", admin1="Idlib"))
    again = _cand(1, place=_place("Tadif", admin1="Aleppo"))
    from_context([told, again], rule=ContextRule(place_guard=True))
    assert again.actors == []
    from_context([told, again], rule=ContextRule(place_guard=False))
    assert again.actors == ["RUS_MIL"]


def test_places_inside_one_another_are_one_place():
    assert not _other_place(_place("Ariha", admin1="Idlib"), _place("Jisr", admin1="Idlib"))
    assert not _other_place(_place("Syria", level=1), _place("Ariha", admin1="Idlib"))
    assert not _other_place(None, _place("Ariha"))
    assert _other_place(_place("Ariha", admin1="Idlib"), _place("Mosul", country="IQ"))


def test_an_unidentified_attacker_is_replaced_only_when_the_rule_says_so():
    told, again = _cand(0, actors=["SYR_MIL"]), _cand(1, actors=["UAF"])
    from_context([told, again], rule=ContextRule(replace_unidentified=False))
    assert again.actors == ["UAF"]
    from_context([told, again], rule=ContextRule(replace_unidentified=True))
    assert again.actors == ["SYR_MIL"]


def test_generic_armed_ids_are_told_from_named_groups():
    assert generic_armed("REB") and generic_armed("SYR_REB") and generic_armed("UAF")
    assert not generic_armed("SYR_MIL") and not generic_armed("Q2429253") and not generic_armed("SYR")


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


@pytest.mark.slow
def test_a_definite_description_refers_back_to_the_named_group(analyze):
    analysis = analyze("Islamic State fighters stormed the village of Tal Abyad on Monday. "
                       "The militants killed 12 civilians, activists said.")
    named = {a.id for a in analysis.actors if a.name == "Islamic State"}
    (stormed,) = [e for e in analysis.events if e.trigger == "stormed"]
    (killed,) = [e for e in analysis.events if e.trigger == "killed"]
    assert named and stormed.actors == killed.actors and set(killed.actors) <= named


@pytest.mark.slow
def test_an_indefinite_description_stays_a_generic_party(analyze):
    analysis = analyze("Islamic State fighters stormed the village of Tal Abyad on Monday. "
                       "Militants killed 12 civilians in Aleppo, activists said.")
    (killed,) = [e for e in analysis.events if e.trigger == "killed"]
    assert killed.actors and all(generic_armed(a) for a in killed.actors)


@pytest.mark.slow
def test_a_relative_pronoun_subject_is_the_noun_its_clause_modifies(analyze):
    analysis = analyze("The envoy criticised the UN Security Council resolution which called for "
                       "the deployment of observers in Aleppo.")
    (called,) = [e for e in analysis.events if e.category == "REQUEST"]
    council = {a.id for a in analysis.actors if "Security Council" in a.name}
    assert council and set(called.actors) == council


@pytest.mark.slow
def test_a_possessor_of_a_named_group_is_not_a_second_party(analyze):
    analysis = analyze("Osama bin Laden's al-Qaeda network has threatened to attack the United States.")
    (threat,) = [e for e in analysis.events if e.category == "THREATEN"]
    names = {a.id: a.name for a in analysis.actors}
    assert [names[a] for a in threat.actors] == ["al-Qaeda"]
    analysis = analyze("Syria's army shelled the town of Ariha on Monday.")
    (shelled,) = [e for e in analysis.events if e.category == "ASSAULT"]
    assert shelled.actors  # a possessor alone still names the party


def test_a_lead_takes_no_doer_from_the_sentences_after_it():
    lead, told = _cand(0), _cand(1, actors=["IS"])
    from_context([lead, told], rule=ContextRule())
    assert lead.actors == [] and not lead.context_actors


def _doers(analysis, trigger):  # type: ignore[no-untyped-def]
    names = {a.id: a.name for a in analysis.actors}
    (event,) = [e for e in analysis.events if e.trigger == trigger]
    return [names.get(i, i) for i in event.actors]


CLAIMED = ("The town lies near the Turkish border. A car bomb killed five people in Azaz on Monday. "
           "Islamic State claimed responsibility for the bombing.")


@pytest.mark.slow
def test_no_claimed_doer_is_carried_back_from_a_later_sentence(analyze):
    assert _doers(analyze(CLAIMED), "car bomb") == []


def test_an_unplaced_lead_takes_no_place_from_after_it():
    town = _place("Kafr Zita")
    lead, told = _cand(0), _cand(1, place=town)
    from_context([lead, told], rule=ContextRule())
    assert lead.place is None and not lead.context_place
