"""The learned part of the event coder: linear models for category and status.

Features are built from a trigger in its parsed sentence (lexicon proposal, trigger
lemmas, object and preposition lemmas, words around the trigger, sentence words) and,
for status, the modality cues. The models are trained by ``scripts/train_events.py``
(scikit-learn logistic regression) and shipped as plain arrays (``events_model.npz``
+ ``events_model.json`` under ``sitrep/models``) so that loading needs no pickle and
does not depend on the scikit-learn version. Prediction is a dot product.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .lexicon import FEATURE_STOPWORDS
from .triggers import Trigger, lemma, objects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

MODEL_DIR = Path(__file__).resolve().parents[2] / "models"
MODEL_NAME = "events_model"
STOP = FEATURE_STOPWORDS


def category_features(trig: Trigger, sent: Span) -> dict[str, float]:
    """Sparse features of one trigger for the category model."""
    feats: dict[str, float] = {
        f"lex={trig.code.category}": 1.0,
        f"src={trig.code.source}": 1.0,
        f"kind={trig.kind}": 1.0,
        f"lexsrc={trig.code.category}|{trig.code.source}": 1.0,
    }
    for tok in trig.tokens:
        feats[f"t={lemma(tok)}"] = 1.0
    anchor = trig.anchor
    for obj in objects(anchor):
        feats[f"obj={lemma(obj)}"] = 1.0
    for child in anchor.children:
        if child.dep_ in ("prep", "prt", "neg", "aux"):
            feats[f"{child.dep_}={child.lower_}"] = 1.0
        if child.dep_ == "xcomp":
            feats[f"xcomp={lemma(child)}"] = 1.0
    feats[f"head={lemma(anchor.head)}"] = 1.0
    doc = anchor.doc
    lo, hi = max(sent.start, anchor.i - 4), min(sent.end, anchor.i + 5)
    for tok in doc[lo:hi]:
        if tok.lower_ not in STOP and not tok.is_punct:
            feats[f"win={lemma(tok)}"] = 1.0
    for tok in sent:
        if tok.lower_ not in STOP and not tok.is_punct and tok.is_alpha:
            feats[f"w={lemma(tok)}"] = 0.5
    return feats


def status_features(trig: Trigger, cues: list[str], sent: Span) -> dict[str, float]:
    """Sparse features for the status model: the rule cues plus words on the trigger's chain."""
    feats: dict[str, float] = {f"cue={c.split(':')[0]}": 1.0 for c in cues}
    for c in cues:
        feats[f"cuefull={c}"] = 1.0
    node = trig.anchor
    for _ in range(6):
        feats[f"chain={lemma(node)}"] = 1.0
        for child in node.children:
            if child.dep_ in ("aux", "neg", "mark", "advmod", "det"):
                feats[f"chainmod={child.lower_}"] = 1.0
        if node.head.i == node.i:
            break
        node = node.head
    feats[f"tag={trig.anchor.tag_}"] = 1.0
    feats[f"kind={trig.kind}"] = 1.0
    return feats


#: lexicon sources the model may not overrule: sitrep's curated entries and rules
TRUSTED_SOURCES = ("curated", "noun", "rule")


def choose_category(proba: dict[str, float], lexicon_category: str, source: str,
                    prior: float) -> str:
    """The hybrid decision: curated lexicon entries stand; otherwise the model decides,
    with ``prior`` added to the probability of the CAMEO-derived proposal."""
    if source in TRUSTED_SOURCES:
        return lexicon_category
    scores = {c: p + (prior if c == lexicon_category else 0.0) for c, p in proba.items()}
    return max(scores, key=lambda c: scores[c])


@dataclass(slots=True)
class LinearModel:
    classes: list[str]
    vocab: dict[str, int]
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray

    def proba(self, feats: dict[str, float]) -> dict[str, float]:
        """Class probabilities of one feature dict (a softmax over the linear scores).

        The scores are the intercept plus each known feature's column times its value, summed
        left to right in the dict's order: ``np.add.accumulate`` along a row adds in exactly that
        order, so the result is bit-identical to a per-feature loop at a third of its cost."""
        vocab = self.vocab
        known = [(vocab[k], v) for k, v in feats.items() if k in vocab]
        terms = np.empty((self.intercept.shape[0], len(known) + 1), dtype=np.float64)
        terms[:, 0] = self.intercept
        if known:
            cols, vals = zip(*known, strict=True)
            terms[:, 1:] = self.coef[:, list(cols)] * np.array(vals, dtype=self.coef.dtype)
        scores = np.add.accumulate(terms, axis=1)[:, -1].copy()
        scores -= scores.max()
        exp = np.exp(scores)
        exp /= exp.sum()
        return dict(zip(self.classes, exp.tolist(), strict=True))


@dataclass(slots=True)
class EventModels:
    category: LinearModel
    status: LinearModel
    meta: dict[str, Any]

    @property
    def lex_prior(self) -> float:
        """Weight added to the lexicon's proposed category, chosen at training time (the model file)."""
        return self._setting("lex_prior")

    @property
    def status_threshold(self) -> float:
        """Probability the status model needs to overrule "asserted", chosen at training time."""
        return self._setting("status_threshold")

    def _setting(self, name: str) -> float:
        # no default in code: the value belongs to the trained model (events_model.json)
        from ...errors import ModelNotFound

        if name not in self.meta:
            raise ModelNotFound(f"The event model's settings lack {name!r}. Rebuild it with "
                                f"`python scripts/train_events.py`, or reinstall sitrep.")
        return float(self.meta[name])


def save_models(models: EventModels, directory: Path = MODEL_DIR) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    meta = {
        **models.meta,
        "category": {"classes": models.category.classes,
                     "vocab": sorted(models.category.vocab, key=models.category.vocab.__getitem__)},
        "status": {"classes": models.status.classes,
                   "vocab": sorted(models.status.vocab, key=models.status.vocab.__getitem__)},
    }
    (directory / f"{MODEL_NAME}.json").write_text(
        json.dumps(meta, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    np.savez_compressed(
        directory / f"{MODEL_NAME}.npz",
        cat_coef=models.category.coef.astype(np.float32),
        cat_intercept=models.category.intercept.astype(np.float32),
        st_coef=models.status.coef.astype(np.float32),
        st_intercept=models.status.intercept.astype(np.float32),
    )


def load_models(directory: Path = MODEL_DIR) -> EventModels:
    from ...errors import ModelNotFound

    meta_path, arr_path = directory / f"{MODEL_NAME}.json", directory / f"{MODEL_NAME}.npz"
    if not meta_path.exists() or not arr_path.exists():
        raise ModelNotFound(
            f"The event classifier ({arr_path}) is missing. Rebuild it with "
            f"`python scripts/train_events.py` (needs ../shared/data), or reinstall sitrep."
        )
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    arrays = np.load(arr_path)

    def model(key: str, prefix: str) -> LinearModel:
        vocab = {w: i for i, w in enumerate(meta[key]["vocab"])}
        return LinearModel(meta[key]["classes"], vocab, arrays[f"{prefix}_coef"],
                           arrays[f"{prefix}_intercept"])

    return EventModels(model("category", "cat"), model("status", "st"),
                       {k: v for k, v in meta.items() if k not in ("category", "status")})
