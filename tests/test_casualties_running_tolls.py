"""Issue 12, second follow-up: running tolls that name no period word, on texts written for
these tests (never taken from a data set).

- a country-wide running toll in the perfect ("Russia has lost 12 soldiers in Syria") is a war
  total, unless something ties it to one incident: a singular attack noun ("in the strike"), a
  day, a place smaller than a country ("in eastern Syria");
- a month or a year as a figure's only time ("killed 600 civilians in August", "in 2015") makes
  it a period total, or an earlier incident when it names one attack ("in March a car bomb");
- a perfect-aspect count far above the article's lead toll, outside the lead, with nothing tying
  it to an incident, is a running count ("at least 500 civilians have been killed in air
  strikes" after a lead of 4); a toll update ("has risen to") is not;
- so is a count far above the lead right after a period total ("... over the past year.
  Meanwhile rebel fire killed 300 people");
- the lead (headline and first sentence) reports its incident even when it dates it with
  background words ("killed last week when ..."), unless a strong total cue says otherwise or
  the figure sits in an "after ..." clause;
- a part of a period total ("... since March. Eight children were among those killed") is
  counted over the same period;
- a page's view counter ("Views 1430") is not a figure.
"""

from __future__ import annotations

import pytest

from sitrep.stages.casualties.lexicon import load_lexicon
from sitrep.stages.casualties.scope import rule_scope

LATER = {"kind=killed": 1.0, "how=object": 1.0, "sent=3": 1.0}


# -- the rules on features (no parse) --------------------------------------------------------------

def test_a_perfect_country_wide_count_is_a_war_total_unless_tied_to_an_incident():
    base = {**LATER, "perfect": 1.0, "place=country": 1.0}
    assert rule_scope(base) == "war_total"
    assert rule_scope({**base, "incident_noun": 1.0}) == "incident"  # "... in the strike in Syria"
    assert rule_scope({**base, "day_date": 1.0}) == "incident"  # "... in Syria on Tuesday"
    assert rule_scope({k: v for k, v in base.items() if k != "perfect"}) == "incident"  # "were killed in Syria"
    assert rule_scope({**LATER, "perfect": 1.0, "place=local": 1.0}) == "incident"  # "in Douma"


def test_a_month_or_a_year_as_the_only_time():
    base = {**LATER, "period_date": 1.0}
    assert rule_scope(base) == "war_total"  # "600 civilians were killed in August"
    assert rule_scope({**base, "incident_noun": 1.0}) == "background"  # "in March a car bomb killed 30"
    assert rule_scope({**base, "incident_nouns": 1.0}) == "background"  # "in March two blasts killed 30"
    assert rule_scope({**base, "incident_nouns": 1.0, "above_lead": 1.0}) == "war_total"  # "air strikes killed 600"
    assert rule_scope({**base, "day_date": 1.0}) == "incident"  # "on August 3"
    assert rule_scope({**base, "sent=0": 1.0, "sent=3": 0.0}) == "incident"  # a headline's dateline


def test_a_perfect_count_far_above_the_lead():
    base = {**LATER, "perfect": 1.0, "above_lead": 1.0}
    assert rule_scope(base) == "war_total"
    assert rule_scope({k: v for k, v in base.items() if k != "above_lead"}) == "incident"
    assert rule_scope({k: v for k, v in base.items() if k != "perfect"}) == "incident"
    for tie in ("incident_noun", "day_date", "period=H", "how=toll-to"):
        assert rule_scope({**base, tie: 1.0}) == "incident", tie
    assert rule_scope({**base, "sent=1": 1.0, "sent=3": 0.0}) == "incident"  # the lead itself
    after = {**LATER, "after_total": 1.0, "above_lead": 1.0}  # "... over the past year. Meanwhile ... 1102"
    assert rule_scope(after) == "war_total"
    assert rule_scope({**after, "above_lead": 0.0}) == "incident"
    assert rule_scope({**after, "day_date": 1.0}) == "incident"


def test_the_lead_reports_its_incident_unless_a_strong_total_cue_says_otherwise():
    lead = {"kind=killed": 1.0, "how=object": 1.0, "sent=0": 1.0}
    for cue in ({"background_cue": 1.0}, {"total_cue": 1.0}, {"since=long": 1.0, "day_date": 1.0},
                {"period=Y": 1.0, "day_date": 1.0}):  # "last week", "a total of", "as a two-year truce broke down"
        assert rule_scope({**lead, **cue}) == "incident", cue
        assert rule_scope({**LATER, **cue}) != "incident", cue  # the same cue later in the article
    for cue in ({"period=W": 1.0}, {"period=M": 1.0}, {"war_subject": 1.0}, {"over_incident_max": 1.0},
                {"since=long": 1.0}, {"perfect": 1.0, "place=country": 1.0}):
        assert rule_scope({**lead, **cue}) == "war_total", cue
    # "... on Friday, only days after scores of medics were killed"
    assert rule_scope({**lead, "background_cue": 1.0, "after_clause": 1.0}) == "background"


def test_lexicon_has_attack_nouns_and_directions():
    lex = load_lexicon()
    assert {"strike", "attack", "bombing"} <= lex.incident_nouns
    assert {"eastern", "northwest"} <= lex.region_words
    assert "views" in lex.not_before


# -- in the pipeline --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def run(casualty_run):  # loads the model (the tests are ``slow``)
    return casualty_run


LEAD = ("Rebels shelled the town of Kafr Tala on Wednesday, killing 4 people, the monitor said. "
        "The town lies on the main road to the north. ")


def _scopes(run, sentence: str) -> tuple[dict[int, str], bool]:
    analysis, figures = run(LEAD + sentence)
    on_events = all(c.scope == "incident" for e in analysis.events for c in e.casualties)
    return {c.best: c.scope for c in figures}, on_events


@pytest.mark.slow
@pytest.mark.parametrize("sentence, value, scope", [
    ("Russia has lost 12 soldiers in Syria.", 12, "war_total"),
    ("More than 40 aid workers have been killed in Syria.", 40, "war_total"),
    ("Air strikes killed 600 civilians in August.", 600, "war_total"),
    ("At least 300 children were killed in Syria in 2015.", 300, "war_total"),
    ("At least 500 civilians have been killed in air strikes on the province.", 500, "war_total"),
    ("In March a car bomb killed 30 people in the same district.", 30, "background"),
    # what ties a figure to an incident keeps it one
    ("Ten civilians have been killed in the strike, activists said.", 10, "incident"),
    ("The group has killed 8 men in eastern Syria.", 8, "incident"),
    ("At least 6 civilians have been killed in air strikes on the province.", 6, "incident"),
    ("The toll has risen to 45, the monitor said.", 45, "incident"),
])
def test_running_tolls_without_a_period_word(run, sentence, value, scope):
    scopes, on_events = _scopes(run, sentence)
    assert scopes == {4: "incident", value: scope}
    assert on_events  # a war total or an earlier incident never sits on an event


@pytest.mark.slow
def test_a_lead_in_the_perfect_stays_the_incident(run):
    _, figures = run("The group has killed 33 men in eastern Syria, activists said. "
                     "The men had been held for weeks. At least 500 civilians have been killed in air strikes on the province.")
    assert [(c.best, c.scope) for c in figures] == [(33, "incident"), (500, "war_total")]


@pytest.mark.slow
def test_a_large_count_right_after_a_period_total_continues_it(run):
    total = "Air raids have killed 800 civilians in the province over the past year, the monitor said. "
    _, figures = run(LEAD + total + "Meanwhile rebel fire on the city killed 300 people, it added.")
    assert {c.best: c.scope for c in figures} == {4: "incident", 800: "war_total", 300: "war_total"}
    # a count of the size of the lead's stays an incident figure
    _, figures = run(LEAD + total + "Meanwhile rebel fire on the city killed 5 people, it added.")
    assert {c.best: c.scope for c in figures} == {4: "incident", 800: "war_total", 5: "incident"}


@pytest.mark.slow
def test_a_lead_that_dates_its_incident_with_background_words(run):
    _, figures = run("At least 48 people were killed in a village last week when troops stormed it, "
                     "a monitor said. Residents buried the dead on Friday.", published="2016-10-15")
    assert [(c.best, c.scope) for c in figures] == [(48, "incident")]
    _, figures = run("An air strike hit a clinic near the city late on Tuesday, killing 4 medics, just days "
                     "after 12 aid workers were killed.")
    assert [(c.best, c.scope) for c in figures] == [(4, "incident"), (12, "background")]


@pytest.mark.slow
def test_a_part_takes_its_totals_scope(run):
    lead = "Rebels shelled the town of Kafr Tala on Wednesday, killing 20 people, the monitor said. "
    part = "Eight children were among those killed."
    _, figures = run(lead + "The town lies on the main road. The monitor said 300 civilians have been "
                     "killed in the city since the offensive began in March. " + part)
    assert [(c.best, c.scope) for c in figures] == [(20, "incident"), (300, "war_total"), (8, "war_total")]
    assert figures[-1].subset_of == figures[1].id and figures[-1].event is None
    _, figures = run(lead + part)  # a part of the incident's toll stays the incident's
    assert [(c.best, c.scope) for c in figures] == [(20, "incident"), (8, "incident")]


@pytest.mark.slow
def test_a_view_counter_is_no_figure(run):
    _, figures = run("Tunnel blast killed 38 soldiers, monitor says Print Tweet Views 1430 Related stories")
    assert [c.best for c in figures] == [38]
