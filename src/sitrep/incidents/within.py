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

Pure functions; the model is data (``Settings.within``), read once by ``settings.load_settings``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

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


def _overlap(a: frozenset[str], b: frozenset[str], settings: Settings) -> float:
    """IDF-weighted Jaccard overlap of two word sets (0 when both are empty)."""
    union = a | b
    if not union:
        return 0.0
    return sum(settings.weight(w) for w in a & b) / sum(settings.weight(w) for w in union)


def pair_features(x: Mention, y: Mention, settings: Settings, last: int) -> dict[str, float]:
    """The named features of two news mentions of one report (``last``: the report's highest
    ``Mention.order``)."""
    first, later = (x, y) if (x.order, x.id) <= (y.order, y.id) else (y, x)
    gap = later.order - first.order
    relation = place_relation(x, y, settings)
    both_dated = x.specific and y.specific
    text = later.event.evidence.text
    return {
        "gap": math.log1p(gap), "adjacent": float(gap <= 1), "lead": float(first.order == 0),
        "late": later.order / last if last else 0.0,
        "same_category": float(x.event.category == y.event.category), "same_family": float(x.family == y.family),
        "place_same": float(relation in ("same", "within") and x.place is not None and y.place is not None),
        "place_one": float((x.place is None) != (y.place is None)), "place_near": float(relation == "near"),
        "day_same": float(both_dated and x.days == y.days), "day_one": float(x.specific != y.specific),
        "parties_shared": float(bool(x.parties & y.parties)),
        "parties_differ": float(bool(x.parties) and bool(y.parties) and not x.parties & y.parties),
        "targets_shared": float(bool(x.targets & y.targets)), "victims_shared": float(bool(x.victims & y.victims)),
        "means_shared": float(bool(x.means & y.means)),
        "words": _overlap(x.text.words, y.text.words, settings),
        "fine_shared": float(bool(x.text.fine & y.text.fine)),
        "numbers_shared": float(bool(x.text.numbers & y.text.numbers)),
        "anaphor": float(bool(_ANAPHOR.search(text))), "recall": float(bool(_RECALL.search(text))),
    }


#: P(same incident) of two mentions of one report
Probability = Callable[[Mention, Mention], float]


def report_probability(news: Sequence[Mention], settings: Settings, model: WithinModel) -> Probability:
    """The model's probability for pairs of ``news`` (the news mentions of one or more reports),
    computed on demand and cached."""
    last: dict[str, int] = defaultdict(int)
    for m in news:
        last[m.document] = max(last[m.document], m.order)
    cache: dict[tuple[str, str], float] = {}

    def probability(x: Mention, y: Mention) -> float:
        key = (x.id, y.id) if x.id < y.id else (y.id, x.id)
        if key not in cache:
            cache[key] = model.probability(pair_features(x, y, settings, last[x.document]))
        return cache[key]

    return probability


def fold_score(xs: Sequence[Mention], ys: Sequence[Mention], doc: str, probability: Probability) -> float:
    """Mean pair probability over the two clusters' mentions of report ``doc`` (0 without a pair)."""
    values = [probability(x, y) for x in xs if x.document == doc for y in ys if y.document == doc]
    return sum(values) / len(values) if values else 0.0


def fold_reports(clusters: list[list[Mention]], settings: Settings, model: WithinModel,
                 may_fold: Callable[[list[Mention], list[Mention]], bool]) -> list[list[Mention]]:
    """``clusters`` with each report's fragments (clusters holding only that report) folded into
    the cluster of that report they most likely continue, best first, while the mean pair
    probability reaches ``model.threshold`` and ``may_fold`` allows it; reports in id order,
    so the result depends only on the clusters (see the module doc)."""
    news = [m for c in clusters for m in c]
    probability = report_probability(news, settings, model)
    owner: dict[int, list[Mention]] = dict(enumerate(clusters))
    by_doc: dict[str, set[int]] = defaultdict(set)
    for i, c in owner.items():
        for m in c:
            by_doc[m.document].add(i)
    for doc in sorted(by_doc):
        while True:
            best = _best_fold(owner, sorted(by_doc[doc]), doc, probability, model.threshold, may_fold)
            if best is None:
                break
            keep, drop = best
            owner[keep] = sorted(owner[keep] + owner.pop(drop), key=lambda m: m.id)
            for d in {m.document for m in owner[keep]}:
                by_doc[d].discard(drop)
                by_doc[d].add(keep)
    return sorted(owner.values(), key=lambda ms: ms[0].id)


def _best_fold(owner: Mapping[int, list[Mention]], ids: list[int], doc: str, probability: Probability,
               threshold: float, may_fold: Callable[[list[Mention], list[Mention]], bool]) -> tuple[int, int] | None:
    """The best (keep, drop) pair of ``doc``'s clusters: ``drop`` a fragment of ``doc`` alone."""
    found: tuple[float, int, int] | None = None
    for drop in ids:
        if {m.document for m in owner[drop]} != {doc}:
            continue
        for keep in ids:
            if keep == drop:
                continue
            score = fold_score(owner[drop], owner[keep], doc, probability)
            if score < threshold or (found is not None and (-score, keep, drop) >= (-found[0], found[1], found[2])):
                continue
            if may_fold(owner[keep], owner[drop]):
                found = (score, keep, drop)
    if found is None:
        return None
    _, keep, drop = found
    if {m.document for m in owner[keep]} == {doc}:  # two fragments: the older cluster keeps the id order
        keep, drop = min(keep, drop), max(keep, drop)
    return keep, drop


__all__ = ["FEATURES", "WithinModel", "fold_reports", "pair_features", "report_probability"]
