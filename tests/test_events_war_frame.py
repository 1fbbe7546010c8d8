"""Sentences that tell the war as a whole are no events; one event per nested place.

Project-written sentences (none from an evaluation set). The rules: ``stages/events/war_frame``
(coding guide section 1: "descriptions of the war as a whole and war-wide totals" are not coded)
and ``assemble._distinct`` with ``NESTED_PLACES_ONE_EVENT`` (a place and a place inside it do not
make two events of one category in one sentence).
"""

from __future__ import annotations

import pytest

from sitrep.records import Place
from sitrep.stages.events import assemble
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


def _place(name: str, level: int, country: str = "SY", admin1: str | None = None) -> Place:
    return Place(document="d", start=0, end=len(name), text=name, sentence="", name=name, lat=35.0,
                 lon=38.0, country=country, admin1=admin1, level=level)


def test_a_country_contains_its_places_and_a_province_its_towns():
    syria, hasakah = _place("Syria", 1), _place("Hasakah", 4, admin1="08")
    province = _place("Hasakah Governorate", 2, admin1="08")
    assert assemble.contains(syria, hasakah) and not assemble.contains(hasakah, syria)
    assert assemble.contains(province, hasakah)
    assert not assemble.contains(_place("Aleppo Governorate", 2, admin1="09"), hasakah)
    assert not assemble.contains(_place("Iraq", 1, country="IQ"), hasakah)
    assert not assemble.contains(_place("Idlib", 4, admin1="07"), hasakah)  # two towns


@pytest.mark.slow
def test_a_harm_word_placed_in_the_country_and_the_attack_in_a_town_are_one_event():
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document

    # the parse gives "killed" the country and the attack the town: two events before the rule
    text = "At least nine people were killed and 20 wounded in a car bomb attack on a market in Azaz northern Syria on Friday."
    pipeline = build_pipeline(only=["actors", "time", "place", "events"])

    def assaults(flag: bool) -> list:  # type: ignore[type-arg]
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(assemble, "NESTED_PLACES_ONE_EVENT", flag)
            doc = Document(id=f"h{flag}", sha256=f"h{flag}", text=text, published="2016-10-06")
            return [e for e in next(pipeline.analyze([doc])).events if e.category == "ASSAULT"]

    assert len(assaults(False)) == 2
    (one,) = assaults(True)
    assert one.trigger == "car bomb" and one.place is not None and one.place.name != "Syria"


@pytest.mark.slow
def test_a_named_doers_act_told_against_the_war_stays_an_event():
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document

    text = "Since the war began, Turkish troops have shelled Kurdish positions near Afrin many times."
    pipeline = build_pipeline(only=["actors", "time", "place", "events"])
    analysis = next(pipeline.analyze([Document(id="k", sha256="k", text=text, published="2018-01-20")]))
    assert [e for e in analysis.events if e.category == "ASSAULT" and e.actors]
