"""The actor mechanisms added against PLOVER tune misses, switched off one at a time (issue 13, plover1).

Which mechanisms: every reading of the events and actor stages that was written or fitted while
studying the PLOVER GSR tune half's actor misses (from ``git log`` and docs/benchmarks.md,
"Follow-up (2026-12-03, late)" (``eventactors5``), "night 2", "PLOVER actors out of fold"
(``events12``), "described groups as actor mentions" (``events14``)):

* ``doer_model`` — the learned doer model (``events.ranker``, fitted on PLOVER tune);
* ``slot_features`` — its doer-slot features (``ranker.SLOT_FEATURES``): off, the model is refitted
  without them here by the script's own rule (``scripts/train_actor_ranker.py``: C and threshold
  by its 5-fold CV on PLOVER tune) and that model is run;
* ``object_control`` / ``raised_subject`` / ``participation`` / ``under_doers`` — readings of
  ``events.arguments`` (named switches there);
* ``described_groups`` — ``actors.groups`` (the whole grammar), ``ner_group_modifiers`` — only its
  NER path (a ``GPE`` word no gazetteer knows: "Yoruba leaders");
* ``unlabelled_states`` — a proper noun the NER left out compared with the states' names
  ("Ethopia"), ``near_state_5_letters`` — states compared from five letters (six before: "Quatar");
* ``plover_only_rules`` — ``described_groups`` and ``unlabelled_states`` off together (the readings
  that, measured alone, fix PLOVER tune records and nothing on FA-KES or NGEC).

Each switch is set off alone (module attributes, restored after) and three sets are run:

* PLOVER GSR dev, **tune** records only (``plover_split``): actor F1, and per record whether the
  mechanism fixes it (tp up or false doers down with it on) or breaks it;
* FA-KES events gold, **tune** articles only: right actors on matched events, actor accuracy, event
  F1, per wave (``events_side_missing.WAVES``) — on minus off, mean and sd over the waves;
* NGEC actor cases, **tune** part (``actors_ngec_split.part``), for the actor-stage switches only
  (the events-stage ones cannot reach ``resolve_text``).

**The bar** (issue 13's brief, written here before the first run, 2026-12-06 02:40 UTC): a
mechanism is switched **off** (or replaced) only when, with it off, (1) the PLOVER tune
out-of-fold actor F1 (``actors_ranker_oof.py --off NAME``: the doer model's setting chosen and its
weights fitted inside the folds, mean over the seeded fold assignments) does not fall by more than
its spread (the sd over those seeds), (2) the FA-KES tune right actors do not fall (summed over the
waves of ``WAVES``, each wave left out in turn being the same as summing, as no setting is chosen)
and event F1 does not fall, and (3) the NGEC tune country and sector figures are unchanged or
better. A mechanism that fixes PLOVER tune records and nothing on FA-KES or NGEC but fails (1) is
kept (it is then not fit alone); the report names it. The check halves are scored once, at the end.

The check halves are never run here. Writes ``benchmarks/results/actors_plover_ablation.json``.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/actors_plover_ablation.py
[--only NAME ...]`` (about a minute per mechanism on two loaded cores).
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from actors_ngec_split import part  # noqa: E402
from common import REPO, fakes_csv, plover_tune_gold, shared_dir  # noqa: E402  (puts the repository's src on sys.path)
from events_side_missing import WAVES, wave_of  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.actors import context as actor_context  # noqa: E402
from sitrep.stages.actors import groups  # noqa: E402
from sitrep.stages.actors.api import resolve_text  # noqa: E402
from sitrep.stages.actors.scorer import case_date, load_cases, score_case  # noqa: E402
from sitrep.stages.events import arguments, ranker  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    read_article_gold,
    read_texts,
    score_articles,
)
from sitrep.stages.events.scorer import (  # noqa: E402
    align,
    gold_parties,
    match_parties,
)

OUT = REPO / "benchmarks" / "results" / "actors_plover_ablation.json"
GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"

#: name -> (patches (module, attribute, value when off), events-stage options when off, actor stage?)
MECHANISMS: dict[str, tuple[list[tuple[Any, str, Any]], dict[str, Any], bool]] = {
    "doer_model": ([], {"events": {"use_ranker": False}}, False),
    "slot_features": ([(ranker, "SLOT_FEATURES", False)], {}, False),
    "object_control": ([(arguments, "OBJECT_CONTROL", False)], {}, False),
    "raised_subject": ([(arguments, "RAISED_SUBJECT", False)], {}, False),
    "participation": ([(arguments, "PARTICIPATION", False)], {}, False),
    "under_doers": ([(arguments, "UNDER_DOERS", False)], {}, False),
    "described_groups": ([(groups, "DESCRIBED_GROUPS", False)], {}, True),
    "ner_group_modifiers": ([(groups, "UNPLACED_LABELS", frozenset())], {}, True),
    "unlabelled_states": ([(actor_context, "UNLABELLED_STATES", False)], {}, True),
    # both readings whose only PLOVER tune records fixed are 7, 15, 58, 59 (2026-12-06 run): the tune
    # figure without anything that helps PLOVER tune alone
    "plover_only_rules": ([(groups, "DESCRIBED_GROUPS", False), (actor_context, "UNLABELLED_STATES", False)], {}, True),
    "near_state_5_letters": ([(actor_context, "_NEAR_RULES",
                               {**actor_context._NEAR_RULES, "state": (6, True)})], {}, True),
}


@contextmanager
def switched(patches: list[tuple[Any, str, Any]]) -> Iterator[None]:
    saved = [(m, a, getattr(m, a)) for m, a, _ in patches]
    try:
        for m, a, v in patches:
            setattr(m, a, v)
        actor_context._NEAR_INDEX.clear()  # built per minimum length
        yield
    finally:
        for m, a, v in saved:
            setattr(m, a, v)
        actor_context._NEAR_INDEX.clear()


def plover_tune(options: dict[str, Any]) -> list[tuple[int, int, int]]:
    """Per PLOVER tune record: (tp, predicted, gold) of the aligned event's actors."""
    records, golds = plover_tune_gold()
    run = run_documents(build_for(get_task("events"), options=options), golds)
    out = []
    for rec, analysis in zip(records, run.analyses, strict=True):
        ev = align(analysis.events, rec.get("eventText", ""))
        actors = {a.id: a for a in analysis.actors}
        out.append(match_parties(list(ev.actors) if ev else [], gold_parties(rec.get("source")), rec["text"],
                                 actors, analysis.mentions, analysis.places))
    return out


def f1(counts: list[tuple[int, int, int]]) -> float:
    tp, npred, ngold = (sum(c[k] for c in counts) for k in range(3))
    return round(2 * tp / (npred + ngold), 4) if npred + ngold else 0.0


def fakes_tune(options: dict[str, Any]) -> tuple[dict[str, Any], list[int]]:
    """FA-KES tune: the whole half's figures and the right actors per wave."""
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    analyses = run_documents(build_for(get_task("events"), options=options), docs).analyses
    whole = score_articles(articles, analyses)["tune"]
    wave = wave_of(len(articles))
    right = []
    for w in range(len(WAVES)):
        idx = [i for i in range(len(articles)) if wave[i] == w]
        s = score_articles([articles[i] for i in idx], [analyses[i] for i in idx])["tune"]
        right.append(round(s["actor_accuracy"] * s["matched"]))
    return whole, right


def ngec_tune() -> dict[str, list[int]]:
    tally: dict[str, list[int]] = {}
    for case in load_cases(shared_dir() / "actors" / "ngec_actor_cases.jsonl"):
        if part(case) != "tune":
            continue
        actor = resolve_text(case["text"], date=case_date(case.get("date")), context=case.get("context") or None)
        for field, ok in score_case(case, actor).items():
            if ok is not None:
                t = tally.setdefault(field, [0, 0])
                t[0] += int(ok)
                t[1] += 1
    return tally


def refit() -> ranker.ActorRanker:
    """The doer model fitted as ``scripts/train_actor_ranker.py`` fits it, under the switches in
    force (C and threshold by its 5-fold CV rule on PLOVER tune, then weights on all of it)."""
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    import train_actor_ranker as tar

    data = tar.items(shared_dir())
    table = []
    for c in tar.C_GRID:
        models = {k: tar.fit([it for it in data if it.fold != k], c) for k in range(tar.FOLDS)}
        for thr in tar.THRESHOLDS:
            tot = [0, 0, 0]
            for k in range(tar.FOLDS):
                for j, v in enumerate(tar.f1([it for it in data if it.fold == k], models[k], thr)):
                    tot[j] += v
            table.append((tar.prf1(*tot), thr, -c, c))
    _, thr, _, c = max(table)
    model = tar.fit(data, c)
    assert model is not None
    print("refitted doer model: C", c, "threshold", thr, flush=True)
    return ranker.ActorRanker(model.weights, model.intercept, thr)


def measure(patches: list[tuple[Any, str, Any]], options: dict[str, Any], actor_stage: bool) -> dict[str, Any]:
    with switched(patches):
        if any(m is ranker for m, _, _ in patches):
            options = {"events": {"actor_ranker": refit()}}
        plover = plover_tune(options)
        fakes, right = fakes_tune(options)
        ngec = ngec_tune() if actor_stage else None
    return {"plover": plover, "fakes": fakes, "fakes_right_by_wave": right, "ngec": ngec}


def compare(on: dict[str, Any], off: dict[str, Any]) -> dict[str, Any]:
    """What the mechanism does: on (shipped) against off."""
    fixes = [n for n, (a, b) in enumerate(zip(on["plover"], off["plover"], strict=True)) if better(a, b)]
    breaks = [n for n, (a, b) in enumerate(zip(on["plover"], off["plover"], strict=True)) if better(b, a)]
    gains = [a - b for a, b in zip(on["fakes_right_by_wave"], off["fakes_right_by_wave"], strict=True)]
    keys = ("event_f1", "matched", "actor_accuracy", "actor_f1", "recipient_accuracy")
    out: dict[str, Any] = {
        "plover_tune_actor_f1": {"on": f1(on["plover"]), "off": f1(off["plover"])},
        "plover_tune_records_fixed": fixes, "plover_tune_records_broken": breaks,
        "fakes_tune": {"on": {k: on["fakes"][k] for k in keys}, "off": {k: off["fakes"][k] for k in keys}},
        "fakes_right_actor_gain_by_wave": gains, "fakes_gain_mean": round(statistics.mean(gains), 3),
        "fakes_gain_sd": round(statistics.stdev(gains), 3),
    }
    if off["ngec"] is not None:
        out["ngec_tune"] = {"on": on["ngec"], "off": off["ngec"]}
    return out


def better(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """Record counts ``a`` are better than ``b``: more right doers, or as many with fewer false ones."""
    return a[0] > b[0] or (a[0] == b[0] and a[1] - a[0] < b[1] - b[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(MECHANISMS))
    args = parser.parse_args()
    names = args.only or list(MECHANISMS)
    base = measure([], {}, True)
    print("shipped:", {"plover_tune_actor_f1": f1(base["plover"]), "fakes_actor_accuracy": base["fakes"]["actor_accuracy"],
                       "ngec": base["ngec"]}, flush=True)
    result: dict[str, Any] = {"shipped": {"plover_tune_actor_f1": f1(base["plover"]),
                                          "fakes_tune": base["fakes"], "ngec_tune": base["ngec"]}}
    for name in names:
        patches, options, actor_stage = MECHANISMS[name]
        result[name] = compare(base, measure(patches, options, actor_stage))
        print(name, json.dumps(result[name]), flush=True)
    if args.only and OUT.exists():  # one mechanism re-measured: the others' entries are kept
        result = {**json.loads(OUT.read_text(encoding="utf-8")), **result}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
