"""``sitrep eval incidents PAIRS``: same-incident pairs and contested fields, scored.

The gold format (``docs/incident-guide.md``) is JSON Lines, one pair per line::

    {"a": "FA-KES-Dataset.csv#row94", "b": "FA-KES-Dataset.csv#row625", "label": "same",
     "split": "tune", "contested": ["blame"], ...}

``a`` and ``b`` are document references: a ``source_path`` as sitrep stores it (the
file name and ``#rowN`` of a CSV row; a longer stored path matches by its end) or a
document id. A pair is predicted *same* when one incident holds a news mention (or a
denial) of each document; a background mention does not count. ``score`` is pure:
gold pairs and predictions in, metrics out, per ``split`` and overall.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvalError

LABELS = ("same", "different")
CONTESTED_FIELDS = ("casualties", "blame", "occurred", "victims", "place", "date")


@dataclass(frozen=True, slots=True)
class GoldPair:
    """One labelled pair of documents."""

    a: str
    b: str
    label: str
    split: str = "all"
    contested: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Prediction:
    """What sitrep says about one pair: same incident or not, and the fields it flags."""

    same: bool
    contested: frozenset[str] = frozenset()
    resolved: bool = True  #: both documents were found


def read_pairs(path: Path) -> list[GoldPair]:
    """Read the JSON Lines gold file; a malformed line is an ``EvalError`` naming it."""
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            pair = GoldPair(str(row["a"]), str(row["b"]), str(row["label"]), str(row.get("split", "all")),
                            tuple(row.get("contested") or ()))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalError(f"{path}:{number}: not a pair object with a, b and label ({exc}).") from exc
        if pair.label not in LABELS:
            raise EvalError(f"{path}:{number}: label {pair.label!r} is not 'same' or 'different'.")
        out.append(pair)
    if not out:
        raise EvalError(f"{path}: no pairs.")
    return out


def resolver(documents: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Reference -> document id, from (id, source_path) pairs: ids, stored paths and their
    ``file#rowN`` ends all resolve."""
    out: dict[str, str] = {}
    for doc_id, source in documents:
        out[doc_id] = doc_id
        if source:
            out.setdefault(source, doc_id)
            out.setdefault(source.replace("\\", "/").rsplit("/", 1)[-1], doc_id)
    return out


def same_incident_pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    """Every document pair that shares an incident, from each incident's reporting documents."""
    out: set[frozenset[str]] = set()
    for docs in groups:
        ordered = sorted(set(docs))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                out.add(frozenset((a, b)))
    return out


@dataclass(slots=True)
class _Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    unresolved: int = 0
    differ_pairs: int = 0
    differ_right: int = 0
    agree_pairs: int = 0
    agree_flagged: int = 0
    differ_linked: int = 0  #: differing same pairs the linker linked
    differ_linked_right: int = 0
    agree_linked: int = 0  #: agreeing same pairs the linker linked
    agree_linked_flagged: int = 0
    per_field: dict[str, list[int]] = field(default_factory=dict)

    def add(self, gold: GoldPair, pred: Prediction) -> None:
        if not pred.resolved:
            self.unresolved += 1
        same = gold.label == "same"
        if same and pred.same:
            self.tp += 1
        elif pred.same:
            self.fp += 1
        elif same:
            self.fn += 1
        else:
            self.tn += 1
        if same:
            self._contested(gold, pred)

    def _contested(self, gold: GoldPair, pred: Prediction) -> None:
        if gold.contested:
            right = bool(set(gold.contested) & pred.contested)
            self.differ_pairs += 1
            self.differ_right += int(right)
            self.differ_linked += int(pred.same)
            self.differ_linked_right += int(pred.same and right)
        else:
            self.agree_pairs += 1
            self.agree_flagged += int(bool(pred.contested))
            self.agree_linked += int(pred.same)
            self.agree_linked_flagged += int(pred.same and bool(pred.contested))
        for name in CONTESTED_FIELDS:
            tally = self.per_field.setdefault(name, [0, 0, 0])  # tp, fp, fn
            g, p = name in gold.contested, name in pred.contested
            tally[0] += int(g and p)
            tally[1] += int(p and not g)
            tally[2] += int(g and not p)

    def metrics(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "pairs": self.tp + self.fp + self.fn + self.tn, "unresolved": self.unresolved,
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "contested_right": _share(self.differ_right, self.differ_pairs),
            "contested_pairs": self.differ_pairs,
            "false_flags": _share(self.agree_flagged, self.agree_pairs),
            "agreeing_pairs": self.agree_pairs,
            "fields": {k: {"tp": v[0], "fp": v[1], "fn": v[2]} for k, v in self.per_field.items()},
            "contested_by_linking": self.by_linking(),
        }

    def by_linking(self) -> dict[str, dict[str, Any]]:
        """The contested figures split by whether the linker linked the pair (``score``'s
        ``contested_by_linking``): on the differing same pairs, how many were linked and how many
        of those got a right field, and the end-to-end misses as *not linked* plus *linked* (the
        field missed); on the agreeing same pairs, how many were linked and how many of those got
        a flag, and the end-to-end flags as *not linked* (none in practice: an unlinked pair has
        no incident to flag) plus *linked*. ``missed`` is ``contested_pairs`` minus the right
        ones; ``flagged`` is the numerator of ``false_flags``."""
        missed = self.differ_pairs - self.differ_right
        missed_linked = self.differ_linked - self.differ_linked_right
        return {
            "differing": {
                "pairs": self.differ_pairs, "right": self.differ_right, "missed": missed,
                "linked": self.differ_linked, "linked_share": _share(self.differ_linked, self.differ_pairs),
                "linked_right": self.differ_linked_right,
                "linked_right_share": _share(self.differ_linked_right, self.differ_linked),
                "missed_not_linked": missed - missed_linked, "missed_linked": missed_linked,
            },
            "agreeing": {
                "pairs": self.agree_pairs, "flagged": self.agree_flagged,
                "linked": self.agree_linked, "linked_share": _share(self.agree_linked, self.agree_pairs),
                "linked_flagged": self.agree_linked_flagged,
                "linked_false_flags": _share(self.agree_linked_flagged, self.agree_linked),
                "flagged_not_linked": self.agree_flagged - self.agree_linked_flagged,
            },
        }


def _share(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def score(gold: Sequence[GoldPair], predicted: Mapping[tuple[str, str], Prediction]) -> dict[str, Any]:
    """Pair precision, recall and F1 and the contested-field rates, per split and overall.

    ``predicted`` maps each gold pair's ``(a, b)`` to a ``Prediction``; a missing pair
    counts as predicted *different*. ``contested_right`` is the share of same pairs whose
    reports differ (gold ``contested`` not empty) with at least one right field flagged;
    ``false_flags`` the share of same pairs whose reports agree that get any flag. Both are
    end to end: a same pair the linker did not link counts in their denominators and can get
    no flag. ``contested_by_linking`` (``_Counts.by_linking``) reads the same pairs on the
    pairs the linker linked only, gives the linking share of each kind and splits the misses
    into *not linked* and *linked* (decision 4 of ``docs/decisions.md``).
    """
    counts: dict[str, _Counts] = {"all": _Counts()}
    for pair in gold:
        pred = predicted.get((pair.a, pair.b), Prediction(same=False, resolved=False))
        for key in {"all", pair.split}:
            counts.setdefault(key, _Counts()).add(pair, pred)
    return {key: c.metrics() for key, c in sorted(counts.items())}
