"""Sentences that tell the war as a whole are no events.

Project-written sentences (none from an evaluation set). The rule: ``stages/events/war_frame``
(coding guide section 1: "descriptions of the war as a whole and war-wide totals" are not coded).
"""

from __future__ import annotations

import pytest

from sitrep.stages.events.war_frame import war_frame


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "More than 300,000 people have been killed since the war began in 2011.",
    "A civil war broke out in the country in 2011 and has since claimed 200,000 lives.",
    "Since the outbreak of the uprising, dozens of videos have been released.",
    "It was the deadliest strike on the town since the start of the conflict.",
    "The conflict has been raging since 2011, with troops fighting many groups.",
])
def test_the_war_told_as_a_whole_is_a_frame(nlp, text):
    assert war_frame(nlp(text)[:])


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Government jets struck the market in Ariha on Monday, killing nine people.",
    # an event of its own, dated by the war but not about it
    "The rebels seized the town in 2013, two years after the uprising broke out.",
    "After the start of the war, the army besieged the suburb.",
    "The strikes killed 12 people in the war-torn province, the monitor said.",
    "The minister discussed the crisis in Yemen with his counterpart.",
])
def test_an_event_dated_or_placed_by_the_war_is_no_frame(nlp, text):
    assert not war_frame(nlp(text)[:])


@pytest.mark.slow
def test_a_war_frame_sentence_yields_no_event_and_its_neighbours_keep_theirs():
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document

    text = ("Government jets struck the market in Ariha on Monday, killing nine people. "
            "More than 300,000 people have been killed since the war began with protests "
            "that were met with a crackdown.")
    pipeline = build_pipeline(only=["actors", "time", "place", "events"])
    analysis = next(pipeline.analyze([Document(id="w", sha256="w", text=text, published="2016-07-16")]))
    second = text.index("More than")
    assert analysis.events, "the strike is an event"
    assert all(e.evidence.start < second for e in analysis.events), [e.trigger for e in analysis.events]


@pytest.mark.slow
def test_a_named_doers_act_told_against_the_war_stays_an_event():
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document

    text = "Since the war began, Turkish troops have shelled Kurdish positions near Afrin many times."
    pipeline = build_pipeline(only=["actors", "time", "place", "events"])
    analysis = next(pipeline.analyze([Document(id="k", sha256="k", text=text, published="2018-01-20")]))
    assert [e for e in analysis.events if e.category == "ASSAULT" and e.actors]
