"""Fit the events stage's learned doer check (``sitrep.stages.events.party_doer``; issue 13, branch
events37): is a doer the events stage gives an event one the coder gives it?

Training data: the **tune** half of ``benchmarks/data/fakes_events_gold.jsonl`` (FA-KES development
rows, even ``unit_id``; the texts are read from ``../shared`` at run time, nothing is copied). The
tune articles go through the ``events`` task with the switch off (main's doers); every doer of every
predicted event matched to a gold event (``article_scorer.match_events``) gives one example: its
``party_doer.doer_features`` and whether it pairs with one of the coder's doers of that event (the
scorer's ``same_entity``). Fitted on are the doers that decide a right actor either way
(``decisive``): the coder's doers (positives) and the doers of events the coder gives no doer
(negatives); a wrong doer beside another coder's doer is not (dropping it cannot make the event
right). Doers of unmatched events are not fitted on (nothing says what they are).

Model: binary logistic regression (lbfgs, deterministic). ``C`` and the threshold are chosen by
**leave one wave out** over the tune waves (``events_side_missing.WAVES``): for each setting, fitted
on the other waves and applied to the wave's matched events, the most events whose doers are then
exactly the coder's (an event that loses every argument is lost, as the stage drops it); ties: the
lower threshold (drop less), then the smaller ``C``. The check half is never read here.
PLOVER/NGEC records are not used: their doers come from another pipeline's reading of other text,
and the features describe sitrep's own doers of FA-KES-like news (see docs/benchmarks.md).

Writes ``src/sitrep/models/party_doer.json``.

Usage: ``SITREP_SHARED=/work/shared OMP_NUM_THREADS=1 python scripts/train_party_doer.py``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from sitrep.records import Actor, Analysis, Event  # noqa: E402
from sitrep.stages.events.article_scorer import GoldEvent, _pairs, match_events  # noqa: E402
from sitrep.stages.events.party_doer import (  # noqa: E402
    MODEL_PATH,
    DoerContext,
    PartyDoerModel,
    doer_features,
)

C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


@dataclass(frozen=True)
class MatchedEvent:
    """One matched (gold, predicted) pair: its wave, the features of each predicted doer, whether
    each pairs with a coder's doer, and what is needed to score a subset of the doers."""

    wave: int
    gold: GoldEvent
    event: Event
    feats: list[dict[str, float]]
    labels: list[bool]
    actors: dict[str, Actor]
    spans: dict[str, list[tuple[int, int]]]

    def right(self, kept: Sequence[str]) -> bool:
        """Are the doers ``kept`` exactly the coder's? An event left with no argument is lost."""
        if list(kept) != self.event.actors and not kept and not self.event.recipients and self.event.place is None:
            return False
        return _pairs(list(kept), self.gold.actors, self.actors, self.spans) == len(kept) == len(self.gold.actors)


def matched_events(golds: Sequence[Any], analyses: Sequence[Analysis], waves: Sequence[int]) -> list[MatchedEvent]:
    """The matched events of the tune articles (``golds``: ``ArticleGold``), with their features."""
    out = []
    for art, an, wave in zip(golds, analyses, waves, strict=True):
        context = DoerContext.of(an)
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in an.mentions:
            spans.setdefault(m.actor, []).append((m.start, m.end))
        for g, p in match_events(art.events, an.events):
            labels = [_pairs([a], g.actors, context.actors, spans) == 1 for a in p.actors]
            out.append(MatchedEvent(wave, g, p, [doer_features(p, a, context) for a in p.actors], labels,
                                    dict(context.actors), spans))
    return out


def decisive(rows: Sequence[MatchedEvent]) -> list[tuple[dict[str, float], bool]]:
    """The examples whose doer decides a right actor either way: a doer the coder gives (dropping
    it loses the event's actor), or a doer of an event the coder gives no doer (dropping it can
    make the event right). A wrong doer beside a coder's other doer is neither: not fitted on."""
    return [(f, lab) for r in rows for f, lab in zip(r.feats, r.labels, strict=True) if lab or not r.gold.actors]


def fit(rows: Sequence[MatchedEvent], c: float, threshold: float = 0.5) -> PartyDoerModel:
    examples = decisive(rows)
    x = [f for f, _ in examples]
    y = [int(lab) for _, lab in examples]
    vec = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=5000).fit(vec.fit_transform(x), y)
    weights = {name: round(float(w), 6) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)}
    return PartyDoerModel(weights, round(float(model.intercept_[0]), 6), threshold)


def kept(row: MatchedEvent, model: PartyDoerModel, threshold: float) -> list[str]:
    return [a for a, f in zip(row.event.actors, row.feats, strict=True) if model.probability(f) >= threshold]


def right_events(rows: Sequence[MatchedEvent], model: PartyDoerModel | None, threshold: float) -> int:
    """Matched events whose doers are the coder's after the check (None: all doers kept)."""
    return sum(r.right(r.event.actors if model is None else kept(r, model, threshold)) for r in rows)


def choose(rows: Sequence[MatchedEvent]) -> dict[str, Any]:
    """``C`` and the threshold by leave one wave out over the rows' waves (the module's rule)."""
    waves = sorted({r.wave for r in rows})
    scores: dict[tuple[float, float], int] = {}
    for c in C_GRID:
        for w in waves:
            model = fit([r for r in rows if r.wave != w], c)
            held = [r for r in rows if r.wave == w]
            for t in THRESHOLDS:
                scores[(c, t)] = scores.get((c, t), 0) + right_events(held, model, t)
    (c, t), best = max(scores.items(), key=lambda kv: (kv[1], -kv[0][1], -kv[0][0]))
    return {"C": c, "threshold": t, "right_events_out_of_fold": best,
            "right_events_all_kept": right_events(rows, None, 0.0), "matched_events": len(rows)}


def fitted(rows: Sequence[MatchedEvent]) -> tuple[PartyDoerModel, dict[str, Any]]:
    """The model of ``rows`` with the settings ``choose`` picks on them."""
    settings = choose(rows)
    model = fit(rows, settings["C"], settings["threshold"])
    return model, settings


def tune_rows() -> list[MatchedEvent]:
    """The tune half run with the switch off, as matched events with their waves."""
    from events_recipient_links import tune_runs  # the benchmarks' run of the tune half
    from events_side_missing import wave_of

    from sitrep.stages.events import party_doer

    if party_doer.PARTY_DOERS:
        raise SystemExit("the training data is the stage's doers with the check off")
    articles, runs = tune_runs((), ("event_f1", "actor_accuracy"))
    return matched_events(articles, runs[()], wave_of(len(articles)))


def main() -> None:
    rows = tune_rows()
    model, settings = fitted(rows)
    out = {"features": sorted(model.weights), "weights": [model.weights[k] for k in sorted(model.weights)],
           "intercept": model.intercept, "threshold": model.threshold,
           "trained_on": {"gold": "benchmarks/data/fakes_events_gold.jsonl", "split": "tune",
                          "doers": sum(len(r.labels) for r in rows), "examples": len(decisive(rows)),
                          "positives": sum(sum(r.labels) for r in rows)},
           "chosen": settings, "label_rate": round(statistics.mean(lab for r in rows for lab in r.labels), 4)}
    MODEL_PATH.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k not in ("features", "weights")}))


if __name__ == "__main__":
    main()
