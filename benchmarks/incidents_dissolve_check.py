"""Dissolving one-report incidents under the seed gate (``Settings.seed_gate``, branch seed1; the checks are bg3's): two checks on a copy
of a FA-KES development database (``--base``, never written).

1. **Incremental equals rebuild.** The copy's reports are hidden (their status set aside on the copy)
   and shown again in ``--batches`` batches in publication order, each followed by an incremental
   ``update_incidents`` with the switch on; the stored incidents, members and attachments must equal
   those of a rebuild of the same copy.
2. **Two-report incidents do not move.** Rebuilt off and on: every incident of two or more reports
   of the off run is in the on run with the same id and the same record, except that ``events`` and
   ``historical`` may gain the ids of recalled mentions (dissolved one-report mentions the attach
   rule joined to it); the on run's incidents are the off run's minus the dissolved one-report ones.

Prints JSON; exits 1 when a check fails. The shipped model is used (no fold routing): both checks are
about the mechanism, not the reading's quality.

Usage: ``python benchmarks/incidents_dissolve_check.py --base FAKES_DB --work DIR [--batches 8]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from sitrep.incidents.settings import Settings, load_settings
from sitrep.incidents.update import Change, update_incidents
from sitrep.store import Store


def state(store: Store) -> tuple[dict[str, dict[str, Any]], list[Any], dict[str, Any]]:
    incidents = {i.id: i.to_dict() for i in store.incidents()}
    return incidents, sorted(store.incident_members()), store.incident_attachments()


def stepwise(base: Path, work: Path, settings: Settings, batches: int) -> dict[str, Any]:
    """Check 1 on a copy: batches of reports linked incrementally, then a rebuild."""
    target = work / "dissolve_incremental.db"
    shutil.copyfile(base, target)
    with Store(str(target)) as store:
        docs = sorted(store.documents(status="analyzed"), key=lambda d: (d.published or "", d.id))
        store.save_incident_state(Change(reset=True))
        with store.conn:  # on this copy only: hide every report, then show them batch by batch
            store.conn.execute("UPDATE documents SET status = 'ingested' WHERE status = 'analyzed'")
        size = -(-len(docs) // batches)
        rebuilt_steps = 0
        for at in range(0, len(docs), size):
            ids = [(d.id,) for d in docs[at:at + size]]
            with store.conn:
                store.conn.executemany("UPDATE documents SET status = 'analyzed' WHERE id = ?", ids)
            rebuilt_steps += update_incidents(store, settings=settings).rebuilt
        incremental = state(store)
        update_incidents(store, settings=settings, rebuild_all=True)
        rebuilt = state(store)
    differing = sorted(set(incremental[0]) ^ set(rebuilt[0]) | {k for k in incremental[0].keys() & rebuilt[0].keys()
                                                                 if incremental[0][k] != rebuilt[0][k]})
    return {"reports": len(docs), "batches": -(-len(docs) // size), "rebuilt_steps": rebuilt_steps,
            "incidents": len(rebuilt[0]), "equal": incremental == rebuilt,
            "incidents_differing": differing[:20], "members_equal": incremental[1] == rebuilt[1],
            "attachments_equal": incremental[2] == rebuilt[2]}


def untouched(base: Path, work: Path, settings: Settings) -> dict[str, Any]:
    """Check 2: off and on rebuilt; incidents of two or more reports compared."""
    runs = {}
    for name, on in (("off", False), ("on", True)):
        target = work / f"dissolve_{name}.db"
        shutil.copyfile(base, target)
        with Store(str(target)) as store:
            update_incidents(store, settings=dataclasses.replace(settings, seed_gate=on), rebuild_all=True)
            runs[name] = state(store)
    off, on = runs["off"][0], runs["on"][0]
    recalled = {m[0] for m in runs["on"][1] if m[3] == "background"} - {m[0] for m in runs["off"][1]
                                                                       if m[3] == "background"}
    moved = []
    for key, record in off.items():
        if len(record["documents"]) < 2:
            continue
        got = dict(on.get(key) or {})
        for field in ("events", "historical"):
            got[field] = [e for e in got.get(field, []) if e not in recalled]
        if got != record:
            moved.append(key)
    gone = sorted(set(off) - set(on))
    return {"incidents_off": len(off), "incidents_on": len(on), "dissolved": len(gone),
            "dissolved_all_one_report": all(len(off[k]["documents"]) == 1 for k in gone),
            "new_on": sorted(set(on) - set(off)), "recalled_mentions": len(recalled),
            "recalled_joining_an_incident": sum(1 for m in runs["on"][1] if m[0] in recalled),
            "multi_report_moved": moved, "multi_report": sum(1 for r in off.values() if len(r["documents"]) > 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--batches", type=int, default=8)
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    settings = dataclasses.replace(load_settings(), seed_gate=True)
    out = {"untouched": untouched(args.base, args.work, settings),
           "incremental": stepwise(args.base, args.work, settings, args.batches)}
    print(json.dumps(out, indent=1))
    u, i = out["untouched"], out["incremental"]
    ok = (i["equal"] and i["rebuilt_steps"] == 1 and not u["multi_report_moved"] and not u["new_on"]
          and u["dissolved_all_one_report"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
