"""Why the within-report fold left incidents split, and post-hoc variants (issue 11, wdoc2; tune only, out of fold).

    python benchmarks/incidents_within_study.py --db DB --folds FOLDS.json strays
    python benchmarks/incidents_within_study.py --db DB --folds FOLDS.json variants

``strays``: for each real tune incident of the one-report gold, on its fold's rebuild with the fold on
(``incidents_within_oof.py``'s out-of-fold runs), every record other than the matched one that holds a
gold sentence's event, classed by the first reason that applies: it holds other reports too; it shares a
sentence with the matched record (two events of one sentence: never merged); ``one_event`` blocks it (two
places, two stated days or other means, in that order); the consensus days or places disagree; the mean pair probability
is below the threshold; else allowed (another fold was taken first).

``variants``: the out-of-fold figures of designs **not** pre-registered, read after the verdict for the next
round's design (never shipped): a higher threshold (0.6, 0.7), and the means part of ``one_event`` left to the
model (places and days still block), with and without the higher threshold.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import incidents_within_oof as oof
from incidents_records_audit import GoldIncident, gold_events, match, read_gold, score

from sitrep.incidents import clustering, within
from sitrep.incidents.blocking import place_relation
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.settings import Settings, load_settings
from sitrep.incidents.update import load_inputs
from sitrep.incidents.within import WithinModel, fold_score, report_probability
from sitrep.store import Store


def stray_reason(stray: list[Mention], matched: list[Mention], settings: Settings, model: WithinModel,
                 probability: within.Probability) -> str:
    """Why a record holding a gold sentence was not folded into the matched record (first that applies)."""
    if len({m.document for m in stray}) > 1:
        return "holds other reports"
    pairs = [(x, y) for x in stray for y in matched if x.document == y.document]
    if any(x.sentence == y.sentence for x, y in pairs):
        return "shares a sentence with the matched record"
    if any(place_relation(x, y, settings) not in ("same", "within", "unknown") for x, y in pairs):
        return "one_event blocks: two places"
    if any(x.specific and y.specific and x.days != y.days for x, y in pairs):
        return "one_event blocks: two stated days"
    if not all(clustering.one_event(x, y, settings) for x, y in pairs):
        return "one_event blocks: other means"
    if not clustering.may_fold(stray, matched, settings):
        return "consensus days or places disagree"
    if fold_score(stray, matched, stray[0].document, probability) < model.threshold:
        return "mean probability below the threshold"
    return "allowed (another fold taken first)"


def strays(db: Path, fold_data: list[dict[str, Any]], golds: list[GoldIncident]) -> dict[str, Any]:
    base = load_settings()
    folds = [set(f["documents"]) for f in fold_data]
    with Store(str(db), readonly=True) as store:
        found = {m.id: m for m in mentions(load_inputs(store, store.analyzed_versions()), base)}
    reasons: Counter[str] = Counter()
    by_incident: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "fakes.db"
        shutil.copyfile(db, copy)
        with Store(str(copy), readonly=True) as store:
            rows = oof._document_rows(store)
        models = [WithinModel.from_dict(f["model"]) for f in fold_data]
        exports = [oof.rebuilt(copy, dataclasses.replace(base, within_report=True, within=m))[0] for m in models]
    for gold in golds:
        k = oof.fold_of(gold, folds, rows)
        export, model = exports[k], models[k]
        inc, _ = match(export, gold)
        if inc is None:
            continue
        probability = report_probability(list(found.values()), base, model)
        matched = [found[e] for e in inc.news_events if e in found]
        for other in sorted(set(gold_events(export, gold)) - {inc.id}):
            stray = [found[e] for e in export.incidents[other].news_events if e in found]
            reason = stray_reason(stray, matched, base, model, probability)
            reasons[reason] += 1
            by_incident.setdefault(gold.id, []).append(reason)
    return {"records": dict(reasons.most_common()), "by_incident": by_incident,
            "incidents_with_a_shared_sentence": sum("shares a sentence with the matched record" in r
                                                    for r in by_incident.values())}


def _no_means(xs: list[Mention], ys: list[Mention], settings: Settings) -> bool:
    """``clustering.may_fold`` less the means part of ``one_event``: places and stated days still block."""
    for x in xs:
        for y in ys:
            if x.document != y.document:
                continue
            if x.sentence == y.sentence or place_relation(x, y, settings) not in ("same", "within", "unknown"):
                return False
            if x.specific and y.specific and x.days != y.days:
                return False
    return clustering._summaries_agree(clustering.summary(xs), clustering.summary(ys), settings)


def variant(db: Path, fold_data: list[dict[str, Any]], threshold: float | None, relax: bool) -> dict[str, Any]:
    """One post-hoc variant's out-of-fold figures on both golds (off, on, change)."""
    shipped = within.fold_reports

    def patched(clusters: list[list[Mention]], settings: Settings, model: WithinModel,
                may: Callable[[list[Mention], list[Mention]], bool]) -> list[list[Mention]]:
        model = dataclasses.replace(model, threshold=threshold) if threshold is not None else model
        return shipped(clusters, settings, model, (lambda a, b: _no_means(a, b, settings)) if relax else may)

    clustering.fold_reports = patched  # type: ignore[assignment]  # the study's variant, restored below
    try:
        figures = _run_folds(db, fold_data)
    finally:
        clustering.fold_reports = shipped
    return figures


def _run_folds(db: Path, fold_data: list[dict[str, Any]]) -> dict[str, Any]:
    base = load_settings()
    golds = {name: [g for g in read_gold(path) if g.split == "tune"] for name, path in oof.GOLDS.items()}
    folds = [set(f["documents"]) for f in fold_data]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "fakes.db"
        shutil.copyfile(db, copy)
        export, _ = oof.rebuilt(copy, dataclasses.replace(base, within_report=False))
        with Store(str(copy), readonly=True) as store:
            rows = oof._document_rows(store)
        off = {name: [score(export, g) for g in lines] for name, lines in golds.items()}
        on: dict[str, list[Any]] = {name: [] for name in golds}
        for k, f in enumerate(fold_data):
            model = WithinModel.from_dict(f["model"])
            export_k, _ = oof.rebuilt(copy, dataclasses.replace(base, within_report=True, within=model))
            for name, lines in golds.items():
                on[name] += [score(export_k, g) for g in lines if oof.fold_of(g, folds, rows) == k]
    out = {}
    for name in golds:
        a, b = oof.figures(off[name]), oof.figures(on[name])
        out[name] = {k: v for k, v in oof.compare(a, b).items()} | {
            "off": {k: a[k] for k in ("split_over", "right", "purity_events_by_span")},
            "on": {k: b[k] for k in ("split_over", "right", "purity_events_by_span")}}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--folds", type=Path, required=True, help="scripts/train_within_report.py --folds-out")
    ap.add_argument("study", choices=("strays", "variants"))
    args = ap.parse_args(argv)
    fold_data = json.loads(args.folds.read_text(encoding="utf-8"))["folds"]
    if args.study == "strays":
        golds = [g for g in read_gold(oof.GOLDS["one-report"]) if g.split == "tune" and g.real]
        result = strays(args.db, fold_data, golds)
    else:
        result = {f"threshold {t}": variant(args.db, fold_data, t, False) for t in (0.6, 0.7)}
        result["means left to the model"] = variant(args.db, fold_data, None, True)
        result["means left to the model, threshold 0.6"] = variant(args.db, fold_data, 0.6, True)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
