"""Issue 12 (2026-12-06, early, branch casualties36): a running count told in the pluperfect ("Ten
days of air strikes across the province had left more than 40 civilians dead" after the lead's 8)
opens the running-count rule as the perfect does, with the switch ``scope.PLUPERFECT_RUNNING`` on
(main, off, keeps it on an event). Its opposites, switch on: a pluperfect count tied to one attack
(a day, "the strike") and one not above the lead stay on their event. The rule's condition on
made-up features. (A pluperfect under a reporting verb, ", the monitor said", is a backshift and
not read as the pluperfect: ``scope_features``.) Sentences written for the project, never taken from a data set.
"""

from __future__ import annotations

import pytest
from casualty_helpers import a_running_total, on_its_event

from sitrep.stages.casualties import scope
from sitrep.stages.casualties.scope import rule_scope

HEAD = "Air strike kills eight in Douma market. "
LEAD = "A raid on the Douma market left eight people dead on Saturday, a monitor said. "
MIDDLE = "Douma lies east of the capital. "

#: the class: a count over many days in the pluperfect, above the lead (a period form at the
#: fitted ratio, and no period form at 3x)
RUNNING = [
    ("Ten days of air strikes across the province had left more than 40 civilians dead according to the monitor.", 40),
    ("Air strikes across the province had killed at least 90 people according to the monitor.", 90),
]

#: its opposites: the same attack's toll in the pluperfect, and a count not above the lead
TIED = [
    ("The strike on the market had killed 30 people by Saturday evening according to rescuers.", 30),
    ("Shelling across the province had killed 12 people according to the monitor.", 12),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), RUNNING)
def test_a_running_count_in_the_pluperfect_is_a_running_total(figure_scopes, monkeypatch, sentence, value):
    monkeypatch.setattr(scope, "PLUPERFECT_RUNNING", True)
    found = figure_scopes(HEAD + LEAD + MIDDLE, sentence, " " + MIDDLE, value)
    assert a_running_total(found), found


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), RUNNING)
def test_switched_off_main_keeps_it_on_an_event(figure_scopes, monkeypatch, sentence, value):
    monkeypatch.setattr(scope, "PLUPERFECT_RUNNING", False)
    found = figure_scopes(HEAD + LEAD + MIDDLE, sentence, " " + MIDDLE, value)
    assert any(s == "incident" and on for s, on in found), found


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), TIED)
def test_a_pluperfect_toll_of_one_attack_stays_on_its_event(figure_scopes, monkeypatch, sentence, value):
    monkeypatch.setattr(scope, "PLUPERFECT_RUNNING", True)
    found = figure_scopes(HEAD + LEAD + MIDDLE, sentence, " " + MIDDLE, value)
    assert on_its_event(found), found


def test_the_rule_reads_the_pluperfect_only_with_the_switch(monkeypatch):
    later = {"kind=killed": 1.0, "how=object": 1.0, "sent=4": 1.0, "pluperfect": 1.0}
    monkeypatch.setattr(scope, "PLUPERFECT_RUNNING", False)
    assert rule_scope({**later, "above_lead": 1.0}) == "incident"  # main
    monkeypatch.setattr(scope, "PLUPERFECT_RUNNING", True)
    assert rule_scope({**later, "above_lead": 1.0}) == "war_total"
    assert rule_scope({**later, "above_lead_period": 1.0, "period=D": 1.0}) == "war_total"
    assert rule_scope(later) == "incident"  # not above the lead
    assert rule_scope({**later, "above_lead": 1.0, "day_date": 1.0}) == "incident"  # tied to a day
    assert rule_scope({**later, "above_lead": 1.0, "incident_noun": 1.0}) == "incident"  # "the strike"
