"""Is the incident linker short of labels or of inputs? A learning curve, out of fold (issue 11, incidents62).

The tune pairs are cut into folds as ``benchmarks/incidents_contested_oof.py`` cuts them (the fit's
``fold_groups``: connected components of the pairs blocking compares, a pair it never compares riding
with its lower document's; ``fold_assignments``, repeat 0 the fit's own split, the others seeded).
For each fold, the *training* folds' groups are subsampled whole (``subset``: groups in a seeded
random order, taken until the kept pairs reach the fraction of the training pairs; a group is never
cut, so connected pairs stay together, as the fit's strata keep them), both linker levels are
refitted on the kept pairs as shipped (l2, fit weights, rounds; thresholds of the shipped
``linker.json``), the whole linker links every analysed report, and two things are scored:

* **out of fold**: the full held-out fold's pairs (pooled over the folds of one split, as the OOF
  script does): pair F1, P, R, contested right and false flags;
* **in sample**: the kept training pairs themselves (train = test on the subset), pooled the same
  way — the fit gap is in sample minus out of fold.

A point is one (fraction, seed); its figure per split is pooled over the split's folds. At 100 %
every seed keeps every training pair, so one seed is run. The curve's pair count is the mean number
of training pairs kept per fold; the fit's weights are the design weights (``fit_sample``), so the
pairs of the ``outside`` stratum weigh 0 and the **weighted** pairs (and their same pairs, and the
gold incidents: components of the kept same pairs) are counted too.

An inverse power law ``F1(n) = a - b * n ** -c`` is fitted to the per-run out-of-fold F1 against
the weighted training pairs ``n``, with a bootstrap over runs within each fraction (``--boot``):
the asymptote ``a``, and the pairs ``n`` the trend needs for F1 0.85 (none when ``a <= 0.85``).

Only ``"split": "tune"`` pairs are read; the check half is never looked at.

With ``--pool`` the script also counts the report pairs that blocking compares (same category
family, possible days within the window, compatible place and actors; ``blocking.candidate_pairs``
on the news mentions) that no gold pair (tune or check) covers, by outlet mix (same / other outlet),
FA-KES date gap and whether the FA-KES ``location`` is the same, and how many of those touch no
check-half report (a new tune wave's pool). Only development rows (even ``unit_id``) are in the
database; the FA-KES columns are read for even rows only (``fakes_rows``).

Usage: ``python benchmarks/incidents_learning_curve.py --db DB [--repeats 5] [--seeds 4]
[--fractions 0.25,0.5,0.75,1] [--boot 500] [--pool]`` (the database from ``benchmarks/incidents_cost.py``).
Prints JSON. Cost: ~25 s per (fraction, seed) with 5 x 5 folds on the FA-KES development rows.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import statistics
import sys
import warnings
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from common import script_module

from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.blocking import candidate_pairs
from sitrep.incidents.clustering import DisjointSets
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.scorer import (
    GoldPair,
    Prediction,
    read_pairs,
    same_incident_pairs,
    score,
)
from sitrep.incidents.settings import LinkModel, Settings, load_settings
from sitrep.incidents.update import load_inputs
from sitrep.store import Store

REPO = Path(__file__).resolve().parents[1]
#: the figures a run reports, as ``scorer.score`` names them
FIGURES = ("f1", "precision", "recall", "contested_right", "false_flags")
#: the pair F1 the issue asks for
TARGET = 0.85


def subset(groups: Sequence[int], train: Sequence[int], fraction: float, rng: random.Random) -> list[int]:
    """The indices of ``train`` kept at ``fraction``: whole groups (``groups[i]``, the fit's
    ``fold_groups``) in ``rng``'s order, taken while the kept pairs are fewer than ``fraction`` of
    ``train``'s (so a group is never cut; the last group may overshoot). ``fraction >= 1`` keeps all."""
    if fraction >= 1.0:
        return list(train)
    members: dict[int, list[int]] = defaultdict(list)
    for i in train:
        members[groups[i]].append(i)
    order = sorted(members)
    rng.shuffle(order)
    target, kept = fraction * len(train), []
    for g in order:
        if len(kept) >= target:
            break
        kept.extend(members[g])
    return sorted(kept)


def run_seed(seed: int, repeat: int, fold: int, fraction: float) -> random.Random:
    """The generator of one subsample: the same (seed, repeat, fold, fraction) in every process."""
    return random.Random(seed * 1_000_000 + repeat * 10_000 + fold * 100 + round(fraction * 100))


def incidents_of(keys: Sequence[frozenset[str]]) -> int:
    """How many gold incidents the same pairs ``keys`` form (connected components of their reports)."""
    sets: DisjointSets[str] = DisjointSets()
    for key in keys:
        a, b = sorted(key)
        sets.union(a, b)
    return len({sets.find(min(k)) for k in keys})


@dataclasses.dataclass(frozen=True)
class Counts:
    """What one fold's training subset holds: pairs, pairs of weight > 0, their same pairs, gold incidents."""

    pairs: int
    weighted: int
    weighted_same: int
    incidents: int


@dataclasses.dataclass(frozen=True)
class Run:
    """One (fraction, seed, split): the out-of-fold and in-sample figures pooled over its folds, and
    the mean training counts per fold."""

    fraction: float
    seed: int
    split: int
    pairs: float
    weighted: float
    weighted_same: float
    incidents: float
    oof: dict[str, float]
    in_sample: dict[str, float]


@dataclasses.dataclass
class Inputs:
    """Everything a learning-curve run needs, read once: the fit module, corpus, gold, folds."""

    fit: Any
    settings: Settings
    shipped: LinkModel
    l2: float
    rounds: int
    found: list[Mention]
    reports: dict[str, list[Mention]]
    refs: dict[str, str]
    tune: list[GoldPair]
    keys: list[frozenset[str]]
    gold: dict[frozenset[str], bool]
    data: list[Any]
    sample: list[float]
    groups: list[int]
    assignments: list[list[int]]


def figures(result: dict[str, Any]) -> dict[str, float]:
    """The ``FIGURES`` of one ``scorer.score`` split (None as 0)."""
    return {name: float(result.get(name) or 0.0) for name in FIGURES}


def fold_counts(inputs: Inputs, kept: Sequence[int]) -> Counts:
    """The training counts of one fold's kept pairs."""
    weighted = [i for i in kept if inputs.sample[i] > 0]
    same = [inputs.keys[i] for i in weighted if inputs.gold[inputs.keys[i]]]
    return Counts(len(kept), len(weighted), len(same), incidents_of(same))


def fold_model(inputs: Inputs, kept: Sequence[int]) -> Settings:
    """The settings with both linker levels refitted on the pairs ``kept`` (as shipped otherwise)."""
    fitted = inputs.fit.fit_levels([inputs.data[i] for i in kept], inputs.l2, inputs.rounds,
                                   [inputs.sample[i] for i in kept])
    model = dataclasses.replace(inputs.shipped, weights=fitted.weights, bias=fitted.bias,
                                mention_bias=fitted.mention_bias)
    return dataclasses.replace(inputs.settings, model=model)


def one_split(inputs: Inputs, r: int, fraction: float, seed: int) -> Run:
    """One split's figures with every fold's training groups subsampled at ``fraction`` (seed ``seed``):
    out of fold pooled over the split's held-out folds; in sample the mean over its folds of each
    fold's kept training pairs scored by that fold's own model."""
    fold = inputs.assignments[r]
    pair_of = {frozenset((inputs.refs[p.a], inputs.refs[p.b])): p for p in inputs.tune
               if p.a in inputs.refs and p.b in inputs.refs}
    held_pred: dict[tuple[str, str], Prediction] = {}
    inside: list[dict[str, float]] = []
    counts: list[Counts] = []
    for f in sorted(set(fold)):
        train = [i for i, g in enumerate(fold) if g != f]
        kept = subset(inputs.groups, train, fraction, run_seed(seed, r, f, fraction))
        counts.append(fold_counts(inputs, kept))
        at = fold_model(inputs, kept)
        groups = link(inputs.found, at)
        held = [pair_of[k] for k, g in zip(inputs.keys, fold, strict=True) if g == f]
        mine = [pair_of[inputs.keys[i]] for i in kept]
        held_pred.update(incident_eval.predictions(groups, held, inputs.refs, at, inputs.reports))
        got = incident_eval.predictions(groups, mine, inputs.refs, at, inputs.reports)
        inside.append(figures(score(mine, got)["tune"]))
    oof = figures(score(inputs.tune, held_pred)["tune"])
    in_sample = {name: statistics.mean(x[name] for x in inside) for name in FIGURES}
    mean = {name: statistics.mean(getattr(c, name) for c in counts)
            for name in ("pairs", "weighted", "weighted_same", "incidents")}
    return Run(fraction, seed, r, mean["pairs"], mean["weighted"], mean["weighted_same"], mean["incidents"],
               oof, in_sample)


def read_inputs(db: Path, pairs_path: Path, repeats: int, folds: int, rounds: int) -> Inputs:
    """The corpus, the tune gold, its design weights and the fold assignments, as the OOF script reads them."""
    oof = script_module_oof()
    fit = script_module("fit_incident_linker")
    fit.SIGNS.update(fit.restrict(dict(fit.SIGNS), list(fit.DEFAULT_FEATURES)))
    settings = load_settings()
    with Store(db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    pairs = read_pairs(pairs_path)
    l2, mode, shipped = oof.shipped_config(oof.LINKER)
    design = fit.tune_design(pairs_path, docs, sources, fit.fakes_csv(None))
    refs = incident_eval.references(docs, sources)
    tune = [p for p in pairs if p.split == "tune"]
    gold = {frozenset((refs[p.a], refs[p.b])): p.label == "same" for p in tune if p.a in refs and p.b in refs}
    keys = list(gold)
    data = fit.bags(settings, docs, gold)
    groups = fit.fold_groups(keys, data)
    found = mentions(docs, settings)
    reports: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        reports[m.document].append(m)
    return Inputs(fit, settings, shipped, l2, rounds, found, dict(reports), refs, tune, keys, gold, data,
                  fit.fit_sample(keys, design, mode), groups, fit.fold_assignments(groups, folds, repeats, fit.FOLD_SEED))


def script_module_oof() -> Any:
    """``benchmarks/incidents_contested_oof.py`` (its ``shipped_config``, ``LINKER`` and ``add_oof_arguments``)."""
    import incidents_contested_oof

    return incidents_contested_oof


def spread(values: Sequence[float]) -> dict[str, float]:
    """Mean, sample sd (0 for one value), min and max."""
    return {"mean": round(statistics.mean(values), 4),
            "sd": round(statistics.stdev(values), 4) if len(values) > 1 else 0.0,
            "min": round(min(values), 4), "max": round(max(values), 4)}


def curve(runs: Sequence[Run]) -> list[dict[str, Any]]:
    """Per fraction: the mean training counts, and each figure's spread over its runs (seeds x splits),
    out of fold, in sample and the gap (in sample minus out of fold, per run)."""
    out = []
    for fraction in sorted({x.fraction for x in runs}):
        mine = [x for x in runs if x.fraction == fraction]
        row: dict[str, Any] = {"fraction": fraction, "runs": len(mine), "seeds": len({x.seed for x in mine})}
        for name in ("pairs", "weighted", "weighted_same", "incidents"):
            row[name] = round(statistics.mean(getattr(x, name) for x in mine), 1)
        row["oof"] = {n: spread([x.oof[n] for x in mine]) for n in FIGURES}
        row["in_sample"] = {n: spread([x.in_sample[n] for x in mine]) for n in FIGURES}
        row["gap_f1"] = spread([x.in_sample["f1"] - x.oof["f1"] for x in mine])
        out.append(row)
    return out


def paired_steps(runs: Sequence[Run]) -> list[dict[str, Any]]:
    """Out-of-fold F1 of each fraction minus the largest fraction's, per split (the same folds; the
    seeds of a fraction averaged first): is the step from the fraction to all inside the spread?"""
    top = max(x.fraction for x in runs)
    by: dict[tuple[float, int], list[float]] = defaultdict(list)
    for x in runs:
        by[(x.fraction, x.split)].append(x.oof["f1"])
    splits = sorted({x.split for x in runs})
    out = []
    for fraction in sorted({x.fraction for x in runs} - {top}):
        diffs = [statistics.mean(by[(top, r)]) - statistics.mean(by[(fraction, r)]) for r in splits]
        out.append({"from": fraction, "to": top, **spread(diffs)})
    return out


def power_law(n: np.ndarray, a: float, b: float, c: float) -> np.ndarray:
    """The inverse power law ``a - b * n ** -c``."""
    return np.asarray(a - b * np.power(n, -c))


def fit_power(n: Sequence[float], y: Sequence[float]) -> tuple[float, float, float] | None:
    """``power_law``'s (a, b, c) least-squares fit (``a`` in [0, 1], ``b``, ``c`` >= 0), or None."""
    from scipy.optimize import OptimizeWarning, curve_fit

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", OptimizeWarning)  # the covariance is not used: the bootstrap is
            got, _ = curve_fit(power_law, np.asarray(n, dtype=float), np.asarray(y, dtype=float),
                               p0=(0.8, 1.0, 0.5), bounds=((0.0, 0.0, 0.0), (1.0, 1e8, 5.0)), maxfev=20000)
    except (RuntimeError, ValueError):
        return None
    return float(got[0]), float(got[1]), float(got[2])


def needed(params: tuple[float, float, float] | None, target: float = TARGET) -> float:
    """The ``n`` at which ``power_law`` reaches ``target`` (inf when its asymptote does not exceed it)."""
    if params is None:
        return math.inf
    a, b, c = params
    if a <= target or c <= 0 or b <= 0:
        return math.inf
    return float((b / (a - target)) ** (1.0 / c))


def fit_log(n: Sequence[float], y: Sequence[float]) -> tuple[float, float]:
    """The least-squares line ``y = alpha + beta * ln n``: a trend that never flattens, so an
    optimistic bound on what more pairs buy (the power law can saturate at its first points)."""
    beta, alpha = np.polyfit(np.log(np.asarray(n, dtype=float)), np.asarray(y, dtype=float), 1)
    return float(alpha), float(beta)


def log_needed(params: tuple[float, float], target: float = TARGET) -> float:
    """The ``n`` at which ``fit_log``'s line reaches ``target`` (inf when it does not rise)."""
    alpha, beta = params
    if beta <= 0 or (target - alpha) / beta > 700:  # flat, falling, or past any float
        return math.inf
    return float(math.exp((target - alpha) / beta))


def extrapolate_log(runs: Sequence[Run], boot: int, low: float = 0.5, seed: int = 62) -> dict[str, Any]:
    """``fit_log`` on the runs of fraction ``>= low`` (out-of-fold F1 against weighted pairs), with the
    same bootstrap as ``extrapolate``: the slope per doubling of the pairs and the pairs needed for ``TARGET``."""
    mine = [x for x in runs if x.fraction >= low]
    rng = random.Random(seed)
    by: dict[float, list[Run]] = defaultdict(list)
    for x in mine:
        by[x.fraction].append(x)
    point = fit_log([x.weighted for x in mine], [x.oof["f1"] for x in mine])
    slopes, needs = [], []
    for _ in range(boot):
        draw = [rng.choice(v) for v in by.values() for _ in v]
        got = fit_log([x.weighted for x in draw], [x.oof["f1"] for x in draw])
        slopes.append(got[1] * math.log(2))
        needs.append(log_needed(got))
    finite = [v for v in needs if math.isfinite(v)]
    return {"from_fraction": low, "per_doubling": round(point[1] * math.log(2), 4),
            "needed_weighted_pairs": round(log_needed(point), 1),
            "per_doubling_p5_p50_p95": [round(float(np.percentile(slopes, q)), 4) for q in (5, 50, 95)] if slopes else None,
            "never_rises": round(1 - len(finite) / max(len(needs), 1), 3),
            "needed_p5_p50_p95_when_rising": [round(float(np.percentile(finite, q)), 1) for q in (5, 50, 95)]
            if finite else None}


def extrapolate(runs: Sequence[Run], boot: int, seed: int = 62) -> dict[str, Any]:
    """``fit_power`` on (weighted training pairs, out-of-fold F1) of every run, and a bootstrap of
    the runs within each fraction: the asymptote's and the needed pairs' percentiles, and the share
    of resamples whose asymptote stays at or under ``TARGET``."""
    n = [x.weighted for x in runs]
    y = [x.oof["f1"] for x in runs]
    point = fit_power(n, y)
    rng = random.Random(seed)
    by: dict[float, list[Run]] = defaultdict(list)
    for x in runs:
        by[x.fraction].append(x)
    asymptotes, needs = [], []
    for _ in range(boot):
        draw = [rng.choice(v) for v in by.values() for _ in v]
        got = fit_power([x.weighted for x in draw], [x.oof["f1"] for x in draw])
        if got is not None:
            asymptotes.append(got[0])
            needs.append(needed(got))
    finite = sorted(v for v in needs if math.isfinite(v))

    def pct(values: list[float], q: float) -> float | None:
        return round(float(np.percentile(values, q)), 4) if values else None

    return {"point": {"a": point[0], "b": point[1], "c": point[2]} if point else None,
            "needed_weighted_pairs": needed(point) if point else None,
            "boot": len(asymptotes), "asymptote_p5_p50_p95": [pct(asymptotes, q) for q in (5, 50, 95)],
            "never_reaches_target": round(sum(not math.isfinite(v) for v in needs) / max(len(needs), 1), 3),
            "needed_p5_p50_p95_when_reached": [pct(finite, q) for q in (5, 50, 95)]}


def report_rows(docs: Sequence[Any], sources: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Document id -> its FA-KES data row (``#rowN``), for the documents stored from FA-KES."""
    fit = script_module("fit_incident_linker")
    out: dict[str, int] = {}
    for ref, doc_id in incident_eval.references(docs, sources).items():
        match = fit.FAKES_REF.search(ref)
        if match:
            out.setdefault(doc_id, int(match.group(1)))
    return out


def pool_key(x: Any, y: Any) -> str:
    """A compared report pair's class: outlet mix, FA-KES date gap, and whether ``location`` is the same."""
    if x is None or y is None:
        return "not a development row"
    gap = abs((x.day - y.day).days)
    outlet = "same outlet" if x.outlet == y.outlet else "other outlets"
    place = "same location" if x.location == y.location else "other location"
    return f"{outlet}, gap {gap if gap <= 3 else '4+'} d, {place}"


def pool(db: Path, pairs_path: Path) -> dict[str, Any]:
    """The report pairs blocking compares that no gold pair covers, by class (``pool_key``), and
    those of them that touch no check-half report (a tune wave's pool)."""
    fit = script_module("fit_incident_linker")
    settings = load_settings()
    with Store(db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    refs = incident_eval.references(docs, sources)
    covered = {frozenset((refs[p.a], refs[p.b])) for p in read_pairs(pairs_path) if p.a in refs and p.b in refs}
    check = fit.check_documents(pairs_path, docs, sources)
    news = [m for m in mentions(docs, settings) if m.role == "news"]
    compared = {frozenset((a.document, b.document)) for a, b in candidate_pairs(news, settings)
                if a.document != b.document}
    rows, meta = report_rows(docs, sources), fit.fakes_rows(fit.fakes_csv(None))
    open_pairs = compared - covered
    linked = same_incident_pairs(incident_eval.reporting_documents(g)
                                  for g in link(mentions(docs, settings), settings))
    classes: dict[str, Counter[str]] = defaultdict(Counter)
    for key in open_pairs:
        a, b = sorted(key)
        label = pool_key(meta.get(rows.get(a, 0)), meta.get(rows.get(b, 0)))
        for name, hit in (("open", True), ("open, linked by the shipped linker", key in linked),
                          ("open, no check report", not key & check),
                          ("open, no check report, linked", not key & check and key in linked)):
            classes[name][label] += hit
    return {"reports": len(docs), "compared_report_pairs": len(compared),
            "covered_by_gold": len(compared & covered), "gold_pairs_not_compared": len(covered - compared),
            **{name: sum(c.values()) for name, c in classes.items()},
            "by_class": {label: {name: c[label] for name, c in classes.items()}
                         for label in sorted(classes["open"])}}


def learn(args: argparse.Namespace) -> tuple[list[Run], dict[str, Any]]:
    """Every (fraction, seed, split) run of the curve, and the tune half's pair counts."""
    inputs = read_inputs(Path(args.db), Path(args.pairs), args.repeats, args.folds, args.rounds)
    runs: list[Run] = []
    for fraction in (float(x) for x in args.fractions.split(",")):
        for seed in range(1, (args.seeds if fraction < 1.0 else 1) + 1):
            for r in range(len(inputs.assignments)):
                runs.append(one_split(inputs, r, fraction, seed))
                x = runs[-1]
                print(f"fraction {fraction} seed {seed} split {r}: weighted pairs {x.weighted:.0f}, "
                      f"OOF F1 {x.oof['f1']:.3f}, in sample {x.in_sample['f1']:.3f}", file=sys.stderr)
    return runs, {"tune_pairs": len(inputs.keys), "weighted_pairs": sum(s > 0 for s in inputs.sample)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    script_module_oof().add_oof_arguments(ap)
    ap.add_argument("--seeds", type=int, default=4, help="subsamples per fraction below 1 (seeds 1..N)")
    ap.add_argument("--fractions", default="0.25,0.5,0.75,1")
    ap.add_argument("--boot", type=int, default=500)
    ap.add_argument("--pool", action="store_true", help="also count the open report pairs blocking compares")
    ap.add_argument("--runs-out", default=None, help="write every run (fraction, seed, split) as JSON Lines")
    ap.add_argument("--from-runs", default=None, help="summarise the runs of an earlier --runs-out FILE (no fit)")
    args = ap.parse_args()
    if args.from_runs:
        runs = [Run(**json.loads(line)) for line in Path(args.from_runs).read_text(encoding="utf-8").splitlines()]
        totals: dict[str, Any] = {"runs_from": args.from_runs}
    else:
        runs, totals = learn(args)
    out: dict[str, Any] = {"config": {k: getattr(args, k) for k in ("folds", "repeats", "rounds", "seeds",
                                                                    "fractions", "boot")},
                           **totals, "curve": curve(runs), "steps_to_all": paired_steps(runs),
                           "extrapolation": extrapolate(runs, args.boot),
                           "extrapolation_log": extrapolate_log(runs, args.boot)}
    if args.pool:
        out["pool"] = pool(Path(args.db), Path(args.pairs))
    if args.runs_out:
        Path(args.runs_out).write_text("".join(json.dumps(dataclasses.asdict(x)) + "\n" for x in runs),
                                       encoding="utf-8")
    print(json.dumps(out, indent=1, default=str))


if __name__ == "__main__":
    main()
