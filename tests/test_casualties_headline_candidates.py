"""The headline toll's candidates (``record.headline_candidates``; issue 12): the rule's maximum
among live ``incident`` killed figures. (casualties45's learned choice among them,
``main_choice.LEARNED_MAIN_CHOICE``, failed its bar and was removed by branch prune3; its code last
exists at ``cdd3c16e55``.)"""

from __future__ import annotations

import pytest

from sitrep.records import Casualty, Evidence
from sitrep.stages.casualties.record import headline_candidates, headline_toll

LEAD = "Shelling on the town of Alpha killed 7 civilians on Tuesday, a monitor said."
SECOND = "A child was also among 9 people who died when jets hit Beta on Sunday."
THIRD = "The toll in Alpha rose to 12 by the evening, the monitor said."


def _fig(n: int, sentence: str, at: int, *, scope: str = "incident") -> Casualty:
    start = at + sentence.index(str(n))
    return Casualty(f"c{n}", "d", "killed", "people", n, start, start + len(str(n)), str(n),
                    Evidence(at, at + len(sentence), sentence), scope=scope)


def _article() -> list[Casualty]:
    second_at = len(LEAD) + 1
    third_at = second_at + len(SECOND) + 1
    return [_fig(7, LEAD, 0), _fig(9, SECOND, second_at), _fig(12, THIRD, third_at)]


def test_the_headline_toll_is_the_rules_maximum():
    assert headline_toll(_article(), {}) == 12


@pytest.mark.parametrize("scope", ["background", "war_total"])
def test_only_incident_tolls_are_candidates(scope):
    figures = [_fig(7, LEAD, 0), _fig(40, "Over the war 40 people were killed in Alpha.", len(LEAD) + 1, scope=scope)]
    assert [c.best for c in headline_candidates(figures, {})] == [7]
