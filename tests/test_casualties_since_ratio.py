"""Issue 12 (2026-12-06, night, branch casualties35): a killed count bounded by a period of days
("since Thursday", "over the past three days") after the lead is a running total from a fitted
ratio to the lead's toll (``extract.PERIOD_RATIO``, ``PERIOD_ABOVE_LEAD``), not only from the hand
3x (``ABOVE_LEAD``). Both sides: a running total at 2x and 1.75x the lead's toll goes off the events
with the switch on (main keeps it on an event); the same incident's toll told over "since <day>"
(the lead's own count, the toll of "the strike", a count barely above the lead's) stays on its
event. The fit (``benchmarks/casualties_since_ratio.fit_ratio``) on made-up candidates. Sentences
written for the project, never taken from a data set.
"""

from __future__ import annotations

import sys

import pytest
from casualty_helpers import a_running_total, on_its_event
from conftest import REPO

from sitrep.stages.casualties import extract

sys.path.insert(0, str(REPO / "benchmarks"))
import casualties_since_ratio as sr  # noqa: E402

HEAD = "Air strike kills eight in Douma market. "
LEAD = "An air strike on a market in Douma killed eight people on Saturday, a monitor said. "
MIDDLE = "Douma lies east of the capital. "
TOTAL = "Since Tuesday air strikes on Eastern Ghouta have killed at least 60 civilians, the monitor said. "

#: the class: a running count over days after the lead's 8, below 3x the lead
RUNNING = [
    (TOTAL + MIDDLE, "Rebel groups meanwhile have fired rockets into Damascus, killing at least 16 people since "
                     "Thursday, state media said.", 16),
    ("", "Rebel shelling of Damascus has killed 14 people over the past three days, state media said.", 14),
    ("", "Rebel rockets have killed at least 14 people in Damascus since Thursday, state media said.", 14),
]

#: its opposites: the same incident's toll over "since <day>"
SAME_TOLL = [
    ("Air strikes on the town have killed eight people since Saturday, the monitor said.", 8),  # the lead's toll
    ("The strike on the market has killed 14 people since Saturday, rescuers said.", 14),  # tied to "the strike"
    ("Air strikes on the town have killed nine people since Saturday, the monitor said.", 9),  # an updated toll
]


@pytest.mark.slow
@pytest.mark.parametrize(("extra", "sentence", "value"), RUNNING)
def test_a_count_over_days_above_the_lead_is_a_running_total(figure_scopes, monkeypatch, extra, sentence, value):
    before = HEAD + LEAD + MIDDLE + extra
    monkeypatch.setattr(extract, "PERIOD_RATIO", True)
    found = figure_scopes(before, sentence, " " + MIDDLE, value)
    assert a_running_total(found), found


@pytest.mark.slow
@pytest.mark.parametrize(("extra", "sentence", "value"), RUNNING)
def test_switched_off_main_keeps_it_on_an_event(figure_scopes, monkeypatch, extra, sentence, value):
    monkeypatch.setattr(extract, "PERIOD_RATIO", False)
    found = figure_scopes(HEAD + LEAD + MIDDLE + extra, sentence, " " + MIDDLE, value)
    assert any(scope == "incident" and on for scope, on in found), found


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), SAME_TOLL)
def test_the_same_incidents_toll_since_a_day_stays_on_its_event(figure_scopes, monkeypatch, sentence, value):
    monkeypatch.setattr(extract, "PERIOD_RATIO", True)
    found = figure_scopes(HEAD + LEAD + MIDDLE, sentence, " " + MIDDLE, value)
    assert on_its_event(found), found


def test_above_lead_period_reads_the_form_the_kind_and_the_ratio(monkeypatch):
    since = {"day_bounds_period": 1.0}
    monkeypatch.setattr(extract, "PERIOD_RATIO", False)
    assert not extract.above_lead_period(since, "killed", 16, 8)  # off: main
    monkeypatch.setattr(extract, "PERIOD_RATIO", True)
    monkeypatch.setattr(extract, "PERIOD_ABOVE_LEAD", 1.27)
    assert extract.above_lead_period(since, "killed", 16, 8)
    assert extract.above_lead_period({"period=D": 1.0}, "killed", 11, 8)
    assert not extract.above_lead_period(since, "killed", 10, 8)  # 1.25x: below the cut
    assert not extract.above_lead_period({}, "killed", 16, 8)  # no period form
    assert not extract.above_lead_period(since, "injured", 16, 8)  # the lead's toll is a killed count
    assert not extract.above_lead_period(since, "killed", 16, None)  # no lead toll


def _cand(ratio: float, gold: str, movable: bool = True) -> sr.Candidate:
    return sr.Candidate("d", "w", "killed", 1, 1, ratio, ("day_bounds_period",), movable, "incident", "incident",
                        True, gold, "")


def test_the_fit_cuts_in_the_widest_gap_between_1_and_the_running_totals():
    # totals at 1.6 and 2.0, the incident's toll at 1.0: the cut is the middle of (1, 1.6)
    assert sr.fit_ratio([_cand(1.0, "incident"), _cand(1.6, "war_total"), _cand(2.0, "war_total")]) == 1.26
    # an incident toll at 1.5 between them moves the cut above it
    assert sr.fit_ratio([_cand(1.5, "incident"), _cand(2.0, "war_total"), _cand(2.5, "war_total")]) == 1.73
    # no running total of the form below 3: main's 3 stays; unmovable candidates are not read
    assert sr.fit_ratio([_cand(1.5, "incident"), _cand(4.0, "war_total")]) == 3.0
    assert sr.fit_ratio([_cand(1.5, "war_total", movable=False)]) == 3.0
