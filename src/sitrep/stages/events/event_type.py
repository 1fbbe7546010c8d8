"""The learned event-type model (issue 13): a fine-tuned MiniLM encoder, int8 ONNX, as a switch.

A trigger in its sentence becomes one WordPiece sequence with the trigger between two markers
(the sentiment model's entity-marker encoding, ``sitrep.marker_encoding``)::

    [CLS] words before [unused0] trigger words [unused1] words after [SEP]

and the encoder gives a probability for each PLOVER category. ``scripts/train_event_type.py``
fine-tunes it (NGEC synthetic stories + ``training/events_examples.jsonl``) and writes
``event-type-minilm.int8.onnx``, ``tokenizer.json`` and ``meta.json`` into a folder.

Switch ``USE`` (default ``"off"``):

* ``"off"`` — today's coder (the linear model where ``classifier.TRUSTED_SOURCES`` let it decide);
* ``"model"`` — the encoder replaces the linear model as the category decider where the linear
  model decides today (CAMEO/pattern triggers), with the lexicon prior chosen at training time;
* ``"all"`` — the encoder decides for every trigger (also curated, noun and rule triggers),
  the lexicon's category given the same prior.

The model folder is ``MODEL_DIR`` (``SITREP_EVENT_TYPE_MODEL`` overrides it); the model is loaded
once per folder, on first use, and run once per document on all its triggers (``predict``).
Training and inference both call :func:`encode_trigger`, so the two cannot drift apart.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ...marker_encoding import Encoded, encode_target, pad_batch

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from .triggers import Trigger

#: the switch: "off", "model" (where the linear model decides today) or "all" (every trigger)
USE = "off"
USES = ("off", "model", "all")
MODEL_DIR = Path(os.environ.get("SITREP_EVENT_TYPE_MODEL",
                                Path(__file__).resolve().parents[2] / "models" / "event_type"))
ONNX_NAME = "event-type-minilm.int8.onnx"
#: the longest sequence fed to the model (a sentence around its trigger)
MAX_LEN = 64



def encode_trigger(tokenizer: Any, sentence: str, start: int, end: int, max_len: int = MAX_LEN) -> Encoded:
    """``sentence`` with the trigger's characters ``[start, end)`` (relative to the sentence) between
    the two markers: the sentiment model's encoding (``marker_encoding.encode_target``), shorter."""
    return encode_target(tokenizer, sentence, start, end, max_len)


def trigger_span(trig: Trigger, sent: Span) -> tuple[int, int]:
    """The trigger's characters relative to its sentence (first to last trigger token)."""
    return trig.start - sent.start_char, trig.end - sent.start_char


def decide(proba: dict[str, float], lexicon_category: str, prior: float) -> str:
    """The encoder's category, with ``prior`` added to the lexicon's proposal."""
    scores = {c: p + (prior if c == lexicon_category else 0.0) for c, p in proba.items()}
    return max(scores, key=lambda c: scores[c])


@dataclass(slots=True)
class EventTypeModel:
    """The int8 ONNX encoder and its tokenizer; ``predict`` runs one batch."""

    session: Any
    tokenizer: Any
    labels: list[str]
    lex_prior: float
    meta: dict[str, Any]

    @classmethod
    def load(cls, folder: Path, threads: int = 1) -> EventTypeModel:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from ...errors import ModelNotFound

        path = folder / ONNX_NAME
        if not path.exists():
            raise ModelNotFound(f"The event-type model ({path}) is missing. Build it with "
                                f"`python scripts/train_event_type.py --out {folder}`.")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return cls(session, tokenizer, list(meta["labels"]), float(meta["lex_prior"]), meta)

    def predict(self, items: Sequence[tuple[str, int, int]]) -> list[dict[str, float]]:
        """Class probabilities of (sentence, trigger start, trigger end) items, in one ONNX call."""
        if not items:
            return []
        encoded = [encode_trigger(self.tokenizer, s, a, b) for s, a, b in items]
        ids, mask, marker = pad_batch(encoded)
        logits = self.session.run(None, {"input_ids": np.array(ids, dtype=np.int64),
                                         "attention_mask": np.array(mask, dtype=np.int64),
                                         "marker": np.array(marker, dtype=np.int64)})[0]
        logits = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        exp /= exp.sum(axis=1, keepdims=True)
        return [dict(zip(self.labels, row.tolist(), strict=True)) for row in exp]


@functools.cache
def load_model(folder: Path) -> EventTypeModel:
    """The model of ``folder``, loaded once per process."""
    return EventTypeModel.load(folder)


def document_proba(triggers: Sequence[tuple[Span, Sequence[Trigger]]]) -> dict[tuple[int, int], dict[str, float]]:
    """The encoder's probabilities for every trigger of one document (one ONNX call), keyed by the
    trigger's document character span; empty when the switch is off."""
    if USE == "off":
        return {}
    if USE not in USES:
        raise ValueError(f"event_type.USE must be one of {USES}, not {USE!r}")
    model = load_model(MODEL_DIR)
    keys: list[tuple[int, int]] = []
    items: list[tuple[str, int, int]] = []
    for sent, trigs in triggers:
        for trig in trigs:
            if USE == "model" and trig.code.source in _trusted():
                continue
            start, end = trigger_span(trig, sent)
            keys.append((trig.start, trig.end))
            items.append((sent.text, start, end))
    return dict(zip(keys, model.predict(items), strict=True))


def _trusted() -> tuple[str, ...]:
    from .classifier import TRUSTED_SOURCES

    return TRUSTED_SOURCES


def prior() -> float:
    """The lexicon prior the loaded model was trained with."""
    return load_model(MODEL_DIR).lex_prior
