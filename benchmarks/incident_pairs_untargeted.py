"""Pair figures on the tune pairs that were drawn untargeted: the check half's own strata (issue 11).

The check half was drawn from whole metadata rings only (``fit_incident_linker.CHECK_STRATA``: the
first design's census, and waves 2-3's full rings); the later tune waves were drawn where the linker is
hard. This reads the tune pairs of those strata alone, so the figure is not one of a targeted band:

- out of fold, from the per-split wrong pairs of ``benchmarks/incidents_losses.py --repeats R
  --pairs-out FILE`` (each fold refitted as shipped): per split precision, recall and F1 over these
  pairs, their mean and sd; recall on the same pairs whose reports differ (a ``contested`` field) and
  on those that agree; the lost same pairs by stage (``cause``) and in how many splits;
- ``--wave FILE``: how many of a wave's pairs (a JSON Lines file of ``a``/``b``) are wrong per split;
- the spread of recall when the incidents are resampled (``BOOT`` draws of the strata's distinct
  incidents with replacement, ``random.Random(SEED)``), a pair counted lost when it is lost in most splits.

Only ``"split": "tune"`` pairs are read; never the check half.

    python benchmarks/incident_pairs_untargeted.py --losses FILE [--pairs GOLD] [--fakes CSV] [--wave FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import fit_incident_linker as fit  # noqa: E402

SEED = 43
BOOT = 2000

Key = frozenset[str]


def untargeted(records: Iterable[dict], rows: dict[int, fit.RowMeta]) -> dict[Key, dict]:
    """The tune records whose pair lies in one of the check half's strata, by their two references."""

    def row(ref: str) -> fit.RowMeta | None:
        match = fit.FAKES_REF.search(ref)
        return rows.get(int(match.group(1))) if match else None

    return {frozenset((r["a"], r["b"])): r for r in records
            if r["split"] == "tune" and fit.stratum(row(r["a"]), row(r["b"])) in fit.CHECK_STRATA}


def per_split(pairs: dict[Key, dict], wrong: list[dict]) -> list[dict[str, float]]:
    """Precision, recall and F1 over ``pairs`` for each split of the wrong-pair lines, and the recall
    of the same pairs that differ / agree."""
    same = [k for k, r in pairs.items() if r["label"] == "same"]
    differing = {k for k in same if pairs[k]["contested"]}
    out = []
    for split in sorted({w["split"] for w in wrong}):
        mine = [w for w in wrong if w["split"] == split and frozenset((w["a"], w["b"])) in pairs]
        lost = {frozenset((w["a"], w["b"])) for w in mine if w["error"] == "lost same"}
        false = sum(w["error"] == "false link" for w in mine)
        tp = len(same) - len(lost)
        precision = tp / (tp + false) if tp + false else 0.0
        recall = tp / len(same) if same else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        agreeing = set(same) - differing
        out.append({
            "split": split, "tp": tp, "fp": false, "fn": len(lost),
            "precision": precision, "recall": recall, "f1": f1,
            "recall_differing": 1 - len(lost & differing) / len(differing) if differing else 0.0,
            "recall_agreeing": 1 - len(lost & agreeing) / len(agreeing) if agreeing else 0.0,
        })
    return out


def spread(values: list[float]) -> dict[str, float]:
    return {"mean": round(statistics.mean(values), 3), "sd": round(statistics.stdev(values), 3) if len(values) > 1 else 0.0,
            "min": round(min(values), 3), "max": round(max(values), 3)}


def incident_bootstrap(pairs: dict[Key, dict], lost: set[Key], seed: int = SEED, draws: int = BOOT) -> tuple[float, float]:
    """The 2.5 and 97.5 percentiles of recall over ``draws`` resamples of the same pairs' incidents."""
    by: dict[str, list[bool]] = defaultdict(list)
    for key, record in pairs.items():
        if record["label"] == "same":
            by[record["incident"] or ""].append(key not in lost)
    incidents = sorted(by)
    rng = random.Random(seed)
    recalls = []
    for _ in range(draws):
        drawn = [by[rng.choice(incidents)] for _ in incidents]
        recalls.append(sum(sum(d) for d in drawn) / sum(len(d) for d in drawn))
    recalls.sort()
    return recalls[int(0.025 * draws)], recalls[int(0.975 * draws) - 1]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--losses", required=True, help="--pairs-out file of benchmarks/incidents_losses.py --repeats R")
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    ap.add_argument("--fakes", default=None, help="the FA-KES CSV (default: the shared data's)")
    ap.add_argument("--wave", default=None, help="a JSON Lines file of a wave's pairs: its wrong pairs per split")
    args = ap.parse_args(argv)
    records = [json.loads(line) for line in Path(args.pairs).read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = untargeted(records, fit.fakes_rows(fit.fakes_csv(args.fakes)))
    wrong = [json.loads(line) for line in Path(args.losses).read_text(encoding="utf-8").splitlines() if line.strip()]
    splits = per_split(pairs, wrong)
    n_splits = len(splits)
    lost_in = Counter((w["a"], w["b"], w["cause"]) for w in wrong
                      if w["error"] == "lost same" and frozenset((w["a"], w["b"])) in pairs)
    causes = Counter(w["cause"] for w in wrong if frozenset((w["a"], w["b"])) in pairs)
    mostly_lost = {frozenset((a, b)) for (a, b, _), n in lost_in.items() if n * 2 > n_splits}
    low, high = incident_bootstrap(pairs, mostly_lost)
    out = {
        "pairs": len(pairs), "same": sum(r["label"] == "same" for r in pairs.values()),
        "differing_same": sum(r["label"] == "same" and bool(r["contested"]) for r in pairs.values()),
        "splits": [{k: round(v, 3) if isinstance(v, float) else v for k, v in s.items()} for s in splits],
        **{name: spread([s[name] for s in splits])
           for name in ("precision", "recall", "f1", "recall_differing", "recall_agreeing")},
        "wrong_by_cause_per_split": {c: n / n_splits for c, n in sorted(causes.items())},
        "lost_same": [{"a": a, "b": b, "cause": c, "splits": n} for (a, b, c), n in sorted(lost_in.items())],
        "recall_incident_bootstrap_95": [round(low, 3), round(high, 3)],
    }
    if args.wave:
        wave = {frozenset((r["a"], r["b"])) for r in
                (json.loads(line) for line in Path(args.wave).read_text(encoding="utf-8").splitlines() if line.strip())}
        out["wave"] = {"pairs": len(wave), "wrong_per_split": [
            sum(frozenset((w["a"], w["b"])) in wave for w in wrong if w["split"] == s["split"]) for s in splits]}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
