"""The linker's out-of-fold errors on the TUNE pairs, classed by what the pair inputs show (issue 11).

Reads the wrong pairs of ``benchmarks/incidents_losses.py --repeats R --pairs-out FILE`` (one line per
wrong tune pair and split: a same pair not linked, a different pair linked, with its stage) and, for
each, what the linker's inputs say about the two reports at their *best mention pair* (the candidate
pair of news mentions the shipped mention model scores highest: the pair the linker aligns):

- ``blocked``: blocking never proposed a mention pair of the two reports (the constraint it fails
  alone is in the losses' cause);
- ``chain``: linked with no edge of their own, through a third report's incident;
- ``category``: the best pair's two events are of different categories;
- ``dates apart``: both days known and apart (``blocking.day_gap`` > 0); ``date missing``: a day
  unknown (no date or too wide); ``date unstated``: the days overlap but at least one is only its
  report's publication day;
- ``place missing``: either event has no place; ``place coarse``: one place contains the other (a
  town and its province); ``place near``: two places within the distance;
- ``toll differs`` (both reports give a death toll, more than 10 % apart), ``blame differs`` (both
  events name parties, none shared);
- ``no aligned event``: the best mention score stays under ``LinkModel.best_threshold``.

Each wrong pair gets every label that holds (``labels``) and one *primary* class, the first that
holds in ``PRIMARY`` order (a pair the blocking never proposed is that, whatever else). The same
labels are counted over every resolved tune pair blocking compares (same and different), so a
class's size among the errors can be read beside its rate among the pairs that are right.

With ``--strata`` it also prints, from the tune half alone, the out-of-fold recall of the tune same
pairs by stratum of the pair design (``fit_incident_linker.stratum``), by the two reports'
publication gap, by the size of their incident (reports in the gold same-component) and by whether
their tolls or blame disagree: what a half drawn with another mix of these would score.

Only ``"split": "tune"`` pairs are read; the check half is never looked at.

Usage: ``python benchmarks/incident_pair_classes.py --db DB --losses FILE [--strata]`` (the database
from ``benchmarks/incidents_cost.py``; ``FILE`` from ``incidents_losses.py --repeats 5 --pairs-out``).
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from common import REPO, script_module

from sitrep.incidents import evaluate as incident_eval
from sitrep.incidents.blocking import day_gap, place_relation
from sitrep.incidents.clustering import DisjointSets
from sitrep.incidents.features import Scorer
from sitrep.incidents.linker import candidates, descending
from sitrep.incidents.mentions import Mention
from sitrep.incidents.settings import Settings, load_settings
from sitrep.store import Store

#: the primary class of a wrong pair: the first label that holds, in this order
PRIMARY = ("blocked", "chain", "category", "dates apart", "date missing", "place missing", "toll differs",
           "blame differs", "no aligned event", "date unstated", "place coarse", "place near")
#: a wrong pair none of whose labels holds: every input agrees (same category, day, place; no
#: disagreeing toll or blame): only the text and report-level inputs tell it
AGREE = "inputs agree"
#: two death tolls within this share of the larger agree (``features.TOLL_TOLERANCE``)
TOLL_TOLERANCE = 0.10


def labels(a: Mention, b: Mention, mention_score: float, s: Settings) -> list[str]:
    """Every label of ``PRIMARY`` (but ``blocked`` and ``chain``) that the pair ``a``, ``b`` shows."""
    out = []
    if a.event.category != b.event.category:
        out.append("category")
    gap = day_gap(a, b, s)
    if gap is None:
        out.append("date missing")
    elif gap > 0:
        out.append("dates apart")
    elif not (a.specific and b.specific):
        out.append("date unstated")
    relation = place_relation(a, b, s)
    if relation == "unknown":
        out.append("place missing")
    elif relation == "within":
        out.append("place coarse")
    elif relation == "near":
        out.append("place near")
    if a.toll is not None and b.toll is not None and abs(a.toll - b.toll) > TOLL_TOLERANCE * max(a.toll, b.toll):
        out.append("toll differs")
    if a.parties and b.parties and not a.parties & b.parties:
        out.append("blame differs")
    if mention_score < s.model.best_threshold:
        out.append("no aligned event")
    return out


#: the shapes two reports' death tolls take (``toll_shape``), in print order
TOLL_SHAPES = ("equal", "one day, within double", "one day, beyond double", "later higher", "later lower", "none")


def toll_shape(a: Mention, b: Mention) -> str:
    """How the two reports' largest death tolls relate: ``equal`` (within 10 %), on one publication
    day within or beyond a factor of two, the later report's higher or lower, or ``none`` (one
    report gives no toll)."""
    if a.toll is None or b.toll is None:
        return "none"
    if abs(a.toll - b.toll) <= TOLL_TOLERANCE * max(a.toll, b.toll):
        return "equal"
    if a.published is None or b.published is None or a.published == b.published:
        low, high = sorted((a.toll, b.toll))
        return "one day, within double" if high <= 2 * low else "one day, beyond double"
    early, late = (a.toll, b.toll) if a.published < b.published else (b.toll, a.toll)
    return "later higher" if late > early else "later lower"


def primary(found: list[str]) -> str:
    """The first label of ``PRIMARY`` in ``found``; ``AGREE`` when none."""
    return next((c for c in PRIMARY if c in found), AGREE)


def best_pairs(news: list[Mention], keys: set[frozenset[str]], settings: Settings
               ) -> dict[frozenset[str], tuple[Mention, Mention, float, float]]:
    """For each report pair of ``keys`` blocking compares: its best mention pair (mention score,
    then ids), that score and the report probability (the shipped model)."""
    scorer = Scorer(settings)
    by_id = {m.id: m for m in news}
    out: dict[frozenset[str], tuple[Mention, Mention, float, float]] = {}
    for c in candidates(news, (), scorer):
        k = frozenset(c.documents)
        if k not in keys:
            continue
        old = out.get(k)
        if old is None or (c.mention, descending(c.a), descending(c.b)) > (old[2], descending(old[0].id), descending(old[1].id)):
            out[k] = (by_id[c.a], by_id[c.b], c.mention, c.report)
    return out


def _gold_sets(same: list[frozenset[str]]) -> DisjointSets[str]:
    """The gold incidents as disjoint sets of reports: the same pairs' connected components."""
    sets: DisjointSets[str] = DisjointSets()
    for k in same:
        a, b = sorted(k)
        sets.union(a, b)
    return sets


def components(same: list[frozenset[str]]) -> dict[str, int]:
    """Report -> the number of reports of its gold incident (the same pairs' connected component)."""
    sets = _gold_sets(same)
    size = Counter(sets.find(x) for x in list(sets.parent))
    return {x: size[sets.find(x)] for x in list(sets.parent)}


def incident_names(same: list[frozenset[str]], refs: dict[str, str]) -> dict[str, str]:
    """Report -> a name for its gold incident: the smallest FA-KES row reference of its component."""
    back = {v: k.split("#")[-1] for k, v in refs.items()}
    sets = _gold_sets(same)
    members: dict[str, list[str]] = defaultdict(list)
    for x in list(sets.parent):
        members[sets.find(x)].append(back.get(x, x))
    name = {r: min(v, key=lambda t: (len(t), t)) for r, v in members.items()}
    return {x: name[sets.find(x)] for x in list(sets.parent)}


def per_split(rows: list[dict[str, Any]], splits: int, key: str) -> dict[str, dict[str, Any]]:
    """{class: counts per split and their mean} of the rows' ``key``."""
    names = sorted({str(r[key]) for r in rows})
    out = {}
    for name in names:
        counts = [sum(1 for r in rows if r["split"] == i and r[key] == name) for i in range(splits)]
        out[name] = {"per_split": counts, "mean": round(statistics.mean(counts), 1)}
    return dict(sorted(out.items(), key=lambda x: -x[1]["mean"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--losses", required=True, help="incidents_losses.py --repeats R --pairs-out FILE")
    ap.add_argument("--pairs", default=str(REPO / "benchmarks" / "data" / "fakes_incident_pairs.jsonl"))
    ap.add_argument("--strata", action="store_true", help="also the tune same pairs' recall by stratum and shape")
    ap.add_argument("--rows-out", default=None, help="one JSON line per wrong pair and split, with its labels")
    args = ap.parse_args()
    fit = script_module("fit_incident_linker")
    with Store(args.db, readonly=True) as store:
        docs = fit.load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    pairs_path = Path(args.pairs)
    _, gold = fit.tune_gold(pairs_path, docs, sources)
    settings = load_settings()
    news = sorted((m for m in fit.corpus(docs, settings).news), key=lambda m: m.id)
    best = best_pairs(news, set(gold), settings)
    refs = incident_eval.references(docs, sources)
    wrong = [json.loads(line) for line in Path(args.losses).read_text(encoding="utf-8").splitlines() if line]
    splits = max(r["split"] for r in wrong) + 1
    for r in wrong:
        k = frozenset((refs[r["a"]], refs[r["b"]]))
        shown = labels(*best[k][:3], settings) if k in best else []
        stage = str(r["cause"])
        head = ["blocked"] if stage.startswith("blocked") else ["chain"] if stage == "chain" else []
        r["labels"] = head + shown
        r["class"] = primary(r["labels"])
        r["shape"] = toll_shape(*best[k][:2]) if k in best else None
        r["best_mention"] = round(best[k][2], 3) if k in best else None
        r["report"] = round(best[k][3], 3) if k in best else None
    out: dict[str, Any] = {"splits": splits}
    for kind in ("lost same", "false link"):
        mine = [r for r in wrong if r["error"] == kind]
        out[kind] = {"primary": per_split(mine, splits, "class"),
                     "labels": {lab: round(sum(lab in r["labels"] for r in mine) / splits, 1)
                                for lab in (*PRIMARY,)},
                     "pairs": dict(Counter(f"{r['a'].split('#')[1]}/{r['b'].split('#')[1]} {r['class']}"
                                           for r in mine).most_common())}
    compared = {k: labels(*v[:3], settings) for k, v in best.items()}
    out["compared tune pairs, share with each label"] = {
        side: {"pairs": sum(1 for k in compared if gold[k] == same),
               **{lab: round(sum(lab in compared[k] for k in compared if gold[k] == same)
                             / max(1, sum(1 for k in compared if gold[k] == same)), 3)
                  for lab in PRIMARY[2:]}}
        for side, same in (("same", True), ("different", False))}
    shape = {k: toll_shape(*v[:2]) for k, v in best.items()}
    out["toll shapes: compared tune pairs, and wrong pairs per split"] = {
        name: {"same": sum(1 for k in shape if gold[k] and shape[k] == name),
               "different": sum(1 for k in shape if not gold[k] and shape[k] == name),
               **{kind: round(sum(1 for r in wrong if r["error"] == kind and r.get("shape") == name) / splits, 1)
                  for kind in ("lost same", "false link")}}
        for name in TOLL_SHAPES}
    if args.strata:
        out["strata"] = strata(fit, pairs_path, gold, refs, wrong, splits, best, settings)
    print(json.dumps(out, indent=1))
    if args.rows_out:
        Path(args.rows_out).write_text("".join(json.dumps(r) + "\n" for r in wrong), encoding="utf-8")


def strata(fit: Any, pairs_path: Path, gold: dict[frozenset[str], bool], refs: dict[str, str],
           wrong: list[dict[str, Any]], splits: int, best: dict, settings: Settings) -> dict[str, Any]:
    """Out-of-fold recall of the tune same pairs by stratum, publication gap, incident size and
    disagreement (``--strata``); design weights as the fit's."""
    rows = fit.fakes_rows(fit.fakes_csv(None))
    pairs = [p for p in fit.read_pairs(pairs_path) if p.split == "tune"]
    design = fit.design_weights(fit.read_pairs(pairs_path), rows)
    lost: Counter[frozenset[str]] = Counter()
    for r in wrong:
        if r["error"] == "lost same":
            lost[frozenset((refs[r["a"]], refs[r["b"]]))] += 1
    size = components([k for k, same in gold.items() if same])
    root_of = incident_names([k for k, same in gold.items() if same], refs)
    groups: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    weighted = [0.0, 0.0]
    for p in pairs:
        if p.label != "same" or p.a not in refs or p.b not in refs:
            continue
        k = frozenset((refs[p.a], refs[p.b]))
        kept = 1 - lost[k] / splits
        h, w = design[(p.a, p.b)]
        weighted[0] += w * kept
        weighted[1] += w
        ma, mb = (fit.FAKES_REF.search(p.a), fit.FAKES_REF.search(p.b))
        ra, rb = (rows.get(int(ma.group(1))) if ma else None, rows.get(int(mb.group(1))) if mb else None)
        gap = abs((ra.day - rb.day).days) if ra and rb else None
        n = size.get(refs[p.a], 2)
        shown = labels(*best[k][:3], settings) if k in best else ["blocked"]
        groups["stratum"][h].append(kept)
        groups["FA-KES date gap"]["0" if gap == 0 else "1-2" if gap is not None and gap <= 2 else "3+"].append(kept)
        groups["incident size (reports)"]["2-3" if n <= 3 else "4-6" if n <= 6 else "7+"].append(kept)
        groups["toll or blame differs"][str(bool({"toll differs", "blame differs"} & set(shown)))].append(kept)
        groups["stratum x incident size"][f"{h}, {'2-6' if n <= 6 else '7+'}"].append(kept)
        groups["stratum x FA-KES date gap"][f"{h}, {'0' if gap == 0 else '1+'}"].append(kept)
        groups["incident (first report, reports)"][f"{root_of[refs[p.a]]}, {n}"].append(kept)
    out: dict[str, Any] = {name: {g: {"same pairs": len(v), "recall": round(statistics.mean(v), 3)}
                                  for g, v in sorted(by.items())} for name, by in groups.items()}
    out["design-weighted recall"] = round(weighted[0] / weighted[1], 3) if weighted[1] else None
    return out


if __name__ == "__main__":
    main()
