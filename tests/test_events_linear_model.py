"""The events stage's linear models: the vectorised ``LinearModel.proba`` gives bit for bit the
probabilities of the per-feature loop it replaced (issue 16), on the shipped models."""

from __future__ import annotations

import random

import numpy as np
import pytest

from sitrep.stages.events.classifier import LinearModel, load_models


def loop_proba(model: LinearModel, feats: dict[str, float]) -> dict[str, float]:
    """The reference: intercept, then each known feature's column times its value, in order."""
    scores = model.intercept.astype(np.float64).copy()
    for key, value in feats.items():
        if key in model.vocab:
            scores += model.coef[:, model.vocab[key]] * value
    scores -= scores.max()
    exp = np.exp(scores)
    exp /= exp.sum()
    return dict(zip(model.classes, exp.tolist(), strict=True))


@pytest.fixture(scope="module")
def models():
    return load_models()


@pytest.mark.parametrize("which", ["category", "status"])
def test_proba_is_bit_identical_to_the_loop(models, which):
    model = getattr(models, which)
    keys = list(model.vocab)
    rng = random.Random(16)
    for n in [0, 1, 2, 5, 30, 80] * 40:
        feats = {rng.choice(keys): rng.choice([1.0, 0.5, 1 / 3, rng.uniform(-2, 3)]) for _ in range(n)}
        if n % 2:
            feats["no such feature"] = 1.0  # unknown features are ignored
        got = model.proba(feats)
        assert got == loop_proba(model, feats)  # exact: same additions in the same order
        assert abs(sum(got.values()) - 1.0) < 1e-9


def test_proba_of_nothing_known_is_the_intercept_softmax(models):
    model = models.status
    assert model.proba({}) == model.proba({"no such feature": 1.0}) == loop_proba(model, {})
