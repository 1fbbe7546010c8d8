"""Where each report's versions sit, for the TUNE pairs the contested reading gets wrong (issue 11).

Reads the out-of-fold rows of ``benchmarks/incidents_contested_oof.py --pairs-out FILE`` and keeps
the tune pairs whose contested error is not a linking miss in some split: a differing pair linked
with no right field flagged, or an agreeing pair linked with a flag. For each such pair, the
shipped linker (in sample: the reading errors are the same pairs in every split) links every
analysed report, and each report's version of the incident the pair shares is described by
*where* its figures and its blame sit, read from the data, never from the text:

- figures (exact or hedged counts, the ones ``contested`` compares): ``aligned`` (on an event the
  linker put in the incident), ``scope`` (on another event of the report's version,
  ``contested.report_scope``), ``loose`` (an incident-scope figure the casualties stage tied to no
  event, ``Mention.loose``), the last split by its sentence: ``headline`` (before the report's first
  event sentence), ``quote`` (a quotation record covers it), ``other sentence``; and whether
  ``contested.tied_figures`` ties it to the incident (``tied``) or leaves it out (``untied``);
- blame: which parties the report's version names, by how they are read: ``doer`` (actors of the
  aligned assault mentions), ``scope doer`` (of another assault of the version, read when the
  aligned ones name none), ``accused`` (targets of an accusation about it), ``denial`` (a negated
  event of it), ``rejection`` (a rejection about it).

Also counts, over every tune pair the shipped linker links, how each report's blame is read
(the same five ways): what the contested reading of blame rests on.

Only ``"split": "tune"`` pairs are read; the check half is never looked at.

Usage: ``python benchmarks/incidents_version_sites.py --db DB --rows FILE`` (``FILE`` from
``incidents_contested_oof.py --pairs-out``; the database from ``benchmarks/incidents_cost.py``).
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import common  # noqa: F401  (puts src on sys.path)

from sitrep.incidents import contested as c
from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.inputs import figure_start
from sitrep.incidents.linker import Group, link
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.scorer import read_pairs
from sitrep.incidents.settings import Settings, load_settings
from sitrep.incidents.update import load_inputs
from sitrep.records import Quote
from sitrep.store import Store

REPO = Path(__file__).resolve().parents[1]


def reading_errors(rows: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    """(a, b) -> "miss" or "false flag": the tune same pairs with a reading error in some split."""
    out: dict[tuple[str, str], str] = {}
    for row in rows:
        gold, flagged = set(row["gold"]), set(row["flagged"])
        if not row["linked"]:
            continue
        if gold and not gold & flagged:
            out[(row["a"], row["b"])] = "miss"
        elif not gold and flagged:
            out[(row["a"], row["b"])] = "false flag"
    return out


def shared_incident(groups: Sequence[Group], a: str, b: str,
                    reports: Mapping[str, Sequence[Mention]]) -> list[Mention] | None:
    """The two reports' mentions in their principal shared incident (``evaluate.pair_contested``'s choice)."""
    shared = [g for g in groups if {a, b} <= incident_eval.reporting_documents(g)]
    if not shared:
        return None
    leads = {lead.id for d in (a, b) if (lead := c.lead_event(reports.get(d, ()))) is not None}
    best = max(shared, key=lambda g: (sum(m.id in leads for m in g.mentions),
                                      sum(m.document in (a, b) for m in g.mentions), min(m.id for m in g.news)))
    return [m for m in best.mentions if m.document in (a, b)]


def figure_sites(own: Sequence[Mention], version: Sequence[Mention], report: Sequence[Mention],
                 quotes: Sequence[tuple[int, int]]) -> Counter[str]:
    """Where one report's comparable figures of the incident sit (see the module doc)."""
    out: Counter[str] = Counter()
    held = {m.id for m in own}
    for m in version:
        for f in m.figures:
            if c._comparable(f):  # noqa: SLF001  (the reading's own test)
                out["aligned" if m.id in held else "scope"] += 1
    tied = {id(f) for m in c.tied_figures(version, report) for f in m.figures}
    first = min((m.sentence[0] for m in report), default=0)
    for f in next((m.loose for m in report if m.loose), ()):
        if not c._comparable(f):  # noqa: SLF001
            continue
        start = figure_start(f) or 0
        where = ("headline" if start < first else
                 "quote" if any(s <= start < e for s, e in quotes) else "other sentence")
        out[f"loose, {where}, {'tied' if id(f) in tied else 'untied'}"] += 1
    return out


def blame_sites(own: Sequence[Mention], version: Sequence[Mention], report: Sequence[Mention],
                settings: Settings) -> dict[str, list[str]]:
    """How one report's blame is read (see the module doc): way -> parties, non-empty ways only."""
    own, version, report = c.plain(own), c.plain(version), c.plain(report)
    told = [*own, *c._referring(own, version, settings)]  # noqa: SLF001
    doer = c._perpetrators(own)  # noqa: SLF001
    scope_doer = frozenset() if doer else c._perpetrators([r for r in version if c._same_means(r, own)])  # noqa: SLF001
    ways = {
        "doer": doer, "scope doer": scope_doer,
        "accused": c._accused(told, report, settings),  # noqa: SLF001
        "denial": frozenset(p for m in told if m.role == "denial" for p in m.parties),
        "rejection": frozenset(p for r in c._about(told, report, "REJECT", settings) for p in r.parties),  # noqa: SLF001
    }
    return {k: sorted(v) for k, v in ways.items() if v}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--rows", required=True, help="incidents_contested_oof.py --pairs-out FILE")
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    args = ap.parse_args()
    settings = load_settings()
    with Store(Path(args.db), readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
        quotes: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for q in store.records_for(Quote, [d.document.id for d in docs]):
            quotes[q.document].append((q.start, q.end))
    refs = incident_eval.references(docs, sources)
    rows = [json.loads(x) for x in Path(args.rows).read_text(encoding="utf-8").splitlines() if x.strip()]
    errors = reading_errors(rows)
    found = mentions(docs, settings)
    reports: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        reports[m.document].append(m)
    groups = link(found, settings)
    tune = [p for p in read_pairs(Path(args.pairs)) if p.split == "tune" and p.a in refs and p.b in refs]
    pairs_out: list[dict[str, Any]] = []
    blame_ways: Counter[str] = Counter()
    linked = 0
    for p in tune:
        a, b = refs[p.a], refs[p.b]
        two = shared_incident(groups, a, b, reports)
        if two is None:
            continue
        linked += 1
        scope = c.agreeing_scope(c.report_scope(two, reports, settings), frozenset(m.id for m in two))
        per_doc = {}
        for side, d in (("a", a), ("b", b)):
            own = [m for m in two if m.document == d]
            ways = blame_sites(own, scope.get(d, own), reports[d], settings)
            blame_ways.update(list(ways) or ["none"])
            per_doc[side] = {"figures": dict(figure_sites(own, scope.get(d, own), reports[d], quotes[d])),
                             "blame": ways}
        if (p.a, p.b) in errors:
            pairs_out.append({"pair": f"{p.a.split('#')[-1]}/{p.b.split('#')[-1]}", "error": errors[(p.a, p.b)],
                              "gold": list(p.contested), **per_doc})
    print(json.dumps({"reading_errors": pairs_out,
                      "blame_read_by_way": {"linked_tune_pairs": linked, "reports": dict(blame_ways)}}, indent=1))


if __name__ == "__main__":
    main()
