"""The learned sector fallback's reading (branch actors3): features and the threshold, on a written model."""

from __future__ import annotations

from sitrep.stages.actors.sector_model import SectorModel, features, from_json


def _model(threshold: float) -> SectorModel:
    return from_json({
        "classes": ["CVL", "GOV", "MIL"], "intercepts": [0.0, 0.0, 0.0], "threshold": threshold,
        "weights": {"h:negotiators": {"1": 3.0}, "s3:ers": {"0": 1.0}, "w:drone": {"2": 2.0}},
    })


def test_features_read_words_head_and_endings() -> None:
    f = features("the U.S. negotiators")
    assert "h:negotiators" in f and "w:u" in f and "s3:ors" in f and "s5:ators" in f
    assert "w:the" not in f
    assert features("of the") == []


def test_predict_answers_above_threshold_only() -> None:
    low, high = _model(0.5), _model(0.99)
    assert low.predict("negotiators") == "GOV"
    assert high.predict("negotiators") is None


def test_predict_abstains_on_unseen_words() -> None:
    assert _model(0.0).predict("La Prensa") is None
    assert _model(0.0).predict("predator drone") == "MIL"
