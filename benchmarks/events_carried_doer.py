"""Which party a carried doer is (issue 13, branch events76): a conditional logit, leave one wave out.

``sitrep.stages.events.carried_doer`` keeps the context rule's decision *whether* an event takes a
doer from the text before and chooses *which* party among the options the text offers (the doers
of the earlier events, the actor mentions of the previous sentences, the headline's doers) with a
conditional logit (one softmax per carried event) over features the analysis already holds.

How it is fitted (tune half only; the check half is never read here except by ``--check``, once,
for the report): the tune half is run once with the switch off and ``carried_doer.RECORDER`` set,
which keeps every carried event's options. An option of a carried event matched to a gold event
is labelled right when it denotes one of the coder's actors (``article_scorer.same_entity``). The
conditional logit (L2, ``CS``) is fitted on the matched carried events that have a right option;
its strength is chosen by leave one wave out **inside** the training waves (the largest replayed
gain in right actors, ties to the smaller C; no C that gains: an empty model, which keeps the rule's
choice everywhere).

Deciding run (``--folds``): leave one wave out over ``events_side_missing.WAVES``; per held-out wave
the chooser is refitted on the other waves and the **pipeline** is run on the held-out wave's
articles with that fold's model (not a replay: a changed doer reaches the events after it). Pooled
and per-wave figures against the switch off. ``--write`` fits on all tune and writes
``src/sitrep/stages/events/data/carried_doer.json``; ``--plover`` scores the PLOVER GSR dev tune part
off and on (the written model). Writes ``benchmarks/results/events_carried_doer.json``.

Usage: ``cd benchmarks && SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 PYTHONPATH=../src python
events_carried_doer.py [--folds] [--write] [--plover]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import statistics
from typing import Any

import numpy as np
from common import REPO, event_gold_documents, plover_tune_gold  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_model import GOLD, party_labels, recorded_events, score  # noqa: E402
from events_side_missing import wave_of  # noqa: E402
from scipy.optimize import minimize

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events import carried_doer  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    _pairs,
)
from sitrep.stages.events.carried_doer import CarriedModel, CarriedOption  # noqa: E402
from sitrep.stages.events.stage import event_id  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_carried_doer.json"
#: the L2 strengths chosen among inside the training waves (C: inverse of the penalty's weight)
CS = (0.03, 0.1, 0.3, 1.0, 3.0)
KEYS = ("event_f1", "matched", "actor_accuracy", "actor_f1", "recipient_accuracy", "place_accuracy",
        "status_accuracy")


@dataclasses.dataclass
class Case:
    """One carried event of a tune article that the output keeps, matched to a gold event or not."""

    article: int
    event: str
    options: list[CarriedOption]
    #: per option: does it denote one of the coder's actors (matched events only)
    labels: list[bool]
    matched: bool
    #: the rule's doers are exactly the coder's
    right_before: bool
    one_gold: bool


def collect(articles: list[Any], analyses: list[Any], recorded: dict[str, list[CarriedOption]]) -> list[Case]:
    cases = []
    for i, actors, spans, ev, g in recorded_events(articles, analyses, recorded):
        opts = recorded[ev.id]
        labels = party_labels(opts, g.actors, actors, spans) if g is not None else [False] * len(opts)
        before = g is not None and _pairs(ev.actors, g.actors, actors, spans) == len(ev.actors) == len(g.actors)
        cases.append(Case(i, ev.id, opts, labels, g is not None, before, g is not None and len(g.actors) == 1))
    return cases


def fit(cases: list[Case], strength: float) -> CarriedModel:
    """The conditional logit (L2 ``1 / (2 C)`` on the weights) on the matched cases with a right
    option and at least two options; the likelihood of a case is the probability of its right options."""
    groups = [c for c in cases if c.matched and any(c.labels) and len(c.options) > 1]
    names = sorted({f for c in groups for o in c.options for f in o.features})
    if not groups or not names:
        return CarriedModel()
    col = {f: k for k, f in enumerate(names)}
    mats = []
    for c in groups:
        x = np.zeros((len(c.options), len(names)))
        for r, o in enumerate(c.options):
            x[r, [col[f] for f in o.features]] = 1.0
        mats.append((x, np.array(c.labels, dtype=bool)))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 / strength * float(w @ w), w / strength
        for x, y in mats:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = np.where(y, p, 0.0)
            q /= q.sum()
            total -= float(np.log(p[y].sum()))
            grad = grad + x.T @ (p - q)
        return total, grad

    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B").x
    return CarriedModel({f: round(float(v), 6) for f, v in zip(names, w, strict=True) if abs(v) > 1e-9})


def replay_gain(cases: list[Case], model: CarriedModel) -> int:
    """Right actors gained over the rule on ``cases`` if the chosen doers changed nothing else."""
    gain = 0
    for c in cases:
        chosen = model.choose(c.options)
        if chosen is None or chosen.rule or not c.matched:
            continue
        after = c.one_gold and c.labels[c.options.index(chosen)]
        gain += int(after) - int(c.right_before)
    return gain


def train(cases: list[Case], wave: list[int]) -> tuple[CarriedModel, float | None, dict[str, int]]:
    """C by leave one wave out inside the training waves (replayed gain; ties to the smaller C);
    no C that gains: the empty model (the rule's choice everywhere)."""
    waves = sorted({wave[c.article] for c in cases})
    inner: dict[str, int] = {}
    for strength in CS:
        inner[str(strength)] = sum(replay_gain([c for c in cases if wave[c.article] == w],
                                               fit([c for c in cases if wave[c.article] != w], strength))
                                   for w in waves)
    best = max(CS, key=lambda s: (inner[str(s)], -s))
    if inner[str(best)] <= 0:
        return CarriedModel(), None, inner
    return fit(cases, best), best, inner


@functools.cache
def pipeline() -> Any:
    """The events task's pipeline, built once: the chooser's switch and model are read per document."""
    return build_for(get_task("events"))


def run(docs: list[GoldText], model: CarriedModel | None) -> list[Any]:
    """The pipeline on ``docs`` with the chooser off (None) or on with ``model``."""
    saved = carried_doer.USE, carried_doer.MODEL
    carried_doer.USE, carried_doer.MODEL = model is not None, model
    try:
        return list(run_documents(pipeline(), docs).analyses)
    finally:
        carried_doer.USE, carried_doer.MODEL = saved


def right(scored: dict[str, Any], role: str = "actor") -> int:
    return round(scored[f"{role}_accuracy"] * scored["matched"])


def folds(articles: list[Any], docs: list[GoldText], analyses: list[Any], cases: list[Case],
          wave: list[int]) -> dict[str, Any]:
    """Leave one wave out, the pipeline run on each held-out wave with that fold's chooser."""
    everything = list(range(len(articles)))
    held: list[Any] = list(analyses)
    rows = []
    for w in sorted(set(wave)):
        test = sorted(i for i in everything if wave[i] == w)
        model, strength, inner = train([c for c in cases if wave[c.article] != w], wave)
        for i, an in zip(test, run([docs[i] for i in test], model), strict=True):
            held[i] = an
        a, b = score(articles, analyses, test), score(articles, held, test)
        rows.append({"wave": w, "articles": len(test), "C": strength, "inner_gain": inner, "gain": right(b) - right(a),
                     "replay_gain": replay_gain([c for c in cases if wave[c.article] == w], model),
                     "recipient_change": right(b, "recipient") - right(a, "recipient")})
        print(rows[-1], flush=True)
    gains = [r["gain"] for r in rows]
    off, lowo = score(articles, analyses, everything), score(articles, held, everything)
    mean, sd = statistics.mean(gains), statistics.stdev(gains)
    holds = {k: lowo[k] >= off[k] - 0.002 for k in ("event_f1", "recipient_accuracy", "place_accuracy", "status_accuracy")}
    return {"off": {k: off[k] for k in KEYS}, "leave_one_wave_out": {k: lowo[k] for k in KEYS}, "waves": rows,
            "gains": gains, "pooled_gain": sum(gains), "mean": round(mean, 4), "sd": round(sd, 4),
            "others_hold": holds, "clause_1": bool(mean > sd and sum(gains) >= 8), "clause_2": all(holds.values())}


def plover_tune() -> dict[str, dict[str, Any]]:
    """PLOVER GSR dev, its tune part only (``scorer.plover_split``), switch off and on (the file)."""
    from sitrep.stages.events.scorer import score as score_events

    records, golds = plover_tune_gold()
    out = {}
    for label, model in (("off", None), ("on", carried_doer._file_model())):
        scored = score_events(records, run(golds, model))
        out[label] = {k: scored[k] for k in ("category_accuracy", "actor_f1", "recipient_f1", "n")}
        print("PLOVER dev tune part", label, out[label], flush=True)
    return out


def summary(cases: list[Case]) -> dict[str, Any]:
    matched = [c for c in cases if c.matched]
    return {"carried_events": len(cases), "matched": len(matched), "right_before": sum(c.right_before for c in matched),
            "with_right_option": sum(any(c.labels) for c in matched),
            "wrong_with_right_option": sum(any(c.labels) and not c.right_before for c in matched),
            "mean_options": round(statistics.mean(len(c.options) for c in cases), 2) if cases else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", action="store_true", help="the deciding run: leave one wave out, pipeline per fold")
    parser.add_argument("--write", action="store_true", help="fit on all tune and write the shipped model file")
    parser.add_argument("--plover", action="store_true", help="PLOVER dev tune part with the switch off and on")
    args = parser.parse_args()
    articles, _, docs = event_gold_documents(GOLD, "tune")
    recorded: dict[str, list[CarriedOption]] = {}
    carried_doer.RECORDER = lambda doc, ev, opts: recorded.__setitem__(
        event_id(doc, ev.trigger.start, ev.trigger.end, ev.category), opts)
    try:
        analyses = run(docs, None)
    finally:
        carried_doer.RECORDER = None
    wave = wave_of(len(articles))
    cases = collect(articles, analyses, recorded)
    result: dict[str, Any] = {"cases": summary(cases)}
    print(json.dumps(result, indent=1), flush=True)
    full, strength, inner = train(cases, wave)
    result.update(all_tune_C=strength, all_tune_inner=inner, in_sample_replay_gain=replay_gain(cases, full))
    print("all tune: C", strength, "inner", inner, "in-sample replay gain", result["in_sample_replay_gain"], flush=True)
    if args.folds:
        result.update(folds(articles, docs, analyses, cases, wave))
        print("off", result["off"], "\nleave one wave out", result["leave_one_wave_out"])
        print(f"gains {result['gains']} pooled {result['pooled_gain']} mean {result['mean']} sd {result['sd']} "
              f"clause 1: {result['clause_1']} clause 2: {result['clause_2']} {result['others_hold']}")
    if args.write:
        carried_doer.MODEL_FILE.write_text(json.dumps({**full.to_json(), "C": strength, "fitted_on": str(GOLD.name) + ", split tune"},
                                                      indent=1) + "\n", encoding="utf-8")
        carried_doer._file_model.cache_clear()
    if args.plover:
        result["plover_tune"] = plover_tune()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    name = OUT if args.folds else OUT.with_name(OUT.stem + "_fit.json")
    name.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
