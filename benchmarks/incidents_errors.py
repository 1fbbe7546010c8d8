"""Linking errors on the TUNE half of the labelled pairs, counted by class (issue 11).

For every tune pair the linker gets wrong (a *same* pair not linked, a *different* pair
linked) and, for comparison, every one it gets right, the best-scoring candidate pair of
their mentions is described by classes read from the data, never by its text:

- ``blocked``: blocking never compared a mention of one report with one of the other;
- ``gap``: days between the two publication dates (0, 1, 2+): multi-day follow-up coverage;
- ``category``: the best pair's two event categories are the same or differ (one strike
  told as an air strike by one outlet and as an attack or a killing by the other);
- ``perpetrator``: both mentions name a party, one does, or neither (reports without one);
- ``days``: both mentions state their day, or at least one has only its publication date;
- ``lead``: both mentions are their report's lead event, one is, or neither (a second item).

Only ``"split": "tune"`` pairs are read; the check half is never looked at here.

Usage: ``python benchmarks/incidents_errors.py --db DB [--pairs FILE]`` (the database from
``benchmarks/incidents_cost.py``); prints JSON: per class, counts of right/missed/false links.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.blocking import candidate_pairs
from sitrep.incidents.features import Scorer
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.scorer import read_pairs, same_incident_pairs
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import load_inputs
from sitrep.store import Store

REPO = Path(__file__).resolve().parents[1]


def classes(a: Mention, b: Mention) -> dict[str, str]:
    """The classes of one mention pair (see the module doc)."""
    gap = abs(a.published - b.published) if a.published is not None and b.published is not None else None
    named = sum(bool(m.parties) for m in (a, b))
    leads = sum(m.order == 0 for m in (a, b))
    return {
        "gap": "unknown" if gap is None else str(min(gap, 2)) + ("+" if gap >= 2 else ""),
        "category": "same" if a.event.category == b.event.category else "differ",
        "perpetrator": ("neither", "one", "both")[named],
        "days": "both stated" if a.specific and b.specific else "publication date",
        "lead": ("neither", "one", "both")[leads],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    args = ap.parse_args()
    settings = load_settings()
    with Store(args.db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    refs = incident_eval.references(docs, sources)
    gold = {frozenset((refs[p.a], refs[p.b])): p.label == "same"
            for p in read_pairs(Path(args.pairs)) if p.split == "tune" and p.a in refs and p.b in refs}
    found = mentions(docs, settings)
    linked = same_incident_pairs(incident_eval.reporting_documents(g) for g in link(found, settings))
    scorer = Scorer(settings)
    best: dict[frozenset[str], tuple[float, Mention, Mention]] = {}
    for a, b in candidate_pairs([m for m in found if m.role == "news"], settings):
        key = frozenset((a.document, b.document))
        if key in gold and a.document != b.document:
            score = scorer(a, b)
            if key not in best or score > best[key][0]:
                best[key] = (score, a, b)
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for key, same in sorted(gold.items(), key=lambda kv: sorted(kv[0])):
        outcome = {(True, True): "linked", (True, False): "missed",
                   (False, True): "false link", (False, False): "kept apart"}[(same, key in linked)]
        if key not in best:
            table["blocked"][outcome] += 1
            continue
        for name, value in classes(best[key][1], best[key][2]).items():
            table[f"{name}: {value}"][outcome] += 1
    print(json.dumps({k: dict(v) for k, v in sorted(table.items())}, indent=1))


if __name__ == "__main__":
    main()
