"""Reports that tell two or more events of one family apart in day or place (issue 11, ``incidents60``).

On the TUNE pairs only (``"split": "tune"``; the check half is never read): every report of a tune
pair whose news mentions of one category family state two or more days (``Mention.family_days``), or
name two fine places (town level or finer) that cannot be one place (``blocking.place_relation`` is
"far"), is counted as telling several events; the tune pairs that involve such a report are counted
by label; and with the shipped linker (``linker.link``, or with ``SITREP_INCIDENT_CLUSTERING`` set)
each such report is checked for *misplaced* mentions: an incident holding its mentions that state one
of its days while the other reports' mentions in that incident state (most often) another of its
stated days — the report's other event, joined to the wrong one of its groups.

Usage: ``python benchmarks/incident_split_reports.py --db DB [--pairs FILE]``. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.blocking import place_relation
from sitrep.incidents.linker import Group, link
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.scorer import read_pairs
from sitrep.incidents.settings import Settings, load_settings
from sitrep.incidents.update import load_inputs
from sitrep.store import Store

REPO = Path(__file__).resolve().parents[1]


def apart_by(ms: list[Mention], settings: Settings) -> set[str]:
    """How one report's news mentions of one family fall apart: "day" (two stated days), "place"
    (two fine places that cannot be one)."""
    out = set()
    news = [m for m in ms if m.role == "news"]
    by_family: dict[str, list[Mention]] = defaultdict(list)
    for m in news:
        by_family[m.family].append(m)
    for group in by_family.values():
        if len({m.days for m in group if m.specific}) > 1:
            out.add("day")
        fine = [m for m in group if m.place is not None and (m.place.level or 0) >= 3]
        if any(place_relation(a, b, settings) == "far" for i, a in enumerate(fine) for b in fine[i + 1:]):
            out.add("place")
    return out


def misplaced(doc: str, groups: list[Group]) -> int:
    """Incidents holding ``doc``'s mentions of one stated day whose other reports state (most often)
    another of ``doc``'s stated days."""
    count = 0
    for g in groups:
        own = [m for m in g.news if m.document == doc]
        days = {m.days[0] for m in own if m.specific and m.days is not None}
        if not own or not days:
            continue
        stated = {d[0] for m in own for d in m.family_days}
        other = Counter(m.days[0] for m in g.news if m.document != doc and m.specific and m.days is not None)
        if other:
            day = min(other, key=lambda d: (-other[d], d))
            count += day in stated and day not in days
    return count


def study(db: Path, pairs_file: Path) -> dict[str, Any]:
    settings = load_settings()
    with Store(db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    refs = incident_eval.references(docs, sources)
    tune = [p for p in read_pairs(pairs_file) if p.split == "tune" and p.a in refs and p.b in refs]
    found = mentions(docs, settings)
    reports: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        reports[m.document].append(m)
    tune_docs = {refs[p.a] for p in tune} | {refs[p.b] for p in tune}
    kinds = {d: apart_by(reports.get(d, []), settings) for d in sorted(tune_docs)}
    several = {d for d, k in kinds.items() if k}
    groups = link(found, settings)
    by_kind = Counter(k for ks in kinds.values() for k in ks)
    involved = [p for p in tune if refs[p.a] in several or refs[p.b] in several]
    wrong = {d: n for d in sorted(several) if (n := misplaced(d, groups))}
    return {"tune_reports": len(tune_docs), "several_events": len(several), "by_kind": dict(by_kind),
            "day_only": sum(k == {"day"} for k in kinds.values()),
            "tune_pairs": len(tune), "pairs_involving": len(involved),
            "pairs_involving_by_label": dict(Counter(p.label for p in involved)),
            "reports_with_misplaced_incidents": len(wrong), "misplaced_incidents": sum(wrong.values())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    args = ap.parse_args()
    print(json.dumps(study(Path(args.db), Path(args.pairs)), indent=1))


if __name__ == "__main__":
    main()
