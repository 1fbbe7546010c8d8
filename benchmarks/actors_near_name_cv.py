"""The near-name settings chosen on PLOVER tune, out of fold (issue 13, branch plover1).

``actors.context.near_name`` takes a misspelt state or person when the rapidfuzz ratio reaches
``NEAR_RATIO`` (90) and, for states, from ``_NEAR_RULES["state"]`` letters (5, lowered from 6 for
"Quatar"); both were set on the PLOVER tune half's two variants ("Ethopia", "Quatar"). Here every
setting of a small grid (``RATIOS`` x ``STATE_LETTERS``) runs the PLOVER tune records once (the
doer model held at its shipped fit); then, for each of ``FOLDS`` folds over records (the records
dealt by seeded shuffles, ``SEEDS``), the setting with the best actor F1 on the other folds (ties:
the stricter — higher ratio, then more letters) is scored on the held-out fold, and the held-out
counts are summed into an out-of-fold actor F1 (mean and sd over the seeds), beside the shipped
setting's figure on the same records.

Tune records only; the check half is never run. Writes ``benchmarks/results/actors_near_name_cv.json``.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/actors_near_name_cv.py``.
"""

from __future__ import annotations

import json
import statistics

from actors_plover_ablation import f1, plover_tune, switched  # noqa: E402
from actors_ranker_oof import FOLDS, SEEDS, assignments  # noqa: E402
from common import REPO  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.stages.actors import context as actor_context  # noqa: E402

OUT = REPO / "benchmarks" / "results" / "actors_near_name_cv.json"
RATIOS = (85, 88, 90, 92, 95)
STATE_LETTERS = (5, 6)
SHIPPED = (actor_context.NEAR_RATIO, actor_context._NEAR_RULES["state"][0])


def main() -> None:
    runs = {}
    for ratio in RATIOS:
        for letters in STATE_LETTERS:
            rules = {**actor_context._NEAR_RULES, "state": (letters, True)}
            with switched([(actor_context, "NEAR_RATIO", ratio), (actor_context, "_NEAR_RULES", rules)]):
                runs[(ratio, letters)] = plover_tune({})
            print(ratio, letters, f1(runs[(ratio, letters)]), flush=True)
    n = len(runs[SHIPPED])
    oof = []
    chosen = []
    for seed in SEEDS:
        assign = assignments(n, seed)
        held = []
        for k in range(FOLDS):
            train = [i for i in range(n) if assign[i] != k]
            best = max(runs, key=lambda s: (f1([runs[s][i] for i in train]), s[0], s[1]))
            chosen.append(best)
            held += [runs[best][i] for i in range(n) if assign[i] == k]
        oof.append(f1(held))
    result = {
        "grid": [{"ratio": r, "state_letters": s, "plover_tune_actor_f1": f1(c)} for (r, s), c in runs.items()],
        "shipped": {"ratio": SHIPPED[0], "state_letters": SHIPPED[1], "plover_tune_actor_f1": f1(runs[SHIPPED])},
        "out_of_fold_mean": round(statistics.mean(oof), 4), "out_of_fold_sd": round(statistics.stdev(oof), 4),
        "out_of_fold_by_seed": oof,
        "chosen_in_folds": {f"{r}/{s}": chosen.count((r, s)) for r, s in sorted(set(chosen))},
    }
    print(json.dumps({k: v for k, v in result.items() if k != "grid"}))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
