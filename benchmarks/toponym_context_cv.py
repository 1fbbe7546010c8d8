"""Context words for the toponym models, measured out of fold (TUNING halves and FA-KES development labels).

Run (from the repository root; needs ../shared/data):

    OMP_NUM_THREADS=1 python benchmarks/toponym_context_cv.py [--cache FILE] [--repeats 5] [--folds 5]

The training spans of ``scripts/train_toponym.py`` (the stage's resolved spans in the tuning halves of
GeoWebNews and LGL, labelled by overlap with the gold; the hand-labelled FA-KES development spans, weight
``FAKES_WEIGHT``) are collected once (``--cache`` keeps them: parse and actors are the slow part). For
each of the two toponym models (``toponym``: NER, pattern, cue, dateline, qualifier spans; ``toponym_ngram``:
gazetteer n-grams) it compares, by the same K-fold split by article as ``train_toponym.py --cv`` but
repeated over ``--repeats`` seeded fold assignments:

- ``base``: the model's own features (``TOPONYM_FEATURES`` with each model's off features zeroed);
- ``+words``: the same plus the lower-cased word right before and right after the span
  (``toponym.context_words``: ``prev=of``, ``next=police``, ``next=,``) as indicator features, the
  vocabulary being the keys seen at least ``train_toponym.CONTEXT_MIN_COUNT`` times around the training
  fold's spans (so a fold never sees its own words).

It prints, per model, the out-of-fold weighted F1 of the place class (the n-gram model at
``NGRAM_THRESHOLD``, the span model at its best training-fold threshold), the log-loss, and the FA-KES
spans labelled "not a place" that each variant keeps out of fold; the mean gain and its spread (the
standard deviation of the per-repeat gains) decide. The held-out halves are never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path
from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)

sys.path.insert(0, str(REPO / "scripts"))

import numpy as np  # noqa: E402


def collect(cache: Path | None) -> dict[str, Any]:
    """Features, labels, weights, articles and context words of every training span (cached)."""
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301  (our own cache file)
    import train_toponym as tt

    from sitrep.stages.place.toponym import context_words

    groups: list[str] = []
    where: list[tuple[str, int, int]] = []
    model = tt._rank_accept()
    xb, yb = tt.benchmark_spans(model, groups, where)
    xf, yf = tt.fakes_spans(model, groups, where)
    data = {"x": np.array(xb + xf, dtype=float), "y": np.array(yb + yf),
            "w": np.array([1.0] * len(yb) + [tt.FAKES_WEIGHT] * len(yf)),
            "fakes": np.array([False] * len(yb) + [True] * len(yf)), "groups": groups,
            "words": [context_words(t, s, e) for t, s, e in where]}  # toponym.context_words
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(data, fh)
    return data


def word_columns(words: list[tuple[str, str]], fit: np.ndarray) -> np.ndarray:
    """Indicator columns of the context-word keys seen ``CONTEXT_MIN_COUNT`` times around the ``fit`` rows
    (``train_toponym.context_vocabulary``), as the script fits them."""
    import train_toponym as tt

    vocab = tt.context_vocabulary([pair for pair, on in zip(words, fit, strict=True) if on])
    return tt.word_columns(words, vocab)


def run(data: dict[str, Any], folds: int, repeats: int) -> dict[str, Any]:
    import train_toponym as tt
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss

    from sitrep.stages.place.toponym import TOPONYM_FEATURES

    x, y, w, fakes = data["x"], data["y"], data["w"], data["fakes"]
    ngram = x[:, TOPONYM_FEATURES.index("src_gazetteer")] > 0
    result: dict[str, Any] = {}
    for label, rows, threshold in (("toponym", ~ngram, None), ("toponym_ngram", ngram, tt.NGRAM_THRESHOLD)):
        xs = tt._span_columns(x[rows]) if label == "toponym" else tt._zeroed(x[rows], tt.NGRAM_MODEL_OFF)
        ys, ws, fk = y[rows], w[rows], fakes[rows]
        groups = [g for g, on in zip(data["groups"], rows, strict=True) if on]
        words = [t for t, on in zip(data["words"], rows, strict=True) if on]
        per: dict[str, list[tuple[float, float, int]]] = {"base": [], "+words": []}
        for seed in range(repeats):
            part = np.array([int(hashlib.sha256(f"{seed}:{g}".encode()).hexdigest(), 16) % folds for g in groups])
            for variant in per:
                prob, keep = np.zeros(len(ys)), np.zeros(len(ys), dtype=bool)
                for k in range(folds):
                    fit = part != k
                    xv = np.hstack([xs, word_columns(words, fit)]) if variant == "+words" else xs
                    clf = LogisticRegression(C=tt.C, max_iter=5000).fit(xv[fit], ys[fit], sample_weight=ws[fit])
                    t = threshold if threshold is not None else tt._best_threshold(
                        clf.predict_proba(xv[fit])[:, 1], ys[fit], ws[fit])[1]
                    prob[~fit] = clf.predict_proba(xv[~fit])[:, 1]
                    keep[~fit] = prob[~fit] >= t
                per[variant].append((tt._f1(keep, ys, ws), float(log_loss(ys, prob, sample_weight=ws)),
                                     int((keep & fk & (ys == 0)).sum())))
        gains = [a[0] - b[0] for a, b in zip(per["+words"], per["base"], strict=True)]
        out = {variant: {"f1": [round(v[0], 4) for v in vals], "log_loss": [round(v[1], 4) for v in vals],
                         "fakes_false_kept": [v[2] for v in vals]} for variant, vals in per.items()}
        out["f1_gain_mean"] = round(float(np.mean(gains)), 4)
        out["f1_gain_sd"] = round(float(np.std(gains, ddof=1)) if len(gains) > 1 else 0.0, 4)
        out["f1_base_sd"] = round(float(np.std([v[0] for v in per["base"]], ddof=1)) if repeats > 1 else 0.0, 4)
        out["spans"] = int(len(ys))
        result[label] = out
        print(f"{label} ({len(ys)} spans, {folds}-fold by article x {repeats} seeds):")
        for variant, vals in per.items():
            f1s = [v[0] for v in vals]
            print(f"  {variant:7} F1 {np.mean(f1s):.4f} (runs {', '.join(f'{v:.4f}' for v in f1s)}), log-loss "
                  f"{np.mean([v[1] for v in vals]):.4f}, FA-KES non-places kept {[v[2] for v in vals]}")
        print(f"  gain {out['f1_gain_mean']:+.4f}, sd of the gains {out['f1_gain_sd']:.4f}, "
              f"sd of base F1 over seeds {out['f1_base_sd']:.4f}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the collected spans (made once)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    result = run(collect(args.cache), args.folds, args.repeats)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
