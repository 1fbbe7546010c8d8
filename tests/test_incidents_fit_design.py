"""The incident linker's fit weighted by how each wave of tune pairs was drawn (issue 11,
2026-12-04 afternoon): strata of the labelled pairs, design weights, the weighted F1 and the
weighted fit of ``scripts/fit_incident_linker.py``.

Rows, references and pairs here are invented; none comes from an evaluation set.
"""

from __future__ import annotations

import datetime

import numpy as np
import pytest
from conftest import script_module

from sitrep.incidents.scorer import GoldPair

FIT = script_module("fit_incident_linker")
DAY = datetime.date(2030, 5, 6)


def _row(location: str, outlet: str, days: int = 0):  # type: ignore[no-untyped-def]
    return FIT.RowMeta(location, outlet, DAY + datetime.timedelta(days=days))


def test_incidents_fit_strata_follow_the_waves_draw_rules() -> None:
    """Waves 1-3's rules (same location: other outlets within 2 days, exactly 3 days apart; one
    outlet within 2 days) are the check half's strata; anything else is outside them."""
    home = _row("Qarat Amal", "Outlet A")
    assert FIT.stratum(home, _row("Qarat Amal", "Outlet B", 2)) == "candidates"
    assert FIT.stratum(_row("Qarat Amal", "Outlet B", 2), home) == "candidates"
    assert FIT.stratum(home, _row("Qarat Amal", "Outlet B", 3)) == "three_days"
    assert FIT.stratum(home, _row("Qarat Amal", "Outlet B", 4)) == FIT.OUTSIDE
    assert FIT.stratum(home, _row("Qarat Amal", "Outlet A", 1)) == "same_outlet"
    assert FIT.stratum(home, _row("Qarat Amal", "Outlet A", 3)) == FIT.OUTSIDE
    assert FIT.stratum(home, _row("Tell Sawan", "Outlet B")) == FIT.OUTSIDE  # wave 4's rule: other location
    assert FIT.stratum(home, None) == FIT.OUTSIDE


def test_incidents_fit_design_weights_are_inverse_tune_sampling_rates() -> None:
    """A check stratum's tune pair weighs (its pairs in both halves) / (its tune pairs); a
    tune-only pair outside the strata weighs 0; check pairs get no weight (they are not fitted)."""
    # row numbers far beyond any real file's: invented rows
    rows = {9001: _row("P", "A"), 9002: _row("P", "B", 1), 9003: _row("P", "C"), 9004: _row("P", "D", 2),
            9005: _row("Q", "A"), 9006: _row("P", "A", 1), 9007: _row("R", "E")}

    def pair(a: int, b: int, split: str, label: str = "different") -> GoldPair:
        return GoldPair(f"X.csv#row{9000 + a}", f"X.csv#row{9000 + b}", label, split)

    pairs = [pair(1, 2, "tune", "same"), pair(3, 4, "check"), pair(2, 3, "check"), pair(1, 6, "tune"),
             pair(1, 5, "tune"), pair(5, 7, "tune")]
    weights = FIT.design_weights(pairs, rows)
    assert set(weights) == {("X.csv#row9001", "X.csv#row9002"), ("X.csv#row9001", "X.csv#row9006"),
                            ("X.csv#row9001", "X.csv#row9005"), ("X.csv#row9005", "X.csv#row9007")}
    assert weights[("X.csv#row9001", "X.csv#row9002")] == ("candidates", 3.0)  # 1 of the stratum's 3 pairs is tune
    assert weights[("X.csv#row9001", "X.csv#row9006")] == ("same_outlet", 1.0)
    assert weights[("X.csv#row9001", "X.csv#row9005")] == (FIT.OUTSIDE, FIT.OUTSIDE_DESIGN_WEIGHT)
    assert FIT.OUTSIDE_DESIGN_WEIGHT == 0.0


def test_incidents_fit_weighted_f1_counts_each_pair_by_its_weight() -> None:
    ab, ac, bc, cd = (frozenset(p) for p in ("ab", "ac", "bc", "cd"))
    gold = {ab: True, ac: True, bc: False, cd: False}
    predicted = {ab, bc, cd}
    ones = dict.fromkeys(gold, 1.0)
    assert FIT.weighted_f1(predicted, gold, ones) == FIT.pair_f1(predicted, gold)
    # the two false links drawn from outside the population weigh nothing; the missed pair weighs 2
    weight = {ab: 1.0, ac: 2.0, bc: 0.0, cd: 0.0}
    assert FIT.weighted_counts(predicted, gold, weight) == (1.0, 0.0, 2.0)
    assert FIT.weighted_f1(predicted, gold, weight) == pytest.approx(2 / 4)
    assert FIT.weighted_f1(set(), gold, dict.fromkeys(gold, 0.0)) == 0.0


def test_incidents_fit_weighted_logistic_equals_repeated_rows() -> None:
    """A row's weight counts as that many copies of it, also in the class balance; weights 1
    give the fit as before (no ``sample``)."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(40, 3))
    y = (x[:, 0] + 0.5 * rng.normal(size=40) > 0.3).astype(float)
    names = ("text_words", "body", "report_gap")
    plain = FIT.fit_logistic(x, y, 1.0, None, names)
    assert np.allclose(FIT.fit_logistic(x, y, 1.0, None, names, np.ones(40)), plain)
    counts = rng.integers(0, 3, size=40).astype(float)
    weighted = FIT.fit_logistic(x, y, 1.0, None, names, counts)
    keep = np.repeat(np.arange(40), counts.astype(int))
    repeated = FIT.fit_logistic(x[keep], y[keep], 1.0, None, names)
    assert np.allclose(weighted, repeated, atol=1e-4)
    assert weighted[2] <= 0.0  # the sign bound of report_gap holds under weights too


def test_incidents_fit_sample_is_uniform_or_the_design_weight() -> None:
    keys = [frozenset("ab"), frozenset("cd")]
    design = {keys[0]: 2.0, keys[1]: 0.0}
    assert FIT.fit_sample(keys, design, "uniform") == [1.0, 1.0]
    assert FIT.fit_sample(keys, design, "design") == [2.0, 0.0]
    assert FIT.fit_sample(keys, None, "design") == [1.0, 1.0]
    with pytest.raises(SystemExit):
        FIT.fit_sample(keys, design, "hand-picked")
    assert set(FIT.FIT_WEIGHTS) == {"uniform", "design"} and FIT.ESTIMATORS[0] == "design"


def test_incidents_fit_choice_over_fit_weights_prefers_the_earlier_fit_on_a_tie() -> None:
    """Configurations (l2, fit weights): the best CV F1 wins; on a tie the stronger l2, then
    ``uniform`` (the fit before) over ``design``."""
    choose = FIT.choose_by_cv
    assert choose({(1.0, "uniform"): {0.5: 0.70}, (1.0, "design"): {0.5: 0.72}}) == ((1.0, "design"), 0.5, 0.72)
    assert choose({(1.0, "uniform"): {0.5: 0.72}, (1.0, "design"): {0.5: 0.72}}) == ((1.0, "uniform"), 0.5, 0.72)
    assert choose({(3.0, "design"): {0.5: 0.72}, (1.0, "uniform"): {0.5: 0.72}}) == ((3.0, "design"), 0.5, 0.72)
