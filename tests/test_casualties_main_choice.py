"""The learned choice of the headline toll (``main_choice``; issue 12, branch casualties45): its
features on project-written sentences, the switch off (the rule's maximum) and on (with a made-up
model; no model is shipped, since the study failed its bar)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.records import Casualty, Evidence
from sitrep.sparse_model import SparseLogistic
from sitrep.stages.casualties import main_choice
from sitrep.stages.casualties.record import (
    choice_features,
    headline_candidates,
    headline_toll,
)

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


def test_features_read_order_size_and_other_names():
    figures = _article()
    kept = headline_candidates(figures, {})
    feats = choice_features(kept, figures)
    by_value = {c.best: f for c, f in zip(kept, feats, strict=True)}
    # the first toll: in the lead, first sentence, no comparison features
    assert by_value[7].get("lead") == 1.0 and by_value[7].get("first_sentence") == 1.0
    assert "larger_than_first" not in by_value[7] and "new_names" not in by_value[7]
    # the other strike: "also", another day, a place the lead does not name, larger than the first
    assert by_value[9]["also"] == 1.0 and by_value[9]["other_day"] == 1.0
    assert by_value[9]["larger_than_first"] == 1.0 and by_value[9]["no_shared_name"] == 1.0
    assert by_value[9]["new_names"] > 0
    # the update of the same town shares its name with the lead: no name features
    assert "no_shared_name" not in by_value[12] and "new_names" not in by_value[12]
    assert "also" not in by_value[12] and "other_day" not in by_value[12]


def test_switch_off_keeps_the_rules_maximum(monkeypatch):
    monkeypatch.setattr(main_choice, "LEARNED_MAIN_CHOICE", False)
    assert headline_toll(_article(), {}) == 12


def _flag_other_names() -> SparseLogistic:
    """A made-up model that flags a toll whose sentence shares no name with the lead."""
    return SparseLogistic({"no_shared_name": 10.0}, -5.0, 0.5)


def test_switch_on_leaves_out_a_flagged_toll(monkeypatch):
    monkeypatch.setattr(main_choice, "LEARNED_MAIN_CHOICE", True)
    monkeypatch.setattr(main_choice, "load_main_choice", _flag_other_names)
    figures = _article()
    # the 9 of another town is flagged but is not the largest: the update's 12 stays
    assert headline_toll(figures, {}) == 12
    # without the update, the choice keeps the lead's 7 over the other town's 9
    assert headline_toll(figures[:2], {}) == 7


def test_switch_on_falls_back_to_the_maximum_when_every_toll_is_flagged(monkeypatch):
    monkeypatch.setattr(main_choice, "LEARNED_MAIN_CHOICE", True)
    monkeypatch.setattr(main_choice, "load_main_choice", lambda: SparseLogistic({}, 5.0, 0.5))
    assert headline_toll(_article(), {}) == 12


def test_switch_on_without_a_shipped_model_is_the_rule(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(main_choice, "LEARNED_MAIN_CHOICE", True)
    missing = tmp_path / "none.json"
    assert main_choice.load_main_choice(missing) is None
    unshipped = tmp_path / "off.json"
    unshipped.write_text('{"shipped": false}', encoding="utf-8")
    assert main_choice.load_main_choice(unshipped) is None
    monkeypatch.setattr(main_choice, "load_main_choice", lambda: None)
    assert headline_toll(_article(), {}) == 12


@pytest.mark.parametrize("scope", ["background", "war_total"])
def test_only_incident_tolls_are_candidates(scope):
    figures = [_fig(7, LEAD, 0), _fig(40, "Over the war 40 people were killed in Alpha.", len(LEAD) + 1, scope=scope)]
    assert [c.best for c in headline_candidates(figures, {})] == [7]
