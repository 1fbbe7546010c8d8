"""Target-dependent sentiment: how a sentence judges one target mention in it.

Runs the int8 ONNX classifier trained by ``scripts/train_sentiment.py`` (MiniLM-L6
fine-tuned on NewsMTSC ``train``) with onnxruntime and the ``tokenizers``
WordPiece tokenizer shipped next to it: no torch at run time. Load once (in a
stage's constructor), then call :meth:`TargetSentimentModel.predict` on batches
of (sentence, start, end) triples.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelNotFound
from .tsc_encoding import (
    LABELS,
    MAX_LEN,
    Encoded,
    encode_target,
    pad_batch,
    prepare_tokenizer,
)

MODEL_DIR_NAME = "sentiment"


@dataclass(frozen=True, slots=True)
class TargetPrediction:
    """Sentiment toward one target: label, score = P(positive) - P(negative) in [-1, 1]."""

    label: str
    score: float
    probabilities: tuple[float, ...]


def default_model_dir() -> Path:
    """The artifact shipped in the package (``sitrep/models/sentiment``)."""
    return Path(str(resources.files("sitrep") / "models" / MODEL_DIR_NAME))


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


class TargetSentimentModel:
    """The shipped target-dependent sentiment classifier (onnxruntime, CPU)."""

    def __init__(self, model_dir: Path | None = None, *, threads: int = 1, batch_size: int = 32,
                 max_len: int = MAX_LEN) -> None:
        model_dir = Path(model_dir) if model_dir else default_model_dir()
        meta_path = model_dir / "meta.json"
        if not meta_path.is_file():
            raise ModelNotFound(
                f"No sentiment model in {model_dir} (meta.json missing). Reinstall sitrep, or "
                f"rebuild it with `python scripts/train_sentiment.py` (see `make models`)."
            )
        self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - both are declared dependencies
            raise ModelNotFound(
                f"The sentiment model needs onnxruntime and tokenizers ({exc}); "
                f"install them with `pip install onnxruntime tokenizers`."
            ) from exc
        self.tokenizer = prepare_tokenizer(Tokenizer.from_file(str(model_dir / "tokenizer.json")))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(model_dir / self.meta["model"]), opts, providers=["CPUExecutionProvider"]
        )
        self.batch_size = batch_size
        #: longest input (tokens); shorter than the training length = a context window around the target
        self.max_len = max_len
        self.labels: tuple[str, ...] = tuple(self.meta.get("labels", LABELS))

    def encode(self, sentence: str, start: int, end: int) -> Encoded:
        return encode_target(self.tokenizer, sentence, start, end, self.max_len)

    def predict(self, items: Sequence[tuple[str, int, int]]) -> list[TargetPrediction]:
        """Predictions for (sentence, target start, target end) triples, in input order."""
        encoded = [self.encode(s, a, b) for s, a, b in items]
        out: list[TargetPrediction | None] = [None] * len(encoded)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].ids))
        pos, neg = self.labels.index("positive"), self.labels.index("negative")
        for k in range(0, len(order), self.batch_size):
            idx = order[k:k + self.batch_size]
            ids, mask, marker = pad_batch([encoded[i] for i in idx])
            logits = self.session.run(None, {
                "input_ids": np.asarray(ids, dtype=np.int64),
                "attention_mask": np.asarray(mask, dtype=np.int64),
                "marker": np.asarray(marker, dtype=np.int64),
            })[0]
            probs = _softmax(np.asarray(logits, dtype=np.float64))
            for i, p in zip(idx, probs, strict=True):
                out[i] = TargetPrediction(
                    label=self.labels[int(p.argmax())],
                    score=float(p[pos] - p[neg]),
                    probabilities=tuple(float(x) for x in p),
                )
        return [p for p in out if p is not None]
