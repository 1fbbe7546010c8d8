"""Same-incident pair figures of ``sitrep eval incidents`` split by the stratum each labelled pair
was drawn from, with the design-weighted tune figure (issue 11).

The strata and design weights are those of ``scripts/fit_incident_linker.py`` (``stratum``,
``design_weights``): waves 1-3 of the labelled FA-KES pairs (same location; other outlets within 2
days, exactly 3 days apart, or one outlet within 2 days) are the population the check half was
drawn from; the tune-only waves (4 on) lie outside it. The design-weighted tune F1 counts each
tune pair of a check stratum by the inverse of the tune half's sampling rate in it, and the
tune-only waves not at all: the in-sample counterpart of the fit script's design-weighted CV F1.

Usage: ``python benchmarks/incident_pairs_by_stratum.py --db FAKES.db [--pairs FILE]`` (the
database from ``benchmarks/incidents_cost.py``; links with the shipped linker, as the eval does).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from common import REPO, incident_predictions, script_module  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.incidents.scorer import read_pairs  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    ap.add_argument("--fakes", default=None, help="the FA-KES CSV (default: the shared data's)")
    args = ap.parse_args()
    fit = script_module("fit_incident_linker")
    gold = read_pairs(Path(args.pairs))
    rows = fit.fakes_rows(fit.fakes_csv(args.fakes))
    design = fit.design_weights(gold, rows)
    predicted = incident_predictions(args.db, gold)
    counts: Counter[tuple[str, str, str]] = Counter()
    weighted: Counter[str] = Counter()
    for pair in gold:
        ref = fit.FAKES_REF.search
        a, b = ref(pair.a), ref(pair.b)
        h = fit.stratum(rows.get(int(a.group(1))) if a else None, rows.get(int(b.group(1))) if b else None)
        same = predicted[(pair.a, pair.b)].same
        kind = ("tp" if same else "fn") if pair.label == "same" else ("fp" if same else "tn")
        counts[(pair.split, h, kind)] += 1
        if pair.split == "tune":
            weighted[kind] += design[(pair.a, pair.b)][1]
    for half in ("tune", "check"):
        for h in (*fit.CHECK_STRATA, fit.OUTSIDE):
            tp, fp, fn, tn = (counts[(half, h, k)] for k in ("tp", "fp", "fn", "tn"))
            if tp + fp + fn + tn:
                f1 = 2 * tp / max(2 * tp + fp + fn, 1)
                print(f"{half:5} {h:12} pairs {tp + fp + fn + tn:3}: tp {tp:2} fp {fp:2} fn {fn:2} tn {tn:3}  F1 {f1:.3f}")
    tp, fp, fn = weighted["tp"], weighted["fp"], weighted["fn"]
    print(f"tune, design-weighted (check strata by inverse tune sampling rate, tune-only waves 0): "
          f"precision {tp / max(tp + fp, 1e-9):.3f}, recall {tp / max(tp + fn, 1e-9):.3f}, "
          f"F1 {2 * tp / max(2 * tp + fp + fn, 1e-9):.3f}")


if __name__ == "__main__":
    main()
