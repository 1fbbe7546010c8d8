"""``benchmarks/incidents_learning_curve.py``: the linker's learning curve over whole training
components (issue 11, incidents62).

The groups, pairs and runs here are invented; none comes from an evaluation set.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import random

import incidents_learning_curve as lc
import numpy as np
import pytest

#: twelve invented pairs in five groups (sizes 4, 3, 2, 2, 1), as ``fold_groups`` numbers them
GROUPS = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4]


@pytest.mark.parametrize("fraction", [0.25, 0.5, 0.75])
def test_incidents_learning_curve_subset_keeps_groups_whole(fraction: float) -> None:
    """Every kept group is kept with all of its training pairs, none outside ``train`` is kept,
    and the kept count reaches the fraction without a further group beyond it."""
    train = list(range(len(GROUPS)))
    for seed in range(20):
        kept = lc.subset(GROUPS, train, fraction, lc.run_seed(seed, 0, 0, fraction))
        kept_groups = {GROUPS[i] for i in kept}
        assert sorted(kept) == sorted(i for i in train if GROUPS[i] in kept_groups)
        assert len(kept) >= fraction * len(train)
        largest = max(sum(g == k for g in GROUPS) for k in kept_groups)
        assert len(kept) - largest < fraction * len(train)


def test_incidents_learning_curve_subset_within_training_folds_only() -> None:
    """Only training indices are kept (a held-out fold's pairs never), whole groups of them."""
    train = [i for i, g in enumerate(GROUPS) if g != 1]
    kept = lc.subset(GROUPS, train, 0.5, random.Random(3))
    assert set(kept) <= set(train) and not {4, 5, 6} & set(kept)
    assert lc.subset(GROUPS, train, 1.0, random.Random(3)) == train


def test_incidents_learning_curve_seeds_reproduce_and_differ() -> None:
    """The same (seed, repeat, fold, fraction) keeps the same pairs; across seeds the subsets vary."""
    train = list(range(len(GROUPS)))
    first = lc.subset(GROUPS, train, 0.5, lc.run_seed(1, 2, 3, 0.5))
    again = lc.subset(GROUPS, train, 0.5, lc.run_seed(1, 2, 3, 0.5))
    assert first == again
    seen = {tuple(lc.subset(GROUPS, train, 0.5, lc.run_seed(s, 2, 3, 0.5))) for s in range(1, 30)}
    assert len(seen) > 1


def test_incidents_learning_curve_counts_gold_incidents_as_components() -> None:
    """Same pairs a-b, b-c and d-e are two incidents."""
    keys = [frozenset(("a", "b")), frozenset(("b", "c")), frozenset(("d", "e"))]
    assert lc.incidents_of(keys) == 2
    assert lc.incidents_of([]) == 0


def _run(fraction: float, seed: int, split: int, weighted: float, f1: float) -> lc.Run:
    figures = {name: f1 if name == "f1" else 0.5 for name in lc.FIGURES}
    inside = {name: f1 + 0.05 if name == "f1" else 0.5 for name in lc.FIGURES}
    return lc.Run(fraction, seed, split, weighted * 3, weighted, weighted / 4, weighted / 8, figures, inside)


def test_incidents_learning_curve_power_law_recovers_a_known_curve() -> None:
    """On runs drawn from ``0.95 - 2 n^-0.5`` the fit finds the asymptote and the pairs needed
    for 0.85 (400); on a flat curve at 0.75 the target is never reached."""
    runs = [_run(f, s, r, n, float(lc.power_law(np.asarray(n), 0.95, 2.0, 0.5)))
            for f, n in ((0.25, 40.0), (0.5, 80.0), (0.75, 120.0), (1.0, 160.0)) for s in (1, 2) for r in (0, 1)]
    got = lc.extrapolate(runs, boot=20)
    assert got["point"]["a"] == pytest.approx(0.95, abs=1e-3)
    assert got["needed_weighted_pairs"] == pytest.approx(400.0, rel=1e-2)
    flat = [dataclasses_replace_f1(x, 0.75) for x in runs]
    assert math.isinf(lc.extrapolate(flat, boot=5)["needed_weighted_pairs"])
    assert lc.needed((0.8, 1.0, 0.5)) == math.inf


def dataclasses_replace_f1(run: lc.Run, f1: float) -> lc.Run:
    return dataclasses.replace(run, oof={**run.oof, "f1": f1})


def test_incidents_learning_curve_curve_and_steps_spread_over_runs() -> None:
    """The curve's spread is over a fraction's runs, the gap is in sample minus out of fold, and the
    step to all pairs is paired by split (seeds averaged first)."""
    runs = [_run(0.5, 1, 0, 80, 0.70), _run(0.5, 2, 0, 80, 0.72), _run(0.5, 1, 1, 80, 0.66),
            _run(0.5, 2, 1, 80, 0.68), _run(1.0, 1, 0, 160, 0.75), _run(1.0, 1, 1, 160, 0.70)]
    half = lc.curve(runs)[0]
    assert half["fraction"] == 0.5 and half["runs"] == 4 and half["seeds"] == 2
    assert half["oof"]["f1"]["mean"] == pytest.approx(0.69) and half["gap_f1"]["mean"] == pytest.approx(0.05)
    step = lc.paired_steps(runs)
    assert step == [{"from": 0.5, "to": 1.0, "mean": pytest.approx(0.035), "sd": pytest.approx(0.0071, abs=1e-4),
                     "min": pytest.approx(0.03), "max": pytest.approx(0.04)}]


def test_incidents_learning_curve_pool_key() -> None:
    """The pool's class of two invented development rows."""
    from conftest import script_module

    meta = script_module("fit_incident_linker").RowMeta
    day = datetime.date(2030, 5, 6)
    a = meta("Qarat Amal", "A", day)
    assert lc.pool_key(a, meta("Qarat Amal", "B", day + datetime.timedelta(days=1))) == \
        "other outlets, gap 1 d, same location"
    assert lc.pool_key(a, meta("Marj Hilal", "A", day + datetime.timedelta(days=9))) == \
        "same outlet, gap 4+ d, other location"
    assert lc.pool_key(a, None) == "not a development row"


def test_incidents_learning_curve_log_trend_reads_a_known_slope() -> None:
    """On runs on the line ``0.5 + 0.05 ln n`` (fractions 0.5 on), the slope per doubling is
    0.05 ln 2 and 0.85 is reached at ``exp(7)``; a falling line never reaches it."""
    runs = [_run(f, s, r, n, 0.5 + 0.05 * math.log(n))
            for f, n in ((0.25, 40.0), (0.5, 80.0), (0.75, 120.0), (1.0, 160.0)) for s in (1, 2) for r in (0, 1)]
    got = lc.extrapolate_log(runs, boot=10)
    assert got["per_doubling"] == pytest.approx(0.05 * math.log(2), abs=1e-4)
    assert got["needed_weighted_pairs"] == pytest.approx(math.exp(7.0), rel=1e-3)
    assert got["never_rises"] == 0.0
    assert math.isinf(lc.log_needed((0.9, -0.01)))
