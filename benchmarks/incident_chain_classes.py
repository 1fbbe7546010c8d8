"""How the linker joins the TUNE half's false links, out of fold (issue 11, ``incidents49``).

For each of the fit's seeded splits (``fit_incident_linker.fold_assignments``, fold seed 11),
each fold's two linker levels are refitted on the other folds as the shipped linker was (its l2
and fit weights, the shipped thresholds: ``incidents_losses.py --repeats``'s estimator), the
whole corpus is linked, and every *different* tune pair of the held fold that ends in one
incident is classed by how its two reports were joined:

- ``direct``: an edge between a mention of each (the report model linked them, or the rescue
  edge of their best mention pair);
- ``copy``: no such edge, but a report on the path between them is a wire copy of one of the two
  (``copies.copy_groups``): a merge through a shared copy;
- ``chain``: no such edge; the two are joined through one or more other reports of the incident
  (the shortest path of report pairs with an edge, inside the incident).

A chain's *joining reports* (the inner reports of the shortest path) are described by what
they hold: ``roundup`` (its news mentions end in 3 or more incidents), ``multi-incident`` (2),
``background`` (one incident, but an edge of the path meets it at a mention that is not its lead
event, ``contested.lead_event``: an earlier incident recalled in the body), ``two groups``
(its two path edges meet two different sentence groups of it, both its lead's incident), else
``lead``: the joining report tells one event and both edges meet it. Also per chain: the path
length and, from the two ends' view, whether the ends disagree on the toll (both give one,
more than 10 % apart) or on the consensus place (``place_relation`` far/near).

Only ``"split": "tune"`` pairs are read; the check half is never looked at here.

Usage: ``python benchmarks/incident_chain_classes.py --db DB [--repeats 5] [--linker FILE] [--out FILE]``
(the database from ``benchmarks/incidents_cost.py``). Prints JSON: per class the mean per split
and each pair's count of splits.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
from collections import Counter, defaultdict, deque
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import fit_incident_linker as fit  # noqa: E402
from incidents_losses import fold_setup  # noqa: E402

from sitrep.incidents import evaluate as incident_eval  # noqa: E402
from sitrep.incidents.clustering import Edge, cluster  # noqa: E402
from sitrep.incidents.contested import lead_event  # noqa: E402
from sitrep.incidents.copies import copy_groups  # noqa: E402
from sitrep.incidents.features import Scorer  # noqa: E402
from sitrep.incidents.linker import align, candidates  # noqa: E402
from sitrep.incidents.mentions import Mention  # noqa: E402

#: tolls more than this share apart differ (as ``incident_pair_classes``)
TOLL_TOLERANCE = 0.10


def shortest_path(graph: dict[str, set[str]], a: str, b: str) -> list[str]:
    """The shortest path of reports from ``a`` to ``b`` in ``graph`` (ties: the smaller ids first),
    [] when none."""
    prev: dict[str, str | None] = {a: None}
    todo = deque([a])
    while todo:
        x = todo.popleft()
        if x == b:
            path = [b]
            while (p := prev[path[-1]]) is not None:
                path.append(p)
            return path[::-1]
        for y in sorted(graph.get(x, ())):
            if y not in prev:
                prev[y] = x
                todo.append(y)
    return []


def joining_kind(report: str, path_mentions: set[str], incidents_of: dict[str, set[int]],
                 lead: dict[str, str | None], group_of: dict[str, int]) -> str:
    """What a chain's joining report holds (see the module doc)."""
    held = len(incidents_of.get(report, set()))
    if held >= 3:
        return "roundup"
    if held == 2:
        return "multi-incident"
    if lead.get(report) not in path_mentions:
        return "background"
    if len({group_of[m] for m in path_mentions}) > 1:
        return "two groups"
    return "lead"


def tolls_differ(x: int | None, y: int | None) -> bool:
    return x is not None and y is not None and abs(x - y) > TOLL_TOLERANCE * max(x, y)


def classify(news: list[Mention], groups: list[list[Mention]], edges: list[Edge], clusters: list[list[Mention]],
             pairs: set[frozenset[str]], copies: dict[str, str]) -> dict[frozenset[str], dict[str, Any]]:
    """Each pair of ``pairs`` (report ids) that ends in one incident, classed (module doc)."""
    doc = {m.id: m.document for m in news}
    toll = {m.document: m.toll for m in news}
    group_of = {m.id: i for i, g in enumerate(groups) for m in g}
    owner = {m.id: i for i, c in enumerate(clusters) for m in c}
    incidents_of: dict[str, set[int]] = defaultdict(set)
    for m in news:
        incidents_of[m.document].add(owner[m.id])
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in news:
        by_doc[m.document].append(m)
    lead = {d: (lead.id if (lead := lead_event(ms)) is not None else None) for d, ms in by_doc.items()}
    # the report graph of each incident: report pairs with an edge inside it, and the mentions it meets
    graph: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    met: dict[tuple[str, str], set[str]] = defaultdict(set)
    direct: set[frozenset[str]] = set()
    for e in edges:
        if owner.get(e.a) is None or owner[e.a] != owner.get(e.b):
            continue
        x, y = doc[e.a], doc[e.b]
        direct.add(frozenset((x, y)))
        graph[owner[e.a]][x].add(y)
        graph[owner[e.a]][y].add(x)
        met[(x, y)].add(e.a)
        met[(y, x)].add(e.b)
    out: dict[frozenset[str], dict[str, Any]] = {}
    for k in pairs:
        a, b = sorted(k)
        shared = incidents_of.get(a, set()) & incidents_of.get(b, set())
        if not shared:
            continue
        if k in direct:
            out[k] = {"how": "direct"}
            continue
        path = min((p for i in shared if (p := shortest_path(graph[i], a, b))), key=lambda p: (len(p), p),
                   default=[])
        inner = path[1:-1]
        row: dict[str, Any] = {"how": "chain", "length": len(path) - 1, "joining": [],
                               "ends_toll_differ": tolls_differ(toll.get(a), toll.get(b))}
        if any(copies.get(c, c) in (copies.get(a, a), copies.get(b, b)) for c in inner):
            row["how"] = "copy"
        for i, c in enumerate(inner):
            at = met[(c, path[i])] | met[(c, path[i + 2])]
            row["joining"].append(joining_kind(c, at, incidents_of, lead, group_of))
            row.setdefault("detail", []).append({
                "incidents": len(incidents_of.get(c, set())), "lead_met": lead.get(c) in at,
                "groups_met": len({group_of[m] for m in at}),
                "sides_met": [len(met[(c, path[i])]), len(met[(c, path[i + 2])])]})
        out[k] = row
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--linker", default=str(REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json"),
                    help="the linker file whose l2, fit weights and thresholds the folds use (default: the shipped "
                         "one)")
    ap.add_argument("--out", default=None, help="one line per classed false link and split (JSON Lines)")
    args = ap.parse_args()
    docs, sources, gold, l2, _, model, settings, data, keys, sample, linking, _ = fold_setup(
        Path(args.db), Path(args.pairs), Path(args.linker))
    copies = copy_groups(docs_of(docs), settings)
    refs = {v: k for k, v in incident_eval.references(docs, sources).items()}
    rows: list[dict[str, Any]] = []
    splits = fit.fold_assignments(fit.fold_groups(keys, data), 5, args.repeats, fit.FOLD_SEED)
    for r, fold in enumerate(splits):
        for f in sorted(set(fold)):
            train = [i for i, g in enumerate(fold) if g != f]
            fitted = fit.fit_levels([data[i] for i in train], l2, args.rounds, [sample[i] for i in train])
            at = dataclasses.replace(settings, model=dataclasses.replace(
                model, weights=fitted.weights, bias=fitted.bias, mention_bias=fitted.mention_bias))
            found = candidates(linking.news, (), Scorer(at))
            edges = align(found, model.threshold, model.align_threshold, model.best_threshold,
                          (model.rescue_report, model.rescue_mention))
            clusters = cluster(linking.groups, edges, at)
            held = {k for k, g in zip(keys, fold, strict=True) if g == f and not gold[k]}
            for k, row in classify(linking.news, linking.groups, edges, clusters, held, copies).items():
                a, b = sorted(refs.get(d, d).split("#")[-1] for d in k)
                rows.append({"split": r, "pair": f"{a}/{b}", **row})
    n = len(splits)
    hows = Counter(x["how"] for x in rows)
    joins = Counter(x["joining"][0] if len(x["joining"]) == 1 else "longer: " + "+".join(x["joining"])
                    for x in rows if x["how"] == "chain")
    per_pair: dict[str, Counter[str]] = defaultdict(Counter)
    for x in rows:
        per_pair[x["how"]][x["pair"]] += 1
    held = Counter(len(v) for v in incidents_per_report(linking.news, clusters).values())
    out = {"splits": n, "incidents per report (last fold linked)": dict(sorted(held.items())), "false links per split": round(len(rows) / n, 1),
           "how joined, per split": {k: round(v / n, 1) for k, v in hows.most_common()},
           "per split, each": {h: [sum(1 for x in rows if x["how"] == h and x["split"] == i) for i in range(n)]
                               for h in hows},
           "chains by joining report, per split": {k: round(v / n, 1) for k, v in joins.most_common()},
           "chain length, per split": {str(k): round(v / n, 1) for k, v in
                                       sorted(Counter(x["length"] for x in rows if x["how"] == "chain").items())},
           "chains whose ends' tolls differ, per split": round(
               sum(1 for x in rows if x["how"] == "chain" and x["ends_toll_differ"]) / n, 1),
           "pairs (splits of n)": {h: dict(sorted(c.items())) for h, c in per_pair.items()},
           "mean sd check": round(statistics.pstdev([sum(1 for x in rows if x["split"] == i) for i in range(n)]), 2)}
    print(json.dumps(out, indent=1))
    if args.out:
        Path(args.out).write_text("".join(json.dumps(x) + "\n" for x in rows), encoding="utf-8")


def incidents_per_report(news: list[Mention], clusters: list[list[Mention]]) -> dict[str, set[int]]:
    """Report -> the incidents its news mentions end in."""
    owner = {m.id: i for i, c in enumerate(clusters) for m in c}
    out: dict[str, set[int]] = defaultdict(set)
    for m in news:
        out[m.document].add(owner[m.id])
    return out


def docs_of(docs: list) -> list:
    """The ``Document`` of each analysed input (what ``copies.copy_groups`` compares)."""
    return [d.document if hasattr(d, "document") else d for d in docs]


if __name__ == "__main__":
    main()
