"""FA-KES hand-coded events, tune half: the category family of attack words read from the parse
(issue 13, event F1), chosen leave one wave out.

The largest classes of ``events_f1_misses.py`` are the coded sentences where sitrep's category
is not the coder's (missed: "another category in the sentence", "category wrong on the coder's
word"; false: "another category in a coded sentence", "category wrong on a missed gold word"), and
their largest pair is ASSAULT against COERCE: raids, takings, sieges. Two readings of
``sitrep.stages.events.seizure`` (named switches, off by default) target it:

* ``RAID_UNLESS_POLICE`` — a raid is an attack unless its doer is police or intelligence (the
  guide's one exception); a raid with no doer named is ASSAULT (``raided`` asked for an armed doer);
* ``SEIZE_ANY_OBJECT`` — a word of taking whose object is read but is neither a place nor a person
  of the lists ("capturing nearby grain silos", "capturing it") is COERCE 'seize'.

The tune half runs under every on/off combination. For each wave of ``events_side_missing.WAVES``
the combination with the most right events on the other waves (``2 × matched − predicted``: a
matched event counts, a false one costs; ties: fewer switches) is scored on the held-out wave.
The switches ship on only when the held-out event F1 beats all off and the mean per-wave gain is
larger than the standard deviation of the per-wave differences (``WaveChoice.passes``). The
``check`` half is not run here.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_category_family.py``.
Writes ``benchmarks/results/events_category_family.json``.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_links import score_subset  # noqa: E402
from events_side_missing import leave_one_wave_out, wave_of  # noqa: E402

import sitrep.stages.events.seizure as seizure  # noqa: E402
from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events.article_scorer import read_article_gold, read_texts  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results" / "events_category_family.json"
SWITCHES = ("RAID_UNLESS_POLICE", "SEIZE_ANY_OBJECT")
KEYS = ("event_f1", "event_precision", "event_recall", "matched", "predicted_events", "actor_accuracy",
        "recipient_accuracy", "place_accuracy", "status_accuracy")


def tune_runs() -> tuple[list[Any], dict[tuple[bool, ...], list[Any]]]:
    """The tune half's gold articles and their analyses under every combination of ``SWITCHES``."""
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    pipeline = build_for(get_task("events"))
    saved = {name: getattr(seizure, name) for name in SWITCHES}
    runs: dict[tuple[bool, ...], list[Any]] = {}
    try:
        for combo in itertools.product((False, True), repeat=len(SWITCHES)):
            for name, on in zip(SWITCHES, combo, strict=True):
                setattr(seizure, name, on)
            runs[combo] = run_documents(pipeline, docs).analyses
            whole = score_subset(articles, runs[combo], list(range(len(articles))))
            print(dict(zip(SWITCHES, combo, strict=True)), {k: whole[k] for k in KEYS}, flush=True)
    finally:
        for name, value in saved.items():
            setattr(seizure, name, value)
    return articles, runs


def main() -> None:
    articles, runs = tune_runs()
    wave = wave_of(len(articles))
    everything = list(range(len(articles)))

    def score(combo: tuple[bool, ...], idx: list[int]) -> dict[str, Any]:
        return score_subset(articles, runs[combo], idx)

    def right(combo: tuple[bool, ...], idx: list[int]) -> int:
        s = score(combo, idx)
        return int(2 * s["matched"] - s["predicted_events"])

    def best(train: list[int]) -> tuple[bool, ...]:
        return max(runs, key=lambda c: (right(c, train), -sum(c)))

    def per_wave(pick: Any) -> dict[str, Any]:
        lowo = leave_one_wave_out(articles, runs, pick, right)
        folds = [{"wave": w, "articles": wave.count(w), "chosen": [s for s, on in zip(SWITCHES, c, strict=True) if on],
                  "right_events_gain": g} for w, (c, g) in enumerate(zip(lowo.chosen, lowo.gains, strict=True))]
        return {"waves": folds, "gains": lowo.gains, "mean": round(lowo.mean, 4), "sd": round(lowo.sd, 4),
                "passes": lowo.passes("event_f1"), **{k: lowo.held[k] for k in KEYS},
                "all_off_same_articles": {k: lowo.base[k] for k in KEYS}}

    off = (False,) * len(SWITCHES)
    result: dict[str, Any] = {
        "objective": "right events (2 x matched - predicted) on the tune half, leave one wave out; ships only "
                     "when the held-out event F1 beats all off and the mean per-wave gain exceeds the sd",
        "all_off": {k: score(off, everything)[k] for k in KEYS},
        "leave_one_wave_out": per_wave(best)}
    for k, name in enumerate(SWITCHES):
        alone = tuple(j == k for j in range(len(SWITCHES)))
        result[f"{name} alone"] = per_wave(lambda train, c=alone: c)
    result["combinations"] = [{"on": [s for s, on in zip(SWITCHES, c, strict=True) if on],
                               **{k: score(c, everything)[k] for k in KEYS}} for c in runs]
    chosen = best(everything)
    result["chosen on all tune"] = [s for s, on in zip(SWITCHES, chosen, strict=True) if on]
    result["ships"] = result["leave_one_wave_out"]["passes"]
    for name, r in result.items():
        if isinstance(r, dict) and "gains" in r:
            print(f"{name}: event F1 {r['event_f1']} (all off {r['all_off_same_articles']['event_f1']}) "
                  f"gains {r['gains']} mean {r['mean']} sd {r['sd']} passes {r['passes']}")
    print("chosen on all tune:", result["chosen on all tune"], "ships:", result["ships"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
