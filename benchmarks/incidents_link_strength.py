"""How reliable is an incident record's link strength (``Incident.links``, issue 11, branch link1)?

For every labelled pair of the pair gold whose two reports the linker put in one incident, the
pair's *tie*: the strongest chain of links joining the two reports inside that incident, a chain
being as strong as its weakest link (``chain_strength``; a link between two reports is the best
score of a link between a mention of each, the number ``links`` reports: the report model's
probability times the mention model's score). When the two reports are linked directly, the tie
is that link's score. Against the gold label (same = 1): a reliability table (``--bins`` equal
bins of [0, 1]), the Brier score, and the AUC of same against different among the linked pairs.
The report model's probability alone (``report``: the report level, before the mention level;
directly linked pairs only) is scored beside it.

Out of fold (the default): the tune pairs are cut into folds as ``incidents_contested_oof.py``
cuts them (by connected component; repeat 0 the fit's own split, the others seeded), both levels
refitted on the other folds with the shipped configuration, the corpus linked, the held-out
fold's pairs read; per split the figures, then their mean and sd over the splits, and the pooled
table, and a calibration study (``calibration_study``: would a Platt or isotonic step fitted on
out-of-fold ties lower the Brier score?). ``--half check``: the shipped linker (fitted on every tune pair) on the check pairs, read
once for the report. ``--in-sample``: the shipped linker on the tune pairs.

Usage: ``python benchmarks/incidents_link_strength.py --db DB [--repeats 5] [--half tune|check]
[--in-sample]``. Prints JSON. Cost: ~1 min for 5 x 5 folds on the FA-KES development rows.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import statistics
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from common import incident_inputs, script_module
from incidents_contested_oof import (
    LINKER,
    add_oof_arguments,
    shipped_config,
    tune_folds,
)

from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.features import Scorer
from sitrep.incidents.linker import Linking, candidates, linked
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.scorer import GoldPair, read_pairs
from sitrep.incidents.settings import Settings, load_settings


@dataclasses.dataclass(frozen=True, slots=True)
class Tied:
    """One linked gold pair: its tie (chain strength), its report probability when linked directly."""

    label: int
    tie: float
    report: float | None
    direct: bool
    field: float  #: the smaller of the two reports' ``links`` strengths (each report's best tie in the incident)


def chain_strength(links: dict[frozenset[str], float], docs: set[str], a: str, b: str) -> float:
    """The strongest chain of report links from ``a`` to ``b`` through ``docs`` (a widest path:
    a chain is as strong as its weakest link); 0 when none."""
    best = {a: 1.0}
    todo = {a}
    while todo:
        x = max(todo, key=lambda d: (best[d], d))
        todo.discard(x)
        for y in docs:
            w = links.get(frozenset((x, y)))
            if w is not None and y != x and min(best[x], w) > best.get(y, 0.0):
                best[y] = min(best[x], w)
                todo.add(y)
    return best.get(b, 0.0) if b != a else 1.0


def report_links(result: Linking, mentions_by_id: dict[str, Mention]) -> dict[frozenset[str], float]:
    """Between two reports, the best score of a link (edge or attachment) between their mentions."""
    out: dict[frozenset[str], float] = {}
    items = [(e.a, e.b, e.score) for e in result.edges] + [(k, t, s) for k, (t, s) in result.attached.items()]
    for x, y, score in items:
        dx, dy = mentions_by_id[x].document, mentions_by_id[y].document
        if dx != dy:
            key = frozenset((dx, dy))
            out[key] = max(out.get(key, 0.0), score)
    return out


def tied_pairs(result: Linking, found: Sequence[Mention], pairs: Iterable[GoldPair], refs: dict[str, str],
               report: dict[frozenset[str], float]) -> list[Tied]:
    """Every gold pair of ``pairs`` the linker put in one incident, with its tie and report probability."""
    by_id = {m.id: m for m in found}
    links = report_links(result, by_id)
    groups = [incident_eval.reporting_documents(g) for g in result.groups]
    out = []
    for p in pairs:
        a, b = refs.get(p.a), refs.get(p.b)
        shared = [g for g in groups if a is not None and b is not None and {a, b} <= g]
        if not shared or a is None or b is None:
            continue
        tie = max(chain_strength(links, g, a, b) for g in shared)
        field = max(min(own_tie(links, g, a), own_tie(links, g, b)) for g in shared)
        key = frozenset((a, b))
        out.append(Tied(int(p.label == "same"), tie, report.get(key) if key in links else None, key in links, field))
    return out


def own_tie(links: dict[frozenset[str], float], docs: set[str], a: str) -> float:
    """A report's ``links`` strength in an incident of the reports ``docs``: its best link to another."""
    return max((links.get(frozenset((a, d)), 0.0) for d in docs if d != a), default=0.0)


def report_probabilities(found: Sequence[Mention], settings: Settings) -> dict[frozenset[str], float]:
    """The report model's probability of every candidate report pair."""
    news = sorted((m for m in found if m.role == "news"), key=lambda m: m.id)
    return {frozenset(c.documents): c.report for c in candidates(news, (), Scorer(settings))}


def reliability(rows: Sequence[tuple[int, float]], bins: int) -> dict[str, Any]:
    """Reliability table (equal bins of [0, 1]), Brier score and AUC of (label, probability) rows."""
    table = []
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = [(y, p) for y, p in rows if lo <= p < hi or (i == bins - 1 and p == 1.0)]
        if inside:
            table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(inside),
                          "mean_p": round(statistics.mean(p for _, p in inside), 3),
                          "same_share": round(statistics.mean(y for y, _ in inside), 3)})
    return {"n": len(rows), "same": sum(y for y, _ in rows), "table": table,
            "brier": round(statistics.mean((p - y) ** 2 for y, p in rows), 4) if rows else None,
            "auc": auc(rows)}


def auc(rows: Sequence[tuple[int, float]]) -> float | None:
    """P(a same pair scores above a different one), ties half."""
    pos = [p for y, p in rows if y]
    neg = [p for y, p in rows if not y]
    if not pos or not neg:
        return None
    wins = sum(1.0 if x > z else 0.5 if x == z else 0.0 for x in pos for z in neg)
    return round(wins / (len(pos) * len(neg)), 4)


def figures(tied: Sequence[Tied], bins: int) -> dict[str, Any]:
    return {"tie": reliability([(t.label, t.tie) for t in tied], bins),
            "field_min": reliability([(t.label, t.field) for t in tied], bins),
            "report_direct": reliability([(t.label, t.report) for t in tied if t.report is not None], bins),
            "direct": {"n": sum(t.direct for t in tied), "same": sum(t.label for t in tied if t.direct)},
            "chain_only": {"n": sum(not t.direct for t in tied), "same": sum(t.label for t in tied if not t.direct)}}


def out_of_fold(fit: Any, docs: list, refs: dict[str, str], pairs: list[GoldPair], settings: Settings,
                design: Any, repeats: int, folds: int, rounds: int) -> list[list[Tied]]:
    """Per seeded split, every held-out tune pair's tie, both levels refitted without its fold."""
    l2, mode, shipped = shipped_config(LINKER)
    tune, keys, data, sample, assignments, found = tune_folds(fit, docs, refs, pairs, settings, design, mode,
                                                               folds=folds, repeats=repeats)
    runs = []
    for fold in assignments:
        tied: list[Tied] = []
        for f in sorted(set(fold)):
            train = [i for i, g in enumerate(fold) if g != f]
            fitted = fit.fit_levels([data[i] for i in train], l2, rounds, [sample[i] for i in train])
            model = dataclasses.replace(shipped, weights=fitted.weights, bias=fitted.bias,
                                        mention_bias=fitted.mention_bias)
            at = dataclasses.replace(settings, model=model)
            held = {k for k, g in zip(keys, fold, strict=True) if g == f}
            scored = [p for p in tune if p.a in refs and p.b in refs and frozenset((refs[p.a], refs[p.b])) in held]
            tied.extend(tied_pairs(linked(found, at), found, scored, refs, report_probabilities(found, at)))
        runs.append(tied)
    return runs


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def platt(train: Sequence[tuple[int, float]], steps: int = 3000) -> Callable[[float], float]:
    """A logistic map of the score's logit fitted to ``train`` (label, score) by gradient descent."""
    a, b = 1.0, 0.0
    for _ in range(steps):
        ga = gb = 0.0
        for y, p in train:
            x = _logit(p)
            q = 1 / (1 + math.exp(-(a * x + b)))
            ga += (q - y) * x
            gb += q - y
        a -= 0.5 * ga / len(train)
        b -= 0.5 * gb / len(train)
    return lambda p: 1 / (1 + math.exp(-(a * _logit(p) + b)))


def isotonic(train: Sequence[tuple[int, float]]) -> Callable[[float], float]:
    """Pool-adjacent-violators on ``train`` (label, score): a non-decreasing step map (equal
    scores pooled first)."""
    blocks: list[list[float]] = []  # [same, n, highest score]
    for y, p in sorted(train, key=lambda t: t[1]):
        if blocks and blocks[-1][2] == p:  # one score, one value
            blocks[-1][0] += y
            blocks[-1][1] += 1
        else:
            blocks.append([float(y), 1.0, p])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            y2, n2, hi = blocks.pop()
            blocks[-1][0] += y2
            blocks[-1][1] += n2
            blocks[-1][2] = hi
    return lambda p: next((y / n for y, n, hi in blocks if p <= hi), blocks[-1][0] / blocks[-1][1])


def calibration_study(runs: list[list[Tied]], folds: int = 5) -> dict[str, Any]:
    """Would a monotone calibration step help? Per split, the out-of-fold ties cut into ``folds``
    random folds (seeded by the split); a Platt and an isotonic map fitted on the other folds'
    ties score each fold's ties; the Brier score per split of the raw tie, each map, and the
    base rate of the other folds. Exploratory (pairs are cut at random, not by component)."""
    out: dict[str, list[float]] = {"raw": [], "platt": [], "isotonic": [], "base_rate": []}
    for r, run in enumerate(runs):
        data = [(t.label, t.tie) for t in run]
        order = list(range(len(data)))
        random.Random(r).shuffle(order)
        sums = dict.fromkeys(out, 0.0)
        for f in range(folds):
            test = set(order[f::folds])
            train = [data[i] for i in order if i not in test]
            maps: dict[str, Callable[[float], float]] = {"raw": lambda p: p, "platt": platt(train),
                                                         "isotonic": isotonic(train)}
            base = statistics.mean(y for y, _ in train)
            for i in test:
                y, p = data[i]
                for name, fn in maps.items():
                    sums[name] += (fn(p) - y) ** 2
                sums["base_rate"] += (base - y) ** 2
        for name in out:
            out[name].append(round(sums[name] / len(data), 4))
    return {name: {"per_split": v, "mean": round(statistics.mean(v), 4), "sd": round(statistics.stdev(v), 4)}
            for name, v in out.items()}


def spread(runs: list[list[Tied]], bins: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    per = [figures(r, bins) for r in runs]
    for level in ("tie", "field_min", "report_direct"):
        for name in ("brier", "auc"):
            values = [float(x[level][name]) for x in per if x[level][name] is not None]
            out[f"{level}_{name}"] = {"per_split": values, "mean": round(statistics.mean(values), 4),
                                      "sd": round(statistics.stdev(values), 4) if len(values) > 1 else 0.0}
    out["pooled"] = figures([t for r in runs for t in r], bins)
    out["calibration_study"] = calibration_study(runs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_oof_arguments(ap)
    ap.add_argument("--bins", type=int, default=10)
    ap.add_argument("--half", choices=("tune", "check"), default="tune")
    ap.add_argument("--in-sample", action="store_true")
    ap.add_argument("--rows-out", default=None, help="write every split's linked pairs (JSON Lines) to this file")
    args = ap.parse_args()
    settings = load_settings()
    docs, sources, refs = incident_inputs(args.db)
    pairs = read_pairs(Path(args.pairs))
    if args.half == "check" or args.in_sample:
        found = mentions(docs, settings)
        half = [p for p in pairs if p.split == args.half]
        tied = tied_pairs(linked(found, settings), found, half, refs, report_probabilities(found, settings))
        print(json.dumps({"half": args.half, "linker": "shipped", **figures(tied, args.bins)}, indent=1))
        return
    fit = script_module("fit_incident_linker")
    design = fit.tune_design(Path(args.pairs), docs, sources, fit.fakes_csv(None))
    runs = out_of_fold(fit, docs, refs, pairs, settings, design, args.repeats, args.folds, args.rounds)
    if args.rows_out:
        Path(args.rows_out).write_text("".join(json.dumps({"split": r, **dataclasses.asdict(t)}) + "\n"
                                               for r, run in enumerate(runs) for t in run), encoding="utf-8")
    print(json.dumps({"half": "tune", "out_of_fold": True, "repeats": args.repeats, **spread(runs, args.bins)},
                     indent=1))



if __name__ == "__main__":
    main()
