"""Choose the eventness model's threshold on the FA-KES **tune** half (``stages/events/eventness``).

The model itself is fitted on NGEC synthetic stories only (``scripts/train_eventness.py``,
written to ``--model``).
This script runs the tune half's articles once with every candidate kept, records the model's
probability of each event, then scores the half with the events below each threshold of a
grid removed (event F1; ties go to the lower threshold, i.e. fewer events dropped). The choice is
also validated out of fold: the tune articles are dealt into ``FOLDS`` folds (article i → fold
i mod ``FOLDS``), each fold's threshold is chosen on the other folds and applied to it, and the
held-out counts are summed into an out-of-fold event F1 (threshold 0, i.e. the stage without the
model, is the baseline). The check half is never run here: score it once afterwards with
``sitrep eval events``.
``--write`` ships the model: when the chosen threshold is above 0 and the out-of-fold F1 beats
the baseline's it copies the model to
``src/sitrep/stages/events/data/eventness_model.json`` and writes the threshold with its trail
to ``eventness_threshold.json`` beside it; when it is 0 (no threshold helps) nothing is shipped.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_eventness.py
[--model FILE] [--write]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    read_article_gold,
    read_texts,
    score_articles,
)
from sitrep.stages.events.eventness import MODEL_FILE, THRESHOLD_FILE, EventnessModel  # noqa: E402
from sitrep.stages.events.stage import EventStage  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
GRID = [round(0.025 * i, 3) for i in range(0, 25)]
FOLDS = 4
KEYS = ("event_precision", "event_recall", "event_f1", "actor_accuracy", "recipient_accuracy",
        "place_accuracy", "status_accuracy", "predicted_per_gold")


def tune_probabilities(model_file: Path) -> tuple[list, list, dict[str, float]]:  # type: ignore[type-arg]
    """The tune half's articles and analyses with every candidate kept, and each event's probability."""
    model = EventnessModel.load(model_file, model_file.with_name("no-threshold"))
    if model is None:
        raise SystemExit(f"{model_file} is missing: run scripts/train_eventness.py --out {model_file}")

    def record(self: EventStage, cand) -> bool:  # type: ignore[no-untyped-def]
        key = (cand.trigger.start, cand.trigger.end, cand.category, cand.sentence.text)
        probs[key] = model.probability(cand.trigger, cand.sentence, cand.category, cand.probability,
                                       cand.modality.status, tuple(cand.modality.cues))
        return True

    probs: dict[tuple[int, int, str, str], float] = {}
    EventStage._eventful = record  # type: ignore[method-assign]
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    pipeline = build_for(get_task("events"), options={"events": {"eventness_threshold": 0.0}})
    run = run_documents(pipeline, [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)])
    out = {ev.id: p for an in run.analyses for ev in an.events
           if (p := probs.get((ev.trigger_start, ev.trigger_end, ev.category, ev.evidence.text))) is not None}
    missing = sum(ev.id not in out for an in run.analyses for ev in an.events)
    print(f"events {sum(len(an.events) for an in run.analyses)}, without a probability {missing}")
    return articles, run.analyses, out


def _kept(analyses: list, probs: dict[str, float], t: float) -> list:  # type: ignore[type-arg]
    return [dataclasses.replace(an, events=[e for e in an.events if probs.get(e.id, 1.0) >= t]) for an in analyses]


def out_of_fold(articles: list, analyses: list, probs: dict[str, float]) -> dict[str, Any]:  # type: ignore[type-arg]
    """Each fold's threshold chosen on the other folds (event F1, ties to the lower), applied to it."""
    from sitrep.scoring import prf

    counts = {"model": [0, 0, 0], "baseline": [0, 0, 0]}
    chosen = []
    for f in range(FOLDS):
        train = [i for i in range(len(articles)) if i % FOLDS != f]
        test = [i for i in range(len(articles)) if i % FOLDS == f]
        best: tuple[float, float] | None = None
        for t in GRID:
            m = score_articles([articles[i] for i in train], _kept([analyses[i] for i in train], probs, t))["tune"]
            if best is None or m["event_f1"] > best[1]:
                best = (t, m["event_f1"])
        assert best is not None
        chosen.append(best[0])
        for name, t in (("model", best[0]), ("baseline", 0.0)):
            m = score_articles([articles[i] for i in test], _kept([analyses[i] for i in test], probs, t))["tune"]
            for k, key in enumerate(("matched", "predicted_events", "gold_events")):
                counts[name][k] += m[key]
    out: dict[str, Any] = {"thresholds": chosen}
    for name, (tp, pred, gold) in counts.items():
        p, r, f1 = prf(tp, pred, gold)
        out[name] = {"event_precision": round(p, 4), "event_recall": round(r, 4), "event_f1": round(f1, 4)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=Path("/tmp/sitrep-eventness-model.json"))
    parser.add_argument("--write", action="store_true", help="ship the model and its threshold if one helps")
    args = parser.parse_args()
    articles, analyses, probs = tune_probabilities(args.model)
    trail = []
    best: tuple[float, float] | None = None
    for t in GRID:
        kept = [dataclasses.replace(an, events=[e for e in an.events if probs.get(e.id, 1.0) >= t])
                for an in analyses]
        m = score_articles(articles, kept)["tune"]
        trail.append({"threshold": t, **{k: m[k] for k in KEYS}})
        print(t, " ".join(f"{k}={m[k]}" for k in KEYS), flush=True)
        if best is None or m["event_f1"] > best[1]:
            best = (t, m["event_f1"])
    assert best is not None
    print(f"chosen threshold {best[0]} (tune event F1 {best[1]}; kept-all F1 {trail[0]['event_f1']})")
    cv = out_of_fold(articles, analyses, probs)
    print(f"out of fold over {FOLDS} tune folds: {cv}")
    if args.write and (best[0] <= 0.0 or cv["model"]["event_f1"] <= cv["baseline"]["event_f1"]):
        print("no threshold above 0 helps the tune half out of fold: the model is not shipped")
    elif args.write:
        shutil.copyfile(args.model, MODEL_FILE)
        THRESHOLD_FILE.write_text(json.dumps({
            "threshold": best[0],
            "chosen_by": "benchmarks/events_eventness.py",
            "fitted_on": "benchmarks/data/fakes_events_gold.jsonl, split tune (check only scored, "
                         "once, after the choice); the model's weights are NGEC-only",
            "objective": "event_f1 on tune, ties to the lower threshold",
            "trail": trail,
        }, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
