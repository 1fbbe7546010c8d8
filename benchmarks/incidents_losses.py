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
- ``direct``: a direct edge between the two reports (the report model linked them);
- ``split``: a direct edge, but the clustering constraints kept the two reports apart;
- ``chain``: linked below the report threshold (through a third report's incident, an
  attached denial, or the rescue link of the best mention pair, ``LinkModel.rescue_report``).

Only ``"split": "tune"`` pairs are read; the check half is never looked at here.

With ``--errors`` (in sample only), it also lists every *compared* tune pair the linker gets
wrong — a same pair left unlinked (``below``, ``split``) or a different pair linked — with its
stratum's design weight (``fit_incident_linker.design_weights``: 0 outside the check half's
strata), its report probability and best mention score under the shipped model, and the value
of every report-level feature (``features.REPORT_LEVEL``), side by side: what the report model
saw for the pairs it lost and for the false links.

Usage: ``python benchmarks/incidents_losses.py --db DB [--pairs FILE] [--l2 1] [--in-sample [--errors]]``
(the database from ``benchmarks/incidents_cost.py``); prints JSON: per stage, counts of
same / different pairs linked or not, and the out-of-fold pair F1.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import fit_incident_linker as fit  # noqa: E402

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


def stages(data: fit.Corpus, fitted: fit.Fit, model: LinkModel, keys: set[frozenset[str]]) -> dict[frozenset[str], str]:
    """The stage of each report pair in ``keys`` under ``fitted`` (see the module doc)."""
    linked_model = LinkModel(fitted.weights, fitted.bias, model.threshold, model.merge_threshold, model.attach_threshold,
                             mention_bias=fitted.mention_bias, align_threshold=model.align_threshold,
                             best_threshold=model.best_threshold, rescue_report=model.rescue_report,
                             rescue_mention=model.rescue_mention)
    settings = dataclasses.replace(data.settings, model=linked_model)
    scorer = Scorer(settings)
    found = candidates(data.news, (), scorer)
    best: dict[frozenset[str], float] = {}
    for c in found:
        k = frozenset(c.documents)
        if k in keys:
            best[k] = max(best.get(k, 0.0), c.report)
    edges = align(found, model.threshold, model.align_threshold, model.best_threshold,
                  (model.rescue_report, model.rescue_mention))
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
        elif best[k] < model.threshold:
            out[k] = "chain" if k in linked else "below"
        else:
            out[k] = "direct" if k in linked else "split"
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
        linked = stage[k] in ("direct", "chain")
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
    ap.add_argument("--errors", action="store_true",
                    help="with --in-sample: list the compared pairs linked wrongly, with their report-level features")
    args = ap.parse_args()
    if args.errors and not args.in_sample:
        ap.error("--errors needs --in-sample (the shipped model's scores)")
    return args


def main() -> None:
    args = arguments()
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
        linked = st in ("direct", "chain")
        table_.setdefault(st, Counter())[f"{'same' if same else 'different'} {'linked' if linked else 'not linked'}"] += 1
        if st == "blocked" and same:
            a, b = sorted(k)
            alone = {r[0] for x in news_of.get(a, []) for y in news_of.get(b, [])
                     if len(r := failing(x, y, linking.settings)) == 1}
            blocked_by.update(alone or {"no news mention" if not (news_of.get(a) and news_of.get(b)) else "several"})
    tp = sum(1 for k, s in gold.items() if s and stage[k] in ("direct", "chain"))
    fp = sum(1 for k, s in gold.items() if not s and stage[k] in ("direct", "chain"))
    fn = sum(1 for k, s in gold.items() if s and stage[k] not in ("direct", "chain"))
    print(json.dumps({"pairs": len(gold), "mode": "in-sample" if args.in_sample else "out-of-fold",
                      "f1": round(2 * tp / max(2 * tp + fp + fn, 1), 3), "tp": tp, "fp": fp, "fn": fn,
                      "stages": {k: dict(v) for k, v in sorted(table_.items())},
                      "same pairs blocked, by the constraint failed alone": dict(blocked_by)}, indent=1))
    if args.errors:
        design = fit.tune_design(Path(args.pairs), docs, sources, fit.fakes_csv(None))
        print(json.dumps(errors(data, keys, gold, stage, design, linking), indent=1))


if __name__ == "__main__":
    main()
