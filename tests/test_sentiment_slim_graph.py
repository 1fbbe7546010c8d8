"""The shipped sentiment graph is the slimmed one (``scripts/slim_sentiment.py``, issue 16).

The outputs themselves are pinned by ``test_sentiment_outputs.py`` (identical to the model before
slimming); here: the speed-up is in place (no mask input, the last projection on two rows), the
model refuses a second slimming with a clear error, and the code path for a graph that still
declares ``attention_mask`` (a fresh export) is kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]


def _model():
    from sitrep.stages.framing.sentiment import TargetSentimentModel

    return TargetSentimentModel(max_len=64, cache_size=0)


def test_shipped_graph_takes_one_unpadded_input():
    model = _model()
    assert [i.name for i in model.session.get_inputs()] == ["input_ids", "marker"]
    assert model._feeds_mask is False
    assert "slim_sentiment.py" in model.meta["graph"]


def test_mask_is_fed_to_a_graph_that_declares_it(monkeypatch):
    """A graph with an attention_mask input (a fresh export) gets an all-ones mask."""
    model = _model()
    seen: list[dict] = []

    class Session:
        def run(self, _names, feed):
            seen.append(feed)
            return [np.array([[0.0, 1.0, 0.0]], dtype=np.float32)]

    model.session, model._feeds_mask = Session(), True
    pred = model.predict([("The mayor spoke.", 4, 9)])[0]
    assert pred.label == "neutral"
    assert set(seen[0]) == {"input_ids", "attention_mask", "marker"}
    assert seen[0]["attention_mask"].tolist() == [[1] * seen[0]["input_ids"].shape[1]]


def test_slimming_twice_is_refused(tmp_path):
    pytest.importorskip("onnx", reason="scripts/slim_sentiment.py needs onnx (the train extra)")
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import slim_sentiment
    finally:
        sys.path.remove(str(REPO / "scripts"))
    shipped = REPO / "src" / "sitrep" / "models" / "sentiment" / "tsc-minilm-l6.int8.onnx"
    with pytest.raises(slim_sentiment.SlimError, match="already slimmed"):
        slim_sentiment.slim(shipped, tmp_path / "again.onnx")
    assert not (tmp_path / "again.onnx").exists()
