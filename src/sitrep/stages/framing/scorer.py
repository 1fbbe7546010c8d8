"""``sitrep eval sentiment FILE.jsonl``: target-dependent sentiment on NewsMTSC.

One prediction per target; returns macro-F1 over negative/neutral/positive,
accuracy and the number of targets ``n``. The predictions come from the framing
stage's own sentiment model, run by the evaluation runner (``sitrep.evaluation``)
with the stage's settings; this module only scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...marker_encoding import LABELS


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> float:
    """Unweighted mean of the per-class F1 scores (a class absent from both counts 0)."""
    scores = []
    for c in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        denom = 2 * tp + fp + fn
        scores.append(2 * tp / denom if denom else 0.0)
    return sum(scores) / len(scores)


def score(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    n = len(gold)
    return {
        "f1_macro": round(macro_f1(gold, pred), 4),
        "accuracy": round(sum(int(g == p) for g, p in zip(gold, pred, strict=True)) / n, 4) if n else 0.0,
        "n": n,
    }
