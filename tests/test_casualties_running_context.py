"""Issue 12 (2026-12-06, midday, branch casualties43): two readings of a running count's context
(``running_context``), each behind a switch.

``COORDINATED_STATE``: the elliptical second count of a clause whose first count is a state the verb
leaves ("had left more than 60 civilians dead and another 140 wounded") is paired with the first
and takes its scope; off, it stays on an event while its partner is a war total.
``PERIOD_BEFORE``: a count in the perfect right after a sentence that runs a war-wide period ("has
been under rocket fire since the spring") is a war total even below the lead's toll; off, it and
its coordinated partner stay on an event. Opposites, switches on: a weekday period ("since
Tuesday"), a count tied to a day, a period sentence that carries its own count, and a state
partner that is itself the incident's toll. The rule's condition on made-up features. Sentences
written for the project, never taken from a data set.
"""

from __future__ import annotations

import pytest
from casualty_helpers import a_running_total, on_its_event

from sitrep.stages.casualties import running_context
from sitrep.stages.casualties.scope import rule_scope

HEAD = "Air strike kills eight in Douma market. "
LEAD = "A raid on the Douma market left eight people dead on Saturday, a monitor said. "
MIDDLE = "Douma lies east of the capital. "

STATE = ("Five days of raids on villages of the province had left more than 60 civilians dead and another 140 "
         "wounded according to the monitor.")
PERIOD = "The border town has been under rocket fire from across the frontier since the spring. "
COUNT = "Fourteen people have been killed and about 50 others wounded by rockets that hit the town."


def _switches(monkeypatch: pytest.MonkeyPatch, state: bool, period: bool) -> None:
    monkeypatch.setattr(running_context, "COORDINATED_STATE", state)
    monkeypatch.setattr(running_context, "PERIOD_BEFORE", period)


@pytest.mark.slow
def test_the_second_count_of_a_left_state_takes_its_partners_war_total(figure_scopes, monkeypatch):
    _switches(monkeypatch, True, False)
    assert a_running_total(figure_scopes(HEAD + LEAD + MIDDLE, STATE, " " + MIDDLE, 60, "killed"))
    assert a_running_total(figure_scopes(HEAD + LEAD + MIDDLE, STATE, " " + MIDDLE, 140, "injured"))


@pytest.mark.slow
def test_switched_off_the_second_count_stays_on_an_event(figure_scopes, monkeypatch):
    _switches(monkeypatch, False, False)
    found = figure_scopes(HEAD + LEAD + MIDDLE, STATE, " " + MIDDLE, 140, "injured")
    assert any(s == "incident" and on for s, on in found), found


@pytest.mark.slow
def test_a_left_state_of_the_incident_keeps_its_partner_on_the_event(figure_scopes, monkeypatch):
    _switches(monkeypatch, True, True)
    sentence = "The raid left eight people dead and another 20 wounded, rescuers said."
    assert on_its_event(figure_scopes(HEAD + LEAD, sentence, " " + MIDDLE, 20, "injured"))


@pytest.mark.slow
@pytest.mark.parametrize(("value", "kind"), [(14, "killed"), (50, "injured")])
def test_a_perfect_count_after_a_running_period_is_a_war_total(figure_scopes, monkeypatch, value, kind):
    _switches(monkeypatch, False, True)
    found = figure_scopes(HEAD + LEAD + MIDDLE + PERIOD, COUNT, " " + MIDDLE, value, kind)
    assert a_running_total(found), found


@pytest.mark.slow
def test_switched_off_the_count_after_a_running_period_stays_on_an_event(figure_scopes, monkeypatch):
    _switches(monkeypatch, False, False)
    found = figure_scopes(HEAD + LEAD + MIDDLE + PERIOD, COUNT, " " + MIDDLE, 14, "killed")
    assert any(s == "incident" and on for s, on in found), found


@pytest.mark.slow
@pytest.mark.parametrize(("before", "sentence"), [
    # a weekday bounds a recent stretch of the incident, not a war-wide period
    ("The border town has been under rocket fire since Tuesday. ", COUNT),
    # a day ties the count to one incident
    (PERIOD, "Fourteen people have been killed on Saturday by rockets that hit the town."),
    # the period sentence carries its own count: the count after it is not that period's
    ("The border town has been under rocket fire since the spring, which has killed 300 people. ", COUNT),
])
def test_its_opposites_stay_on_their_event(figure_scopes, monkeypatch, before, sentence):
    _switches(monkeypatch, True, True)
    found = figure_scopes(HEAD + LEAD + MIDDLE + before, sentence, " " + MIDDLE, 14, "killed")
    assert on_its_event(found), found


def test_the_rule_reads_period_before_with_the_perfect_outside_the_lead():
    later = {"kind=killed": 1.0, "how=passive": 1.0, "sent=4": 1.0, "period_before": 1.0}
    assert rule_scope(later) == "incident"  # not in the perfect
    assert rule_scope({**later, "perfect": 1.0}) == "war_total"
    assert rule_scope({**later, "perfect": 1.0, "day_date": 1.0}) == "incident"  # tied to a day
    assert rule_scope({**later, "perfect": 1.0, "incident_noun": 1.0}) == "incident"  # "the strike"
    assert rule_scope({**later, "perfect": 1.0, "sent=4": 0.0, "sent=1": 1.0}) == "incident"  # the lead
    assert rule_scope({k: v for k, v in later.items() if k != "period_before"} | {"perfect": 1.0}) == "incident"
