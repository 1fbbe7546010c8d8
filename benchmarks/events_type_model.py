"""The learned event-type model (issue 13, branch evtype1): switch variants measured out of fold.

``sitrep.stages.events.event_type.USE`` runs as ``off`` (today), ``model`` (the encoder decides
where the linear model decides today: CAMEO/pattern triggers) and ``all`` (the encoder decides
for every trigger, the lexicon's proposal given the prior chosen at training time).

* FA-KES hand-coded events, tune half (``benchmarks/data/fakes_events_gold.jsonl``): every
  variant over the 102 tune articles. Leave one wave out (``events_side_missing.WAVES``): for
  each wave the variant with the most right events (``2 × matched − predicted``) on the other
  waves is scored on the held-out wave; each fixed variant is validated the same way (its
  per-wave gain over ``off``).
* PLOVER GSR dev, tune half (even positions, ``scorer.plover_split``): category accuracy of each
  variant; the spread from 5 seeded folds of the tune records (seed 13), per-fold gain over ``off``.

The bar, written before the run: a variant ships only when, out of fold on the FA-KES tune half,
its event F1 beats ``off``, and the mean per-wave gain in right events is larger than the standard
deviation of the per-wave gains (``WaveChoice.passes("event_f1")``); on PLOVER tune its category
accuracy must not fall. The check halves are scored only with ``--check`` (once, at the end).

Usage: ``SITREP_SHARED=/path/to/shared SITREP_EVENT_TYPE_MODEL=/tmp/evtype1/model OMP_NUM_THREADS=1
python benchmarks/events_type_model.py [--check]``. Writes ``benchmarks/results/events_type_model.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from typing import Any

from common import REPO, fakes_csv, shared_dir  # noqa: E402  (puts the repository's src on sys.path)
from events_side_missing import leave_one_wave_out, wave_of  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events import event_type  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    read_article_gold,
    read_texts,
    score_articles,
)
from sitrep.stages.events.scorer import plover_split, read_gold, score  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results" / "events_type_model.json"
VARIANTS = ("off", "model", "all")
#: a variant as a switch combination for ``leave_one_wave_out`` (all False = off)
COMBO = {"off": (False, False), "model": (True, False), "all": (False, True)}
KEYS = ("event_f1", "event_precision", "event_recall", "matched", "predicted_events", "actor_accuracy",
        "recipient_accuracy", "place_accuracy", "status_accuracy")
PLOVER_KEYS = ("category_accuracy", "category_macro_f1", "actor_f1", "recipient_f1", "n")
PLOVER_FOLDS = 5


def run_variants(pipeline: Any, docs: list[GoldText]) -> dict[str, list[Any]]:
    saved = event_type.USE
    runs: dict[str, list[Any]] = {}
    try:
        for variant in VARIANTS:
            event_type.USE = variant
            runs[variant] = run_documents(pipeline, docs).analyses
    finally:
        event_type.USE = saved
    return runs


def fakes(split: str, pipeline: Any) -> tuple[list[Any], dict[str, list[Any]]]:
    articles = read_article_gold(GOLD, split=split)
    texts = read_texts(articles, fakes_csv())
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    return articles, run_variants(pipeline, docs)


def plover(split: str, pipeline: Any) -> tuple[list[dict[str, Any]], dict[str, list[Any]]]:
    records = [r for i, r in enumerate(read_gold(shared_dir() / "events" / "plover_gsr_dev.jsonl"))
               if plover_split(i) == split]
    golds = [GoldText(str(r.get("id", i)), r["text"]) for i, r in enumerate(records)]
    return records, run_variants(pipeline, golds)


def fakes_study(articles: list[Any], runs: dict[str, list[Any]]) -> dict[str, Any]:
    by_combo = {COMBO[v]: runs[v] for v in VARIANTS}
    wave = wave_of(len(articles))

    def sub(combo: tuple[bool, ...], idx: list[int]) -> dict[str, Any]:
        out: dict[str, Any] = score_articles([articles[i] for i in idx], [by_combo[combo][i] for i in idx])["tune"]
        return out

    def right(combo: tuple[bool, ...], idx: list[int]) -> int:
        s = sub(combo, idx)
        return int(2 * s["matched"] - s["predicted_events"])

    def best(train: list[int]) -> tuple[bool, ...]:
        return max(by_combo, key=lambda c: (right(c, train), -sum(c)))

    everything = list(range(len(articles)))
    result: dict[str, Any] = {"whole_tune": {v: {k: sub(COMBO[v], everything)[k] for k in KEYS} for v in VARIANTS},
                              "waves": [wave.count(w) for w in sorted(set(wave))]}
    picks: dict[str, Any] = {"chosen per wave": best, **{v: (lambda train, c=COMBO[v]: c) for v in VARIANTS[1:]}}
    for name, pick in picks.items():
        lowo = leave_one_wave_out(articles, by_combo, pick, right)
        names = {c: v for v, c in COMBO.items()}
        result[name] = {"chosen": [names[c] for c in lowo.chosen], "gains": lowo.gains,
                        "mean": round(lowo.mean, 4), "sd": round(lowo.sd, 4), "passes": lowo.passes("event_f1"),
                        **{k: lowo.held[k] for k in KEYS}, "off_same_articles": {k: lowo.base[k] for k in KEYS}}
    return result


def plover_study(records: list[dict[str, Any]], runs: dict[str, list[Any]]) -> dict[str, Any]:
    order = list(range(len(records)))
    random.Random(13).shuffle(order)
    folds = [sorted(order[k::PLOVER_FOLDS]) for k in range(PLOVER_FOLDS)]
    result: dict[str, Any] = {v: {k: score(records, runs[v])[k] for k in PLOVER_KEYS} for v in VARIANTS}
    for v in VARIANTS[1:]:
        gains = []
        for idx in folds:
            recs = [records[i] for i in idx]
            gains.append(round(score(recs, [runs[v][i] for i in idx])["category_accuracy"]
                               - score(recs, [runs["off"][i] for i in idx])["category_accuracy"], 4))
        result[f"{v} vs off (5 folds)"] = {"gains": gains, "mean": round(statistics.mean(gains), 4),
                                           "sd": round(statistics.stdev(gains), 4)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="score the check halves (once, at the end)")
    args = parser.parse_args()
    pipeline = build_for(get_task("events"))
    result: dict[str, Any] = {"model": json.loads((event_type.MODEL_DIR / "meta.json").read_text(encoding="utf-8"))}
    result["model"].pop("history", None)
    articles, runs = fakes("tune", pipeline)
    result["fakes_tune"] = fakes_study(articles, runs)
    records, pruns = plover("tune", pipeline)
    result["plover_tune"] = plover_study(records, pruns)
    if args.check:
        articles, runs = fakes("check", pipeline)
        result["fakes_check"] = {v: {k: score_articles(articles, runs[v])["check"][k] for k in KEYS}
                                 for v in VARIANTS}
        records, pruns = plover("check", pipeline)
        result["plover_check"] = {v: {k: score(records, pruns[v])[k] for k in PLOVER_KEYS} for v in VARIANTS}
    print(json.dumps({k: v for k, v in result.items() if k != "model"}, indent=1))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
