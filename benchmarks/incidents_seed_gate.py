"""The seed gate (``Settings.seed_gate``, issue 11, branch seed1) off and on.

Copies ``--base`` (a FA-KES development database, never written) to ``--work``/off.db and on.db,
rebuilds the incidents of each with this code (off: the gate off; on: the gate on), and scores
both incident-records golds (``--split``, default tune) with ``incidents_records_audit.py``:

- **formed**: of the gold's ``real: false`` draws, how many still form an incident (a news mention of
  their sampled record — ids in ``--base`` — is a news mention of an exported incident);
- **lost**: real gold incidents matched off and unmatched on (no incident holds a news event in their spans);
- right outcomes per scored field and their sum;
- **dissolved**: of the off run's one-report incidents, how many the on run does not create, and the
  one-report gold's real lines whose records are "split over more than one record".

``--oof FILE`` (written by ``events_record_model.py --scope after_lead --folds-out FILE``): in the on
run each tune article of the record model's training is read by the fold model fitted without its
wave; every other report by the shipped model. ``--threshold T``: the gate's threshold instead of
the shipped ``Settings.seed_threshold`` (to choose it on tune). ``--probe``: instead, per gold line
the off run's matched records' record probabilities (for choosing the threshold and the scope).
``--cost N``: instead, N full rebuilds off and on alternated in one process (``gc.collect()`` before
each), after an A/A reading (off against off); prints the ratios of the medians.

Usage: ``python benchmarks/incidents_seed_gate.py --base FAKES_DB --work DIR [--oof FILE] [--json OUT]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from incidents_records_audit import RIGHT, read_database, read_gold, score, summarise

from sitrep.incidents.settings import Settings, load_settings
from sitrep.incidents.update import update_incidents
from sitrep.stages.events.record_model import RecordModel
from sitrep.store import Store

REPO = Path(__file__).resolve().parents[1]
GOLDS = {"two-report": REPO / "benchmarks" / "data" / "fakes_incident_records_gold.jsonl",
         "one-report": REPO / "benchmarks" / "data" / "fakes_incident_records_single_gold.jsonl"}


def fold_models(path: Path) -> dict[str, RecordModel]:
    """FA-KES row reference -> the record model fitted without its wave (``--folds-out`` file)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    models = [RecordModel(dict(zip(m["features"], m["weights"], strict=True)), float(m["intercept"]),
                          float(m["threshold"]), str(m["scope"])) for m in data["models"]]
    return {doc: models[w] for doc, w in data["documents"].items()}


def settings_for(on: bool, oof: Path | None, threshold: float | None = None) -> Settings:
    shipped = load_settings()
    if not on:
        return dataclasses.replace(shipped, seed_gate=False)
    folds = fold_models(oof) if oof is not None else None
    return dataclasses.replace(shipped, seed_gate=True, record_folds=folds,
                               seed_threshold=shipped.seed_threshold if threshold is None else threshold)


def rebuilt(base: Path, target: Path, settings: Settings) -> float:
    shutil.copyfile(base, target)
    with Store(str(target)) as store:
        gc.collect()
        started = time.process_time()
        update_incidents(store, settings=settings, rebuild_all=True)
        return time.process_time() - started


def sampled_news(base: Path) -> dict[str, set[tuple[str, int, int]]]:
    """Incident id in ``base`` -> its news events as (document, start, end)."""
    export = read_database(base)
    return {i: {(export.events[e].row, export.events[e].start, export.events[e].end) for e in inc.news_events}
            for i, inc in export.incidents.items()}


def reading(db: Path, base_news: dict[str, set[tuple[str, int, int]]], split: str) -> dict[str, Any]:
    export = read_database(db)
    news = {(export.events[e].row, export.events[e].start, export.events[e].end)
            for inc in export.incidents.values() for e in inc.news_events}
    out: dict[str, Any] = {}
    for name, path in GOLDS.items():
        golds = [g for g in read_gold(path) if g.split == split]
        raw = {json.loads(x)["id"]: json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()}
        scored = [score(export, g) for g in golds]
        summary = summarise(scored)
        right = {k: v.get(RIGHT, 0) for k, v in summary.fields.items()}
        false_lines = [g.id for g in golds if not g.real]
        formed = [i for i in false_lines
                  if any(m in news for inc in raw[i].get("sampled_from") or [] for m in base_news.get(inc, ()))]
        out[name] = {"right": right, "right_sum": sum(right.values()), "false_draws": len(false_lines),
                     "formed": formed, "matched": sorted(s.gold for s in scored if s.real and s.matched),
                     "real": sum(1 for s in scored if s.real), "purity": summary.purity,
                     "split": sum(1 for s in scored if s.real and s.records_holding > 1)}
    out["one_report_incidents"] = sum(1 for inc in export.incidents.values() if len(set(inc.rows)) == 1)
    return out


def compare(off: dict[str, Any], on: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"one_report_dissolved": off["one_report_incidents"] - on["one_report_incidents"],
                           "one_report_share_dissolved": round(1 - on["one_report_incidents"]
                                                              / max(1, off["one_report_incidents"]), 4)}
    for name in GOLDS:
        a, b = off[name], on[name]
        out[name] = {"no_longer_formed": sorted(set(a["formed"]) - set(b["formed"])),
                     "newly_formed": sorted(set(b["formed"]) - set(a["formed"])),
                     "lost": sorted(set(a["matched"]) - set(b["matched"])),
                     "right_change": b["right_sum"] - a["right_sum"],
                     "field_changes": {k: b["right"].get(k, 0) - v for k, v in a["right"].items()
                                       if b["right"].get(k, 0) != v}}
    return out


def probe(db: Path, oof: Path | None, split: str) -> dict[str, Any]:
    """Per gold line of ``split``: the reports and the news mentions' record probabilities (gate on,
    out of fold with ``oof``) of its records in ``db`` (off): the matched record of a real line, the
    sampled records of a ``real: false`` line. For choosing the threshold and the scope on tune."""
    from sitrep.incidents.mentions import record_probabilities
    from sitrep.incidents.update import load_inputs

    settings = settings_for(True, oof)
    export = read_database(db)
    with Store(str(db)) as store:
        docs = sorted({d.id for d in store.documents()})
        probs: dict[str, float] = {}
        for i in range(0, len(docs), 50):
            for item in load_inputs(store, docs[i:i + 50]):
                probs.update(record_probabilities(item, settings))
    out: dict[str, Any] = {}
    for name, path in GOLDS.items():
        raw = {json.loads(x)["id"]: json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()}
        for g in read_gold(path):
            if g.split != split:
                continue
            ids = [score(export, g).matched] if g.real else list(raw[g.id].get("sampled_from") or [])
            out[f"{name}/{g.id}"] = {"real": g.real, "records": [
                {"reports": len(set(export.incidents[i].rows)),
                 "p": sorted(round(probs.get(e, 1.0), 3) for e in export.incidents[i].news_events)}
                for i in ids if i in export.incidents]}
    return out


def cost(base: Path, work: Path, runs: int, oof: Path | None) -> dict[str, Any]:
    off, on = settings_for(False, oof), settings_for(True, None)
    aa = [rebuilt(base, work / "cost.db", s) for s in (off, off) * runs]
    times = {"off": [], "on": []}
    for _ in range(runs):
        for name, s in (("off", off), ("on", on)):
            times[name].append(rebuilt(base, work / "cost.db", s))
    return {"aa": statistics.median(aa[1::2]) / statistics.median(aa[0::2]), "seconds": times,
            "ratio": statistics.median(times["on"]) / statistics.median(times["off"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--oof", type=Path, default=None)
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--probe", action="store_true")
    ap.add_argument("--split", choices=("tune", "check"), default="tune")
    ap.add_argument("--cost", type=int, default=0)
    ap.add_argument("--json", type=Path, dest="json_out")
    args = ap.parse_args(argv)
    if args.cost:
        result: dict[str, Any] = cost(args.base, args.work, args.cost, args.oof)
    elif args.probe:
        rebuilt(args.base, args.work / "off.db", settings_for(False, None))
        result = probe(args.work / "off.db", args.oof, args.split)
    else:
        base_news = sampled_news(args.base)
        result = {}
        for name, on in (("off", False), ("on", True)):
            db = args.work / f"{name}.db"
            rebuilt(args.base, db, settings_for(on, args.oof, args.threshold))
            result[name] = reading(db, base_news, args.split)
        result["change"] = compare(result["off"], result["on"])
    text = json.dumps(result, indent=1, sort_keys=True)
    sys.stdout.write(text + "\n")
    if args.json_out:
        args.json_out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
