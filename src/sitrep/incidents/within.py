"""Where one report's incident ends: a learned within-report grouping of its events (issue 11, wdoc2).

The linker compares mentions of *two different reports*; two mentions of one report end in one
incident only when both align with the same other report. A report tells its incident over
several sentences (a lead, a toll line, a blame line, a follow-up) and most of them match no
other report, so each becomes a record of its own: a fragment.

This module decides, for two news mentions of one report, whether they tell the same incident:
a logistic model (``WithinModel``, ``data/within.json``, fitted by ``scripts/train_within_report.py``
on the hand-judged incident-records golds' tune lines) over named pair features
(``FEATURES``, ``pair_features``). ``fold_reports`` then joins, report by report, a cluster
holding only that report's mentions (a fragment) to another cluster holding the report, when
the average probability over their mentions of that report reaches ``WithinModel.threshold``
and the clustering's constraints hold (``clustering.may_fold``: no two events of one sentence,
``one_event`` for every pair of the report, consensus days and places agree). A fold never adds
a report to an incident, so which reports share an incident does not change.
Background mentions and denials are not clustered (they attach, ``linker.best_targets``), so
they never found an incident here either.

The search (branch fold3) computes what it needs once: candidate pairs of one report's clusters are
scored once and again only when a fold changes one of them; pairs of mentions that can never share an
incident (``apart``: one sentence, not ``clustering.one_event``) are never scored; an upper bound of
the model's probability (``PairModel.bound``, all pairs of all reports at once) leaves out the pairs
of clusters that cannot reach the threshold. What folds is what the plain search folds.

Pure functions; the model is data (``Settings.within``), read once by ``settings.load_settings``;
off by default, on with ``SITREP_INCIDENT_FOLD=within_report`` (``settings.within_report_switch``).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .blocking import place_relation
from .mentions import Mention
from .settings import Settings

#: the features, in the order the model file lists them (docs/incidents.md, "Within one report")
FEATURES = (
    "gap",               # log(1 + the number of event sentences between the two, plus one)
    "adjacent",          # the two sentences are consecutive event sentences
    "lead",              # one of them is the report's lead (its first event sentence)
    "late",              # the later one's position in the report (0 lead .. 1 last event sentence)
    "same_category",     # one category
    "same_family",       # one category family
    "place_same",        # both name a place and they are one place or one holds the other
    "place_one",         # only one of them names a place
    "place_near",        # two places within the blocking distance, not one place
    "day_same",          # both state a day, the same one
    "day_one",           # only one states a day
    "parties_shared",    # the same party acts in both
    "parties_differ",    # both name actors, no party in common
    "targets_shared",    # the same party is hit in both
    "victims_shared",    # the same kind of victims (civilians, fighters)
    "means_shared",      # the same means (air strike, shelling...)
    "words",             # IDF-weighted overlap of the two sentences' content words
    "fine_shared",       # a place name finer than a province written in both
    "numbers_shared",    # a number written in both
    "anaphor",           # the later sentence refers back: "the attack", "the strike", "the blast"...
    "recall",            # the later sentence recalls something earlier ("last week", "earlier this year")
)

#: a definite noun phrase that refers back to an event already told ("the attack", "the raids")
_ANAPHOR = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:\w+\s+)?(?:attacks?|strikes?|air\s*strikes?|airstrikes?|raids?|"
    r"bombings?|blasts?|explosions?|shelling|assaults?|massacre|incident|offensive|ambush|clashes)\b",
    re.IGNORECASE)
#: words that date what a sentence tells before the report's news
_RECALL = re.compile(
    r"\b(?:earlier\s+(?:this|last|in)|last\s+(?:week|month|year)|ago|previous(?:ly)?|since\s+(?:the|\d)|"
    r"in\s+(?:19|20)\d\d|former(?:ly)?)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WithinModel:
    """P(two news mentions of one report tell one incident) = σ(bias + Σ wᵢ·xᵢ) over ``FEATURES``;
    two clusters of one report fold when their mean pair probability reaches ``threshold``."""

    weights: Mapping[str, float]
    bias: float
    threshold: float = 0.5
    fitted_on: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> WithinModel:
        weights = data.get("weights")
        if not isinstance(weights, Mapping):
            raise ValueError("within-report model: 'weights' must be an object of feature -> weight")
        unknown = sorted(set(weights) - set(FEATURES))
        if unknown:
            raise ValueError(f"within-report model: unknown features {unknown}; known: {', '.join(FEATURES)}")
        return cls({str(k): float(v) for k, v in weights.items()}, float(data["bias"]),  # type: ignore[arg-type]
                   float(data.get("threshold", 0.5)), str(data.get("fitted_on", "")))  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, object]:
        return {"weights": dict(self.weights), "bias": self.bias, "threshold": self.threshold,
                "fitted_on": self.fitted_on}

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def _overlap(a: frozenset[str], b: frozenset[str], weight: Callable[[str], float]) -> float:
    """IDF-weighted Jaccard overlap of two word sets (0 when both are empty)."""
    union = a | b
    if not union:
        return 0.0
    return sum(map(weight, a & b)) / sum(map(weight, union))


@dataclass(frozen=True, slots=True)
class _Cues:
    """What ``pair_features`` reads of one mention's sentence alone, read once per mention."""

    anaphor: float
    recall: float


def _cues(m: Mention) -> _Cues:
    text = m.event.evidence.text
    return _Cues(float(bool(_ANAPHOR.search(text))), float(bool(_RECALL.search(text))))


#: the features ``PairModel.bound`` does not read but gives their most favourable value: the two
#: mentions' places compared (``blocking.place_relation``, the dearest part of a pair); the two
#: are never both 1 (one relation)
_LOOSE = ("place_same", "place_near")
_EXCLUSIVE = (("place_same", "place_near"),)


def _favourable(model: WithinModel) -> dict[str, float]:
    """The value of each ``_LOOSE`` feature that raises the model's score most."""
    out = {name: float(model.weights.get(name, 0.0) > 0) for name in _LOOSE}
    for a, b in _EXCLUSIVE:
        top = a if model.weights.get(a, 0.0) >= model.weights.get(b, 0.0) else b
        out[a], out[b] = float(a == top and out[a] > 0), float(b == top and out[b] > 0)
    return out


def _read_features(x: Mention, y: Mention, last: int, cues: Callable[[Mention], _Cues],
                   weight: Callable[[str], float]) -> dict[str, float]:
    """Every feature but the two place features (``_compared_features``) (see ``pair_features``)."""
    first, later = (x, y) if (x.order, x.id) <= (y.order, y.id) else (y, x)
    gap = later.order - first.order
    both_dated = x.specific and y.specific
    cue = cues(later)
    return {
        "gap": math.log1p(gap), "adjacent": float(gap <= 1), "lead": float(first.order == 0),
        "late": later.order / last if last else 0.0,
        "same_category": float(x.event.category == y.event.category), "same_family": float(x.family == y.family),
        "place_one": float((x.place is None) != (y.place is None)),
        "day_same": float(both_dated and x.days == y.days), "day_one": float(x.specific != y.specific),
        "parties_shared": float(bool(x.parties & y.parties)),
        "parties_differ": float(bool(x.parties) and bool(y.parties) and not x.parties & y.parties),
        "targets_shared": float(bool(x.targets & y.targets)), "victims_shared": float(bool(x.victims & y.victims)),
        "means_shared": float(bool(x.means & y.means)),
        "words": _overlap(x.text.words, y.text.words, weight),
        "fine_shared": float(bool(x.text.fine & y.text.fine)),
        "numbers_shared": float(bool(x.text.numbers & y.text.numbers)),
        "anaphor": cue.anaphor, "recall": cue.recall,
    }


def _compared_features(x: Mention, y: Mention, settings: Settings) -> dict[str, float]:
    relation = place_relation(x, y, settings)
    return {"place_same": float(relation in ("same", "within") and x.place is not None and y.place is not None),
            "place_near": float(relation == "near")}


def pair_features(x: Mention, y: Mention, settings: Settings, last: int,
                  cues: Callable[[Mention], _Cues] = _cues,
                  weight: Callable[[str], float] | None = None) -> dict[str, float]:
    """The named features of two news mentions of one report (``last``: the report's highest
    ``Mention.order``; ``cues`` and ``weight``: the per-mention cues and the word weights, which
    ``PairModel`` reads once per mention and word)."""
    return _read_features(x, y, last, cues, weight or settings.weight) | _compared_features(x, y, settings)


#: P(same incident) of two mentions of one report
Probability = Callable[[Mention, Mention], float]


class PairModel:
    """The model's probability for pairs of ``news`` (the news mentions of one or more reports),
    computed on demand and cached, each mention's cues and each word's weight read once; and a
    cheap upper bound of it (``bound``), read for a whole report at once."""

    def __init__(self, news: Sequence[Mention], settings: Settings, model: WithinModel) -> None:
        self.settings, self.model = settings, model
        self.last: dict[str, int] = defaultdict(int)
        self.by_doc: dict[str, list[Mention]] = defaultdict(list)
        for m in news:
            self.last[m.document] = max(self.last[m.document], m.order)
            self.by_doc[m.document].append(m)
        self._exact: dict[tuple[str, str], float] = {}
        self._bounds: dict[tuple[str, str], float] | None = None
        self._cued: dict[str, _Cues] = {}
        self._weights: dict[str, float] = {}
        self.favourable = _favourable(model)

    def cues(self, m: Mention) -> _Cues:
        if m.id not in self._cued:
            self._cued[m.id] = _cues(m)
        return self._cued[m.id]

    def weight(self, word: str) -> float:
        if word not in self._weights:
            self._weights[word] = self.settings.weight(word)
        return self._weights[word]

    def probability(self, x: Mention, y: Mention) -> float:
        key = (x.id, y.id) if x.id < y.id else (y.id, x.id)
        if key not in self._exact:
            features = pair_features(x, y, self.settings, self.last[x.document], self.cues, self.weight)
            self._exact[key] = self.model.probability(features)
        return self._exact[key]

    def bound(self, x: Mention, y: Mention) -> float:
        """At least ``probability(x, y)`` (up to float rounding, far below ``_MARGIN``): the
        ``_LOOSE`` features at their most favourable value, the rest as ``pair_features`` reads
        them; every pair of every report scored at once on the first call (``_all_bounds``)."""
        if self._bounds is None:
            self._bounds = _all_bounds(self)
        key = (x.id, y.id) if x.id < y.id else (y.id, x.id)
        return self._bounds[key]


def _all_bounds(pairs: PairModel) -> dict[tuple[str, str], float]:
    """``PairModel.bound`` of every pair of news mentions of one report, all reports at once: each
    pair's overlaps read pair by pair, the other features and the model's sum over arrays."""
    ms: list[Mention] = []
    ij: list[tuple[int, int]] = []
    for doc in sorted(pairs.by_doc):
        start = len(ms)
        ms += sorted(pairs.by_doc[doc], key=lambda m: m.id)
        ij += [(a, b) for a in range(start, len(ms)) for b in range(a + 1, len(ms))]
    if not ij:
        return {}
    i, j = (np.array(v, dtype=int) for v in zip(*ij, strict=True))
    features = _set_features(ms, ij, pairs) | _array_features(ms, i, j, pairs)
    model = pairs.model
    z = np.full(len(ij), model.bias + sum(model.weights.get(name, 0.0) * v for name, v in pairs.favourable.items()))
    for name, v in features.items():
        z += model.weights.get(name, 0.0) * np.asarray(v, dtype=float)
    bound = (1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))).tolist()
    return {(ms[a].id, ms[b].id): value for (a, b), value in zip(ij, bound, strict=True)}


def _set_features(ms: Sequence[Mention], ij: Sequence[tuple[int, int]], pairs: PairModel) -> dict[str, np.ndarray]:
    """The features of ``_read_features`` that compare two sets, pair by pair."""
    def met(sets: list[frozenset[Any]]) -> np.ndarray:
        return np.array([bool(sets[a] & sets[b]) for a, b in ij])

    bags = [m.text.words for m in ms]
    weight = pairs.weight
    mass = [sum(map(weight, bag)) for bag in bags]  # the words' overlap: ``_overlap`` up to rounding
    shared = [sum(map(weight, bags[a] & bags[b])) for a, b in ij]
    words = [(x / (mass[a] + mass[b] - x) if mass[a] + mass[b] > 0 else 0.0) for (a, b), x in zip(ij, shared, strict=True)]
    parties = met([m.parties for m in ms])
    named = np.array([bool(m.parties) for m in ms])
    first, second = (np.array(v, dtype=int) for v in zip(*ij, strict=True))
    return {"words": np.array(words), "parties_shared": parties,
            "parties_differ": named[first] & named[second] & ~parties,
            "targets_shared": met([m.targets for m in ms]), "victims_shared": met([m.victims for m in ms]),
            "means_shared": met([m.means for m in ms]), "fine_shared": met([m.text.fine for m in ms]),
            "numbers_shared": met([m.text.numbers for m in ms])}


def _codes(values: Sequence[Any]) -> np.ndarray:
    codes: dict[Any, int] = {}
    return np.array([codes.setdefault(v, len(codes)) for v in values])


def _array_features(ms: Sequence[Mention], i: np.ndarray, j: np.ndarray, pairs: PairModel) -> dict[str, np.ndarray]:
    """The features of ``_read_features`` read from each mention alone, over the pairs ``i``, ``j``
    (each pair's first and later by (order, id))."""
    order = np.array([m.order for m in ms], dtype=float)
    last = np.array([pairs.last[m.document] for m in ms], dtype=float)
    rank = np.empty(len(ms), dtype=int)
    rank[sorted(range(len(ms)), key=lambda k: (ms[k].order, ms[k].id))] = np.arange(len(ms))
    later = np.where(rank[i] > rank[j], i, j)
    lo, hi = np.minimum(order[i], order[j]), np.maximum(order[i], order[j])
    placed = np.array([m.place is not None for m in ms])
    dated = np.array([m.specific for m in ms])
    days, category, family = _codes([m.days for m in ms]), _codes([m.event.category for m in ms]), \
        _codes([m.family for m in ms])
    anaphor = np.array([pairs.cues(m).anaphor for m in ms])
    recall = np.array([pairs.cues(m).recall for m in ms])
    return {
        "gap": np.log1p(hi - lo), "adjacent": (hi - lo) <= 1, "lead": lo == 0,
        "late": np.divide(hi, last[i], out=np.zeros_like(hi), where=last[i] > 0),
        "same_category": category[i] == category[j], "same_family": family[i] == family[j],
        "place_one": placed[i] != placed[j], "day_same": dated[i] & dated[j] & (days[i] == days[j]),
        "day_one": dated[i] != dated[j], "anaphor": anaphor[later], "recall": recall[later],
    }


def fold_score(xs: Sequence[Mention], ys: Sequence[Mention], doc: str, probability: Probability) -> float:
    """Mean pair probability over the two clusters' mentions of report ``doc`` (0 without a pair)."""
    values = [probability(x, y) for x in xs if x.document == doc for y in ys if y.document == doc]
    return sum(values) / len(values) if values else 0.0


#: whether two clusters may fold (``clustering.may_fold``), and whether two mentions of one report
#: can never share an incident (a part of it: one sentence, or not ``clustering.one_event``)
MayFold = Callable[[list[Mention], list[Mention]], bool]
Apart = Callable[[Mention, Mention], bool]


class _Folding:
    """One fold run (``fold_reports``): the clusters, a version per cluster that moves when a
    fragment folds into it, and what is known of pairs of mentions (``apart``) and of clusters
    (``may_fold``'s answer, kept until either cluster changes)."""

    def __init__(self, clusters: list[list[Mention]], pairs: PairModel, may_fold: MayFold,
                 apart: Apart | None, threshold: float) -> None:
        self.owner: dict[int, list[Mention]] = dict(enumerate(clusters))
        self.version: dict[int, int] = dict.fromkeys(self.owner, 0)
        self.pairs, self.may_fold, self._apart, self.threshold = pairs, may_fold, apart, threshold
        self._pairs: dict[tuple[str, str], bool] = {}
        self._allowed: dict[tuple[int, int, int, int], bool] = {}
        self._members: dict[tuple[int, int, str], list[Mention]] = {}

    def _mentions_apart(self, x: Mention, y: Mention) -> bool:
        key = (x.id, y.id) if x.id < y.id else (y.id, x.id)
        if key not in self._pairs:
            self._pairs[key] = self._apart is not None and self._apart(x, y)
        return self._pairs[key]

    def candidate(self, drop: int, keep: int, doc: str) -> float | None:
        """The mean pair probability of fragment ``drop`` and cluster ``keep`` over report ``doc``;
        None when a pair of their mentions of ``doc`` is ``apart`` (never scored: growing a cluster
        never lifts that block, and ``may_fold`` would refuse the pair whatever its score). When
        even the pairs' ``PairModel.bound`` lies below the threshold (by ``_MARGIN``), the largest
        bound stands for the mean: nothing is compared, and the pair could not fold."""
        xs, ys = self.members(drop, doc), self.members(keep, doc)
        highest = max((self.pairs.bound(x, y) for x in xs for y in ys), default=0.0)
        if highest < self.threshold - _MARGIN:
            return highest
        if any(self._mentions_apart(x, y) for x in xs for y in ys):
            return None
        return fold_score(xs, ys, doc, self.pairs.probability)

    def members(self, i: int, doc: str) -> list[Mention]:
        """Cluster ``i``'s mentions of report ``doc``."""
        key = (i, self.version[i], doc)
        if key not in self._members:
            self._members[key] = [m for m in self.owner[i] if m.document == doc]
        return self._members[key]

    def allowed(self, keep: int, drop: int) -> bool:
        key = (keep, self.version[keep], drop, self.version[drop])
        if key not in self._allowed:
            self._allowed[key] = self.may_fold(self.owner[keep], self.owner[drop])
        return self._allowed[key]

    def fold(self, keep: int, drop: int) -> None:
        self.owner[keep] = sorted(self.owner[keep] + self.owner.pop(drop), key=lambda m: m.id)
        self.version[keep] += 1

    def fragment(self, i: int, doc: str) -> bool:
        return all(m.document == doc for m in self.owner[i])


def fold_reports(clusters: list[list[Mention]], settings: Settings, model: WithinModel,
                 may_fold: MayFold, apart: Apart | None = None) -> list[list[Mention]]:
    """``clusters`` with each report's fragments (clusters holding only that report) folded into
    the cluster of that report they most likely continue, best first, while the mean pair
    probability reaches ``model.threshold`` and ``may_fold`` allows it; reports in id order,
    so the result depends only on the clusters (see the module doc). ``apart`` (a necessary
    part of ``may_fold``, optional) only saves work: pairs it blocks are never scored."""
    news = [m for c in clusters for m in c]
    folding = _Folding(clusters, PairModel(news, settings, model), may_fold, apart, model.threshold)
    by_doc: dict[str, set[int]] = defaultdict(set)
    for i, c in folding.owner.items():
        for m in c:
            by_doc[m.document].add(i)
    for doc in sorted(by_doc):
        _fold_report(folding, by_doc[doc], doc, model.threshold)
    return sorted(folding.owner.values(), key=lambda ms: ms[0].id)


#: how far below the threshold the means a fold merges may both lie and the merged pair's mean be
#: left unscored: that mean is a weighted average of the two (far above float rounding)
_MARGIN = 1e-9


def _fold_report(folding: _Folding, ids: set[int], doc: str, threshold: float) -> None:
    """Fold report ``doc``'s fragments among its clusters ``ids`` (updated in place), best first:
    the highest mean pair probability, then the lowest (keep, drop), that ``may_fold`` allows.
    ``known`` holds every scored pair's mean (None: apart); after a fold, a pair with the grown
    cluster is scored again only if one of the two pairs it unites was near or above the threshold."""
    known: dict[tuple[int, int], float | None] = {}
    for d in sorted(ids):
        if folding.fragment(d, doc):
            for k in sorted(ids - {d}):
                known[(d, k)] = folding.candidate(d, k, doc)
    while True:
        ranked = sorted(((v, pair) for pair, v in known.items() if v is not None and v >= threshold),
                        key=lambda item: (-item[0], item[1][1], item[1][0]))
        best = next(((keep, drop) for _, (drop, keep) in ranked if folding.allowed(keep, drop)), None)
        if best is None:
            return
        keep, drop = best
        if folding.fragment(keep, doc):  # two fragments: the older cluster keeps the id order
            keep, drop = min(keep, drop), max(keep, drop)
        folding.fold(keep, drop)
        ids.discard(drop)
        old, known = known, {pair: v for pair, v in known.items() if keep not in pair and drop not in pair}
        united = [((keep, k), (keep, k), (drop, k)) for k in sorted(ids - {keep})] if folding.fragment(keep, doc) else []
        united += [((d, keep), (d, keep), (d, drop)) for d in sorted(ids - {keep}) if folding.fragment(d, doc)]
        for pair, a, b in united:
            known[pair] = _rescored(folding, pair, old.get(a), old.get(b), threshold, doc)


def _rescored(folding: _Folding, pair: tuple[int, int], a: float | None, b: float | None, threshold: float,
              doc: str) -> float | None:
    """The mean of ``pair`` (a fragment, a cluster) after a fold united the two pairs whose means
    were ``a`` and ``b`` (None: apart, and so is their union). When both lie below the threshold
    by more than ``_MARGIN``, so does their weighted average: the larger one stands for it (a bound,
    never ranked, only compared with the threshold when this pair is united again)."""
    if a is None or b is None:
        return None
    if max(a, b) >= threshold - _MARGIN:
        return folding.candidate(*pair, doc)
    return max(a, b)


__all__ = ["FEATURES", "PairModel", "WithinModel", "fold_reports", "pair_features"]
