"""Eventness: a learned check that a trigger the rules proposed names the event of its sentence.

The trigger finder proposes every word the lexicon knows; many are not events a coder records
(a harm word told under another act, a speech act around the news, a word of the same clause
that only elaborates). This model gives each candidate a probability of being an event of the
category the coder decided, from what the candidate is (trigger lemma, rule and model category,
lexicon source, kind), where it sits in the parse (its dependency relation, its head, its
clause markers, depth) and the words around it.

It is a binary logistic regression fitted by ``scripts/train_eventness.py`` (``make models``) on
the NGEC synthetic stories only (MIT; model-generated, training only): a candidate of a story's
lead sentences is positive when its category is the story's label. No FA-KES row and no PLOVER
GSR record is in its training data. The weights are plain JSON (a dot product at run time, no
pickle). The decision threshold is chosen on the FA-KES *tune* half by
``benchmarks/events_eventness.py``, which ships the model as ``data/eventness_model.json`` with
``data/eventness_threshold.json`` only when a threshold above 0 raises tune event F1. Neither file
is shipped today (docs/benchmarks.md, issue 13): without them the stage drops nothing.

``context_features`` (the candidate's factual status and modality cues, tense, modal, quotation,
reporting verbs around it) are read by a model saved with ``"context": true``
(``scripts/train_eventness.py --context``); with them and the PLOVER GSR tune records added to
the training data (``--plover``) no threshold helped the FA-KES tune half either, in or out of
fold (2026-12-04 morning).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...sparse_model import logistic, read_weights
from .classifier import STOP
from .lexicon import REPORTING
from .triggers import Trigger, lemma

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

DATA = Path(__file__).with_name("data")
MODEL_FILE = DATA / "eventness_model.json"
THRESHOLD_FILE = DATA / "eventness_threshold.json"
#: dependency children whose relation (and word, for closed-class ones) says what the clause is
CLAUSE_DEPS = ("aux", "auxpass", "neg", "mark", "advmod", "det", "poss", "agent", "nsubj", "nsubjpass",
               "dobj", "prep", "prt", "xcomp", "ccomp", "advcl", "acl", "relcl", "conj")
WORD_DEPS = ("aux", "auxpass", "neg", "mark", "det", "prep", "prt")
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "''", "``"})


def _depth(token: Token) -> int:
    d = 0
    while token.head.i != token.i and d < 8:
        token = token.head
        d += 1
    return d


def eventness_features(trig: Trigger, sent: Span, category: str, probability: float) -> dict[str, float]:
    """Sparse features of one candidate: what it is, where it sits in the parse, its neighbours."""
    anchor = trig.anchor
    code = trig.code
    feats: dict[str, float] = {
        f"src={code.source}": 1.0,
        f"kind={trig.kind}": 1.0,
        f"agree={category == code.category}": 1.0,
        f"cat={category}": 1.0,
        f"prob={min(4, int(probability * 5))}": 1.0,
        f"srcprob={code.source}|{min(4, int(probability * 5))}": 1.0,
        f"dep={anchor.dep_}": 1.0,
        f"tag={anchor.tag_}": 1.0,
        f"head={lemma(anchor.head)}": 1.0,
        f"hdep={anchor.dep_}|{anchor.head.pos_}": 1.0,
        f"depth={min(_depth(anchor), 4)}": 1.0,
        f"pos={min(3, 4 * (anchor.i - sent.start) // max(1, len(sent)))}": 1.0,
    }
    for tok in trig.tokens:
        feats[f"t={lemma(tok)}"] = 1.0
    for child in anchor.children:
        if child.dep_ in CLAUSE_DEPS:
            feats[f"ch={child.dep_}"] = 1.0
        if child.dep_ in WORD_DEPS:
            feats[f"chw={child.dep_}:{child.lower_}"] = 1.0
    head = anchor.head
    if head.i != anchor.i:
        for sib in head.children:
            if sib.dep_ in ("nsubj", "mark", "neg", "aux") and sib.i != anchor.i:
                feats[f"hch={sib.dep_}:{lemma(sib) if sib.dep_ != 'nsubj' else sib.pos_}"] = 1.0
    doc = anchor.doc
    for tok in doc[max(sent.start, anchor.i - 3):min(sent.end, anchor.i + 4)]:
        if tok.i != anchor.i and tok.lower_ not in STOP and tok.is_alpha:
            feats[f"win={lemma(tok)}"] = 1.0
    return feats


def _quoted(anchor: Token, sent: Span) -> bool:
    """Is the trigger inside quotation marks of its sentence (an odd number of marks before it)?"""
    marks = sum(t.text in QUOTE_MARKS for t in sent.doc[sent.start:anchor.i])
    return marks % 2 == 1


def context_features(trig: Trigger, sent: Span, status: str, cues: tuple[str, ...] = ()) -> dict[str, float]:
    """General features of what the sentence does with the candidate, no word lists beyond the
    lexicon's closed class of reporting verbs: the factual status the modality rules gave and the
    kinds of their cues (reported, hypothetical, future, negated, historical), the trigger's tense
    tag and modal auxiliaries, whether it is quoted, whether it is itself a reporting verb or sits
    under one (told as the content of speech), and whether its clause is a purpose, condition or
    relative clause."""
    anchor = trig.anchor
    feats: dict[str, float] = {f"status={status}": 1.0, f"tense={anchor.tag_}": 1.0}
    for cue in cues:
        feats[f"cue={cue.split(':')[0]}"] = 1.0
    for child in anchor.children:
        if child.dep_ == "aux" and child.tag_ == "MD":
            feats[f"modal={child.lower_}"] = 1.0
    if _quoted(anchor, sent):
        feats["quoted"] = 1.0
    if lemma(anchor) in REPORTING:
        feats["reporting_trigger"] = 1.0
    up, steps = anchor, 0
    while up.head.i != up.i and steps < 3:
        rel, up, steps = up.dep_, up.head, steps + 1
        if lemma(up) in REPORTING and up.pos_ == "VERB":
            feats[f"under_reporting={min(steps, 2)}"] = 1.0
            feats[f"under_reporting_rel={rel}"] = 1.0
            break
    if anchor.dep_ in ("advcl", "xcomp", "ccomp", "relcl", "acl", "pcomp", "pobj", "nsubj", "dobj", "ROOT"):
        feats[f"clause={anchor.dep_}"] = 1.0
    return feats


@dataclass(slots=True, frozen=True)
class EventnessModel:
    """Binary logistic regression over ``eventness_features`` (and ``context_features`` when
    ``context``); ``threshold`` 0 keeps everything."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.0
    #: the model also reads ``context_features`` (the candidate's status and modality cues)
    context: bool = False

    def features(self, trig: Trigger, sent: Span, category: str, prob: float, status: str = "asserted",
                 cues: tuple[str, ...] = ()) -> dict[str, float]:
        feats = eventness_features(trig, sent, category, prob)
        if self.context:
            feats.update(context_features(trig, sent, status, cues))
        return feats

    def probability(self, trig: Trigger, sent: Span, category: str, prob: float, status: str = "asserted",
                    cues: tuple[str, ...] = ()) -> float:
        w = self.weights
        score = self.bias + sum(w.get(k, 0.0) * v for k, v in self.features(trig, sent, category, prob, status, cues).items())
        return logistic(score)

    def keeps(self, trig: Trigger, sent: Span, category: str, prob: float, status: str = "asserted",
              cues: tuple[str, ...] = ()) -> bool:
        return self.threshold <= 0.0 or self.probability(trig, sent, category, prob, status, cues) >= self.threshold

    @classmethod
    def load(cls, path: Path | None = None, threshold_path: Path | None = None) -> EventnessModel | None:
        """The shipped model with the shipped threshold; ``None`` when the model file is absent."""
        path = path or MODEL_FILE
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        tpath = threshold_path or THRESHOLD_FILE
        threshold = float(json.loads(tpath.read_text(encoding="utf-8"))["threshold"]) if tpath.exists() else 0.0
        return cls(read_weights(data), float(data["bias"]), threshold, bool(data.get("context", False)))


def save_model(weights: dict[str, float], bias: float, meta: dict[str, object], path: Path = MODEL_FILE) -> None:
    """Write the weights (sorted, rounded to 6 decimals: the same fit gives the same file)."""
    names = sorted(k for k, v in weights.items() if abs(v) >= 1e-6)
    data = {**meta, "bias": round(bias, 6), "features": names, "weights": [round(weights[n], 6) for n in names]}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
