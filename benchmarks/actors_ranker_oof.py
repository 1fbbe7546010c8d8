"""How much of the PLOVER tune actor F1 is the doer model's fit (issue 13, branch plover1).

The doer model (``events.ranker``) is the one PLOVER actor part with a searched setting: its
weights, ``C`` and threshold are fitted on the 81 tune records by ``scripts/train_actor_ranker.py``,
which chooses (C, threshold) by the highest 5-fold CV actor F1 — a figure that is itself
selected over 20 settings, and the shipped model then decides the same records it was fitted on.
Here, on the same records and the same options (one pipeline run, ``train_actor_ranker.items``):

* ``in_sample`` — the model fitted on all 81 at the shipped setting, scored on the same 81 (what
  ``sitrep eval events`` measures on tune);
* ``script_cv`` — the script's own figure (folds ``n % 5``, best of the grid);
* ``nested`` — each outer fold decided by a model whose (C, threshold) were chosen by the script's
  rule on an inner CV of the other folds and whose weights were fitted on them: an out-of-fold
  actor F1 for the whole fitted part. Repeated over ``SEEDS`` seeded fold assignments: the mean,
  the sd over seeds, and the sd over the 5 x ``len(SEEDS)`` outer folds of the per-fold paired
  gain (model minus rules alone);
* ``loo`` — leave one record out at the shipped setting (weights only refitted);
* the same nested figure without the slot features (``slot=…``, ``slot_event``; added against
  PLOVER tune misses on 2026-12-03 night 2).

``--off NAME`` runs it all with one mechanism of ``actors_plover_ablation.MECHANISMS`` switched
off (the doer model's options and the rules' doers then come from that reading): the PLOVER tune
out-of-fold figure of the bar in ``actors_plover_ablation``.

Reads the tune records only (the check half is never read). Writes
``benchmarks/results/actors_ranker_oof.json``.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/actors_ranker_oof.py``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import sys
from collections.abc import Callable
from typing import Any

from actors_plover_ablation import MECHANISMS, switched  # noqa: E402
from common import REPO, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

sys.path.insert(0, str(REPO / "scripts"))
import train_actor_ranker as tar  # noqa: E402

from sitrep.stages.events.ranker import MODEL_PATH, Option  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "actors_ranker_oof.json"
SEEDS = tuple(range(10))
FOLDS = tar.FOLDS


def counts(test: list[tar.Item], ranker: Any, threshold: float) -> list[int]:
    return list(tar.f1(test, ranker, threshold))


def choose(train: list[tar.Item], folds: list[int]) -> tuple[float, float]:
    """The script's rule on ``train`` alone: (C, threshold) with the best inner-CV actor F1
    (ties: higher threshold, then smaller C). ``folds``: each train item's inner fold."""
    table = []
    for c in tar.C_GRID:
        models = {k: tar.fit([it for it, f in zip(train, folds, strict=True) if f != k], c) for k in set(folds)}
        for thr in tar.THRESHOLDS:
            tot = [0, 0, 0]
            for k in set(folds):
                for j, v in enumerate(counts([it for it, f in zip(train, folds, strict=True) if f == k], models[k], thr)):
                    tot[j] += v
            table.append((tar.prf1(*tot), thr, -c, c))
    best = max(table)
    return best[3], best[1]


def nested(data: list[tar.Item], assign: list[int]) -> tuple[list[int], list[int], list[dict[str, Any]]]:
    """Out-of-fold counts with the model (setting chosen inside) and with the rules alone, and the
    per-fold record."""
    model_tot, rules_tot, per_fold = [0, 0, 0], [0, 0, 0], []
    for k in range(FOLDS):
        train = [it for it, f in zip(data, assign, strict=True) if f != k]
        inner = [f for f in assign if f != k]
        test = [it for it, f in zip(data, assign, strict=True) if f == k]
        c, thr = choose(train, inner)
        m = counts(test, tar.fit(train, c), thr)
        r = counts(test, None, 1.0)
        for j in range(3):
            model_tot[j] += m[j]
            rules_tot[j] += r[j]
        per_fold.append({"fold": k, "C": c, "threshold": thr, "model": m, "rules": r,
                         "gain_tp": m[0] - r[0], "gain_false": (r[1] - r[0]) - (m[1] - m[0])})
    return model_tot, rules_tot, per_fold


def assignments(n: int, seed: int) -> list[int]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    out = [0] * n
    for pos, i in enumerate(order):
        out[i] = pos % FOLDS
    return out


def without(data: list[tar.Item], drop: Callable[[str], bool]) -> list[tar.Item]:
    return [dataclasses.replace(it, opts=[Option(o.actor, o.token, {k: v for k, v in o.features.items() if not drop(k)})
                                          for o in it.opts]) for it in data]


def study(data: list[tar.Item]) -> dict[str, Any]:
    runs = []
    for seed in SEEDS:
        m, r, folds = nested(data, assignments(len(data), seed))
        runs.append({"seed": seed, "model_f1": round(tar.prf1(*m), 4), "rules_f1": round(tar.prf1(*r), 4),
                     "model": m, "rules": r, "folds": folds})
    f1s = [x["model_f1"] for x in runs]
    gains = [x["model_f1"] - x["rules_f1"] for x in runs]
    fold_gains = [f["gain_tp"] + f["gain_false"] for x in runs for f in x["folds"]]
    return {"mean_f1": round(statistics.mean(f1s), 4), "sd_f1_over_seeds": round(statistics.stdev(f1s), 4),
            "rules_f1": runs[0]["rules_f1"], "mean_gain_f1": round(statistics.mean(gains), 4),
            "sd_gain_f1": round(statistics.stdev(gains), 4),
            "fold_gain_records_mean": round(statistics.mean(fold_gains), 3),
            "fold_gain_records_sd": round(statistics.stdev(fold_gains), 3), "runs": runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--off", choices=sorted(n for n in MECHANISMS if n != "doer_model"))
    args = parser.parse_args()
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    c0, thr0 = shipped["chosen"]["C"], shipped["chosen"]["threshold"]
    with switched(MECHANISMS[args.off][0] if args.off else []):
        data = tar.items(shared_dir())
    full = tar.fit(data, c0)
    in_sample = round(tar.prf1(*counts(data, full, thr0)), 4)
    rules = round(tar.prf1(*counts(data, None, 1.0)), 4)
    script = nested_script = None
    models = {k: tar.fit([it for it in data if it.fold != k], c0) for k in range(FOLDS)}
    tot = [0, 0, 0]
    for k in range(FOLDS):
        for j, v in enumerate(counts([it for it in data if it.fold == k], models[k], thr0)):
            tot[j] += v
    script = round(tar.prf1(*tot), 4)
    m, r, folds = nested(data, [it.fold for it in data])
    nested_script = {"model_f1": round(tar.prf1(*m), 4), "rules_f1": round(tar.prf1(*r), 4), "folds": folds}
    loo = [0, 0, 0]
    for n in range(len(data)):
        fitted = tar.fit(data[:n] + data[n + 1:], c0)
        for j, v in enumerate(counts([data[n]], fitted, thr0)):
            loo[j] += v
    result = {
        "off": args.off, "records": len(data), "shipped_setting": {"C": c0, "threshold": thr0},
        "rules_only_f1": rules, "in_sample_f1": in_sample, "script_cv_f1_at_shipped_setting": script,
        "nested_script_folds": nested_script, "loo_f1_at_shipped_setting": round(tar.prf1(*loo), 4),
        "nested_seeded": study(data),
        "nested_seeded_without_slot_features": study(without(data, lambda k: k.startswith("slot"))),
    }
    summary = {k: v for k, v in result.items() if k not in ("nested_seeded", "nested_seeded_without_slot_features",
                                                               "nested_script_folds")}
    summary["nested_script_folds"] = {k: v for k, v in nested_script.items() if k != "folds"}
    for key in ("nested_seeded", "nested_seeded_without_slot_features"):
        summary[key] = {k: v for k, v in result[key].items() if k != "runs"}  # type: ignore[union-attr]
    print(json.dumps(summary, indent=1))
    out = OUT.with_name(f"actors_ranker_oof_{args.off}.json") if args.off else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
