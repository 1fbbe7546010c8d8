"""Fit the events stage's learned doer model (``make models``; issue 13, actors).

Training data: the **tune** half of the PLOVER GSR dev records (``plover_split``: even
positions of ``../shared/data/events/plover_gsr_dev.jsonl``; read at run time, nothing copied).
FA-KES is never read here. Each record goes through the pipeline as ``sitrep eval events``
runs it, with the events stage's ranker replaced by a recorder: for every coded event it keeps
the actor mentions of the sentence with their path features (``ranker.options``). For the
event aligned with the record (``scorer.align``), an option is a positive example when it
matches one of the record's gold sources (``scorer.match_parties``), else a negative one —
whether or not the rules had found an actor for it (the rules' choices teach the model which
paths name a doer).

Model: a binary logistic regression (lbfgs, deterministic). Its regularisation ``C`` and the
probability at which it names an actor for an event the rules leave without one are chosen by
5-fold cross-validation over records on tune: the highest actor F1 of the combined decision
(rules, else the model), ties broken by the higher threshold, then the smaller ``C``. The check
half is never read here; it is scored by ``sitrep eval events``.

Writes ``src/sitrep/models/actor_ranker.json`` (feature names, weights, intercept, threshold,
the cross-validation table). ``--misses`` writes nothing: it prints the tune records
whose actors the combined decision gets wrong **out of fold** (each record decided by the
model fitted on the other folds, at the chosen settings), with every option's probability —
the listing for error study (tune only; the check half is never read).

Usage: ``OMP_NUM_THREADS=1 python scripts/train_actor_ranker.py [--shared DATA_DIR] [--misses]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from sitrep.datasets import shared_data_dir  # noqa: E402
from sitrep.evaluation import build_for, get_task  # noqa: E402
from sitrep.evaluation.runner import GoldText, run_documents  # noqa: E402
from sitrep.stages.events.ranker import MODEL_PATH, ActorRanker, Option, barred, options  # noqa: E402
from sitrep.stages.events.scorer import (  # noqa: E402
    align,
    gold_parties,
    match_parties,
    plover_split,
    read_gold,
)

C_GRID = (0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
FOLDS = 5


@dataclasses.dataclass
class Recorder:
    """Stands in for the ranker in the events stage: records every coded event's options."""

    seen: dict[str, list[tuple[str, list[Option], list[str]]]] = dataclasses.field(default_factory=dict)

    def fill(self, cands: Any, index: Any, sources: Any) -> None:
        for cand in cands:
            trig = cand.trigger
            text = trig.anchor.doc.text[trig.start:trig.end] if trig.kind != "light" else trig.text
            found = options(cand, index, sources.get(cand.sentence.start, set()), cands)
            self.seen.setdefault(trig.anchor.doc.text, []).append((text, found, barred(cand, index)))


@dataclasses.dataclass
class Item:
    """One tune record: the rules' actors, its options with labels, and how to score a choice."""

    fold: int
    rules: list[str]
    recipients: list[str]  # the actors the model may not choose (``ranker.barred``)
    opts: list[Option]
    labels: list[int]
    score: Any  # actor ids -> (tp, n_pred, n_gold)


def items(shared: Path) -> list[Item]:
    records = [r for i, r in enumerate(read_gold(shared / "events" / "plover_gsr_dev.jsonl")) if plover_split(i) == "tune"]
    recorder = Recorder()
    pipeline = build_for(get_task("events"), options={"events": {"actor_ranker": recorder}})
    golds = [GoldText(str(r.get("id", i)), r["text"]) for i, r in enumerate(records)]
    run = run_documents(pipeline, golds, keep_doc=True)
    out = []
    for n, (rec, analysis) in enumerate(zip(records, run.analyses, strict=True)):
        gold = gold_parties(rec.get("source"))
        actors = {a.id: a for a in analysis.actors}

        def score(ids: list[str], rec: dict[str, Any] = rec, gold: list[dict[str, Any]] = gold,
                  actors: dict[str, Any] = actors, analysis: Any = analysis) -> tuple[int, int, int]:
            return match_parties(ids, gold, rec["text"], actors, analysis.mentions, analysis.places)

        ev = align(analysis.events, rec.get("eventText", ""))
        opts: list[Option] = []
        bar: list[str] = list(ev.recipients) if ev else []
        if ev is not None and analysis.doc is not None:
            recorded = recorder.seen.get(analysis.doc.text, [])
            opts, bar = next(((o, b) for text, o, b in recorded if text == ev.trigger), ([], bar))
        labels = [int(score([o.actor])[0] > 0) for o in opts]
        out.append(Item(n % FOLDS, list(ev.actors) if ev else [], bar, opts, labels, score))
    return out


def fit(train: list[Item], c: float) -> ActorRanker | None:
    rows = [(o.features, y) for it in train for o, y in zip(it.opts, it.labels, strict=True)]
    if len({y for _, y in rows}) < 2:
        return None
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([f for f, _ in rows])
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(x, [y for _, y in rows])
    weights = dict(zip(vec.get_feature_names_out(), (float(w) for w in model.coef_[0]), strict=True))
    return ActorRanker(weights, float(model.intercept_[0]), 0.5)


def decide(it: Item, ranker: ActorRanker | None) -> list[str]:
    """The combined decision for one record, as ``ActorRanker.fill`` makes it in the stage:
    the rules' doers, else the model's."""
    if it.rules or ranker is None:
        return it.rules
    return ranker.choose(it.opts, it.recipients)


def f1(test: list[Item], ranker: ActorRanker | None, threshold: float) -> tuple[int, int, int]:
    tot = [0, 0, 0]
    for it in test:
        ids = decide(it, dataclasses.replace(ranker, threshold=threshold) if ranker is not None else None)
        for k, v in enumerate(it.score(ids)):
            tot[k] += v
    return tot[0], tot[1], tot[2]


def misses(data: list[Item], models: dict[int, ActorRanker | None], threshold: float,
           records: list[dict[str, Any]]) -> None:
    """Print the tune records the combined decision gets wrong out of fold (``--misses``)."""
    for n, (rec, it) in enumerate(zip(records, data, strict=True)):
        model = models[it.fold]
        ranker = dataclasses.replace(model, threshold=threshold) if model is not None else None
        ids = decide(it, ranker)
        tp, npred, ngold = it.score(ids)
        if tp == npred == ngold:
            continue
        gold = [(g.get("actorText"), g.get("code")) for g in rec.get("source") or []]
        print(f"#{n} {'rules' if it.rules else 'model'} tp/pred/gold={tp}/{npred}/{ngold} chosen={ids} gold={gold}")
        print(f"    {rec['text'][:300]!r}")
        for o, y in zip(it.opts, it.labels, strict=True):
            p = ranker.probability(o.features) if ranker is not None else float("nan")
            print(f"    option {o.actor:32s} gold={y} p={p:.2f}{' barred' if o.actor in it.recipients else ''}")


def prf1(tp: int, npred: int, ngold: int) -> float:
    return 2 * tp / (npred + ngold) if npred + ngold else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--misses", action="store_true",
                        help="print the tune records' out-of-fold actor misses; write nothing")
    args = parser.parse_args()
    shared = args.shared / "data" if args.shared and (args.shared / "data").is_dir() else args.shared
    data = items(shared or shared_data_dir())
    rules_only = f1(data, None, 1.0)
    table = []
    fold_models = {}
    for c in C_GRID:
        models = fold_models[c] = {k: fit([it for it in data if it.fold != k], c) for k in range(FOLDS)}
        for thr in THRESHOLDS:
            tot = [0, 0, 0]
            for k in range(FOLDS):
                for j, v in enumerate(f1([it for it in data if it.fold == k], models[k], thr)):
                    tot[j] += v
            table.append({"C": c, "threshold": thr, "actor_f1": round(prf1(*tot), 4), "counts": tot})
    best = max(table, key=lambda r: (r["actor_f1"], r["threshold"], -r["C"]))
    if args.misses:
        records = [r for i, r in enumerate(read_gold((shared or shared_data_dir()) / "events" / "plover_gsr_dev.jsonl"))
                   if plover_split(i) == "tune"]
        misses(data, fold_models[best["C"]], best["threshold"], records)
        print(json.dumps({"chosen": best, "rules_only_actor_f1": round(prf1(*rules_only), 4)}))
        return
    final = fit(data, best["C"])
    assert final is not None
    names = sorted(final.weights)
    payload = {
        "what": "events stage doer model (ranker.py): logistic regression over path features",
        "trained_on": "PLOVER GSR dev, tune half (plover_split), aligned events' sentence mentions",
        "examples": sum(len(it.opts) for it in data), "positives": sum(sum(it.labels) for it in data),
        "records": len(data), "rules_only_actor_f1": round(prf1(*rules_only), 4),
        "chosen": {"C": best["C"], "threshold": best["threshold"], "cv_actor_f1": best["actor_f1"]},
        "cv": table, "features": names, "weights": [round(final.weights[n], 6) for n in names],
        "intercept": round(final.intercept, 6), "threshold": best["threshold"],
    }
    MODEL_PATH.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: payload[k] for k in ("examples", "positives", "records", "rules_only_actor_f1", "chosen")}))


if __name__ == "__main__":
    main()
