"""The incident linker fit's report-model families (issue 11, 2026-12-05 late, ``incidents37``):
boosted trees read back as plain arrays score exactly as scikit-learn scores them, hold each
feature to the direction its meaning gives it, and are the same on two fits; the logistic model
with pairwise products adds only the products of kept features; a malformed family is refused.

The rows here are invented numbers, not features of any evaluation set.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import script_module

FIT = script_module("fit_incident_linker")
WIDTH = len(FIT.FEATURES)


def _data(n: int = 240, seed: int = 3) -> list[tuple[np.ndarray, bool]]:
    """Invented report pairs, one feature row each: a pair is the same incident when its bodies are
    alike *and* it was published close together (an interaction), with some noise."""
    rng = np.random.default_rng(seed)
    out = []
    gap, body = FIT.REPORT_LEVEL.index("report_gap"), FIT.REPORT_LEVEL.index("body_idf")
    for _ in range(n):
        row = np.zeros(WIDTH)
        values = rng.random(len(FIT.REPORT_LEVEL))
        row[FIT.REPORT_COLUMNS] = values
        same = bool(values[body] > 0.5 and values[gap] < 0.4) != bool(rng.random() < 0.05)
        out.append((row.reshape(1, WIDTH), same))
    return out


@pytest.fixture
def default_signs(monkeypatch: pytest.MonkeyPatch) -> None:
    """``SIGNS`` restricted to the default feature set, as the script's main does (restored after)."""
    monkeypatch.setattr(FIT, "SIGNS", FIT.restrict(dict(FIT.SIGNS), list(FIT.DEFAULT_FEATURES)))


def test_trees_as_plain_arrays_score_as_sklearn(default_signs: None) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    data = _data()
    trees = FIT.fit_trees(data, None, (4, 20, 30, 1.0))
    assert trees.features == FIT.kept_report_features()
    assert "report_gap" in trees.features and "any_numbers" not in trees.features
    x, y, w = FIT.report_rows(data, None)
    x = x[:, [FIT.REPORT_LEVEL.index(f) for f in trees.features]]
    pos = float(w[y == 1].sum())
    model = HistGradientBoostingClassifier(
        learning_rate=FIT.TREE_RATE, max_iter=30, max_leaf_nodes=4, min_samples_leaf=20, l2_regularization=1.0,
        early_stopping=False, random_state=0,
        monotonic_cst=[max(-1, min(1, FIT.SIGNS.get(f, 0))) for f in trees.features],
    ).fit(x, y, sample_weight=w * np.where(y == 1, float(w[y != 1].sum()) / pos, 1.0))
    ours = np.array([FIT.tree_logit(trees, list(row)) for row in x])
    assert np.max(np.abs(ours - model.decision_function(x))) < 1e-4  # rounded to TREE_DECIMALS per node
    assert len(trees.trees) == 30 and all(len(t) <= 2 * 4 - 1 for t in trees.trees)
    # the interaction is learned: alike bodies score higher close together than far apart
    row = {f: 0.0 for f in trees.features}
    row.update(body_idf=0.9, body=0.9)
    close = FIT.tree_logit(trees, [row[f] for f in trees.features])
    row["report_gap"] = 0.9
    assert FIT.tree_logit(trees, [row[f] for f in trees.features]) < close


def test_trees_monotonic_and_deterministic(default_signs: None) -> None:
    data = _data(seed=5)
    first = FIT.fit_trees(data, None, (3, 10, 40, 0.0))
    assert first == FIT.fit_trees(data, None, (3, 10, 40, 0.0))
    rng = np.random.default_rng(0)
    for _ in range(200):
        row = list(rng.random(len(first.features)))
        for i, name in enumerate(first.features):
            sign = FIT.SIGNS.get(name, 0)
            if sign == 0:
                continue
            more = list(row)
            more[i] = min(1.0, row[i] + 0.3)
            if sign > 0:
                assert FIT.tree_logit(first, more) >= FIT.tree_logit(first, row) - 1e-9
            else:
                assert FIT.tree_logit(first, more) <= FIT.tree_logit(first, row) + 1e-9


def test_products_only_of_kept_features(default_signs: None) -> None:
    theta, products = FIT.fit_products(_data(), 3.0, None)
    kept = set(FIT.kept_report_features())
    assert products and all(a in kept and b in kept for a, b in products)
    assert len(theta) == len(FIT.REPORT_LEVEL) + len(products) + 1
    assert ("report_gap", "body_idf") in products
    # the product of a close gap and alike bodies is what separates the invented classes
    assert theta[len(FIT.REPORT_LEVEL) + products.index(("report_gap", "body_idf"))] < 0


def test_nonlinear_logit_adds_products_and_trees() -> None:
    values = tuple(0.5 if n == "report_gap" else 0.2 for n in FIT.REPORT_FEATURES)
    fit = FIT.Fit({}, 0.0, 0.0, products=(("report_gap", "body", 2.0),))
    assert FIT.nonlinear_logit(fit, values) == pytest.approx(2.0 * 0.5 * 0.2)
    stump = FIT.Trees(("body",), -1.0, (((0, 0.3, 1, 2, 0.0), (-1, 0.0, 0, 0, 0.5), (-1, 0.0, 0, 0, 2.0)),))
    assert FIT.nonlinear_logit(FIT.Fit({}, 0.0, 0.0, trees=stump), values) == pytest.approx(-0.5)


def test_family_spec() -> None:
    assert FIT.family_spec("logistic") == ("logistic", ())
    assert FIT.family_spec("trees:3:20:50:1") == ("trees", (3.0, 20.0, 50.0, 1.0))
    for bad in ("trees", "trees:3:20", "forest:1:2:3:4", "products:2"):
        with pytest.raises(SystemExit):
            FIT.family_spec(bad)
