"""Issue 12, third follow-up: parts of totals, sum words, earlier weekdays and a neighbouring
sentence's date, on texts written for these tests (never taken from a data set).

- "the deaths include 65 people" is a part of the total the article gave before it (a subset,
  never an addition), and takes that total's scope; so do the items coordinated with it ("the
  victims included 5 rescue workers and 7 medics") and a count in the same sentence as a period
  total of its kind with no day or attack of its own;
- a sum word ("in total", "a total of", "in all") makes a period total only when nothing ties
  the figure to an incident (the lead, a day, a singular attack noun);
- a sentence opening on a weekday other than the lead incident's ("Saturday's convoy attack
  killed 126" after a Wednesday lead) reports an earlier incident, also when the time stage
  resolves no date for it (a possessive weekday, with or without its apostrophe);
- a figure in a sentence that opens on a pronoun and has no time of its own ("It said 26
  people were killed.") right after a sentence dated long before publication, which gives no
  figure itself, continues that account of an earlier incident.
"""

from __future__ import annotations

import pytest

from sitrep.stages.casualties.lexicon import load_lexicon
from sitrep.stages.casualties.record import headline_toll
from sitrep.stages.casualties.scope import rule_scope

LATER = {"kind=killed": 1.0, "how=object": 1.0, "sent=3": 1.0}


# -- the rules on features (no parse) --------------------------------------------------------------

def test_a_sum_word_is_a_total_only_without_an_incident_tie():
    assert rule_scope({**LATER, "sum_cue": 1.0}) == "war_total"  # "a total of 400 have been killed in the city"
    for tie in ({"sent=1": 1.0, "sent=3": 0.0}, {"day_date": 1.0}, {"incident_noun": 1.0}):
        assert rule_scope({**LATER, "sum_cue": 1.0, **tie}) == "incident", tie
    # a lead figure after another incident count keeps its incident when only a sum word is there
    assert rule_scope({"kind=killed": 1.0, "how=intransitive": 1.0, "sent=1": 1.0, "after_incident": 1.0,
                       "sum_cue": 1.0}) == "incident"


def test_a_count_beside_a_period_total_of_its_kind():
    assert rule_scope({**LATER, "total_in_sentence": 1.0}) == "war_total"
    assert rule_scope({**LATER, "total_in_sentence": 1.0, "day_date": 1.0}) == "incident"


def test_a_pronoun_sentence_after_a_long_ago_date():
    base = {**LATER, "how=passive": 1.0, "prev_much_earlier": 1.0}
    assert rule_scope(base) == "background"
    for keep in ("day_date", "incident_noun", "perfect"):  # its own day, attack or a running count rule
        assert rule_scope({**base, keep: 1.0}) != "background", keep
    assert rule_scope({**base, "over_incident_max": 1.0}) == "war_total"


def test_lexicon_lists():
    lex = load_lexicon()
    assert {("in", "total"), ("total", "of")} <= set(lex.sum_cues)
    assert ("in", "total") not in lex.war_cues
    assert "include" in lex.part_verbs


# -- in the pipeline --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def run(casualty_run):  # loads the model (the tests are ``slow``)
    def _run(text: str, published: str = "2016-10-13"):
        analysis, figures = casualty_run(text, published)
        return analysis, figures, {e.id: e.status for e in analysis.events}

    return _run


def _on_events_are_incidents(analysis) -> bool:
    return all(c.scope == "incident" for e in analysis.events for c in e.casualties)


@pytest.mark.slow
def test_the_deaths_include_a_part_of_the_period_total(run):
    text = ("Air raids on the old town killed 9 people on Friday, the monitor said. "
            "The monitor said 140 civilians have been killed in the city since the offensive began on Sunday. "
            "The deaths include 70 people killed in shelling on the western districts, it said.")
    analysis, figures, statuses = run(text)
    got = {c.best: c for c in figures}
    assert {v: c.scope for v, c in got.items()} == {9: "incident", 140: "war_total", 70: "war_total"}
    assert got[70].kind == "killed" and got[70].subset_of == got[140].id and got[70].event is None
    assert headline_toll(figures, statuses) == 9
    assert _on_events_are_incidents(analysis)


@pytest.mark.slow
def test_the_victims_included_lists_parts(run):
    text = ("A car bomb killed 6 people in the market on Tuesday, police said. "
            "The monitor said it had documented 300 civilians killed in the province during September. "
            "The victims included 12 children and 9 medics.")
    _, figures, _ = run(text)
    got = {c.best: c for c in figures}
    assert got[12].kind == "killed" and got[9].kind == "killed"
    assert got[12].scope == got[300].scope != "incident"
    assert got[9].scope == got[300].scope  # the coordinated item is a part too, never an incident


@pytest.mark.slow
def test_in_total_in_the_lead_is_the_incidents_total(run):
    text = ("Air strikes on a school killed 20 children, the agency said on Wednesday. "
            "Its director said two teachers also died in the attacks while the monitor said that 31 people "
            "in total had died.")
    analysis, figures, statuses = run(text)
    assert {c.best: c.scope for c in figures} == {20: "incident", 2: "incident", 31: "incident"}
    assert headline_toll(figures, statuses) == 31
    later = ("A bomb killed 5 people in the square on Monday, police said. The square lies near the river. "
             "The monitor said that a total of 450 people have been killed in the city.")
    _, figures, statuses = run(later)
    assert {c.best: c.scope for c in figures} == {5: "incident", 450: "war_total"}
    assert headline_toll(figures, statuses) == 5


@pytest.mark.slow
@pytest.mark.parametrize("day", ["Saturday's", "Saturdays", "On Saturday the"])
def test_an_earlier_weekday_after_the_lead(run, day):
    text = ("A bomb killed 7 people in the southern district on Wednesday, state television reported. "
            "Buses carried the wounded to the main hospital. "
            f"{day} convoy attack killed 120 people, the monitor said.")
    analysis, figures, statuses = run(text, published="2016-10-12")  # a Wednesday
    assert {c.best: c.scope for c in figures} == {7: "incident", 120: "background"}
    assert headline_toll(figures, statuses) == 7
    assert _on_events_are_incidents(analysis)


@pytest.mark.slow
def test_the_same_weekday_as_the_lead_stays_the_incident(run):
    text = ("A bomb killed 7 people in the southern district on Wednesday, state television reported. "
            "Buses carried the wounded to the main hospital. "
            "On Wednesday evening a second blast killed 15 people near the port, the monitor said.")
    _, figures, statuses = run(text, published="2016-10-12")
    assert {c.best: c.scope for c in figures} == {7: "incident", 15: "incident"}
    assert headline_toll(figures, statuses) == 15


@pytest.mark.slow
def test_a_pronoun_sentence_continues_an_account_dated_long_before(run):
    text = ("Inspectors will visit three towns, the agency said on Wednesday. "
            "The team will travel next week. "
            "The first is the town where the government reported a gas attack on March 19. "
            "It said 26 people were killed.")
    _, figures, statuses = run(text, published="2016-08-03")
    assert [(c.best, c.scope) for c in figures] == [(26, "background")]
    assert headline_toll(figures, statuses) is None
    # without the pronoun opening, or with an old date that is only a detail, it stays the incident
    detail = ("Mortars hit the opera house in the capital on Thursday, the agency said. "
              "The building was opened by the president in 2004. "
              "Mortar fire also wounded 3 people in the eastern district, the agency said.")
    _, figures, _ = run(detail, published="2016-08-05")
    assert [(c.best, c.scope) for c in figures] == [(3, "incident")]
