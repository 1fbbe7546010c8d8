"""End-to-end F1 of the tuning halves, out of fold, with and without the n-gram model's context words.

Run (from the repository root; needs ../shared/data):

    OMP_NUM_THREADS=1 python benchmarks/toponym_context_e2e.py [--folds 5] [--seeds 3] [--json FILE]

The training spans of ``scripts/train_toponym.py`` are collected once (the tuning halves of GeoWebNews and
LGL and the hand-labelled FA-KES development spans). For each seeded assignment of the tuning articles to
``--folds`` folds (a hash of seed and article), and each fold, the n-gram toponym model is fitted twice on
the other folds' spans and every FA-KES span — ``base`` (its own features, as shipped before) and
``+words`` (the same plus the context words of ``toponym.context_words``, vocabulary from those spans) —;
the place stage then runs on the fold's own articles with each (the span model, ranking and acceptance
parts are the shipped ones in both). The out-of-fold places of every article are scored end to end
(``scorer.score_e2e``), per corpus. Prints precision, recall and F1 of each corpus and variant per seed,
and the gain of the sum of the two F1 (and of each corpus's F1) with its spread over the seeds. ``docs``
variants fit the n-gram model with the document features the shipped one leaves out (branch ``geo34``).
The held-out halves are never read.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)

sys.path.insert(0, str(REPO / "scripts"))

import numpy as np  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--variants", default="base@0.48,words5@0.48", metavar="V@T,...",
                        help="variants compared: ``base``, ``wordsN`` (context words seen N times), ``prevN`` or "
                             "``nextN`` (the word before or after alone), ``docs`` (``base`` with the document features the shipped "
                             "n-gram model is fitted without, ``NGRAM_MODEL_OFF``; ``docs+X`` on top of ``X``), with ``-req`` fitted without the n-gram spans "
                             "on optional annotations only, each at an n-gram threshold; the first is the one the "
                             "others' gains are taken against")
    args = parser.parse_args()
    variants = [(v.split("@")[0], float(v.split("@")[1])) for v in args.variants.split(",")]

    import train_toponym as tt
    from place_recognition import analyses, tuning_halves
    from sklearn.linear_model import LogisticRegression

    from sitrep.stages.place.ranking import LinearModel, load_model
    from sitrep.stages.place.scorer import E2EScores, point_predictions, score_e2e
    from sitrep.stages.place.toponym import TOPONYM_FEATURES, context_words

    where: list[tuple[str, int, int]] = []
    x, y, w, groups = tt.training_spans(tt._rank_accept(), where)
    ngram = x[:, TOPONYM_FEATURES.index("src_gazetteer")] > 0
    xn = tt._zeroed(x[ngram], tt.NGRAM_MODEL_OFF)
    xd = tt._zeroed(x[ngram], tuple(f for f in tt.NGRAM_MODEL_OFF if f not in tt.DOC_FEATURES))  # ``docs`` variants
    yn, wn = y[ngram], w[ngram]
    gn = [g for g, on in zip(groups, ngram, strict=True) if on]
    words = [context_words(*where[i]) for i in np.flatnonzero(ngram)]
    benchmark = np.array([":" in g for g in gn])  # "GWN:12" / "lgl:3"; FA-KES ids have no colon

    # the ``-req`` variants fit on the spans as end-to-end scoring weighs them: a span on a required gold
    # toponym is a place, one on optional annotations only (GWN's embedded toponyms, adjectives) is left out
    by_text = {art.text: art for _c, _p, tune in tuning_halves() for art in tune}
    optional_only = np.zeros(len(gn), dtype=bool)
    for r, i in enumerate(np.flatnonzero(ngram)):
        art = by_text.get(where[i][0]) if benchmark[r] else None
        if art is not None:
            over = [t for t in art.toponyms if t.start < where[i][2] and where[i][1] < t.end]
            optional_only[r] = any(t.role == "optional" for t in over) and not any(t.role == "required" for t in over)

    corpora: dict[str, list[tuple[Any, Any, str]]] = {}
    stage = None
    for corpus, path, tune in tuning_halves():
        done = list(analyses(tune))
        corpora[corpus] = [(art, analysis, f"{path.stem}:{k}") for k, (art, analysis, _p) in enumerate(done)]
        stage = done[0][2]
    assert stage is not None
    shipped = load_model()

    def fit(rows: np.ndarray, min_count: int, threshold: float, side: str = "", required: bool = False,
            docs: bool = False) -> LinearModel:
        base = xd if docs else xn
        if required:
            rows = rows & ~optional_only
        saved = tt.CONTEXT_MIN_COUNT
        tt.CONTEXT_MIN_COUNT = min_count
        vocab = tt.context_vocabulary([words[i] for i in np.flatnonzero(rows)]) if min_count else []
        tt.CONTEXT_MIN_COUNT = saved
        vocab = [k for k in vocab if k.startswith(f"{side}=")] if side else vocab
        xv = np.hstack([base, tt.word_columns(words, vocab)]) if vocab else base
        clf = LogisticRegression(C=tt.C, max_iter=5000).fit(xv[rows], yn[rows], sample_weight=wn[rows])
        coef = clf.coef_[0].tolist()
        n = len(TOPONYM_FEATURES)
        extra = {"context_words": dict(zip(vocab, coef[n:], strict=True))} if vocab else {}
        return LinearModel(TOPONYM_FEATURES, coef[:n], float(clf.intercept_[0]), threshold, extra=extra)

    result: dict[str, Any] = {"seeds": []}
    for seed in range(args.seeds):
        def fold(g: str, seed: int = seed) -> int:
            return int(hashlib.sha256(f"{seed}:{g}".encode()).hexdigest(), 16) % args.folds

        part = np.array([fold(g) if b else -1 for g, b in zip(gn, benchmark, strict=True)])
        names = [f"{v}@{t}" for v, t in variants]
        scores = {v: {c: E2EScores() for c in corpora} for v in names}
        for k in range(args.folds):
            rows = part != k  # FA-KES spans (-1) are always fitted on
            fitted: dict[str, LinearModel] = {}
            for variant, (kind, threshold) in zip(names, variants, strict=True):
                if kind not in fitted:
                    core, required = kind.removesuffix("-req"), kind.endswith("-req")
                    docs = core.startswith("docs")
                    core = "base" if core == "docs" else core.removeprefix("docs+")
                    side = next((p for p in ("prev", "next") if core.startswith(p)), "")
                    count = int(core[len(side or "words"):]) if core != "base" else 0
                    fitted[kind] = fit(rows, count, threshold, side, required, docs)
                ngram_model = dataclasses.replace(fitted[kind], threshold=threshold)
                stage.model = dataclasses.replace(shipped, ngram=ngram_model)
                for corpus, items in corpora.items():
                    for art, analysis, g in items:
                        if fold(g) == k:
                            score_e2e(art, point_predictions(stage(analysis).places), scores[variant][corpus])
        row = {v: {c: s.as_dict() for c, s in by.items()} for v, by in scores.items()}
        sums = {v: sum(s["e2e_f1"] for s in by.values()) for v, by in row.items()}
        row["gain_sum_f1"] = {v: round(sums[v] - sums[names[0]], 4) for v in names[1:]}
        result["seeds"].append(row)
        print(f"seed {seed}: " + "; ".join(
            f"{v} " + ", ".join(f"{c} P {s['e2e_precision']:.4f} R {s['e2e_recall']:.4f} F1 {s['e2e_f1']:.4f}" for c, s in by.items())
            for v, by in row.items() if v != "gain_sum_f1") + f"; gains of the F1 sum {row['gain_sum_f1']}", flush=True)
    for v in names[1:]:
        gains = [r["gain_sum_f1"][v] for r in result["seeds"]]
        result[f"{v} gain mean/sd"] = [round(float(np.mean(gains)), 4),
                                      round(float(np.std(gains, ddof=1)), 4) if len(gains) > 1 else 0.0]
    for corpus in corpora:  # the gain of each corpus's F1 alone, mean and sd over the seeds
        for v in names[1:]:
            gains = [r[v][corpus]["e2e_f1"] - r[names[0]][corpus]["e2e_f1"] for r in result["seeds"]]
            result[f"{corpus} {v} gain mean/sd"] = [round(float(np.mean(gains)), 4),
                                                   round(float(np.std(gains, ddof=1)), 4) if len(gains) > 1 else 0.0]
    for corpus in corpora:
        for variant in names:
            f1s = [r[variant][corpus]["e2e_f1"] for r in result["seeds"]]
            result[f"{corpus} {variant} f1 mean/sd"] = [round(float(np.mean(f1s)), 4),
                                                        round(float(np.std(f1s, ddof=1)), 4) if len(f1s) > 1 else 0.0]
    print(json.dumps({k: v for k, v in result.items() if k != "seeds"}, indent=1))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
