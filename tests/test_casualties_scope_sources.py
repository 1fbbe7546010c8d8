"""Issue 12 follow-up, on texts written for these tests (never taken from a data set):

- a non-incident figure can never sit on an event (the records refuse it: a structural
  guarantee, whatever the scope rules decide);
- period tolls named by a running period ("during the last two weeks", "this month") are
  period totals, "earlier this month" stays an earlier incident;
- a sentence that opens on an earlier weekday than the lead incident tells an earlier incident;
- a toll the article first gave as an earlier incident keeps that scope when it comes back;
- a headline's verbless credit ("... in Daraa Monitor") is the source of the headline's figures.
"""

from __future__ import annotations

import dataclasses

import pytest

from sitrep.records import Casualty, Event, Evidence
from sitrep.stages.casualties.lexicon import load_lexicon
from sitrep.stages.casualties.scope import rule_scope


def _casualty(scope: str, event: str | None) -> Casualty:
    return Casualty("c1", "d1", "killed", "people", 300000, 0, 7, "300,000", Evidence(0, 7, "300,000"),
                    scope=scope, event=event)  # type: ignore[arg-type]


def _event(casualties: list[Casualty]) -> Event:
    return Event("e1", "d1", "ASSAULT", "asserted", Evidence(0, 10, "x"), "shelled", casualties=casualties)


# -- the structural guarantee ---------------------------------------------------------------------

@pytest.mark.parametrize("scope", ["war_total", "background"])
def test_a_non_incident_figure_cannot_name_an_event(scope):
    with pytest.raises(ValueError, match="only incident figures attach to events"):
        _casualty(scope, "e1")
    assert _casualty(scope, None).event is None


def test_an_event_refuses_a_war_total_even_through_replace():
    incident = _casualty("incident", "e1")
    event = _event([incident])
    assert event.casualties == [incident]
    total = _casualty("war_total", None)
    with pytest.raises(ValueError, match="never belong to an event"):
        _event([incident, total])
    with pytest.raises(ValueError, match="never belong to an event"):
        dataclasses.replace(event, casualties=[total])


# -- the scope rules on features --------------------------------------------------------------------

def test_rules_on_a_fronted_earlier_weekday():
    base = {"kind=killed": 1.0, "how=passive": 1.0, "sent=4": 1.0}
    assert rule_scope(base) == "incident"
    assert rule_scope({**base, "before_lead": 1.0}) == "incident"  # a date alone is weak evidence
    assert rule_scope({**base, "fronted_day": 1.0}) == "incident"
    assert rule_scope({**base, "before_lead": 1.0, "fronted_day": 1.0}) == "background"


def test_lexicon_has_period_words_and_headline_credits():
    lex = load_lexicon()
    assert lex.period_units["weeks"] == "W" and lex.period_units["year"] == "Y"
    assert "past" in lex.period_openers
    assert ("monitoring", "group") in lex.headline_credits


# -- in the pipeline --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def run(casualty_run):  # loads the model (the tests are ``slow``)
    return lambda text, published="2016-03-10": casualty_run(text, published)


LEAD = "Rebels shelled the town of Kafr Tala on Wednesday, killing 4 people, the monitor said. "


@pytest.mark.slow
@pytest.mark.parametrize("sentence, value, scope", [
    ("Nearly 200 people have been killed in the province during the last two weeks.", 200, "war_total"),
    ("Shelling has killed 900 people in the city over the past year.", 900, "war_total"),
    ("Nearly 500 people have been killed this month in the province.", 500, "war_total"),
    ("A car bomb earlier this month killed 30 people in the same district.", 30, "background"),
])
def test_period_tolls_and_earlier_incidents(run, sentence, value, scope):
    analysis, figures = run(LEAD + sentence)
    (lead,) = [c for c in figures if c.best == 4]
    (other,) = [c for c in figures if c.best == value]
    assert (lead.scope, other.scope) == ("incident", scope)
    assert lead.event is not None and other.event is None
    assert all(c.scope == "incident" for e in analysis.events for c in e.casualties)


@pytest.mark.slow
def test_a_sentence_opening_on_an_earlier_day_is_an_earlier_incident(run):
    text = ("Air strikes hit the market of Kafr Tala on Wednesday, killing 14 civilians, the monitor said. "
            "Rescue teams searched the rubble for hours. The town had been calm for weeks. "
            "On Monday seven people were killed in shelling on a nearby village.")
    _, figures = run(text, published="2016-03-10")  # a Thursday: Wednesday is March 9, Monday March 7
    scopes = {c.best: c.scope for c in figures}
    assert scopes == {14: "incident", 7: "background"}
    # the same sentence without the fronted day stays the article's incident
    _, figures = run(text.replace("On Monday seven people were killed", "Later seven people were killed"))
    assert {c.best: c.scope for c in figures} == {14: "incident", 7: "incident"}


@pytest.mark.slow
def test_a_toll_told_again_keeps_its_earlier_scope(run):
    text = ("Evacuation of two besieged towns resumes. "
            "Buses carrying families left the two towns on Wednesday, five days after a bombing killed "
            "more than 120 evacuees. Food was handed out at the crossing. "
            "The blast killed more than 120 people, most of them women.")
    _, figures = run(text)
    assert [(c.best, c.scope) for c in figures] == [(120, "background"), (120, "background")]
    # a headline that gives the toll makes it the article's own: nothing is carried over
    _, figures = run(text.replace("Evacuation of two besieged towns resumes. ",
                                  "Blast kills more than 120 near buses. "))
    assert [c.scope for c in figures if c.start > 40][-1] == "incident"


@pytest.mark.slow
@pytest.mark.parametrize("headline, credit", [
    ("Shelling kills 12 civilians in Daraa Monitor", "Monitor"),
    ("Air strikes kill 9 people in Idlib: monitoring group", "monitoring group"),
])
def test_a_verbless_headline_credit_is_the_headline_figures_source(run, headline, credit):
    text = f"{headline}\n\nArtillery fire hit a school in the town on Tuesday, witnesses told reporters."
    _, figures = run(text)
    (figure,) = [c for c in figures if c.start < len(headline)]
    assert figure.source_text == credit
    assert text[figure.source_start:figure.source_end] == credit


@pytest.mark.slow
def test_a_headline_source_with_its_verb_is_not_a_credit(run):
    text = "Shelling killed 12 civilians in Daraa on Monday, the monitor said."
    _, (figure,) = run(text)
    assert figure.source_text == "the monitor"
