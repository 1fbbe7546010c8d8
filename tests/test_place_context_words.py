"""The n-gram toponym model's context words (``toponym.context_words``) and their learned weights in the stage.

Examples are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

import dataclasses

import pytest

from sitrep.stages.place.ranking import LinearModel
from sitrep.stages.place.toponym import (
    TOPONYM_FEATURES,
    context_word_score,
    context_words,
)


def _at(text: str, name: str) -> tuple[int, int]:
    start = text.index(name)
    return start, start + len(name)


def test_the_words_right_before_and_after_a_span_are_its_keys() -> None:
    text = "Jane Doe, 41, of Dothan was held. Dothan police said the Dothan, Ala., man"
    assert context_words(text, *_at(text, "Dothan")) == ("prev=of", "next=was")
    second = text.index("Dothan police")
    assert context_words(text, second, second + 6) == ("prev=.", "next=police")
    third = text.index("Dothan,")
    assert context_words(text, third, third + 6) == ("prev=the", "next=,")


def test_numbers_and_the_text_ends_have_keys_of_their_own() -> None:
    assert context_words("Dothan", 0, 6) == ("prev=<s>", "next=</s>")
    assert context_words("Route 9 Dothan 12", 8, 14) == ("prev=<num>", "next=<num>")


def test_the_score_sums_the_learned_weights_of_the_two_keys_and_is_zero_without_weights() -> None:
    text = "Roselle police ticketed drivers"
    assert context_word_score({"next=police": 1.5, "prev=<s>": -0.25, "next=said": -3.0}, text, 0, 7) == 1.25
    assert context_word_score(None, text, 0, 7) == 0.0
    assert context_word_score({}, text, 0, 7) == 0.0


def test_the_offset_moves_the_probability_as_a_weight_would() -> None:
    model = LinearModel(("a",), [1.0], bias=-1.0)
    assert model.probability([1.0]) == 0.5
    assert model.probability([1.0], 2.0) == pytest.approx(1 / (1 + 2.718281828459045 ** -2.0))


def test_the_shipped_ngram_model_has_context_words_exactly_when_the_script_fits_them() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import train_toponym

    from sitrep.stages.place.ranking import load_model

    ngram = load_model().ngram
    assert ngram is not None and ngram.features == TOPONYM_FEATURES
    words = ngram.extra.get("context_words")
    # measured and switched off (docs/benchmarks.md, branch geo29): the shipped part must be the script's output
    assert bool(words) == train_toponym.NGRAM_CONTEXT_WORDS
    assert all(k.startswith(("prev=", "next=")) for k in words or {})


def test_the_stage_adds_the_context_words_of_an_ngram_span_only() -> None:
    from types import SimpleNamespace

    from sitrep.stages.place.stage import PlaceStage

    text = "Roselle police ticketed drivers"
    span = SimpleNamespace(start=0, end=7)
    with_words = dataclasses.replace(LinearModel(("a",), [0.0]), extra={"context_words": {"next=police": 2.0}})
    assert PlaceStage._word_score(with_words, text, span) == 2.0
    assert PlaceStage._word_score(LinearModel(("a",), [0.0]), text, span) == 0.0


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
    assert all(weight[name] != 0.0 for name in DOC_FEATURES if name not in train_toponym.NGRAM_MODEL_OFF)
    assert ngram.threshold == train_toponym.NGRAM_THRESHOLD
