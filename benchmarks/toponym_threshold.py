"""End-to-end F1 of the tuning halves of GeoWebNews and LGL for several thresholds of the
n-gram toponym model (``toponym_ngram`` of ``place_model.json``): how ``NGRAM_THRESHOLD`` of
``scripts/train_toponym.py`` is chosen.

Run (from the repository root; needs ../shared/data/geo):

    OMP_NUM_THREADS=1 python benchmarks/toponym_threshold.py [THRESHOLD ...]

Parse and actors run once over the first (tuning) half of each file (the article's text as one
document, no ingest, as ``benchmarks/place_recognition.py`` does); then the place stage runs
once per threshold with the shipped model, only the n-gram model's threshold changed. The
held-out halves are never read. Prints one line per threshold (precision, recall, F1 of each
corpus and the sum of the two F1), best sum last.
"""

from __future__ import annotations

import argparse
import dataclasses

from common import shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.stages.place.scorer import (  # noqa: E402
    E2EScores,
    load_corpus,
    point_predictions,
    score_e2e,
)

DEFAULT = (0.26, 0.30, 0.32, 0.34, 0.36, 0.38, 0.40, 0.44)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("thresholds", nargs="*", type=float, default=list(DEFAULT))
    args = parser.parse_args()
    from place_recognition import analyses

    from sitrep.stages.place.ranking import load_model
    from sitrep.stages.place.stage import PlaceStage

    geo = shared_dir() / "geo"
    corpora = {}
    nlp = None
    for corpus, path in {"GeoWebNews": geo / "GWN.xml", "LGL": geo / "lgl.xml"}.items():
        articles = load_corpus(path)
        tune = articles[: len(articles) // 2]
        done = list(analyses(tune))
        corpora[corpus] = [(art, analysis) for art, analysis, _ in done]
        nlp = done[0][2].resources.nlp
    shipped = load_model()
    assert shipped.ngram is not None, "the shipped model has no n-gram toponym model"
    rows = []
    for threshold in args.thresholds:
        model = dataclasses.replace(shipped, ngram=dataclasses.replace(shipped.ngram, threshold=threshold))
        stage = PlaceStage(nlp, model=model)
        parts, total = [], 0.0
        for corpus, items in corpora.items():
            e2e = E2EScores()
            for art, analysis in items:
                score_e2e(art, point_predictions(stage(analysis).places), e2e)
            d = e2e.as_dict()
            total += d["e2e_f1"]
            parts.append(f"{corpus} P {d['e2e_precision']:.3f} R {d['e2e_recall']:.3f} F1 {d['e2e_f1']:.3f}")
        rows.append((total, threshold))
        print(f"threshold {threshold:.2f}: {' | '.join(parts)} | sum {total:.4f}", flush=True)
    best = max(rows)
    print(f"best sum of F1: threshold {best[1]:.2f} ({best[0]:.4f})")


if __name__ == "__main__":
    main()
