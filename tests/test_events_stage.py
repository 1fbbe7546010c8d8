"""The events stage end to end on hand-made actor mentions, the scorer and the ACLED rows."""

from __future__ import annotations

import dataclasses

import pytest

from sitrep.records import (
    Actor,
    Document,
    Event,
    EventDate,
    EventPlace,
    Evidence,
    Mention,
    Place,
)
from sitrep.stages.events import EventStage
from sitrep.stages.events.acled import acled_rows
from sitrep.stages.events.scorer import align, score

ACTORS = {
    "Russia": Actor("RUS", "Russia", "state", "RUS", "GOV"),
    "Moscow": Actor("RUS", "Russia", "state", "RUS", "GOV"),
    "Washington": Actor("USA", "United States", "state", "USA", "GOV"),
    "Turkey": Actor("TUR", "Turkey", "state", "TUR", "GOV"),
    "the rebels": Actor("SYR_REB", "Syrian rebels", "armed_group", "SYR", "REB"),
    "Kerry": Actor("john_kerry", "John Kerry", "person", "USA", "GOV"),
    "Lavrov": Actor("sergei_lavrov", "Sergei Lavrov", "person", "RUS", "GOV"),
    "the UN": Actor("UN", "United Nations", "igo", "UNO", "IGO"),
    "Iran": Actor("IRN", "Iran", "state", "IRN", "GOV"),
}


@pytest.fixture(scope="module")
def stage(nlp):
    return EventStage(nlp)


@pytest.fixture
def run(parse, stage):
    def _run(text, published="2016-07-16", **meta):
        analysis = parse(text, published=published, **meta)
        mentions, actors = [], {}
        for surface, actor in ACTORS.items():
            start = 0
            while (i := text.find(surface, start)) >= 0:
                mentions.append(Mention("t", actor.id, i, i + len(surface), surface,
                                        analysis.sentence_text(i)))
                actors[actor.id] = actor
                start = i + len(surface)
        analysis = dataclasses.replace(analysis, mentions=mentions, actors=list(actors.values()))
        return stage(analysis)
    return _run


def only(events, category):
    found = [e for e in events if e.category == category]
    assert found, f"no {category} event in {[(e.trigger, e.category) for e in events]}"
    return found[0]


def test_stage_actor_and_recipient_from_dependencies(run):
    ev = only(run("Russia bombed the rebels near Aleppo on Tuesday.").events, "ASSAULT")
    assert ev.actors == ["RUS"] and ev.recipients == ["SYR_REB"]
    assert ev.status == "asserted" and ev.mode == "aerial"


def test_stage_nominal_event_with_possessor_and_on(run):
    ev = only(run("Russia's air strike on the UN convoy killed ten people.").events, "ASSAULT")
    assert ev.actors == ["RUS"] and ev.recipients[0] == "UN"
    # the people killed are recipients too (coding guide), but nothing says they are Russian:
    # the attacker's own state is not the victims' state
    assert not [r for r in ev.recipients if r.startswith("RUS")]
    assert [r for r in ev.recipients if r.endswith("CVL")]


def test_stage_compound_and_reciprocal_actors(run):
    ev = only(run("Kerry met with Lavrov in Geneva.").events, "CONSULT")
    assert set(ev.actors) == {"john_kerry", "sergei_lavrov"} and ev.recipients == []
    ev = only(run("Russia and Iran accused Turkey of arming the rebels.").events, "ACCUSE")
    assert set(ev.actors) == {"RUS", "IRN"} and ev.recipients == ["TUR"]


def test_stage_hyphenated_agreement_names_its_parties(run):
    ev = only(run("The Kerry-Lavrov agreement collapsed within a week.").events, "AGREE")
    assert set(ev.actors) == {"john_kerry", "sergei_lavrov"}


def test_stage_reported_event_is_attributed(run):
    ev = only(run("Washington said Russia had bombed the rebels.").events, "ASSAULT")
    assert ev.status == "reported" and ev.attributed_to == "USA" and ev.actors == ["RUS"]


def test_stage_blamed_strike_is_reported_with_the_blamed_actor(run):
    text = "The air strike on the UN convoy near the city, which Washington blamed on Russia, shocked donors."
    ev = only(run(text).events, "ASSAULT")
    assert ev.actors == ["RUS"] and ev.recipients == ["UN"]
    assert ev.status == "reported" and ev.attributed_to == "USA"


def test_stage_hypothetical_is_never_asserted(run):
    events = run("Turkey might attack the rebels if the talks fail.").events
    assert all(e.status != "asserted" for e in events if e.category == "ASSAULT")
    # the events guide codes a possibility as a `hypothetical` event (not as no event)
    assert [e.status for e in events if e.category == "ASSAULT"] == ["hypothetical"]


def test_stage_evidence_offsets_and_stable_id(run):
    text = "Moscow denied the report. Russia bombed the rebels on Tuesday."
    a1, a2 = run(text), run(text)
    ev = only(a1.events, "ASSAULT")
    assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    assert ev.evidence.text.startswith("Russia bombed")
    assert [e.id for e in a1.events] == [e.id for e in a2.events]
    assert 0.0 <= ev.confidence <= 1.0


def test_stage_date_falls_back_to_publication(run):
    ev = only(run("Russia bombed the rebels.").events, "ASSAULT")
    assert ev.date == EventDate("2016-07-16", "document", None)
    ev = only(run("Russia bombed the rebels.", published=None).events, "ASSAULT")
    assert ev.date is None  # never invented


def test_scorer_alignment_and_missing_event():
    ev = Event("e1", "d", "ASSAULT", "asserted", Evidence(0, 10, "x"), "bombed", actors=["RUS"])
    other = Event("e2", "d", "ACCUSE", "asserted", Evidence(0, 10, "x"), "said", confidence=0.9)
    assert align([other, ev], "bombed city") is ev
    assert align([other, ev], "nothing shared") is other  # highest confidence
    assert align([], "x") is None

    class A:  # the fields score() reads
        def __init__(self, events, actors, mentions, places=()):
            self.events, self.actors, self.mentions = events, actors, mentions
            self.places = list(places)

    text = "Russia bombed Aleppo."
    rec = {"text": text, "event": "FIGHT", "eventText": "bombed",
           "source": [{"actorText": "Russia", "code": "RUS"}], "target": ""}
    actor = Actor("RUS", "Russia", "state", "RUS", "GOV")
    mention = Mention("d", "RUS", 0, 6, "Russia", text)
    res = score([rec, rec], [A([ev], [actor], [mention]), A([], [], [])])
    assert res["category_accuracy"] == 0.5  # FIGHT→ASSAULT right once; no event = wrong
    assert res["actor_f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5, abs=1e-3)
    assert res["status_accuracy"] is None and res["n"] == 2


def test_acled_rows_keep_only_factual_events():
    doc = Document("d", "x", "text", publisher="Outlet")
    base = Event("e", "d", "ASSAULT", "asserted", Evidence(0, 4, "Jets hit."), "hit", mode="aerial",
                 actors=["RUS"], recipients=["SYR_REB"], date=EventDate("2016-07-14", "day", "Thursday"),
                 place=EventPlace("Aleppo", None, None, "SY", None, "Aleppo"))
    events = [base, dataclasses.replace(base, id="f", status="hypothetical"),
              dataclasses.replace(base, id="g", status="reported", category="PROTEST", mode=None)]
    places = [Place("d", 0, 6, "Aleppo", "s", "Aleppo", 36.2, 37.16, "SY")]
    rows = acled_rows(events, [doc], places, actors=[ACTORS["Russia"]])
    assert [r.event_type for r in rows] == ["Explosions/Remote violence", "Protests"]
    assert rows[0].actor1 == "Russia" and rows[0].actor2 == "SYR_REB"
    assert (rows[0].latitude, rows[0].longitude) == (36.2, 37.16)
    assert rows[0].source == "Outlet" and rows[0].event_date == "2016-07-14"


def _with_place(analysis, text, name, iso2):
    i = text.index(name)
    place = Place("t", i, i + len(name), name, text, name, 0.0, 0.0, iso2)
    return dataclasses.replace(analysis, places=[place])


def test_stage_place_recipient_is_its_state(parse, stage):
    text = "Russia fired rockets at targets in Jericho on Tuesday."
    analysis = parse(text, published="2016-07-16")
    i = text.index("Russia")
    analysis = dataclasses.replace(analysis, actors=[ACTORS["Russia"]],
                                   mentions=[Mention("t", "RUS", i, i + 6, "Russia", text)])
    done = stage(_with_place(analysis, text, "Jericho", "PS"))
    ev = only(done.events, "ASSAULT")
    assert ev.actors == ["RUS"] and ev.recipients == ["PSE"]
    state = next(a for a in done.actors if a.id == "PSE")
    assert state.kind == "state" and state.country == "PSE"


def test_stage_meeting_venue_is_not_a_recipient(parse, stage):
    text = "Kerry met Lavrov in Geneva on Friday."
    analysis = parse(text, published="2016-07-16")
    done = stage(_with_place(analysis, text, "Geneva", "CH"))
    assert all("CHE" not in e.recipients for e in done.events)
    assert all(a.id != "CHE" for a in done.actors)


def test_stage_subject_place_is_not_a_recipient(parse, stage):
    text = "Gunmen from Jericho attacked a checkpoint on Tuesday."
    analysis = parse(text, published="2016-07-16")
    done = stage(_with_place(analysis, text, "Jericho", "PS"))
    assert all("PSE" not in e.recipients for e in done.events)


def test_stage_figurative_battle_is_not_an_event(run):
    events = run("Russia and Turkey held a summit on the battle against poverty.").events
    assert not [e for e in events if e.category == "ASSAULT"]
    assert only(events, "CONSULT")  # the rest of the sentence is still coded
    # an event with no actor, recipient or place is not a record (issue 13)
    assert run("The battle against poverty dominated the summit.").events == []


def test_stage_battle_against_an_actor_is_an_event(run):
    assert only(run("The battle against the rebels dominated the summit.").events, "ASSAULT")


def test_stage_promise_to_help_in_a_battle_is_not_a_threat(run):
    events = run("The government promised to help with the battle against the rebels.").events
    assert not [e for e in events if e.category == "THREATEN"]


def test_scorer_state_recipient_matches_by_its_place():
    class A:
        def __init__(self, events, actors, mentions, places):
            self.events, self.actors, self.mentions, self.places = events, actors, mentions, places

    text = "Russia bombed Aleppo."
    rec = {"text": text, "event": "ASSAULT", "eventText": "bombed",
           "source": [{"actorText": "Russia", "code": "RUS"}],
           "target": [{"actorText": "Aleppo", "code": "SYR"}]}
    actors = [Actor("RUS", "Russia", "state", "RUS", "GOV"), Actor("SYR", "Syria", "state", "SYR", "GOV")]
    mention = Mention("d", "RUS", 0, 6, "Russia", text)
    aleppo = Place("d", 14, 20, "Aleppo", text, "Aleppo", 36.2, 37.2, "SY")
    ev = Event("e", "d", "ASSAULT", "asserted", Evidence(0, len(text), text), "bombed",
               actors=["RUS"], recipients=["SYR"])
    assert score([rec], [A([ev], actors, [mention], [aleppo])])["recipient_f1"] == 1.0
    # a state recipient with no place or mention over the gold text does not match
    assert score([rec], [A([ev], actors, [mention], [])])["recipient_f1"] == 0.0


@pytest.mark.parametrize("text,category,actors,recipients", [
    # a protest's recipient is who its purpose clause addresses
    ("Farmers blocked roads to demand the return of land seized by the rebels.", "PROTEST", [],
     ["SYR_REB"]),
    ("Students blocked roads to press their demands for reforms from Turkey.", "PROTEST", [],
     ["TUR"]),
    ("Refugees began a hunger strike in protest of Turkey's refusal to open the border.", "PROTEST",
     [], ["TUR"]),
    ("Dockers stopped work over a labour law drafted by Turkey.", "PROTEST", [], ["TUR"]),
    # a mediator's recipients are the parties it mediates between
    ("Washington launched a mediation effort between Turkey and Iran on Saturday.", "CONSULT",
     ["USA"], ["TUR", "IRN"]),
    # an investigation's recipient is the perpetrator of the act under investigation
    ("Iran launched an investigation into crimes committed by the rebels.", "ACCUSE", ["IRN"],
     ["SYR_REB"]),
    # a threat's recipient is the subject of its condition
    ("Russia threatened to stop the talks if Washington goes ahead with the plan.", "THREATEN",
     ["RUS"], ["USA"]),
    # a nominal attack that is the subject of a harm verb: its object
    ("A roadside bombing killed the rebels on Tuesday.", "ASSAULT", [], ["SYR_REB"]),
    # the subject of a stative passive of commitment commits
    ("Turkey is committed to reopening the border crossings.", "AGREE", ["TUR"], []),
    # the issuer of a declaration that demands
    ("Iran issued a statement demanding that Turkey close its border.", "REQUEST", ["IRN"], ["TUR"]),
])
def test_stage_indirect_arguments(run, text, category, actors, recipients):
    ev = only(run(text).events, category)
    assert (ev.actors, ev.recipients) == (actors, recipients)


@pytest.mark.parametrize("text,place,iso2", [
    ("Kerry and Lavrov signed the agreement in Geneva on Friday.", "Geneva", "CH"),
    ("Turkey agreed to the deal despite the fighting in Jericho.", "Jericho", "PS"),
])
def test_stage_venue_or_circumstance_place_is_not_a_recipient(parse, stage, text, place, iso2):
    analysis = parse(text, published="2016-07-16")
    done = stage(_with_place(analysis, text, place, iso2))
    assert done.events
    assert not [e for e in done.events if any(r in ("CHE", "PSE") for r in e.recipients)]


@pytest.mark.parametrize("text,place,iso2", [
    ("Jets struck a market, according to the Britain-based Observatory.", "Britain", "GB"),
    ("Jets struck the Britain-based charity's depot.", "Britain", "GB"),
])
def test_stage_source_or_describing_place_is_not_a_recipient(parse, stage, text, place, iso2):
    analysis = parse(text, published="2016-07-16")
    done = stage(_with_place(analysis, text, place, iso2))
    assert done.events
    assert not [e for e in done.events if "GBR" in e.recipients]
