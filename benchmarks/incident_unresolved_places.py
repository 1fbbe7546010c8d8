"""Unresolved event places on the deciding mention pairs of the TUNE pairs (issue 11, incidents53).

An *unresolved* place (``blocking.unresolved``: a name the gazetteer lacks, kept by the events
stage with no point and no level) is read by main's ``blocking.places_relation`` as a
country-level place. This script counts, on the ``"split": "tune"`` pairs of the labelled file
only (the check half is never read), linked as ``sitrep eval incidents`` links them (the shipped
linker, in sample):

- per tune report pair, its *deciding* mention pair: of the candidate mention pairs of the two
  reports (``linker.candidates``, the pairs the linker scores), the one with the highest mention
  score (what ``linker.align`` aligns); blocked pairs have none;
- how many deciding pairs involve an unresolved place, by the relation main gives them, the
  relation ``blocking.UNRESOLVED_FINE`` would give them, and the pair's label;
- how many tune false links and lost same pairs (in sample) have such a place on their deciding
  mention pair.

Usage: ``python benchmarks/incident_unresolved_places.py --db DB [--pairs FILE]`` (the database from
``benchmarks/incidents_cost.py``). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from common import REPO, incident_inputs

from sitrep.incidents import blocking
from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.features import Scorer
from sitrep.incidents.linker import candidates, link
from sitrep.incidents.mentions import Mention, PlaceKey, mentions
from sitrep.incidents.scorer import GoldPair, read_pairs
from sitrep.incidents.settings import Settings, load_settings


def kind(p: PlaceKey | None) -> str:
    """none, unresolved or resolved."""
    if p is None:
        return "none"
    return "unresolved" if blocking.unresolved(p) else "resolved"


def relation(a: Mention, b: Mention, settings: Settings, fine: bool) -> str:
    """``blocking.place_relation`` with ``UNRESOLVED_FINE`` set to ``fine`` (put back after)."""
    before = blocking.UNRESOLVED_FINE
    blocking.UNRESOLVED_FINE = fine
    try:
        return blocking.place_relation(a, b, settings)
    finally:
        blocking.UNRESOLVED_FINE = before


def count(tune: list[GoldPair], refs: dict[str, str], found: list[Mention], settings: Settings) -> dict[str, Any]:
    """The counts of the module docstring (``found``: every mention; ``settings``: the shipped ones)."""
    news = sorted((m for m in found if m.role == "news"), key=lambda m: m.id)
    by_id = {m.id: m for m in news}
    best: dict[frozenset[str], tuple[float, str, str]] = {}
    found_pairs: dict[frozenset[str], list[tuple[str, str]]] = {}
    for c in candidates(news, (), Scorer(settings)):
        k = frozenset(c.documents)
        found_pairs.setdefault(k, []).append((c.a, c.b))
        if k not in best or c.mention > best[k][0]:
            best[k] = (c.mention, c.a, c.b)
    reports: dict[str, list[Mention]] = {}
    for m in found:
        reports.setdefault(m.document, []).append(m)
    groups = link(found, settings)
    resolved = [p for p in tune if p.a in refs and p.b in refs]
    got = incident_eval.predictions(groups, resolved, refs, settings, reports)
    deciding: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    rows = []
    for p in resolved:
        label = p.label
        k = frozenset((refs[p.a], refs[p.b]))
        linked = got[(p.a, p.b)].same
        error = "false link" if linked and label == "different" else \
            "lost same pair" if not linked and label == "same" else None
        if k not in best:
            deciding[f"blocked, {label}"] += 1
            if error:
                errors[f"{error}: blocked"] += 1
            continue
        _, x, y = best[k]
        a, b = by_id[x], by_id[y]
        kinds = "+".join(sorted((kind(a.place), kind(b.place))))
        if "unresolved" not in kinds:
            deciding[f"no unresolved place, {label}"] += 1
            if error:
                errors[f"{error}: no unresolved place"] += 1
            continue
        off, on = relation(a, b, settings, False), relation(a, b, settings, True)
        deciding[f"{kinds}, main {off} -> on {on}, {label}"] += 1
        if error:
            errors[f"{error}: {kinds}, main {off} -> on {on}"] += 1
        rows.append({"a": p.a, "b": p.b, "label": label, "linked": linked, "places": kinds,
                     "main": off, "on": on, "names": [q.name if q else None for q in (a.place, b.place)],
                     "other mention pairs": sum(1 for c in found_pairs.get(k, ()) if c != (x, y))})
    return {"tune pairs": len(tune), "resolved": len(resolved), "compared": sum(1 for p in resolved
            if frozenset((refs[p.a], refs[p.b])) in best),
            "deciding mention pair": dict(sorted(deciding.items())),
            "errors in sample": dict(sorted(errors.items())),
            "pairs with an unresolved place": rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    args = ap.parse_args()
    settings = load_settings()
    docs, _, refs = incident_inputs(args.db)
    tune = [p for p in read_pairs(Path(args.pairs)) if p.split == "tune"]
    print(json.dumps(count(tune, refs, mentions(docs, settings), settings), indent=1))


if __name__ == "__main__":
    main()
