"""The learning-curve harness of the events stage's learned components (branch curve1): training
waves are subsampled whole, seeded, at the fractions asked; the trend is an honest least-squares fit."""

from __future__ import annotations

import math

import pytest
from events_learning_curve import (
    articles_of,
    headline,
    loglinear,
    subsample_waves,
    unit,
)
from events_side_missing import WAVES, wave_of

TRAINING = [w for w in range(27) if w != 5]  # a fold's 26 training waves (27 waves, as when the curve ran)


@pytest.mark.parametrize(("fraction", "size"), [(0.25, 6), (0.5, 13), (0.75, 20), (1.0, 26)])
def test_subsample_waves_keeps_the_fraction_of_distinct_training_waves(fraction: float, size: int) -> None:
    for seed in range(4):
        kept = subsample_waves(TRAINING, fraction, seed)
        assert len(kept) == size
        assert len(set(kept)) == size
        assert set(kept) <= set(TRAINING)
        assert kept == sorted(kept)


def test_subsample_waves_is_seeded_and_seeds_differ() -> None:
    assert subsample_waves(TRAINING, 0.5, 7) == subsample_waves(TRAINING, 0.5, 7)
    draws = {tuple(subsample_waves(TRAINING, 0.5, seed)) for seed in range(4)}
    assert len(draws) > 1
    assert subsample_waves(TRAINING, 1.0, 3) == TRAINING


def test_subsample_waves_keeps_two_waves_at_least() -> None:
    assert len(subsample_waves([0, 1, 2, 3], 0.25, 0)) == 2


def test_kept_articles_are_whole_waves_and_never_the_held_out_one() -> None:
    wave = wave_of(sum(WAVES))
    kept = subsample_waves(TRAINING, 0.25, 1)
    idx = articles_of(wave, kept)
    assert len(idx) == sum(WAVES[w] for w in kept)
    assert {wave[i] for i in idx} == set(kept)
    assert 5 not in {wave[i] for i in idx}


def test_loglinear_recovers_a_known_line() -> None:
    xs = [50.0, 100.0, 150.0, 200.0]
    a, b = loglinear(xs, [1.0 + 2.0 * math.log(x) for x in xs])
    assert a == pytest.approx(1.0)
    assert b == pytest.approx(2.0)


def test_units_and_headlines_count_as_the_fitting_scripts_do() -> None:
    t = {"gold_events": 10, "predicted_events": 12, "matched": 8, "actor_right": 5, "recipient_right": 6}
    assert unit("record", t) == 4
    assert unit("recipient", t) == 6
    assert headline("record", t) == pytest.approx(16 / 22)
