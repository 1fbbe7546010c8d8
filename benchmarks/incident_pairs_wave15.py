"""Wave 15 of the FA-KES incident pairs (issue 11): fresh pairs on which two linker settings disagree.

Why: ``report_share`` (``incidents49``) and ``continued`` (``incidents51``) were measured on the
tune pairs they were studied on (out of fold, but a second look). Wave 15 is a confirmatory test on
pairs no one has labelled: the pairs the two settings link differently. The rule, fixed and
committed before any row was read (``docs/benchmarks.md``, ``incidents52``'s bar):

- *off* = main as shipped (``linker.json``; both switches off); *on* = ``clustering.REPORT_SHARE``
  and ``contested.CONTINUED_VERSIONS`` on, with main's shipped ``linker.json`` and only its
  ``merge_threshold`` set to ``MERGE_SHARE`` (0.5, the share ``incidents49``'s fit chose; its
  other thresholds and weights are the shipped ones);
- every analysed report of one database (``benchmarks/incidents_cost.py``) linked under each
  setting by ``linker.link`` (as ``sitrep eval incidents`` links them); a pair is *linked* when one
  incident holds a non-historical event of each report (``evaluate.reporting_documents``);
- a pool pair: two development rows (even ``unit_id``; the CSV's odd rows are skipped before any
  field but ``unit_id`` is used), neither a document of a check-half pair (so the pair is tune by
  the guide's split rule), the pair in no line of the gold file, texts not identical, and linked
  by **exactly one** of the two settings;
- the draw: ``random.Random(SEED).sample`` of the pool (in row order) up to ``SIZE`` (40), printed
  in row order, one JSON line per pair: the two row references and ``linked_by`` ("on" or "off").
  No text is printed; the coder hides ``linked_by`` while coding.

    python benchmarks/incident_pairs_wave15.py --db DB [--gold FILE] [--csv FILE] [--out FILE]
        [--pool-out FILE]
    python benchmarks/incident_pairs_wave15.py --db DB --score PAIRS   (each setting's figures on PAIRS)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import REPO  # noqa: E402
from incident_pairs_figures import GOLD, Row, development_rows, labelled, shared_csv  # noqa: E402

SEED = 52
SIZE = 40
#: the merge level of ``report_share`` (``incidents49``'s fit, ``--merges 0.0,0.34,0.5,0.67``)
MERGE_SHARE = 0.5
LINKER = REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json"


def pool(rows: Mapping[int, Row], gold: set[tuple[int, int]], check: set[int],
         off: set[tuple[int, int]], on: set[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The pairs wave 15 may draw, in row order: (row a, row b, the setting that alone links them).
    ``off`` / ``on``: the row pairs (lower row first) each setting links."""
    out = []
    for (n, x), (m, y) in combinations(sorted(rows.items()), 2):
        if (n, m) in gold or n in check or m in check or x["article_content"] == y["article_content"]:
            continue
        if ((n, m) in on) != ((n, m) in off):
            out.append((n, m, "on" if (n, m) in on else "off"))
    return out


def draw(candidates: list[tuple[int, int, str]], seed: int = SEED, size: int = SIZE) -> list[tuple[int, int, str]]:
    """A seeded sample of the pool (the whole pool when it is smaller), in row order."""
    if len(candidates) <= size:
        return list(candidates)
    return sorted(random.Random(seed).sample(candidates, size))


def row_pairs(linked: Iterable[frozenset[str]], rows_of: Mapping[str, Iterable[int]]) -> set[tuple[int, int]]:
    """Linked document pairs as row pairs (lower row first; every row of each document, a stored
    document's copies included); documents without a row are skipped."""
    out = set()
    for pair in linked:
        if len(pair) != 2:
            continue
        a, b = sorted(pair)
        for n in rows_of.get(a, ()):
            for m in rows_of.get(b, ()):
                if n != m:
                    out.add((min(n, m), max(n, m)))
    return out


def _load(db: Path) -> tuple[Any, list[Any], list[tuple[str, str]]]:
    from sitrep.incidents.settings import load_settings
    from sitrep.incidents.update import load_inputs
    from sitrep.store import Store

    with Store(db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    return load_settings(), docs, sources


def linked_under(settings: Any, docs: list[Any], sources: list[tuple[str, str]],
                 gold: Iterable[Any] = ()) -> Iterator[tuple[str, Any, list[Any], Any]]:
    """Per setting ("off", "on"): its settings, every analysed report linked once (``linker.link``,
    as ``sitrep eval incidents`` links them), and the predictions for ``gold`` (``evaluate.predictions``:
    same or not, and the contested fields read under that setting)."""
    from collections import defaultdict

    from sitrep.incidents import clustering
    from sitrep.incidents import contested as contested_module
    from sitrep.incidents.evaluate import predictions, references
    from sitrep.incidents.linker import link
    from sitrep.incidents.mentions import mentions

    found = mentions(docs, settings)
    reports: dict[str, list[Any]] = defaultdict(list)
    for m in found:
        reports[m.document].append(m)
    for name, share in (("off", False), ("on", True)):
        before = clustering.REPORT_SHARE[0], contested_module.CONTINUED_VERSIONS
        clustering.REPORT_SHARE[0] = share
        contested_module.CONTINUED_VERSIONS = share
        try:
            at = settings if not share else dataclasses.replace(
                settings, model=dataclasses.replace(settings.model, merge_threshold=MERGE_SHARE))
            groups = link(found, at)
            predicted = predictions(groups, list(gold), references(docs, sources), at, reports)
        finally:
            clustering.REPORT_SHARE[0], contested_module.CONTINUED_VERSIONS = before
        yield name, at, groups, predicted


def linked_rows(db: Path) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The row pairs main (off) and the two switches (on) link, every analysed report linked once
    per setting."""
    from sitrep.incidents.evaluate import references, reporting_documents
    from sitrep.incidents.scorer import same_incident_pairs

    settings, docs, sources = _load(db)
    refs = references(docs, sources)
    # document id -> its row numbers (a copy's row maps to the kept document)
    rows_of: dict[str, set[int]] = {}
    for ref, doc in refs.items():
        if ref.startswith("FA-KES-Dataset.csv#row"):
            rows_of.setdefault(doc, set()).add(int(ref.rsplit("#row", 1)[1]))
    result = [row_pairs(same_incident_pairs(reporting_documents(g) for g in groups), rows_of)
              for _, _, groups, _ in linked_under(settings, docs, sources)]
    return result[0], result[1]


def score_both(db: Path, pairs: Path) -> dict[str, Any]:
    """``sitrep eval incidents``'s figures on ``pairs`` under each setting, and each pair's
    prediction (linked or not, the fields flagged) under both."""
    from sitrep.incidents.scorer import read_pairs, score

    settings, docs, sources = _load(db)
    gold = read_pairs(pairs)
    out: dict[str, Any] = {"pairs": {f"{p.a.split('#')[-1]}/{p.b.split('#')[-1]}": {"gold": p.label,
                                                                                     "gold_contested": list(p.contested)}
                                     for p in gold}}
    for name, _, _, predicted in linked_under(settings, docs, sources, gold):
        out[name] = score(gold, predicted)
        for p in gold:
            got = predicted[(p.a, p.b)]
            row = out["pairs"][f"{p.a.split('#')[-1]}/{p.b.split('#')[-1]}"]
            row[name] = {"same": got.same, "contested": sorted(got.contested)}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--csv", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None, help="write the draw here (default: stdout)")
    parser.add_argument("--pool-out", type=Path, default=None, help="write the whole pool here")
    parser.add_argument("--score", type=Path, default=None, metavar="PAIRS",
                        help="instead of drawing: score the labelled pairs of PAIRS under each setting (JSON)")
    args = parser.parse_args(argv)
    if args.score:
        print(json.dumps(score_both(args.db, args.score), indent=1))
        return
    rows = development_rows(args.csv or shared_csv())
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold, check = labelled(records)
    off, on = linked_rows(args.db)
    candidates = pool(rows, gold, check, off, on)
    drawn = draw(candidates)

    def lines(pairs: list[tuple[int, int, str]]) -> str:
        return "".join(json.dumps({"a": f"FA-KES-Dataset.csv#row{a}", "b": f"FA-KES-Dataset.csv#row{b}",
                                   "linked_by": by}) + "\n" for a, b, by in pairs)

    if args.pool_out:
        args.pool_out.write_text(lines(candidates), encoding="utf-8")
    if args.out:
        args.out.write_text(lines(drawn), encoding="utf-8")
    else:
        sys.stdout.write(lines(drawn))
    print(f"# linked pairs of development rows: off {len(off)}, on {len(on)}; pool {len(candidates)} "
          f"(on only {sum(by == 'on' for *_, by in candidates)}, off only {sum(by == 'off' for *_, by in candidates)}); "
          f"drawn {len(drawn)} (seed {SEED})", file=sys.stderr)


if __name__ == "__main__":
    main()
