"""Issue 12 (2026-12-05, late, branch casualties32): a day that only bounds a period ("since
Saturday") does not tie a count to one incident. A count in the perfect after the lead, far above
the lead's toll, over "since <day>" is a running total of several attacks (a ``war_total``, kept
off the events); the lead's own count over "since <day>" (a battle's toll), a single attack's toll
on a day, and a count with a day of its own stay the incident. Sentences written for the project,
never taken from a data set.
"""

from __future__ import annotations

import pytest
from casualty_helpers import a_running_total, on_its_event

HEADLINE = "Barrel bombs kill 11 civilians in Kafr Tala. "
LEAD = "Government helicopters dropped barrel bombs on the town of Kafr Tala on Thursday, killing 11 civilians, a monitor said. "
MIDDLE = "The town lies on the main road to the north. "

#: the class: a running count over "since <day>" after the lead, far above the lead's 11
PERIOD_TOTALS = [
    ("Since Sunday at least 73 villagers have been killed in air raids against the town.", 73),
    ("At least 73 villagers have been killed in air raids against the town since Sunday.", 73),
    ("Since Monday morning more than 60 people have been killed in air raids on the town.", 60),
]

#: a known limit: a singular attack noun as a compound's modifier ("barrel bomb attacks") still
#: ties the count to one attack (``scope._incident_features`` reads every singular attack noun)
COMPOUND = ("Since Monday morning more than 60 people have been killed in barrel bomb attacks on the town.", 60)

#: its opposites, placed after the lead: a single attack's toll (a day of its own, a singular
#: attack noun) stays the incident and on its event
SINGLE_ATTACKS = [
    ("An air strike on the market killed 68 civilians in the town on Thursday.", 68),
    ("Since Saturday the army has shelled the town, and an air strike on its market killed 68 civilians on Thursday.", 68),
]

#: the lead's own count over "since <day>" (a battle's toll) is the article's incident
LEADS = [
    "At least 30 soldiers have been killed in battles around Kafr Tala since Wednesday, a monitor said.",
    "Since Wednesday at least 30 soldiers have been killed in battles around Kafr Tala, a monitor said.",
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), PERIOD_TOTALS)
@pytest.mark.parametrize("unpunctuated", [False, True])
def test_a_count_over_since_a_day_after_the_lead_is_a_period_total(figure_scopes, sentence, value, unpunctuated):
    before = HEADLINE + LEAD + MIDDLE
    if unpunctuated:  # FA-KES texts often lost their commas
        before, sentence = before.replace(",", ""), sentence.replace(",", "")
    found = figure_scopes(before, sentence, " " + MIDDLE, value)
    assert a_running_total(found), found


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="a compound's singular attack noun ties the count (known limit)")
def test_a_compound_attack_noun_still_ties_the_count(figure_scopes):
    sentence, value = COMPOUND
    found = figure_scopes(HEADLINE + LEAD + MIDDLE, sentence, " " + MIDDLE, value)
    assert a_running_total(found), found


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), SINGLE_ATTACKS)
def test_a_single_attacks_toll_stays_on_its_event(figure_scopes, sentence, value):
    found = figure_scopes(HEADLINE + LEAD + MIDDLE, sentence, " " + MIDDLE, value)
    assert on_its_event(found), found


@pytest.mark.slow
@pytest.mark.parametrize("sentence", LEADS)
def test_the_leads_own_count_over_since_a_day_is_the_incident(figure_scopes, sentence):
    found = figure_scopes("Fighting rages around Kafr Tala. ", sentence, " " + MIDDLE, 30)
    assert on_its_event(found), found
