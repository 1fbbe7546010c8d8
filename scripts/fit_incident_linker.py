"""Fit the incident linker's weights and thresholds on the TUNING half of the labelled pairs.

Inputs (read at run time, nothing copied into the repository):

* a sitrep database in which the FA-KES development rows were analysed
  (``sitrep run FA-KES-Dataset.csv --map ...``; only rows with an even ``unit_id`` —
  blank the others first, so that row numbers stay those of ``source_path``);
* ``benchmarks/data/fakes_incident_pairs.jsonl`` (docs/incident-guide.md); only pairs
  with ``"split": "tune"`` are used. The check half is never read here.

Method. The labels are about reports, not mentions, so the weights are fitted as a
multiple-instance problem: a *same* pair needs at least one linked pair of its
mentions, a *different* pair none. Starting from a logistic regression in which every
mention pair inherits its report pair's label, each round keeps, for each same pair,
only its best-scoring mention pair as the positive and all mention pairs of different
pairs as negatives, and refits (``--rounds``). The logistic model is L2-regularised
(``--l2``), classes balanced, and each weight is held to the sign the feature's
meaning gives it (``SIGNS``): agreement can only raise the score, a contradiction only
lower it, so a quirk of 132 pairs cannot turn one around. The linking, merging and
attaching thresholds are then chosen by running the whole linker on the tuning
reports and maximising pair F1 there among the settings whose false-flag rate (contested
fields flagged on same pairs whose reports agree) stays within ``--max-false-flags``: a
linker that merges too much shows as false contested fields.

Features can be left out (``--features``, ``--exclude``). The shipped model leaves out the
two figure features (``--exclude figures_agree,figures_differ``): a linker that keeps
mentions with differing tolls apart can never show a contested toll. Deterministic. Writes
``src/sitrep/incidents/data/linker.json``.

Usage: ``python scripts/fit_incident_linker.py --db FAKES.db [--pairs FILE] [--l2 3]
[--exclude figures_agree,figures_differ]`` (the database from
``benchmarks/incidents_cost.py --db FAKES.db``).
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sitrep.incidents import evaluate as incident_eval  # noqa: E402
from sitrep.incidents.blocking import candidate_pairs  # noqa: E402
from sitrep.incidents.features import FEATURES, pair_features  # noqa: E402
from sitrep.incidents.mentions import mentions  # noqa: E402
from sitrep.incidents.scorer import read_pairs  # noqa: E402
from sitrep.incidents.settings import LinkModel, Settings, load_settings  # noqa: E402
from sitrep.incidents.update import load_inputs  # noqa: E402
from sitrep.store import Store  # noqa: E402

#: +1: the weight is >= 0 (agreement); -1: <= 0 (contradiction); 0: left free
SIGNS: dict[str, int] = {
    "same_category": 1, "same_day": 1, "other_day": -1, "report_gap": -1,
    "stated_same_day": 1, "day_unstated": 0, "later_unstated": 0,
    "place_same": 1, "place_unknown": -1, "parties_shared": 1, "parties_differ": -1,
    "means_same": 1, "means_differ": -1,
    "text_words": 1, "text_fine_shared": 1, "text_fine_differ": -1, "text_numbers": 1,
    "body": 1, "lead_words": 1, "lead_fine_shared": 1, "lead_fine_differ": -1, "lead_numbers": 1,
    "figures_agree": 1, "figures_differ": -1, "cross_lead": 1, "cross_lead_fine": 1,
}
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98)
MERGE = (0.3, 0.5)


def bags(settings: Settings, docs: list, gold: dict) -> list[tuple[np.ndarray, bool]]:
    """For each tuning pair: the feature rows of its candidate mention pairs, and its label."""
    found: dict[frozenset[str], list[list[float]]] = defaultdict(list)
    news = [m for m in mentions(docs, settings) if m.role == "news"]
    for a, b in candidate_pairs(news, settings):
        key = frozenset((a.document, b.document))
        if key in gold and a.document != b.document:
            found[key].append(pair_features(a, b, settings))
    width = len(FEATURES)
    return [(np.asarray(found.get(k, []), dtype=float).reshape(-1, width), label) for k, label in gold.items()]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, start: np.ndarray | None) -> np.ndarray:
    """Balanced, L2-regularised logistic regression with the sign bounds of ``SIGNS``."""
    pos = max(float(y.sum()), 1.0)
    weight = np.where(y == 1, (len(y) - pos) / pos, 1.0)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        value = float(np.sum(weight * (np.logaddexp(0.0, z) - y * z)) + l2 * np.sum(w * w) / 2)
        grad = np.append(x.T @ (weight * (p - y)) + l2 * w, np.sum(weight * (p - y)))
        return value, grad

    bounds = [_bound(SIGNS.get(f, 0)) for f in FEATURES] + [(None, None)]
    theta0 = np.zeros(len(FEATURES) + 1) if start is None else start
    return minimize(loss, theta0, jac=True, method="L-BFGS-B", bounds=bounds).x  # type: ignore[no-any-return]


def _bound(sign: int) -> tuple[float | None, float | None]:
    """+1: weight >= 0; -1: <= 0; 2: pinned to 0 (feature left out); 0: free."""
    return {1: (0.0, None), -1: (None, 0.0), 2: (0.0, 0.0)}.get(sign, (None, None))


def fit_mil(data: list[tuple[np.ndarray, bool]], l2: float, rounds: int) -> np.ndarray:
    rows = [b for b, _ in data if len(b)]
    labels = np.concatenate([[float(lab)] * len(b) for b, lab in data if len(b)])
    theta = fit_logistic(np.vstack(rows), labels, l2, None)
    for _ in range(rounds):
        xs, ys = [], []
        for b, lab in data:
            if not len(b):
                continue
            if lab:
                xs.append(b[[int(np.argmax(b @ theta[:-1]))]])
                ys.append(1.0)
            else:
                xs.append(b)
                ys.extend([0.0] * len(b))
        theta = fit_logistic(np.vstack(xs), np.asarray(ys), l2, theta)
    return theta


def choose_thresholds(tried: list[tuple[float, float, float, float | None]],
                      max_false_flags: float) -> tuple[float, float, float]:
    """(threshold, merge, F1) of the best tune F1 among the settings whose false-flag rate is
    within ``max_false_flags``; the best F1 of all when none is. ``tried`` holds
    (threshold, merge, F1, false-flag rate or None when no same pair agrees)."""
    within = [t for t in tried if t[3] is not None and t[3] <= max_false_flags]
    threshold, merge, f1, _ = max(within or tried, key=lambda t: (t[2], t[0], t[1]))
    return threshold, merge, f1


def restrict(signs: dict[str, int], keep: list[str] | None) -> dict[str, int]:
    """Signs with every feature not in ``keep`` pinned to weight 0 (``--features``)."""
    if not keep:
        return signs
    return {f: (signs.get(f, 0) if f in keep else 2) for f in FEATURES}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--features", default="", help="comma-separated features to use (default: all)")
    ap.add_argument("--exclude", default="", help="comma-separated features to leave out")
    ap.add_argument("--max-false-flags", type=float, default=0.10,
                    help="choose thresholds among those whose tune false-flag rate is at most this")
    ap.add_argument("--out", default=str(REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json"))
    args = ap.parse_args()
    tune = [p for p in read_pairs(Path(args.pairs)) if p.split == "tune"]
    with Store(args.db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    refs = incident_eval.references(docs, sources)
    gold = {frozenset((refs[p.a], refs[p.b])): p.label == "same" for p in tune if p.a in refs and p.b in refs}
    base = load_settings()
    keep = [f for f in args.features.split(",") if f] or list(FEATURES)
    drop = {f for f in args.exclude.split(",") if f}
    SIGNS.update(restrict(dict(SIGNS), [f for f in keep if f not in drop]))
    theta = fit_mil(bags(base, docs, gold), args.l2, args.rounds)
    weights = {f: round(float(w), 4) for f, w in zip(FEATURES, theta[:-1], strict=True)}
    tried = []
    for threshold, merge in itertools.product(THRESHOLDS, MERGE):
        model = LinkModel(weights, round(float(theta[-1]), 4), threshold, merge, threshold)
        settings = dataclasses.replace(base, model=model)
        found = incident_eval.evaluate_inputs(docs, tune, settings, sources)["all"]
        print(f"threshold {threshold} merge {merge}: tune F1 {found['f1']}, contested right "
              f"{found['contested_right']}, false flags {found['false_flags']}")
        tried.append((threshold, merge, found["f1"], found["false_flags"]))
    threshold, merge, f1 = choose_thresholds(tried, args.max_false_flags)
    model = LinkModel(weights, round(float(theta[-1]), 4), threshold, merge, threshold,
                      fitted_on=f"{Path(args.pairs).name} tune half ({len(tune)} pairs): "
                                f"multiple-instance logistic, l2={args.l2}, rounds={args.rounds}, "
                                f"features {args.features or 'all'}"
                                f"{' minus ' + args.exclude if args.exclude else ''}; thresholds by tune F1 with false flags "
                                f"<= {args.max_false_flags}; tune F1 {f1}")
    Path(args.out).write_text(json.dumps(model.to_dict(), indent=2) + "\n", encoding="utf-8")
    print(json.dumps(model.to_dict(), indent=2))


if __name__ == "__main__":
    main()
