"""Where the linker wins and loses the TUNE pairs, out of fold (issue 11).

Every tune pair of ``benchmarks/data/fakes_incident_pairs.jsonl`` is predicted by weights
fitted on the other folds only: the fitting script's own folds (``fit_incident_linker.folds``
over connected components), its L2 strength and the shipped thresholds (``linker.json``),
and the whole linker (blocking, both levels, alignment, constrained clustering, attachment)
over every analysed report. Each pair then falls in one stage:

- ``blocked``: blocking never compared a news mention of one report with one of the other;
  for these, ``blocked_by`` counts, per hard constraint (``blocking.compatible``), the pairs
  for which some mention pair fails that constraint *alone* (family, window, night, place,
  means; ``area``: compatible, but in no shared block of the index);
- ``below``: compared, but the report model's probability stays under the threshold;
- ``unaligned``: the report probability reaches the threshold, but no mention pair of the two
  is aligned (the best pair under ``LinkModel.best_threshold``), and they end apart;
- ``direct``: a direct edge between the two reports (the report model linked them);
- ``rescue``: linked by the rescue edge of their best mention pair below the report threshold
  (``LinkModel.rescue_report`` / ``rescue_mention``);
- ``split``: a direct edge, but the clustering constraints kept the two reports apart;
- ``chain``: linked with no edge between them (through a third report's incident or an
  attached denial).

Only ``"split": "tune"`` pairs are read; the check half is never looked at here.

With ``--errors`` (in sample only), it also lists every *compared* tune pair the linker gets
wrong — a same pair left unlinked (``below``, ``split``) or a different pair linked — with its
stratum's design weight (``fit_incident_linker.design_weights``: 0 outside the check half's
strata), its report probability and best mention score under the shipped model, and the value
of every report-level feature (``features.REPORT_LEVEL``), side by side: what the report model
saw for the pairs it lost and for the false links.

With ``--repeats R`` (2026-12-05, last) the wrong pairs are counted by cause over R fold
assignments (``fit.fold_assignments``, the splits of ``scripts/fit_incident_linker.py --repeats``
and ``benchmarks/incidents_contested_oof.py``), each fold refitted as the shipped linker was
(its l2 and fit weights, read from ``linker.json``; the shipped thresholds): per cause, the
count per split, its mean, and its mean in the check half's strata (design weight > 0); a
blocked pair's cause names the constraint its mention pairs fail alone (``cause``); both F1s
per split (every pair alike, design-weighted). ``--pairs-out FILE`` writes one line per wrong
pair and split. ``--apart X`` measures a cannot-link in the clustering (``kept_apart``): two
reports blocking compared whose best mention pair scores under X never end in one incident
through others — measurement only, the shipped clustering has no such constraint.

Usage: ``python benchmarks/incidents_losses.py --db DB [--pairs FILE] [--l2 1] [--in-sample [--errors]]
[--repeats R [--apart X] [--pairs-out FILE]]``
(the database from ``benchmarks/incidents_cost.py``); prints JSON: per stage, counts of
same / different pairs linked or not, and the out-of-fold pair F1.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import statistics
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import fit_incident_linker as fit  # noqa: E402

from sitrep.incidents import clustering  # noqa: E402
from sitrep.incidents import evaluate as incident_eval  # noqa: E402
from sitrep.incidents.blocking import compatible, day_gap, place_relation  # noqa: E402
from sitrep.incidents.clustering import cluster  # noqa: E402
from sitrep.incidents.features import FEATURES, REPORT_LEVEL, Scorer  # noqa: E402
from sitrep.incidents.linker import align, assemble, candidates  # noqa: E402
from sitrep.incidents.mentions import Mention  # noqa: E402
from sitrep.incidents.scorer import same_incident_pairs  # noqa: E402
from sitrep.incidents.settings import LinkModel, Settings, load_settings, with_idf  # noqa: E402
from sitrep.store import Store  # noqa: E402


def failing(a: Mention, b: Mention, s: Settings) -> list[str]:
    """The hard constraints of ``blocking.compatible`` one mention pair fails."""
    out = []
    if a.family != b.family:
        out.append("family")
    gap = day_gap(a, b, s)
    if gap is not None and gap > s.window_days:
        out.append("window")
    elif gap is not None and a.specific and b.specific and gap > s.night_days:
        out.append("night")
    relation = place_relation(a, b, s)
    if relation == "far":
        out.append("place")
    if relation == "near" and a.means and b.means and not a.means & b.means:
        out.append("means")
    if not out and compatible(a, b, s):
        out.append("area")
    return out


@contextlib.contextmanager
def kept_apart(pairs: set[frozenset[str]]) -> Iterator[None]:
    """While open, the clustering never merges two clusters that hold a report pair of ``pairs``
    (``--apart``: a measurement of a cannot-link constraint, patched into
    ``clustering._may_merge``; the shipped clustering has no such constraint)."""
    plain = clustering._may_merge

    def may_merge(xs: list[Mention], ys: list[Mention], best: dict[str, dict[str, float]], s: Settings) -> bool:
        if pairs and any(frozenset((x, y)) in pairs for x in {m.document for m in xs} for y in {m.document for m in ys}):
            return False
        return plain(xs, ys, best, s)

    clustering._may_merge = may_merge
    try:
        yield
    finally:
        clustering._may_merge = plain


def stages(data: fit.Corpus, fitted: fit.Fit, model: LinkModel, keys: set[frozenset[str]],
           apart: float | None = None,
           scores: dict[frozenset[str], tuple[float, float]] | None = None) -> dict[frozenset[str], str]:
    """The stage of each report pair in ``keys`` under ``fitted`` (see the module doc).
    ``apart``: two reports that blocking compared but whose best mention pair scores under
    ``apart`` never end in one incident through others (a cannot-link in the clustering; None:
    the shipped clustering). ``scores``, when given, receives each compared pair of ``keys``'s
    best report probability and best mention score under ``fitted``."""
    linked_model = LinkModel(fitted.weights, fitted.bias, model.threshold, model.merge_threshold, model.attach_threshold,
                             mention_bias=fitted.mention_bias, align_threshold=model.align_threshold,
                             best_threshold=model.best_threshold, rescue_report=model.rescue_report,
                             rescue_mention=model.rescue_mention)
    settings = dataclasses.replace(data.settings, model=linked_model)
    scorer = Scorer(settings)
    found = candidates(data.news, (), scorer)
    best: dict[frozenset[str], float] = {}
    top: dict[frozenset[str], float] = {}
    for c in found:
        k = frozenset(c.documents)
        top[k] = max(top.get(k, 0.0), c.mention)
        if k in keys:
            best[k] = max(best.get(k, 0.0), c.report)
    if scores is not None:
        scores.update({k: (best[k], top[k]) for k in best})
    veto = {k for k, v in top.items() if apart is not None and v < apart}
    edges = align(found, model.threshold, model.align_threshold, model.best_threshold,
                  (model.rescue_report, model.rescue_mention))
    document = {m.id: m.document for m in data.news}
    edged = {frozenset((document[e.a], document[e.b])) for e in edges}
    with kept_apart(veto):
        clusters = cluster(data.groups, edges, settings)
    targets = {}
    for m in data.others.values():
        ok = [(scorer.report(m, n) * scorer.mention(m, n), n.id) for n in data.news
              if n.document != m.document and n.id in data.reach.get(m.id, ())
              and scorer.report(m, n) >= model.attach_threshold and scorer.mention(m, n) >= model.align_threshold]
        if ok:
            targets[m.id] = max(ok, key=lambda x: (x[0], tuple(-ord(c) for c in x[1])))
    groups = assemble(clusters, targets, data.others)
    linked = same_incident_pairs(incident_eval.reporting_documents(g) for g in groups)
    out = {}
    for k in keys:
        if k not in best:
            out[k] = "blocked"
        elif k in linked:
            out[k] = ("direct" if best[k] >= model.threshold else "rescue") if k in edged else "chain"
        elif k in edged:
            out[k] = "split"
        else:
            out[k] = "below" if best[k] < model.threshold else "unaligned"
    return out


def errors(data: list, keys: list[frozenset[str]], gold: dict[frozenset[str], bool], stage: dict[frozenset[str], str],
           design: dict[frozenset[str], float], linking: fit.Corpus) -> list[dict[str, object]]:
    """The compared tune pairs the linker gets wrong (``--errors``), with the report-level
    feature values the report model saw (``data``: ``fit.bags``, in ``keys`` order) and the
    shipped model's report probability and best mention score."""
    scorer = Scorer(linking.settings)
    best: dict[frozenset[str], tuple[float, float]] = {}
    for c in candidates(linking.news, (), scorer):
        k = frozenset(c.documents)
        if k in gold:
            report, mention = best.get(k, (0.0, 0.0))
            best[k] = (max(report, c.report), max(mention, c.mention))
    out = []
    for k, (rows, _) in zip(keys, data, strict=True):
        linked = stage[k] in LINKED
        if stage[k] == "blocked" or linked == gold[k]:
            continue
        values = {name: round(float(rows[0, FEATURES.index(name)]), 3) for name in REPORT_LEVEL}
        out.append({"error": "false link" if linked else "lost same pair", "stage": stage[k],
                    "design_weight": round(design.get(k, 0.0), 3), "report": round(best[k][0], 3),
                    "best_mention": round(best[k][1], 3), **values})
    return sorted(out, key=lambda r: (str(r["error"]), -float(str(r["design_weight"])), float(str(r["report"]))))


def arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    ap.add_argument("--l2", type=float, default=1.0, help="L2 strength of the folds' fits (the shipped fit's: 1)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--in-sample", action="store_true", help="the shipped weights on every pair (no folds)")
    ap.add_argument("--repeats", type=int, default=0,
                    help="causes over R fold assignments (``fit.fold_assignments``, fold seed ``fit.FOLD_SEED``), "
                         "each fold refitted with the shipped linker's l2 and fit weights (read from linker.json), "
                         "as benchmarks/incidents_contested_oof.py and the fit's --repeats do; 0: the old single split")
    ap.add_argument("--apart", type=float, default=None,
                    help="measure a cannot-link: two compared reports whose best mention pair scores under this "
                         "never end in one incident through others (``stages``' apart; default: off, as shipped)")
    ap.add_argument("--pairs-out", default=None,
                    help="with --repeats: one JSON line per wrong tune pair and split (refs, gold, stage, cause)")
    ap.add_argument("--errors", action="store_true",
                    help="with --in-sample: list the compared pairs linked wrongly, with their report-level features")
    args = ap.parse_args()
    if args.repeats and args.in_sample:
        ap.error("--repeats is out of fold; leave out --in-sample")
    if args.errors and not args.in_sample:
        ap.error("--errors needs --in-sample (the shipped model's scores)")
    return args


def cause(k: frozenset[str], stage: str, news_of: dict[str, list[Mention]], settings: Settings) -> str:
    """A wrong pair's cause: its stage, and for a pair blocking never compared, the hard
    constraint its mention pairs fail alone (``blocked:window`` …; ``blocked:several`` when none
    fails one alone, ``blocked:no news mention`` when a report has none)."""
    if stage != "blocked":
        return stage
    a, b = sorted(k)
    if not (news_of.get(a) and news_of.get(b)):
        return "blocked:no news mention"
    alone = Counter(r[0] for x in news_of[a] for y in news_of[b] if len(r := failing(x, y, settings)) == 1)
    return "blocked:" + ("+".join(sorted(alone)) if alone else "several")


class FoldSetup(NamedTuple):
    """What the out-of-fold studies of the linker read: the analysed reports, the tune gold, the
    linker file's l2 and model, the settings with the tune idf, the fit's bags and sample, and the
    whole corpus's mentions (``fold_setup``)."""

    docs: list[Any]
    sources: list[Any]
    gold: dict[frozenset[str], bool]
    l2: float
    #: the fit weights the file was fitted with (``uniform`` or ``design``)
    mode: str
    model: LinkModel
    settings: Settings
    data: list[Any]
    keys: list[frozenset[str]]
    sample: list[Any]
    linking: Any
    #: each tune pair's design weight
    design: dict[frozenset[str], float]


def fold_setup(db: Path, pairs_path: Path, linker_path: Path) -> FoldSetup:
    """The inputs of a fold-by-fold refit of the linker file at ``linker_path`` on the tune pairs,
    as ``scripts/fit_incident_linker.py`` computes them (its l2 and fit weights read back from
    the file's ``fitted_on``)."""
    with Store(db, readonly=True) as store:
        docs = fit.load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    _, gold = fit.tune_gold(pairs_path, docs, sources)
    shipped = load_settings()
    raw = json.loads(linker_path.read_text(encoding="utf-8"))
    l2 = float(raw["fitted_on"].split("l2=")[1].split(",")[0])
    mode = raw["fitted_on"].split("fit weights ")[1].split(",")[0]
    fit.SIGNS.update(fit.restrict(dict(fit.SIGNS), list(fit.DEFAULT_FEATURES)))
    table = fit.idf_table(docs, fit.check_documents(pairs_path, docs, sources), shipped.stop_words, pairs_path.name)
    settings = with_idf(shipped, table)
    data = fit.bags(settings, docs, gold)
    keys = list(gold)
    design = fit.tune_design(pairs_path, docs, sources, fit.fakes_csv(None))
    return FoldSetup(docs, sources, gold, l2, mode, LinkModel.from_dict(raw), settings, data, keys,
                     fit.fit_sample(keys, design, mode), fit.corpus(docs, settings), design)


def repeated(args: argparse.Namespace) -> None:
    """``--repeats R``: lost same pairs and false links out of fold by cause, per split, over
    R fold assignments, each fold's levels fitted as the shipped linker was (l2, fit weights)."""
    docs, sources, gold, l2, mode, model, settings, data, keys, sample, linking, design = fold_setup(
        Path(args.db), Path(args.pairs), REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json")
    news_of: dict[str, list[Mention]] = {}
    for m in linking.news:
        news_of.setdefault(m.document, []).append(m)
    refs = {v: k for k, v in incident_eval.references(docs, sources).items()}
    per_split: list[dict[str, Counter[str]]] = []
    rows: list[dict[str, object]] = []
    f1s: list[float] = []
    design_f1s: list[float] = []
    for r, fold in enumerate(fit.fold_assignments(fit.fold_groups(keys, data), 5, args.repeats, fit.FOLD_SEED)):
        stage: dict[frozenset[str], str] = {}
        scores: dict[frozenset[str], tuple[float, float]] = {}
        for f in sorted(set(fold)):
            train = [i for i, g in enumerate(fold) if g != f]
            fitted = fit.fit_levels([data[i] for i in train], l2, args.rounds, [sample[i] for i in train])
            held = {k for k, g in zip(keys, fold, strict=True) if g == f}
            stage.update(stages(linking, fitted, model, held, args.apart, scores))
        counts: dict[str, Counter[str]] = {"lost same": Counter(), "false link": Counter()}
        tp = fp = fn = 0
        for k, same in gold.items():
            linked = stage[k] in LINKED
            tp += same and linked
            fp += (not same) and linked
            fn += same and not linked
            if same == linked and stage[k] != "chain":
                continue
            kind = "right chain" if same == linked else "lost same" if same else "false link"
            why = cause(k, stage[k], news_of, linking.settings)
            if kind != "right chain":
                counts[kind][why] += 1
            a, b = sorted(refs.get(d, d) for d in k)
            report, mention = scores.get(k, (None, None))
            rows.append({"split": r, "a": a, "b": b, "error": kind, "cause": why,
                         "design_weight": round(design.get(k, 0.0), 3), "report": report, "best_mention": mention})
        per_split.append(counts)
        f1s.append(round(2 * tp / max(2 * tp + fp + fn, 1), 3))
        linked_keys = {k for k in gold if stage[k] in LINKED}
        weight = {k: design.get(k, 0.0) for k in gold}
        design_f1s.append(round(fit.weighted_f1(linked_keys, gold, weight), 3))
    out: dict[str, object] = {"pairs": len(gold), "mode": f"out-of-fold, {args.repeats} splits",
                              "l2": l2, "fit_weights": mode, "apart": args.apart, "f1_per_split": f1s,
                              "design_f1_per_split": design_f1s}
    for kind in ("lost same", "false link"):
        names = sorted({c for s in per_split for c in s[kind]})
        out[kind] = {c: {"per_split": [s[kind][c] for s in per_split],
                         "mean": round(statistics.mean(s[kind][c] for s in per_split), 1),
                         "in_check_strata_mean": round(statistics.mean(
                             sum(1 for x in rows if x["split"] == i and x["error"] == kind and x["cause"] == c
                                 and float(str(x["design_weight"])) > 0) for i in range(len(per_split))), 1)}
                     for c in names}
    print(json.dumps(out, indent=1))
    if args.pairs_out:
        Path(args.pairs_out).write_text("".join(json.dumps(x) + "\n" for x in rows), encoding="utf-8")


#: the stages in which two reports end in one incident
LINKED = ("direct", "rescue", "chain")


def main() -> None:
    args = arguments()
    if args.repeats:
        repeated(args)
        return
    with Store(args.db, readonly=True) as store:
        docs = fit.load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    _, gold = fit.tune_gold(Path(args.pairs), docs, sources)
    shipped = load_settings()
    keep = list(fit.DEFAULT_FEATURES)
    fit.SIGNS.update(fit.restrict(dict(fit.SIGNS), keep))
    table = fit.idf_table(docs, fit.check_documents(Path(args.pairs), docs, sources), shipped.stop_words,
                          Path(args.pairs).name)
    settings = with_idf(shipped, table)
    data = fit.bags(settings, docs, gold)
    keys = list(gold)
    fold = fit.folds(fit.fold_groups(keys, data), 5)
    linking = fit.corpus(docs, settings)
    stage: dict[frozenset[str], str] = {}
    if args.in_sample:
        model = shipped.model
        stage = stages(linking, fit.Fit(dict(model.weights), model.bias, model.mention_bias), model, set(keys))
    else:
        for f in sorted(set(fold)):
            fitted = fit.fit_levels([d for d, g in zip(data, fold, strict=True) if g != f], args.l2, args.rounds)
            held = {k for k, g in zip(keys, fold, strict=True) if g == f}
            stage.update(stages(linking, fitted, shipped.model, held))
    news_of: dict[str, list[Mention]] = {}
    for m in linking.news:
        news_of.setdefault(m.document, []).append(m)
    table_: dict[str, Counter[str]] = {}
    blocked_by: Counter[str] = Counter()
    for k, same in gold.items():
        st = stage[k]
        linked = st in LINKED
        table_.setdefault(st, Counter())[f"{'same' if same else 'different'} {'linked' if linked else 'not linked'}"] += 1
        if st == "blocked" and same:
            a, b = sorted(k)
            alone = {r[0] for x in news_of.get(a, []) for y in news_of.get(b, [])
                     if len(r := failing(x, y, linking.settings)) == 1}
            blocked_by.update(alone or {"no news mention" if not (news_of.get(a) and news_of.get(b)) else "several"})
    tp = sum(1 for k, s in gold.items() if s and stage[k] in LINKED)
    fp = sum(1 for k, s in gold.items() if not s and stage[k] in LINKED)
    fn = sum(1 for k, s in gold.items() if s and stage[k] not in LINKED)
    print(json.dumps({"pairs": len(gold), "mode": "in-sample" if args.in_sample else "out-of-fold",
                      "f1": round(2 * tp / max(2 * tp + fp + fn, 1), 3), "tp": tp, "fp": fp, "fn": fn,
                      "stages": {k: dict(v) for k, v in sorted(table_.items())},
                      "same pairs blocked, by the constraint failed alone": dict(blocked_by)}, indent=1))
    if args.errors:
        design = fit.tune_design(Path(args.pairs), docs, sources, fit.fakes_csv(None))
        print(json.dumps(errors(data, keys, gold, stage, design, linking), indent=1))


if __name__ == "__main__":
    main()
