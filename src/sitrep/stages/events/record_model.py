"""A learned record check over an article's events: is this event one the coder records? (issue 13)

The largest class of spurious events on the FA-KES tune half is an event of a sentence the coder
left uncoded because the article had already told that event (a toll repeated, "the attack" named
again, a summary near the end): 158 of 495 spurious events over 16 tune waves
(``benchmarks/events_f1_classes.py``, docs/benchmarks.md, 2026-12-06 afternoon). No single
feature of a trigger separates those repeats from the re-reports the coder does code
(``events22``); what separates them is what the event *adds* to the article's earlier events of
its category. This model reads that, per event, from the article's events in text order:

* how many events of the category came before, how far back the first was (in sentences), and
  whether this one brings a doer, target or place none of them had;
* the event itself: category, status, source credited, the roles it has, a headline or quoted
  sentence, a figure in its sentence, a determiner before its trigger ("the attack"), its
  position in the article, other events of its sentence;
* the trigger's last word (only words seen often in training: the fitting script keeps the
  features it saw at least ``min_count`` times).

It is a binary logistic regression (plain JSON weights, ``sparse_model``), fitted by
``benchmarks/events_record_model.py`` on the FA-KES **tune** waves (a predicted event is positive
when the scorer pairs it with a coder's event), its regularisation and threshold chosen leaving
one wave out on the training waves only. An event below the threshold is not exported.

Switch ``USE`` (default ``False``): with it off, or without ``data/record_model.json``, the stage
is exactly as before. The shipped ``data/record_model.json`` is scope ``after_lead`` (branch record2:
it never drops an event of the article's first sentence with an event), for the events stage's
opt-in ``record_check`` option (``build_pipeline(options={"events": {"record_check": True}}``,
``--record-check`` on ``sitrep run`` / ``analyze`` / ``eval``); off by default, see docs/eval-events.md.
``RECORD`` is a hook for the fitting script (a list that receives each event's features; never set at
run time).
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...records import Event
from ...sparse_model import logistic, read_weights

log = logging.getLogger(__name__)

#: the switch (off by default): drop events the model finds unlikely to be records
USE = False
MODEL_FILE = Path(__file__).with_name("data") / "record_model.json"
#: the fitting script's hook: (document id, event id, features) of every event scored
RECORD: list[tuple[str, str, dict[str, float]]] | None = None

DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her", "such"})
QUOTES = ('"', "\u201c", "\u201d")
STOPS = ('.', '!', '?', '"', "'", "\u201d", "\u2019", ')')
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_DIGIT = re.compile(r"\d")


def _bucket(n: int, edges: Sequence[int]) -> str:
    """The first edge ``n`` does not exceed, or ``>last``."""
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _last_word(text: str) -> str:
    words = _WORD.findall(text)
    return words[-1].lower() if words else ""


def _word_before(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 24):start])
    return words[-1].lower() if words else ""


def article_features(events: Sequence[Event], text: str) -> list[dict[str, float]]:
    """The features of each of ``events`` (one article's, any order) given the article's ``text``;
    the result is in the order of ``events``."""
    order = sorted(range(len(events)), key=lambda i: (events[i].evidence.start, events[i].trigger_start or 0))
    sentence_starts = sorted({e.evidence.start for e in events})
    n_sent = max(1, len(sentence_starts))
    seen: dict[str, list[Event]] = {}
    out: list[dict[str, float]] = [{} for _ in events]
    per_sentence: dict[int, int] = {}
    for e in events:
        per_sentence[e.evidence.start] = per_sentence.get(e.evidence.start, 0) + 1
    for i in order:
        e = events[i]
        cat = str(e.category)
        rank = bisect.bisect_left(sentence_starts, e.evidence.start)
        before = seen.get(cat, [])
        same_sentence = [b for b in before if b.evidence.start == e.evidence.start]
        earlier = [b for b in before if b.evidence.start != e.evidence.start]
        actors = {a for b in earlier for a in b.actors}
        targets = {a for b in earlier for a in b.recipients}
        places = {b.place.name for b in earlier if b.place is not None}
        sentence = text[e.evidence.start:e.evidence.end] if e.evidence.end <= len(text) else e.evidence.text
        start = e.trigger_start if e.trigger_start is not None else e.evidence.start
        roles = int(bool(e.actors)) + int(bool(e.recipients)) + int(e.place is not None)
        f: dict[str, float] = {
            f"cat={cat}": 1.0,
            f"status={e.status}": 1.0,
            f"catstatus={cat}|{e.status}": 1.0,
            f"credited={e.attributed_to is not None}": 1.0,
            f"roles={roles}": 1.0,
            f"actor={bool(e.actors)}": 1.0,
            f"recipient={bool(e.recipients)}": 1.0,
            f"place={e.place is not None}": 1.0,
            f"earlier={_bucket(len(earlier), (0, 1, 2))}": 1.0,
            f"catearlier={cat}|{_bucket(len(earlier), (0, 1))}": 1.0,
            f"same_sentence={_bucket(len(same_sentence), (0, 1))}": 1.0,
            f"sentence_events={_bucket(per_sentence[e.evidence.start], (1, 2, 3))}": 1.0,
            f"rank={_bucket(rank, (0, 1, 2, 4, 8))}": 1.0,
            f"relpos={min(3, 4 * rank // n_sent)}": 1.0,
            f"headline={not sentence.rstrip().endswith(STOPS)}": 1.0,
            f"quoted={any(q in sentence for q in QUOTES)}": 1.0,
            f"figure={bool(_DIGIT.search(sentence))}": 1.0,
            f"determiner={_word_before(text, start) in DETERMINERS}": 1.0,
            f"trigger={_last_word(e.trigger)}": 1.0,
        }
        if earlier:
            first = bisect.bisect_left(sentence_starts, earlier[0].evidence.start)
            f[f"since_first={_bucket(rank - first, (1, 2, 4, 8))}"] = 1.0
            f[f"new_actor={bool(set(e.actors) - actors)}"] = 1.0
            f[f"new_target={bool(set(e.recipients) - targets)}"] = 1.0
            f[f"new_place={e.place is not None and e.place.name not in places}"] = 1.0
            f[f"new_any={bool(set(e.actors) - actors or set(e.recipients) - targets or (e.place is not None and e.place.name not in places))}"] = 1.0
        out[i] = f
        seen.setdefault(cat, []).append(e)
    return out


SCOPES = ("all", "repeats", "after_lead")


def in_scope(scope: str, feats: dict[str, float]) -> bool:
    """May a model of ``scope`` (``RecordModel.scope``) drop an event with ``feats``?"""
    if scope == "repeats":  # the article told an event of its category in an earlier sentence
        return "earlier=0" not in feats
    if scope == "after_lead":  # not in the article's first sentence with an event
        return "rank=0" not in feats
    return True


@dataclass(frozen=True, slots=True)
class RecordModel:
    """Weights over named features, an intercept, and the probability below which an event is dropped."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    #: which events the model may drop: ``"all"``; ``"repeats"`` (only an event whose category
    #: the article told in an earlier sentence); ``"after_lead"`` (only an event after the
    #: article's first sentence with an event: the lead's events are always kept)
    scope: str = "all"

    def applies(self, feats: dict[str, float]) -> bool:
        """Is an event with ``feats`` one the model may drop (``scope``)?"""
        return in_scope(self.scope, feats)

    def keeps(self, feats: dict[str, float]) -> bool:
        return not self.applies(feats) or self.probability(feats) >= self.threshold

    def probability(self, feats: dict[str, float]) -> float:
        return logistic(self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items()))

    @classmethod
    def load(cls, path: Path | None = None) -> RecordModel | None:
        path = path or MODEL_FILE
        if not path.exists():
            return None
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return cls(read_weights(data), float(data["intercept"]), float(data["threshold"]), str(data.get("scope", "all")))


_LOADED: dict[Path, RecordModel | None] = {}


def shipped() -> RecordModel | None:
    """The shipped model (loaded once), or None when its file is absent."""
    if MODEL_FILE not in _LOADED:
        _LOADED[MODEL_FILE] = RecordModel.load(MODEL_FILE)
        if _LOADED[MODEL_FILE] is None:
            log.warning("%s is missing: the record model keeps every event", MODEL_FILE)
    return _LOADED[MODEL_FILE]


def select(events: list[Event], text: str, model: RecordModel | None = None) -> list[Event]:
    """``events`` (one article's) without those ``model`` (the shipped one by default) finds
    unlikely to be records; all of them when there is no model. Order is kept."""
    if not events:
        return events
    feats = article_features(events, text)
    if RECORD is not None:
        RECORD.extend((e.document, e.id, f) for e, f in zip(events, feats, strict=True))
    model = model or shipped()
    if model is None:
        return events
    return [e for e, f in zip(events, feats, strict=True) if model.keeps(f)]
