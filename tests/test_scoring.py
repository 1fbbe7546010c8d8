"""The shared precision/recall/F1 arithmetic."""

from __future__ import annotations

import pytest

from sitrep.scoring import f1, prf


@pytest.mark.parametrize(
    "tp, n_pred, n_gold, expected",
    [(3, 4, 6, (0.75, 0.5, 0.6)), (0, 0, 5, (0.0, 0.0, 0.0)), (2, 2, 0, (1.0, 0.0, 0.0))],
)
def test_scoring_prf(tp, n_pred, n_gold, expected):
    assert prf(tp, n_pred, n_gold) == pytest.approx(expected)


def test_scoring_f1_is_the_harmonic_mean():
    assert f1(0.5, 1.0) == pytest.approx(2 / 3)
    assert f1(0.0, 0.0) == 0.0
