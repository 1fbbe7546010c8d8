"""The shipped n-gram toponym model against ``scripts/train_toponym.py``: the features the script fits it
without (``NGRAM_MODEL_OFF``: the document features, geo34) carry a zero weight, the others a fitted
one. (The context words measured in geo29 failed their bar and were removed in branch prune4.)
"""

from __future__ import annotations


def test_the_shipped_ngram_model_weighs_the_document_features_exactly_when_the_script_fits_them() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import train_toponym

    from sitrep.stages.place.ranking import load_model
    from sitrep.stages.place.toponym import DOC_FEATURES

    ngram = load_model().ngram
    assert ngram is not None
    weight = dict(zip(ngram.features, ngram.weights, strict=True))
    # the features the script fits the n-gram model without carry a zero weight, the others a fitted one
    # (the document features measured end to end out of fold: docs/benchmarks.md, branch geo34)
    assert all(weight[name] == 0.0 for name in train_toponym.NGRAM_MODEL_OFF)
    assert set(train_toponym.NGRAM_MODEL_OFF) == set(DOC_FEATURES)
    spans = load_model().toponym  # the model of the other spans is fitted with them
    assert spans is not None
    assert all(dict(zip(spans.features, spans.weights, strict=True))[name] != 0.0 for name in DOC_FEATURES)
    assert ngram.threshold == train_toponym.NGRAM_THRESHOLD
