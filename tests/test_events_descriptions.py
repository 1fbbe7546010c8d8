"""Events whose parties are named by description, by a clause or by the text around them (issue 13,
follow-up): "regime jet fighters", "a terrorist car bomb attack", "army units clashed with ...",
"strikes carried out by Russia", "soldiers were killed in fighting", context actors only from the
same incident, title-case headlines. Sentences written for these tests; the full pipeline runs
(actors, time, place, events), so each test loads the spaCy model."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _assaults(analysis):
    return [e for e in analysis.events if e.category == "ASSAULT"]


def test_state_forces_named_by_description_are_the_theatres_forces(analyze):
    analysis = analyze("Fighting raged in Idlib province on Sunday. "
                       "The regime jet fighters attacked the town of Ariha with chemical bombs on Monday.")
    (ev,) = [e for e in _assaults(analysis) if e.trigger == "attacked"]
    assert ev.actors == ["SYR_MIL"]


def test_a_modifier_of_the_attack_names_its_doer(analyze):
    (ev,) = _assaults(analyze("Nine civilians were killed in a terrorist car bomb attack in Aleppo on Monday."))
    assert ev.actors == ["SYR_REB"]
    assert ev.recipients == ["SYR_CVL"]


def test_aircraft_of_no_stated_owner_stay_unidentified(analyze):
    (ev,) = _assaults(analyze("A helicopter struck a market in Aleppo on Monday."))
    assert ev.actors == ["UAF"]


def test_both_sides_of_a_fight_are_actors_when_one_is_named_by_description(analyze):
    (ev,) = _assaults(analyze("Army units clashed with militants near Homs in Syria on Sunday."))
    assert set(ev.actors) == {"SYR_MIL", "SYR_REB"} and ev.recipients == []


def test_the_fallen_of_a_fight_are_a_side_not_its_target(analyze):
    (ev,) = _assaults(analyze("Forty Syrian soldiers were killed in fighting with the rebels near Aleppo on Monday."))
    assert "SYR_MIL" in ev.actors and ev.recipients == []


def test_the_passive_agent_of_a_clause_on_the_attack_is_its_actor(analyze):
    (ev,) = _assaults(analyze("Twelve people were killed in airstrikes carried out by Russia near Aleppo on Monday."))
    assert ev.actors == ["RUS"]
    assert ev.recipients == ["SYR_CVL"]


def test_those_killed_in_the_attack_are_its_recipients(analyze):
    (ev,) = _assaults(analyze("The militants were eliminated by Russian airstrikes near Raqqa in Syria on Monday."))
    assert ev.recipients == ["SYR_REB"]


def test_the_attack_told_again_takes_the_attacker_of_the_sentence_before(analyze):
    analysis = analyze("Militants attacked a checkpoint near Homs in Syria on Monday. The attack killed four soldiers.")
    (second,) = [e for e in _assaults(analysis) if e.trigger == "attack"]
    assert second.actors == ["SYR_REB"]


def test_no_context_actor_from_an_incident_of_another_date(analyze):
    analysis = analyze("Russian jets bombarded Idlib in Syria in 2015. "
                       "On 4 April 2016 a chemical attack killed 80 civilians in Khan Sheikhun.")
    (ev,) = [e for e in _assaults(analysis) if "attack" in e.trigger]
    assert ev.actors == []


def test_no_air_attack_is_given_to_a_party_without_aircraft(analyze):
    analysis = analyze("Rebels shelled a school in Aleppo on Monday. "
                       "Barrel bombs dropped from helicopters killed three people in the city.")
    (ev,) = [e for e in _assaults(analysis) if "bomb" in e.trigger.lower()]
    assert ev.actors == ["UAF"]


def test_a_title_case_headline_is_read_as_a_sentence(analyze):
    text = ("Five Civilians Killed in Car Bomb Attack in Aleppo City.\n\n"
            "Five civilians were killed on Monday in a car bomb attack in Aleppo.")
    analysis = analyze(text)
    headline_end = text.index("\n")
    heads = [e for e in _assaults(analysis) if e.trigger_start is not None and e.trigger_start < headline_end]
    assert len(heads) == 1 and heads[0].recipients == ["SYR_CVL"]
    assert heads[0].place is not None and heads[0].place.name == "Aleppo"


def test_a_headline_is_parsed_again_on_a_copy_with_the_same_tokens(nlp):
    from sitrep.stages.events.headlines import reparsed

    text = "Jets Bomb Market in Zorbanqa Town, Killing Nine.\n\nJets bombed a market in the town on Monday."
    doc = nlp(text)
    before = [t.tag_ for t in doc]
    copy, done = reparsed(doc, nlp, keep=set)
    assert done == {0} and copy is not doc
    assert [t.tag_ for t in doc] == before  # the document given is left as it was
    assert [(t.idx, t.text) for t in copy] == [(t.idx, t.text) for t in doc]
    assert [s.start for s in copy.sents] == [s.start for s in doc.sents]
    assert copy[1].pos_ == "VERB"  # "Bomb" is read as the verb it is
    # a sentence-case text has nothing to re-parse
    plain = nlp("Jets bombed a market in the town on Monday.")
    assert reparsed(plain, nlp, keep=set) == (plain, set())


def test_a_raid_by_armed_forces_is_an_attack_and_a_police_raid_is_not(analyze):
    (ev,) = [e for e in analyze("Raids carried out by Russian jets hit the village of Zorbanqa near Idlib on Monday.").events
             if "aid" in e.trigger.lower()]
    assert (ev.category, ev.mode) == ("ASSAULT", "aerial")
    (ev,) = [e for e in analyze("Police raided a house in Cairo on Monday and arrested two men.").events
             if "raid" in e.trigger.lower()]
    assert ev.category == "COERCE"


def test_a_raid_with_no_armed_doer_stays_coerce(analyze):
    """A raid is an attack only when armed forces carry it out (``seizure.raided``): a raid whose
    doer is not named, and a police raid, stay COERCE."""
    text = "At least 36 civilians were killed in raids on villages of Aleppo province on Monday."

    def raid(analysis):
        return [(e.category, e.trigger) for e in analysis.events if "raid" in e.trigger.lower()]

    assert ("COERCE", "raids") in raid(analyze(text))
    (ev,) = [e for e in analyze("Police raided a house in Cairo on Monday and arrested two men.").events
             if "raid" in e.trigger.lower()]
    assert ev.category == "COERCE"


def test_a_collective_noun_is_read_through_to_its_members(analyze):
    # "a large gathering of Kurdish fighters": the gathering is no agent noun, its members are
    (ev,) = _assaults(analyze("The rebels fired on a large gathering of Kurdish fighters near Hasaka city on Monday."))
    assert ev.recipients == ["SYR_REB"]


def test_who_comes_under_an_attack_is_its_target(analyze):
    analysis = analyze("The Iraqi soldiers came under a rebel mortar attack near Mosul on Monday.")
    (ev,) = _assaults(analysis)
    actors = {a.id: a for a in analysis.actors}
    assert [(actors[r].country, actors[r].sector) for r in ev.recipients] == [("IRQ", "MIL")]
    assert not set(ev.recipients) & set(ev.actors)
