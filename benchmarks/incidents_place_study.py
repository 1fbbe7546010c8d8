"""The incident place on the records gold's TUNE incidents (issue 11, rollplace1).

For each real tune incident of the records gold (``docs/incident-records-gold.md``) whose matched
record (``incidents_records_audit.py --json``) has a wrong place, print the record's place, the
gold's, and each news mention of the record: its report, its place (name, level, gazetteer id),
whether that place is one of the gold's accepted names, and how it relates
(``blocking.places_relation``) to the record's place and to the gold's (when a member names it).
The check half is never read (``--split`` only takes tune).

Usage: ``python benchmarks/incidents_place_study.py --db DB --audit TUNE.json
[--gold FILE]`` (``TUNE.json`` from ``incidents_records_audit.py EXPORT --split tune --json``, on
an export of the same database). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from common import REPO

from sitrep.incidents import blocking
from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.build import best_place, incident_id
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import Mention, PlaceKey, mentions
from sitrep.incidents.settings import Settings, load_settings
from sitrep.incidents.update import load_inputs
from sitrep.store import Store


def _norm(name: str) -> str:
    return blocking.place_name_key(name)


def _place(p: PlaceKey | None) -> dict[str, Any] | None:
    return None if p is None else {"name": p.name, "level": p.level, "geonames": p.geonames_id, "admin1": p.admin1}


def _rows(news: list[Mention], rows: dict[str, str], gold_names: set[str], record: PlaceKey | None,
          settings: Settings) -> list[dict[str, Any]]:
    out = []
    for m in sorted(news, key=lambda m: (rows.get(m.document, m.document), m.order)):
        out.append({"row": rows.get(m.document, m.document), "order": m.order, "place": _place(m.place),
                    "gold name": m.place is not None and _norm(m.place.name) in gold_names,
                    "to record": blocking.places_relation(m.place, record, settings)})
    return out


def study(gold: list[dict[str, Any]], audit: dict[str, Any], found: list[Mention], rows: dict[str, str],
          settings: Settings) -> dict[str, Any]:
    """The wrong tune places of the module docstring."""
    groups = {incident_id(g): g for g in link(found, settings)}
    by_gold = {g["id"]: g for g in gold}
    out = []
    reach = {"finer gold place on a member": 0, "gold place on no member": 0}
    for inc in audit["incidents"]:
        g = by_gold[inc["gold"]]
        if g["split"] != "tune" or not g.get("real") or inc["outcomes"].get("place") != "wrong":
            continue
        group = groups[inc["matched"]]
        place = best_place(group.news, settings)
        names = {_norm(n) for n in [g["place"]["name"], *g["place"].get("accepted", [])]}
        key = None if place is None else PlaceKey(place.name, place.geonames_id, place.lat, place.lon,
                                                  place.country, place.admin1, place.level)
        members = _rows(group.news, rows, names, key, settings)
        on_member = any(r["gold name"] for r in members)
        reach["finer gold place on a member" if on_member else "gold place on no member"] += 1
        out.append({"gold": g["id"], "gold place": g["place"]["name"], "containing": g["place"].get("containing", []),
                    "record place": _place(key), "reports": len({m.document for m in group.news}),
                    "members": members})
    return {"wrong tune places": len(out), "reach": reach, "incidents": out}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--audit", required=True)
    ap.add_argument("--gold", default=str(REPO / "benchmarks" / "data" / "fakes_incident_records_gold.jsonl"))
    args = ap.parse_args()
    settings = load_settings()
    gold = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = [g for g in gold if g["split"] == "tune"]
    with Store(Path(args.db), readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    refs = incident_eval.references(docs, sources)
    rows = {doc: ref.rsplit("#", 1)[-1] for ref, doc in refs.items()}
    audit = json.loads(Path(args.audit).read_text(encoding="utf-8"))
    print(json.dumps(study(gold, audit, mentions(docs, settings), rows, settings), indent=1))


if __name__ == "__main__":
    main()
