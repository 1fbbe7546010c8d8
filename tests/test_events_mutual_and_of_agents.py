"""Doers of events told by their sides or with their agent after an "of" object (issue 13, actors,
branch events12). Classes of actor misses read from the parse, no word lists (the first two from
the FA-KES tune half's misses, the third from a PLOVER tune record's shape):

* "attacks between regime forces and the opposition", "a deal agreed between Russia, Iran and
  Turkey": an event with no doer of its own is done by the parties between whom it is
  (``arguments.between_parties``); a mediation is between the parties it is *not* done by;
* "the bombing of several locations by Syrian jets": the parser hangs the nominal event's "by"
  phrase on the nearer noun of its "of" complement; it names the doer, not a recipient
  (``arguments._of_object_agents``);
* "Italian police have put a US national under investigation": the active subject of a verb that
  puts its object *under* a nominal event does it, the object undergoes it (``arguments.under_doers``).

Sentences are written for these tests."""

from __future__ import annotations

import pytest

from sitrep.stages.events.arguments import (
    MUTUAL_PARTIES,
    _of_object_agents,
    between_parties,
)


def _token(doc, word):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.lower_ == word)


def test_the_mutual_event_needs_two_parties():
    assert MUTUAL_PARTIES == 2


@pytest.fixture(scope="module")
def analyse():  # loads the model (slow)
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document

    pipeline = build_pipeline(only=["actors", "time", "place", "events"])

    def _run(text: str):  # type: ignore[no-untyped-def]
        return next(pipeline.analyze([Document(id="d", sha256="d", text=text, published="2017-03-01")]))

    return _run


def _event(analysis, trigger):  # type: ignore[no-untyped-def]
    (event,) = [e for e in analysis.events if e.trigger.lower() == trigger]
    return list(event.actors), list(event.recipients)  # KB actor ids


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, sides", [
    ("Five people were killed in attacks between Syrian troops and Hezbollah fighters near the border.",
     "attacks", {"SYR_MIL", "HEZBOLLAH"}),
    ("A truce was agreed between Russia, Iran and Turkey last week.", "agreed", {"RUS", "IRN", "TUR"}),
])
def test_the_sides_of_an_event_without_a_doer_are_its_actors(analyse, text, trigger, sides):
    actors, recipients = _event(analyse(text), trigger)
    assert set(actors) == sides
    assert not sides & set(recipients)


@pytest.mark.slow
def test_a_mediation_is_not_done_by_the_parties_it_is_between(analyse):
    actors, recipients = _event(analyse("Qatar launched a mediation effort between Armenia and Azerbaijan."),
                                "launched mediation")
    assert actors == ["QAT"]
    assert set(recipients) == {"ARM", "AZE"}


@pytest.mark.slow
def test_a_named_doer_keeps_the_between_parties_as_recipients(analyse):
    # the doer is named: the "between" phrase says where the act fell, it does not add doers
    analysis = analyse("Turkish jets bombed the positions between Kurdish fighters and Syrian troops near Manbij.")
    actors, _ = _event(analysis, "bombed")
    assert actors == ["TUR_MIL"]


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, doer", [
    ("The Kurdish fighters widened their hold on the town despite the bombing of several positions by Syrian jets.",
     "bombing", "SYR_AF"),
    ("The army ended the siege of the town by Islamic State fighters.", "siege", "ISIS"),
])
def test_the_by_phrase_of_an_of_object_is_the_doer(analyse, text, trigger, doer):
    actors, recipients = _event(analyse(text), trigger)
    assert actors == [doer]
    assert doer not in recipients


def test_the_by_phrase_after_an_of_object_is_read_from_the_parse(nlp):
    from sitrep.stages.events.arguments import MentionIndex

    doc = nlp("The bombing of several locations by Syrian jets continued.")
    obj = _token(doc, "locations")
    # the pinned parser hangs "by" on the object; a new model that does not makes this test fail, not skip
    assert any(c.lower_ == "by" for c in obj.children), "the parser hung 'by' elsewhere"
    index = MentionIndex.build(doc, [], [])
    assert _of_object_agents(obj, index, set()) == []  # no actor mention: nothing named


def test_no_between_phrase_names_no_sides(nlp):
    from sitrep.stages.events.arguments import MentionIndex
    from sitrep.stages.events.triggers import Trigger

    doc = nlp("Rebels attacked the checkpoint.")
    verb = _token(doc, "attacked")
    trig = Trigger(verb, [verb], None, "verb")  # type: ignore[arg-type]
    assert between_parties(trig, MentionIndex.build(doc, [], [])) == []


@pytest.mark.slow
def test_who_puts_someone_under_an_event_does_it(analyse):
    # "put X under investigation": the object undergoes it, the active subject does it
    actors, recipients = _event(analyse("Italian police have put a US national under investigation for her role in the riots."),
                                "investigation")
    assert actors == ["ITA_COP"]
    assert recipients == ["USA"]


@pytest.mark.parametrize("text, doers, undergoer", [
    ("Italian police put the suspect under investigation.", ["police"], "suspect"),
    ("Syrian troops came under a mortar attack near Hama.", [], "troops"),  # no object: the subject undergoes it
])
def test_the_under_phrase_reads_the_object_first(nlp, text, doers, undergoer):
    from sitrep.stages.events.arguments import under_doers, undergoers
    from sitrep.stages.events.triggers import Trigger

    doc = nlp(text)
    noun = next(t for t in doc if t.lower_ in ("investigation", "attack"))
    # the pinned parser's reading; a new model that reads it otherwise makes this test fail, not skip
    assert noun.dep_ == "pobj" and noun.head.lower_ == "under", f"parsed as {noun.dep_} of {noun.head.text}"
    trig = Trigger(noun, [noun], None, "noun")  # type: ignore[arg-type]
    assert [t.lower_ for t in under_doers(trig)] == doers
    assert [t.lower_ for t in undergoers(trig)] == [undergoer]
