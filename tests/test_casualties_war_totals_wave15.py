"""Issue 12 (2026-12-05, last, branch casualties33): written probes of the war-wide and period
totals that targeted wave 15 holds (a toll "since the conflict first erupted", "since then" after a
sentence dating the war, a truce "to end N years of conflict in which N people have been killed", a
city's count "since April" over shelling by both sides, the war "has claimed the lives of" N and
"left" N injured), each placed after a lead that reports one attack: every such figure is a
``war_total`` and on no event. Their opposites: a single attack's toll stays the incident on its
event, also beside a war word ("the deadliest since the war began"); and the guide's call on a
campaign total of one offensive that IS the headline's news (an army's three-day toll of one
bombardment) is the incident. Sentences written for the project, never taken from a data set.
"""

from __future__ import annotations

import pytest
from casualty_helpers import a_running_total, on_its_event

HEADLINE = "Air strikes kill 14 civilians in Kafr Tala. "
LEAD = "Government warplanes struck a market in the town of Kafr Tala on Thursday, killing 14 civilians, a monitor said. "
MIDDLE = "The town lies on the main road to the north. "

#: the class: war-wide or period totals after a one-attack lead (value, kind)
WAR_TOTALS = [
    ("Close to 400000 people have been killed since the country's conflict first erupted in March 2011.",
     ((400000, "killed"),)),
    ("The country has been at war since early 2011. Since then more than 300000 people have been killed "
     "and more than 8 million displaced, the UN says.", ((300000, "killed"), (8000000, "displaced"))),
    ("The truce had been hailed as the best opportunity to stop more than six years of conflict in which more "
     "than 350000 people have been killed.", ((350000, "killed"),)),
    ("More than 250 civilians have been killed in the city since April as rebels have shelled "
     "government-held districts and the army has bombed rebel areas.", ((250, "killed"),)),
    ("The conflict, which erupted in March 2011, has claimed the lives of some 400000 people and left "
     "1.5 million injured, a research centre said.", ((400000, "killed"), (1500000, "injured"))),
]

#: opposites after the lead: one attack's toll, with a day or a singular attack of its own
SINGLE_ATTACKS = [
    ("An air strike on the bakery killed 40 civilians in the town on Thursday.", 40),
    ("A car bomb exploded at the bus station on Friday, killing 40 people, two years after the war reached the town.", 40),
]

#: a known limit (the opposite class, tune row 8 of wave 1: the attack, called in an apposition the
#: town centre's first blast since the war began in 2011, then its toll): a "since the war" that dates an
#: superlative or ordinal still makes the count a war total, before the count (an apposition;
#: ``scope._before_comparison`` cuts the zone only at a comparison after the predicate) and, found by
#: these probes, after it in a verbless apposition ("…, the deadliest since the war began.")
SUPERLATIVES = [
    ("The air strike on the bakery, the deadliest in the town since the war began in 2011, killed 40 civilians.", 40),
    ("An air strike on the bakery killed 40 civilians in the town on Thursday, the deadliest since the war began.", 40),
]

#: the guide's call: an offensive's toll over days that is the headline's own news is the incident
CAMPAIGN_HEADLINE = ("Army says rebel shelling of Kafr Tala killed 60 in three days. ",
                     "The army said in a statement on Monday that rebel groups had killed 60 people in Kafr "
                     "Tala during the past three days in a bombardment of its western districts. ")


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "figures"), WAR_TOTALS)
@pytest.mark.parametrize("unpunctuated", [False, True])
def test_a_war_or_period_total_after_the_lead_is_on_no_event(figure_scopes, sentence, figures, unpunctuated):
    before = HEADLINE + LEAD + MIDDLE
    if unpunctuated:  # FA-KES texts often lost their commas and apostrophes
        before, sentence = before.replace(",", ""), sentence.replace(",", "").replace("'", "")
    for value, kind in figures:
        found = figure_scopes(before, sentence, " " + MIDDLE, value, kind)
        assert a_running_total(found), (value, kind, found)


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), SINGLE_ATTACKS)
def test_a_single_attacks_toll_stays_on_its_event(figure_scopes, sentence, value):
    found = figure_scopes(HEADLINE + LEAD + MIDDLE, sentence, " " + MIDDLE, value)
    assert on_its_event(found), found


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="a superlative dated by the war makes the count a war total (known limit)")
@pytest.mark.parametrize(("sentence", "value"), SUPERLATIVES)
def test_a_superlative_since_the_war_still_makes_a_single_attacks_toll_a_war_total(figure_scopes, sentence, value):
    found = figure_scopes(HEADLINE + LEAD + MIDDLE, sentence, " " + MIDDLE, value)
    assert on_its_event(found), found


@pytest.mark.slow
def test_an_offensives_toll_that_is_the_headlines_news_is_the_incident(figure_scopes):
    headline, lead = CAMPAIGN_HEADLINE
    found = figure_scopes(headline, lead, MIDDLE, 60)
    assert on_its_event(found), found
