"""Target-dependent sentiment: how a sentence judges one target mention in it.

Runs the int8 ONNX classifier trained by ``scripts/train_sentiment.py`` (MiniLM-L6
fine-tuned on NewsMTSC ``train``) with onnxruntime and the ``tokenizers``
WordPiece tokenizer shipped next to it: no torch at run time. Load once (in a
stage's constructor), then call :meth:`TargetSentimentModel.predict` on lists
of (sentence, start, end) triples.

Every triple is run through the model on its own, never padded into a batch with
others: the int8 model quantizes its activations with one scale per input tensor
(onnxruntime dynamic quantization), so a batched row's scores depend on the other
rows of its batch. Run alone, a target gets the same score whatever document,
batch, worker or order it comes in (measured cost and F1 in ``docs/benchmarks.md``).

Because a prediction is a function of its encoded input alone, the model keeps the last
``cache_size`` predictions (a bounded LRU, keyed by the encoded input) and runs an input seen
before (the same sentence and target in another document: wire copy, a repeated lead) only
once; each distinct sentence is tokenized once for all its targets. Neither changes a score.

The shipped graph is slimmed for this one-input-at-a-time use (``scripts/slim_sentiment.py``: no
attention mask, static reshapes, the last layer's output projection on the two rows the head
reads), with bit-identical outputs; a graph that still declares ``attention_mask`` (a fresh
export) is fed an all-ones mask, so both run the same way.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import ModelNotFound
from ...marker_encoding import (
    LABELS,
    MAX_LEN,
    Encoded,
    encode_target,
    encode_tokens,
    prepare_tokenizer,
)

MODEL_DIR_NAME = "sentiment"
#: predictions kept for inputs seen again (a few hundred bytes each)
DEFAULT_CACHE_SIZE = 4096


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

    def __init__(self, model_dir: Path | None = None, *, threads: int = 1, max_len: int = MAX_LEN,
                 cache_size: int = DEFAULT_CACHE_SIZE) -> None:
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
        #: the slimmed graph has no attention-mask input (see the module docstring)
        self._feeds_mask = any(i.name == "attention_mask" for i in self.session.get_inputs())
        #: longest input (tokens); shorter than the training length = a context window around the target
        self.max_len = max_len
        self.labels: tuple[str, ...] = tuple(self.meta.get("labels", LABELS))
        self._positive, self._negative = self.labels.index("positive"), self.labels.index("negative")
        #: predictions of recent distinct inputs (LRU); ``cache_size=0`` keeps none
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple[int, tuple[int, ...]], TargetPrediction] = OrderedDict()

    def encode(self, sentence: str, start: int, end: int) -> Encoded:
        return encode_target(self.tokenizer, sentence, start, end, self.max_len)

    def predict(self, items: Sequence[tuple[str, int, int]]) -> list[TargetPrediction]:
        """Predictions for (sentence, target start, target end) triples, in input order.

        Each distinct encoded input is run once and alone (see the module docstring), so
        a prediction depends on its own triple only.
        """
        tokens: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}
        out: list[TargetPrediction] = []
        for sentence, start, end in items:
            if sentence not in tokens:
                enc = self.tokenizer.encode(sentence, add_special_tokens=False)
                tokens[sentence] = (enc.ids, enc.offsets)
            ids, offsets = tokens[sentence]
            out.append(self._predict_one(encode_tokens(ids, offsets, start, end, self.max_len)))
        return out

    def _predict_one(self, encoded: Encoded) -> TargetPrediction:
        key = (encoded.marker, tuple(encoded.ids))
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        prediction = self._run_one(encoded)
        if self.cache_size > 0:
            self._cache[key] = prediction
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return prediction

    def _run_one(self, encoded: Encoded) -> TargetPrediction:
        """One unpadded input through the model (a batch of one row, no padding)."""
        ids = np.array([encoded.ids], dtype=np.int64)
        feed = {"input_ids": ids, "marker": np.array([encoded.marker], dtype=np.int64)}
        if self._feeds_mask:
            feed["attention_mask"] = np.ones_like(ids)
        logits = self.session.run(None, feed)[0]
        p = _softmax(np.asarray(logits, dtype=np.float64))[0]
        return TargetPrediction(
            label=self.labels[int(p.argmax())],
            score=float(p[self._positive] - p[self._negative]),
            probabilities=tuple(float(x) for x in p),
        )
