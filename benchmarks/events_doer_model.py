"""A learned doer for events the rules leave without one (issue 13, branch events66): leave one wave out.

``sitrep.stages.events.doer_model`` scores every actor mention of an event's sentence (none of its
recipients) by its parse path to the trigger and the other features of the learned recipient
(``recipient_model.features``) with a logistic model; an event still without a doer after the
rules and the PLOVER ranker takes the best party when its probability reaches a threshold.

How it is fitted (tune half only; the check half is never read here): the tune half is run once
with the switch off and ``doer_model.RECORDER`` set, which keeps each doer-less event's candidates.
A candidate is labelled right when it denotes one of the coder's actors of the matched gold event
(``article_scorer.same_entity``). Logistic regression (``C`` and the threshold chosen together by
leave one wave out **inside** the training waves: the largest net gain in right actors, ties to
the smaller C and the higher threshold; no gain: the model adds nothing). The held-out wave's
events take the chosen candidates and are scored with the article scorer; the rules' territory
recipients stay closed for a learned doer (``Candidate.learned_doer``), so this replay is exact.

``--census`` (step 1 of the brief) counts the tune actor misses on matched events: sitrep gives no
actor and the coder one (by where the coder's actor sits: a candidate of the sentence denotes it,
in the sentence but no candidate, the headline, just before the sentence, earlier, later) against
sitrep's wrong actors.

The bar is pre-registered in ``docs/benchmarks.md`` (``events66``). Usage:
``cd benchmarks && SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 PYTHONPATH=../src python
events_doer_model.py [--census] [--write] [--verify] [--plover]``. ``--verify`` re-fits on all tune and
exits 1 when the shipped file differs (a fixed seed: the fit is deterministic). ``--write`` fits on all tune and writes
``src/sitrep/stages/events/data/doer_model.json``; ``--plover`` scores the PLOVER dev tune part with
the switch off and on (the written model). Writes ``benchmarks/results/events_doer_model.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
from collections import Counter
from typing import Any

from common import REPO, fakes_csv, plover_tune_gold  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_model import (  # noqa: E402
    CS,
    GOLD,
    Case,
    actors_and_spans,
    as_model,
    by_article,
    fit,
    inner_setting,
    party_labels,
    recorded_events,
    score,
    write_model,
)
from events_side_missing import wave_of  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events import doer_model  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    _pairs,
    match_events,
    read_article_gold,
    read_texts,
)
from sitrep.stages.events.doer_model import DoerCandidate, DoerModel  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "events_doer_model.json"
SEED = 0
KEYS = ("event_f1", "matched", "actor_accuracy", "actor_f1", "recipient_accuracy", "place_accuracy",
        "status_accuracy")


def collect(articles: list[Any], analyses: list[Any], recorded: dict[str, list[DoerCandidate]]) -> list[Case]:
    cases = []
    for i, actors, spans, ev, g in recorded_events(articles, analyses, recorded):
        if ev.actors:
            continue
        cands = recorded[ev.id]
        labels = party_labels(cands, g.actors, actors, spans) if g is not None else [False] * len(cands)
        cases.append(Case(i, ev.id, cands, labels, g is not None, g is not None and not g.actors,
                          g is not None and len(g.actors) == 1))
    return cases


def census(articles: list[Any], texts: list[str], analyses: list[Any], cases: list[Case]) -> dict[str, Any]:
    """The tune actor misses on matched events: empty (by where the coder's first actor sits) and wrong."""
    by_event = {c.event: c for c in cases}
    empty: Counter[str] = Counter()
    wrong = 0
    for art, text, an in zip(articles, texts, analyses, strict=True):
        actors, spans = actors_and_spans(an)
        headline = text.find("\n") if "\n" in text else 0
        for g, p in match_events(art.events, an.events):
            if _pairs(p.actors, g.actors, actors, spans) == len(p.actors) == len(g.actors):
                continue
            if p.actors or not g.actors:
                wrong += 1
                continue
            a, case = g.actors[0], by_event.get(p.id)
            if case is not None and any(case.labels):
                where = "sentence: a candidate denotes it"
            elif a.from_context or not (g.sentence[0] <= a.start < g.sentence[1]):
                where = ("headline" if a.start < headline else "just before (<= 300 chars)"
                         if g.sentence[0] - 300 <= a.start < g.sentence[0] else "earlier" if a.start < g.sentence[0]
                         else "later")
            else:
                where = "sentence: no candidate denotes it"
            empty[where] += 1
    total = wrong + sum(empty.values())
    return {"actor_misses": total, "wrong_actor": wrong, "empty_actor": sum(empty.values()),
            "empty_share": round(sum(empty.values()) / total, 4) if total else 0.0, "empty_by_position": dict(empty)}


def train(cases: list[Case], wave: list[int]) -> tuple[DoerModel, float]:
    """The model fitted on ``cases`` with C and threshold chosen by leave one wave out inside them
    (``events_recipient_model.inner_setting`` over ``CS``, the fits seeded with ``SEED``)."""
    _, strength, threshold = inner_setting(cases, wave, CS, SEED)
    return as_model(fit(cases, strength, SEED), threshold), strength


def apply(analyses: list[Any], cases: list[Case], model: DoerModel, idx: set[int]) -> list[Any]:
    out = list(analyses)
    for i, todo in by_article(cases, idx).items():
        chosen = {c.event: x for c in todo if (x := model.choose(c.cands)) is not None}
        if chosen:
            events = [dataclasses.replace(e, actors=[chosen[e.id].actor]) if e.id in chosen else e
                      for e in analyses[i].events]
            out[i] = dataclasses.replace(analyses[i], events=events)
    return out


def right(scored: dict[str, Any], role: str = "actor") -> int:
    return round(scored[f"{role}_accuracy"] * scored["matched"])


def plover_tune() -> dict[str, dict[str, Any]]:
    """PLOVER GSR dev, its tune part only (``scorer.plover_split``), switch off and on."""
    from sitrep.stages.events.scorer import score as score_events

    records, golds = plover_tune_gold()
    out, saved = {}, doer_model.LEARNED_DOERS
    try:
        for label, on in (("off", False), ("on", True)):
            doer_model.LEARNED_DOERS = on
            scored = score_events(records, run_documents(build_for(get_task("events")), golds).analyses)
            out[label] = {k: scored[k] for k in ("category_accuracy", "actor_f1", "recipient_f1", "n")}
            print("PLOVER dev tune part", label, out[label], flush=True)
    finally:
        doer_model.LEARNED_DOERS = saved
    return out


def outcomes(cases: list[Case], model: DoerModel) -> Counter[str]:
    """What the model's doers do to the matched cases: gained (right now), lost (the coder gives no
    actor), wrong to wrong (the coder gives another), and how many unmatched events take one."""
    out: Counter[str] = Counter()
    for case in cases:
        chosen = model.choose(case.cands)
        if chosen is None:
            continue
        k = case.cands.index(chosen)
        out["unmatched" if not case.matched else "gained" if case.one_gold and case.labels[k]
            else "lost" if case.right_before else "wrong to wrong"] += 1
    return out


def folds(articles: list[Any], analyses: list[Any], cases: list[Case], wave: list[int]) -> dict[str, Any]:
    """Leave one wave out: per held-out wave the model fitted (C, threshold inside) on the others."""
    everything = list(range(len(articles)))
    held: list[Any] = list(analyses)
    rows = []
    for w in sorted(set(wave)):
        test = {i for i in everything if wave[i] == w}
        model, strength = train([c for c in cases if wave[c.article] != w], wave)
        mod = apply(analyses, cases, model, test)
        for i in test:
            held[i] = mod[i]
        ids = sorted(test)
        a, b = score(articles, analyses, ids), score(articles, mod, ids)
        rows.append({"wave": w, "articles": len(ids), "C": strength, "threshold": model.threshold,
                     "gain": right(b) - right(a), **outcomes([c for c in cases if c.article in test], model), "recipient_change": right(b, "recipient") - right(a, "recipient")})
        print(rows[-1], flush=True)
    gains = [r["gain"] for r in rows]
    off, lowo = score(articles, analyses, everything), score(articles, held, everything)
    mean, sd = statistics.mean(gains), statistics.stdev(gains)
    holds = all(lowo[k] >= off[k] - 0.002 for k in ("event_f1", "recipient_accuracy", "place_accuracy", "status_accuracy"))
    tally = Counter({k: sum(r.get(k, 0) for r in rows) for k in ("gained", "lost", "wrong to wrong", "unmatched")})
    return {"out_of_fold_outcomes": dict(tally), "off": {k: off[k] for k in KEYS}, "leave_one_wave_out": {k: lowo[k] for k in KEYS}, "waves": rows,
            "gains": gains, "mean": round(mean, 4), "sd": round(sd, 4), "others_hold": holds,
            "passes_tune_bar": bool(mean > sd and holds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--census", action="store_true", help="only count the tune actor misses (step 1)")
    parser.add_argument("--write", action="store_true", help="fit on all tune and write the shipped model file")
    parser.add_argument("--verify", action="store_true",
                        help="re-fit on all tune and compare with the shipped model file (exit 1 if they differ)")
    parser.add_argument("--plover", action="store_true", help="PLOVER dev tune part with the switch off and on")
    args = parser.parse_args()
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    recorded: dict[str, list[DoerCandidate]] = {}
    doer_model.RECORDER = recorded.__setitem__
    switch, doer_model.LEARNED_DOERS = doer_model.LEARNED_DOERS, False  # the rules' own events
    try:
        analyses = run_documents(build_for(get_task("events")), docs).analyses
    finally:
        doer_model.RECORDER, doer_model.LEARNED_DOERS = None, switch
    wave = wave_of(len(articles))
    cases = collect(articles, analyses, recorded)
    result: dict[str, Any] = {"census": census(articles, texts, analyses, cases), "cases": len(cases),
                              "matched_cases": sum(c.matched for c in cases),
                              "with_right_candidate": sum(any(c.labels) for c in cases if c.matched)}
    print(json.dumps(result, indent=1), flush=True)
    if args.verify:
        full, _ = train(cases, wave)
        same = doer_model.MODEL_FILE.exists() and json.loads(doer_model.MODEL_FILE.read_text(encoding="utf-8")) == full.to_json()
        print("the shipped model equals a fresh fit:", same)
        raise SystemExit(0 if same else 1)
    if not args.census:
        result.update(folds(articles, analyses, cases, wave))
        print("out of fold", result["out_of_fold_outcomes"], "\noff", result["off"], "\nleave one wave out", result["leave_one_wave_out"])
        print(f"gains {result['gains']} mean {result['mean']} sd {result['sd']} passes: {result['passes_tune_bar']}")
        full, strength = train(cases, wave)
        result.update(all_tune_C=strength, all_tune_threshold=full.threshold,
                      in_sample={k: score(articles, apply(analyses, cases, full, set(range(len(articles)))),
                                          list(range(len(articles))))[k] for k in KEYS})
        print("all tune: C", strength, "threshold", full.threshold, "in sample", result["in_sample"])
        if args.write:
            write_model(doer_model, full)
    if args.plover:
        plover = plover_tune()
        result["plover_tune"] = plover
        result["plover_actor_holds"] = plover["on"]["actor_f1"] >= plover["off"]["actor_f1"] - 0.002
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.with_name(OUT.stem + ("_census" if args.census else "") + ".json").write_text(
        json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
