"""Issue 12, branch casualties29: the carry-stability benchmark's deferring decision, on invented
probabilities and examples (no data set read)."""

from __future__ import annotations

import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import casualties_carry_stability as cs  # noqa: E402
import train_casualty_carry as tc  # noqa: E402


def test_the_model_decides_only_outside_the_margin():
    assert cs.decide(0.507, 0.5, 0.0, rule=False) is True
    assert cs.decide(0.507, 0.5, 0.05, rule=False) is False  # near the threshold: the old rule
    assert cs.decide(0.489, 0.5, 0.05, rule=True) is True
    assert cs.decide(0.8, 0.5, 0.05, rule=False) is True
    assert cs.decide(0.2, 0.5, 0.05, rule=True) is False


class _Fixed:
    """A held-out prediction with a fixed probability (stands in for a fitted model)."""

    def __init__(self, p: float) -> None:
        self.p = p
        self.params: dict[str, float] = {}

    def probability(self, _features: dict[str, float]) -> float:
        return self.p


def _row(label: bool, rule: bool) -> tc.Example:
    return tc.Example("w", "a", {"x": 1.0}, label, rule)


def test_the_margin_is_chosen_by_candidates_right_ties_to_the_larger():
    # a near-threshold model call that the rule gets right: any margin above 0.03 wins it
    held = [(_row(False, False), _Fixed(0.53)), (_row(True, True), _Fixed(0.9))]
    assert cs.choose_margin(held, 0.5) == max(cs.MARGINS)  # all margins >= 0.05 tie: the largest
    # a near-threshold model call the rule gets wrong: no margin may defer it
    held = [(_row(True, False), _Fixed(0.53)), (_row(False, False), _Fixed(0.1))]
    assert cs.choose_margin(held, 0.5) == 0.0


def test_pattern_counts_group_identical_feature_sets():
    rows = [tc.Example("w", "a", {"b": 1.0, "a": 1.0}, True, False),
            tc.Example("v", "b", {"a": 1.0, "b": 1.0}, False, False),
            tc.Example("v", "c", {"a": 1.0}, True, True)]
    counts = cs.pattern_counts(rows)
    assert counts[("a", "b")] == (2, 1)
    assert counts[("a",)] == (1, 1)
