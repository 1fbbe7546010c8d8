"""The within-report fold (``Settings.within_report``) on the incident-records golds, out of fold (issue 11, wdoc2).

    python benchmarks/incidents_within_oof.py --db DB --folds FOLDS.json [--split tune] [--json OUT]
    python benchmarks/incidents_within_oof.py --db DB --split check --json OUT   # the shipped model

DB is an analysed FA-KES development database; it is copied to a temporary file and only the copy's
incidents are rebuilt (``update_incidents(rebuild_all=True)``). FOLDS is ``scripts/train_within_report.py
--folds-out``: the labelled documents in folds, each fold's model fitted without them.

*Off*: the incidents rebuilt with the fold off (main's records). *On, out of fold*: for each fold, the
incidents rebuilt with the fold on and that fold's model, and the gold lines of that fold's documents
scored on it (a gold line whose documents gave no labelled pair is scored on fold 0's run: no model saw
it). Without ``--folds`` the "on" run uses the shipped model (``data/within.json``) for every line: the
reading of the check half, which no model was fitted on.

Both golds (``fakes_incident_records_gold.jsonl``, ``fakes_incident_records_single_gold.jsonl``) are scored
with ``incidents_records_audit.py``'s own functions; printed: per gold, off, on and the change in the
records split over more than one record, right outcomes over the 12 fields (and each field), purity of
events by span, and incidents in the database.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from incidents_records_audit import (
    RIGHT,
    GoldIncident,
    Scored,
    read_database,
    read_gold,
    score,
    summarise,
)

from sitrep.incidents.linker import linked
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import Settings, load_settings
from sitrep.incidents.update import load_inputs, paused_gc, update_incidents
from sitrep.incidents.within import WithinModel
from sitrep.store import Store

DATA = Path(__file__).resolve().parent / "data"
GOLDS = {"two-report": DATA / "fakes_incident_records_gold.jsonl",
         "one-report": DATA / "fakes_incident_records_single_gold.jsonl"}
FIELDS = ("category", "actors", "recipients", "place", "date", "killed.best", "killed.low_high", "injured.best",
          "injured.low_high", "contested", "outlets", "independent_sources")


def readable(path: Path, limit: int = 400) -> set[str]:
    """The ids of the gold lines that may be read: none holding a draw position of ``limit`` or more
    (one-report lines 400 on are judged after fold3's model is frozen; the lead reads them)."""
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line) if line.strip() else None
        if gold is not None and all(int(d) < limit for d in gold.get("draw") or ()):
            out.add(gold["id"])
    return out


def rebuilt(db: Path, settings: Settings) -> tuple[Any, int]:
    """The export of ``db``'s incidents rebuilt with ``settings``, and how many incidents."""
    with Store(str(db)) as store:
        summary = update_incidents(store, settings=settings, rebuild_all=True)
    return read_database(db), summary.incidents


def figures(scored: list[Scored]) -> dict[str, Any]:
    summary = summarise(scored)
    rights = {f: summary.fields.get(f, {}).get(RIGHT, 0) for f in FIELDS}
    return {"split_over": summary.split_over, "right": sum(rights.values()), "fields": rights,
            "purity_events_by_span": summary.purity["events_by_span"], "real": summary.real,
            "records_holding": sum(s.records_holding for s in scored if s.real), "summary": asdict(summary),
            "incidents": [asdict(s) for s in scored]}


def fold_of(gold: GoldIncident, folds: list[set[str]], rows: dict[str, str]) -> int:
    docs = {d for d, r in rows.items() if r in gold.documents}
    return next((k for k, fold in enumerate(folds) if docs & fold), 0)


def compare(off: dict[str, Any], on: dict[str, Any]) -> dict[str, Any]:
    return {"split_over": on["split_over"] - off["split_over"], "right": on["right"] - off["right"],
            "fields": {f: on["fields"][f] - off["fields"][f] for f in FIELDS},
            "purity_events_by_span": round((on["purity_events_by_span"] or 0) - (off["purity_events_by_span"] or 0), 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--folds", type=Path, default=None, help="scripts/train_within_report.py --folds-out")
    ap.add_argument("--split", choices=("tune", "check"), default="tune")
    ap.add_argument("--json", type=Path, dest="json_out")
    ap.add_argument("--cost", type=int, default=0, metavar="RUNS",
                    help="instead: CPU seconds of a rebuild off and on (the shipped model), RUNS of each, alternated")
    ap.add_argument("--aa", action="store_true", help="with --cost: the fold off both ways (an A/A reading)")
    ap.add_argument("--link-cost", type=int, default=0, metavar="RUNS",
                    help="instead: CPU seconds of the linking step alone (linker.linked on the same mentions, "
                         "collector paused), off, on and off again (an A/A arm), RUNS of each, alternated")
    args = ap.parse_args(argv)
    if args.link_cost:
        return link_cost(args.db, args.link_cost)
    if args.cost:
        return cost(args.db, args.cost, aa=args.aa)
    if args.split == "check" and args.folds is not None:
        ap.error("the check half is read with the shipped model (no fold was fitted on it): drop --folds")
    base = load_settings()
    if base.within is None:
        ap.error("no within-report model is shipped (src/sitrep/incidents/data/within.json)")
    golds = {name: [g for g in read_gold(path) if g.split == args.split and g.id in readable(path)]
             for name, path in GOLDS.items()}
    fold_data = json.loads(args.folds.read_text(encoding="utf-8"))["folds"] if args.folds else []
    models = [WithinModel.from_dict(f["model"]) for f in fold_data] or [base.within]
    folds = [set(f["documents"]) for f in fold_data] or [set()]
    out: dict[str, Any] = {"split": args.split, "folds": len(fold_data), "golds": {}}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "fakes.db"
        shutil.copyfile(args.db, copy)
        export, n_off = rebuilt(copy, dataclasses.replace(base, within_report=False))
        with Store(str(copy), readonly=True) as store:
            rows = {d: r for d, r in _document_rows(store).items()}
        off = {name: [score(export, g) for g in lines] for name, lines in golds.items()}
        on: dict[str, list[Scored]] = {name: [] for name in golds}
        counts = []
        for k, model in enumerate(models):
            export_k, n_on = rebuilt(copy, dataclasses.replace(base, within_report=True, within=model))
            counts.append(n_on)
            for name, lines in golds.items():
                on[name] += [score(export_k, g) for g in lines if fold_of(g, folds, rows) == k]
    out["incidents"] = {"off": n_off, "on": counts}
    for name in golds:
        a, b = figures(off[name]), figures(on[name])
        out["golds"][name] = {"off": a, "on": b, "change": compare(a, b)}
        print(f"{name} ({args.split}, {a['real']} real): split {a['split_over']} -> {b['split_over']}, right "
              f"{a['right']} -> {b['right']}, purity by span {a['purity_events_by_span']} -> "
              f"{b['purity_events_by_span']}, records holding {a['records_holding']} -> {b['records_holding']}; "
              f"fields {compare(a, b)['fields']}", file=sys.stderr)
    print(f"incidents: off {n_off}, on {counts}", file=sys.stderr)
    if args.json_out:
        args.json_out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


def cost(db: Path, runs: int, *, aa: bool) -> int:
    """Median CPU seconds (``time.process_time``) of a rebuild with the fold off and on, alternated."""
    base = load_settings()
    arms = {"off": dataclasses.replace(base, within_report=False),
            "on": dataclasses.replace(base, within_report=not aa)}
    seconds: dict[str, list[float]] = {"off": [], "on": []}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "fakes.db"
        shutil.copyfile(db, copy)
        for r in range(runs):
            for name in (("off", "on") if r % 2 == 0 else ("on", "off")):
                with Store(str(copy)) as store:
                    started = time.process_time()
                    update_incidents(store, settings=arms[name], rebuild_all=True)
                    seconds[name].append(time.process_time() - started)
    off, on = statistics.median(seconds["off"]), statistics.median(seconds["on"])
    print(json.dumps({"aa": aa, "runs": runs, "off_s": round(off, 3), "on_s": round(on, 3),
                      "ratio": round(on / off, 3), "seconds": seconds}))
    return 0


def link_cost(db: Path, runs: int) -> int:
    """Median CPU seconds (``time.process_time``) of ``linker.linked`` on ``db``'s mentions with the
    fold off, on (the shipped model) and off again, the three arms alternated in each run; prints
    the ratios on/off and off/off (the A/A reading of the same run)."""
    base = load_settings()
    arms = {"off": dataclasses.replace(base, within_report=False),
            "on": dataclasses.replace(base, within_report=True),
            "off_again": dataclasses.replace(base, within_report=False)}
    with Store(str(db), readonly=True) as store:
        found = mentions(load_inputs(store, store.analyzed_versions()), base)
    seconds: dict[str, list[float]] = {name: [] for name in arms}
    names = list(arms)
    with paused_gc():
        for r in range(runs):
            for name in names[r % 3:] + names[:r % 3]:
                started = time.process_time()
                linked(found, arms[name])
                seconds[name].append(time.process_time() - started)
    median = {name: statistics.median(v) for name, v in seconds.items()}
    print(json.dumps({"runs": runs, "off_s": round(median["off"], 3), "on_s": round(median["on"], 3),
                      "off_again_s": round(median["off_again"], 3), "ratio": round(median["on"] / median["off"], 3),
                      "aa_ratio": round(median["off_again"] / median["off"], 3),
                      "seconds": {k: [round(x, 3) for x in v] for k, v in seconds.items()}}))
    return 0


def _document_rows(store: Store) -> dict[str, str]:
    """Document id -> the FA-KES row reference the golds use (``source`` of the store's inputs)."""
    rows: dict[str, str] = {}
    for source, doc in store.document_sources():
        if "#row" in source:
            rows.setdefault(doc, "FA-KES-Dataset.csv#" + source.rsplit("#", 1)[1])
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
