"""``benchmarks/headline_intervals.py``: seeded bootstrap intervals of the headline figures (``ci1``).

Every outcome, pair and component here is invented; none comes from an evaluation set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import headline_intervals as hi
import numpy as np
import pytest
from common import script_module

from sitrep.incidents.scorer import GoldPair, Prediction, score


def accuracy(outcomes: Sequence[bool]) -> hi.Scorer:
    """A scorer over invented right/wrong outcomes: the share right of the given items."""
    def scorer(idx: Sequence[int]) -> Mapping[str, Any]:
        return {"acc": sum(outcomes[i] for i in idx) / len(idx) if idx else None}
    return scorer


def test_headline_intervals_constant_outcome_is_a_point() -> None:
    """Every item right: every resample scores 1, so the interval is the point itself."""
    o = hi.Outcomes("toy", "tune", hi.singletons(30), accuracy([True] * 30))
    iv = hi.bootstrap(o, ["acc"], draws=200)["acc"]
    assert iv.point == iv.low == iv.high == 1.0
    assert iv.draws == 200 and iv.units == 30


def test_headline_intervals_mixed_outcome_has_width() -> None:
    """Half right: the point is 0.5 and the interval holds it with a real width."""
    o = hi.Outcomes("toy", "tune", hi.singletons(40), accuracy([i % 2 == 0 for i in range(40)]))
    iv = hi.bootstrap(o, ["acc"], draws=500)["acc"]
    assert iv.point == 0.5
    assert iv.low is not None and iv.high is not None
    assert iv.low < 0.5 < iv.high and iv.high - iv.low > 0.1


#: two invented incidents: reports r1-r3 (three same pairs, all linked) and r4-r5 plus r6 (one same pair
#: not linked, one different pair), in two components of the pair graph
PAIRS = [GoldPair("r1", "r2", "same", "tune"), GoldPair("r2", "r3", "same", "tune"),
         GoldPair("r1", "r3", "same", "tune"), GoldPair("r4", "r5", "same", "tune"),
         GoldPair("r5", "r6", "different", "tune")]
PREDICTED = {("r1", "r2"): Prediction(True), ("r2", "r3"): Prediction(True), ("r1", "r3"): Prediction(True),
             ("r4", "r5"): Prediction(False), ("r5", "r6"): Prediction(False)}


def two_components() -> list[int]:
    """The pairs' components as the linker's cross-validation cuts them (every pair compared)."""
    fit = script_module("fit_incident_linker")
    keys = [frozenset((p.a, p.b)) for p in PAIRS]
    data = [(np.ones((1, 2)), p.label == "same") for p in PAIRS]
    groups: list[int] = fit.fold_groups(keys, data)
    return groups


def test_headline_intervals_component_bootstrap_keeps_pairs_together() -> None:
    """Each draw takes a component's pairs all together, as often as the component is drawn:
    the pairs of one component appear the same number of times in every resample."""
    groups = two_components()
    assert groups[:3] == [groups[0]] * 3 and groups[3] == groups[4] != groups[0]
    components = hi.components_of(PAIRS, groups)
    assert sorted(map(sorted, components)) == [[0, 1, 2], [3, 4]]
    seen: list[Counter[int]] = []

    def scorer(idx: Sequence[int]) -> Mapping[str, Any]:
        seen.append(Counter(idx))
        return score([PAIRS[i] for i in idx], PREDICTED)["tune"]

    o = hi.Outcomes("incidents", "tune", components, scorer)
    iv = hi.bootstrap(o, ["f1"], draws=300)["f1"]
    for counts in seen:
        for component in components:
            assert len({counts[i] for i in component}) == 1
    # whole components: F1 is 1.0 (only the first drawn), 0.0 (only the second) or 6/7 (one of each)
    # -- never the values a pair-by-pair draw gives (two linked pairs with the missed one: 0.8)
    f1s = {round(score([PAIRS[i] for i in c.elements()], PREDICTED)["tune"]["f1"], 3) for c in seen}
    assert f1s <= {1.0, 0.0, 0.857}
    assert iv.point == 0.857 and iv.low == 0.0 and iv.high == 1.0


def test_headline_intervals_seeded_run_is_reproducible() -> None:
    """The same seed gives the same intervals; another seed draws other resamples."""
    outcomes = [i % 3 != 0 for i in range(25)]
    o = hi.Outcomes("toy", "check", hi.singletons(25), accuracy(outcomes))
    first = hi.bootstrap(o, ["acc"], draws=300, seed=7)
    assert first == hi.bootstrap(o, ["acc"], draws=300, seed=7)
    assert first != hi.bootstrap(o, ["acc"], draws=300, seed=8)


@pytest.mark.parametrize(("target", "direction", "place", "said"), [
    (0.85, ">=", "below", "met (shown)"), (0.95, ">=", "above", "missed (shown)"),
    (0.90, ">=", "inside", "not shown either way"), (0.10, "<=", "above", "met (shown)"),
    (0.01, "<=", "below", "missed (shown)")])
def test_headline_intervals_where_the_target_lies(target: float, direction: str, place: str, said: str) -> None:
    """The target against an interval [0.88, 0.92]; a "<=" target reads the other way round."""
    iv = hi.Interval(0.9, 0.88 if direction == ">=" else 0.02, 0.92 if direction == ">=" else 0.06, 100, 50)
    assert hi.where(target, iv) == place
    assert hi.verdict(direction, place) == said


def test_headline_intervals_read_their_targets_from_the_headline_table() -> None:
    """Each row's target is the one of ``headline.TARGETS`` it names; none is typed twice."""
    by_label = {r.label: r for r in hi.ROWS}
    assert (by_label["FA-KES actor accuracy"].target, by_label["FA-KES actor accuracy"].direction) == (0.80, ">=")
    assert (by_label["contested false flags"].target, by_label["contested false flags"].direction) == (0.10, "<=")
    assert by_label["attribution strict (beside)"].target is None
    assert by_label["GeoWebNews acc@161 (gold spans)"].target == 0.90
    assert all(r.direction in (">=", "<=") for r in hi.ROWS)
