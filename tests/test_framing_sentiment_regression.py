"""Pin the shipped sentiment model's score on a fixed subset of NewsMTSC devtest_mt.

The first 300 targets of ``devtest_mt.jsonl`` (never used for training or model
selection). The full-file figure is in docs/benchmarks.md
(``benchmarks/sentiment_bench.py``). Skipped without ../shared.
"""

from __future__ import annotations

import pytest
from conftest import SHARED, needs_shared

DEVTEST = SHARED / "sentiment" / "newsmtsc" / "devtest_mt.jsonl"
#: measured with the shipped model (src/sitrep/models/sentiment/meta.json) through the eval
#: runner on 2026-12-03: the framing stage's 64-token context window and each target run alone
#: (batch-independent). The full devtest_mt file gives 0.7467 / 0.7839 (docs/benchmarks.md);
#: earlier pins (0.7337 / 0.7567 on 2026-11-21) were taken with batch-dependent scores.
PINNED_F1_MACRO = 0.7066
PINNED_ACCURACY = 0.7367


@needs_shared
@pytest.mark.shared
@pytest.mark.slow
def test_sentiment_regression_on_devtest_subset():
    from sitrep.eval import run_eval

    result = run_eval("sentiment", DEVTEST, limit=300)
    assert result["n"] == 300
    assert result["f1_macro"] >= PINNED_F1_MACRO - 0.01
    assert result["accuracy"] >= PINNED_ACCURACY - 0.01


def test_sentiment_eval_task_is_registered():
    from sitrep.eval import TASKS, get_task

    assert TASKS["sentiment"].stages == ("framing",)
    assert get_task("sentiment") is TASKS["sentiment"]


def test_sentiment_scorer_macro_f1_by_hand():
    from sitrep.stages.framing.scorer import score

    gold = ["negative", "negative", "neutral", "positive"]
    pred = ["negative", "neutral", "neutral", "neutral"]
    # F1: negative 2/3, neutral 2*1/(2+2) = 0.5, positive 0
    assert score(gold, pred) == {"f1_macro": pytest.approx((2 / 3 + 0.5) / 3, abs=1e-4), "accuracy": 0.5, "n": 4}


def test_sentiment_prediction_does_not_depend_on_its_batch():
    """A target's scores are the same alone, next to other targets, and in any order."""
    from sitrep.stages.framing.sentiment import TargetSentimentModel

    model = TargetSentimentModel()
    a = ("The rebels welcomed the truce on Sunday.", 4, 10)
    b = ("Soldiers shelled the old market, witnesses said.", 0, 8)  # same length class as a
    c = ("The envoy praised both delegations for a long and patient week of talks in the city.", 4, 9)
    alone = [model.predict([x])[0] for x in (a, b, c)]
    together = model.predict([c, a, b, a])
    assert together == [alone[2], alone[0], alone[1], alone[0]]
    assert model.predict([b, c, a]) == [alone[1], alone[2], alone[0]]


def test_sentiment_model_runs_without_torch_or_shared_data():
    """The shipped artifact needs onnxruntime + tokenizers only (torch blocked here)."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['torch'] = None; sys.modules['transformers'] = None\n"
        "from sitrep.stages.framing.sentiment import TargetSentimentModel\n"
        "m = TargetSentimentModel()\n"
        "s = 'Russia bombed the hospital, killing dozens of civilians.'\n"
        "[p] = m.predict([(s, 0, 6)])\n"
        "assert p.label == 'negative', p\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
