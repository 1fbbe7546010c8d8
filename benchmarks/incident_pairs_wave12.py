"""Wave 12 of the FA-KES incident pairs (issue 11): close pairs whose reports both name a source's toll or a perpetrator.

Why: the check half's agreeing same pairs are dense with named sources and blame claims, the tune
half's are not (``incidents31``: of tune's agreeing linked pairs only 9 had a figure from both
reports, 8 a perpetrator named by both), so tune could not measure the false flags the check half
shows (7 of 28). This rule draws pairs where both reports give the contested reading something to
compare. It was fixed and committed before any pair it draws was read (``docs/incident-guide.md``,
section 1, "Wave 12").

**The pool.** A pair of FA-KES development rows (even ``unit_id``; the held-out rows are blanked
before any analysis, as ``benchmarks/incidents_cost.py`` does, and never read) is in it when

- the rows are of **other outlets** (``source``) and their texts are not identical;
- they are **close in time**: FA-KES dates at most ``DAYS`` (3) apart, or the dates their texts
  write near the top (``incident_pairs_figures.text_date``) at most ``TEXT_DAYS`` (2) apart;
- **both reports are loaded**, read from main's analysis of the development rows (the database of
  ``incidents_cost.py``; ``sitrep.incidents.mentions``): a report is loaded when one of its news
  mentions carries a death or injury figure (``killed`` / ``injured``, a number) whose source is
  named (``contested.named_source``), or its news assault mentions name a perpetrator
  (``contested._perpetrators``, the parties blame is read from);
- the pair is in no wave of ``benchmarks/data/fakes_incident_pairs.jsonl``, in no pair of wave 11
  (``WAVE11``: ``incidents34``'s draw, appended by that branch; left out so that no pair is labelled
  twice), and neither row is in a pair of the check half (the wave is tune only; guide, section 1).

**The strata** (both reports loaded): *figures* — both give a named source's figure; *blame* — not
*figures*, both name a perpetrator; *mixed* — the rest (one a figure, the other a perpetrator).

**The draw.** Pairs of the pool ranked by **lead overlap** (the Jaccard index of the two leads' word
sets: title and the first ``LEAD_CHARS`` (500) characters, lower-cased alphabetic words of 3+
letters, stop words, month and weekday words dropped), the top ``TOP`` (35) taken — where same pairs
are likeliest —, then ``random.Random(SEED).sample`` of ``RANDOM`` (15) of the rest (the pool's base
rate and near misses the overlap did not choose). The whole pool when it holds at most ``SIZE``.
Printed in reading order with the stratum and the overlap.

**Part (b)** (``--linked TEXTDB``; fixed and committed after part (a) was labelled — 1 same of 50:
the close pairs by either date are nearly all labelled already — and before any of its own pairs
was read). Same pairs that are still unlabelled are those whose FA-KES dates are wrong for one
report, and the linker can only join them once the dates are right, so part (b) draws where they
are: development pairs of other outlets, texts not identical, both reports loaded (as above, read
from main's analysis), in no wave of the gold file (part (a) included) nor of wave 11, no
check-half document, whose reports **main's linker puts in one incident** (a non-historical
mention of each) on the **text-date diagnostic database** (``benchmarks/incidents_text_dates.py
--all-rows --min-days 5``: every development row whose text writes a date 5 or more days from its
FA-KES date takes the text's date; main's code and linker otherwise). No date condition of its
own (the linker's window applies to the texts' dates). The whole pool when it holds at most
``LINKED_SIZE`` (30) pairs, else ``random.Random(SEED).sample`` of that many, printed by row numbers.

    python benchmarks/incident_pairs_wave12.py --db DB [--gold FILE] [--csv FILE] [--sizes]
    python benchmarks/incident_pairs_wave12.py --db DB --linked TEXTDB   # part (b)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from incident_pairs_figures import (  # noqa: E402
    DAYS,
    GOLD,
    Row,
    _day,
    development_rows,
    labelled,
    shared_csv,
    text_date,
    unlabelled_pairs,
)

#: the most the texts' own dates may lie apart
TEXT_DAYS = 2
LEAD_CHARS = 500
SEED = 36
TOP = 35
RANDOM = 15
SIZE = TOP + RANDOM
#: part (b): the most pairs drawn from the linked pool
LINKED_SIZE = 30
#: wave 11 (branch incidents34, rule committed 6e4c132): its 48 pairs, left out of this pool
WAVE11: frozenset[tuple[int, int]] = frozenset({
    (4, 106), (19, 707), (25, 75), (32, 626), (59, 206), (61, 560), (70, 163), (70, 256),
    (94, 440), (94, 445), (110, 643), (121, 247), (131, 735), (160, 381), (175, 573), (177, 445),
    (178, 481), (180, 450), (213, 768), (256, 440), (308, 395), (330, 403), (362, 774), (403, 606),
    (403, 754), (412, 768), (412, 777), (423, 768), (423, 777), (427, 768), (429, 560), (429, 768),
    (429, 777), (435, 754), (435, 768), (435, 777), (439, 768), (439, 777), (440, 754), (440, 768),
    (440, 777), (440, 783), (441, 777), (441, 783), (450, 768), (482, 783), (534, 573), (601, 795),
})
STOP = frozenset("""
a about above after again against all also am among an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers him his how if in into is it its itself just more most much no nor not of
off on once only or other our out over own same say said says she should so some such than that the
their them then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your near told according
jan january feb february mar march apr april may jun june jul july aug august sep sept september oct
october nov november dec december monday tuesday wednesday thursday friday saturday sunday today
yesterday morning night day days week year years
""".split())  # noqa: SIM905
_WORD = re.compile(r"[a-z]+")
_KINDS = frozenset({"killed", "injured"})


def lead_words(row: Row) -> frozenset[str]:
    text = (row["article_title"] + " " + row["article_content"][:LEAD_CHARS]).lower()
    return frozenset(w for w in _WORD.findall(text) if len(w) >= 3 and w not in STOP)


def overlap(x: frozenset[str], y: frozenset[str]) -> float:
    union = x | y
    return len(x & y) / len(union) if union else 0.0


def close(x: Row, y: Row) -> bool:
    if abs((_day(x) - _day(y)).days) <= DAYS:
        return True
    dx, dy = text_date(x), text_date(y)
    return dx is not None and dy is not None and abs((dx - dy).days) <= TEXT_DAYS


def loads(db: Path) -> dict[int, tuple[bool, bool]]:
    """FA-KES row -> (a named source's death/injury figure, a perpetrator), from the database's analysis."""
    from sitrep.incidents import evaluate as incident_eval
    from sitrep.incidents.contested import _perpetrators, named_source
    from sitrep.incidents.mentions import mentions
    from sitrep.incidents.settings import load_settings
    from sitrep.incidents.update import load_inputs
    from sitrep.store import Store

    with Store(db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    refs = incident_eval.references(docs, sources)
    row_of = {doc: int(ref.rsplit("#row", 1)[1]) for ref, doc in refs.items() if "#row" in ref}
    reports: dict[str, list] = defaultdict(list)
    for m in mentions(docs, load_settings()):
        reports[m.document].append(m)
    out: dict[int, tuple[bool, bool]] = {}
    for doc, ms in reports.items():
        if doc not in row_of:
            continue
        news = [m for m in ms if m.role == "news"]
        figure = any(f.kind in _KINDS and f.best and named_source(f) for m in news for f in m.figures)
        out[row_of[doc]] = (figure, bool(_perpetrators(ms)))
    return out


def stratum(x: tuple[bool, bool], y: tuple[bool, bool]) -> str | None:
    if x[0] and y[0]:
        return "figures"
    if x[1] and y[1]:
        return "blame"
    if (x[0] or x[1]) and (y[0] or y[1]):
        return "mixed"
    return None


def pool(rows: Mapping[int, Row], loaded: Mapping[int, tuple[bool, bool]], gold: set[tuple[int, int]],
         check: set[int], skip: Iterable[tuple[int, int]] = WAVE11) -> list[tuple[int, int, str, float]]:
    """Every pair of the pool (module docstring) with its stratum and lead overlap, by row numbers."""
    skipped = set(skip)
    words = {n: lead_words(row) for n, row in rows.items()}
    out = []
    for n, x, m, y in unlabelled_pairs(rows, gold, check):
        if (n, m) in skipped or not close(x, y):
            continue
        s = stratum(loaded.get(n, (False, False)), loaded.get(m, (False, False)))
        if s is not None:
            out.append((n, m, s, overlap(words[n], words[m])))
    return out


def draw(candidates: list[tuple[int, int, str, float]], seed: int = SEED, top: int = TOP,
         size: int = RANDOM) -> list[tuple[int, int, str, float, str]]:
    """The top pairs by lead overlap (ties by row numbers), then a seeded sample of the rest."""
    ranked = sorted(candidates, key=lambda p: (-p[3], p[0], p[1]))
    first = [(*p, "overlap") for p in ranked[:top]]
    rest = sorted(ranked[top:])
    return first + [(*p, "random") for p in random.Random(seed).sample(rest, min(size, len(rest)))]


def linked_pairs(db: Path) -> set[tuple[int, int]]:
    """FA-KES row pairs whose reports main's linker puts in one incident on ``db`` (a non-historical
    mention of each; ``evaluate.reporting_documents``)."""
    from sitrep.incidents import evaluate as incident_eval
    from sitrep.incidents.linker import link
    from sitrep.incidents.mentions import mentions
    from sitrep.incidents.settings import load_settings
    from sitrep.incidents.update import load_inputs
    from sitrep.store import Store

    settings = load_settings()
    with Store(db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources()
    row_of = {doc: int(ref.rsplit("#row", 1)[1]) for ref, doc in incident_eval.references(docs, sources).items()
              if "#row" in ref}
    out: set[tuple[int, int]] = set()
    for group in link(mentions(docs, settings), settings):
        rows_in = sorted({row_of[d] for d in incident_eval.reporting_documents(group) if d in row_of})
        out.update((a, b) for i, a in enumerate(rows_in) for b in rows_in[i + 1:])
    return out


def linked_pool(rows: Mapping[int, Row], loaded: Mapping[int, tuple[bool, bool]], linked: set[tuple[int, int]],
                gold: set[tuple[int, int]], check: set[int],
                skip: Iterable[tuple[int, int]] = WAVE11) -> list[tuple[int, int, str]]:
    """Part (b): the linked pairs of the rule (module docstring) with their stratum, by row numbers."""
    skipped = set(skip)
    out = []
    for n, m in sorted(linked):
        if n not in rows or m not in rows or (n, m) in gold or (n, m) in skipped or n in check or m in check:
            continue
        x, y = rows[n], rows[m]
        if x["source"] == y["source"] or x["article_content"] == y["article_content"]:
            continue
        s = stratum(loaded.get(n, (False, False)), loaded.get(m, (False, False)))
        if s is not None:
            out.append((n, m, s))
    return out


def draw_linked(candidates: list[tuple[int, int, str]], seed: int = SEED,
                size: int = LINKED_SIZE) -> list[tuple[int, int, str]]:
    if len(candidates) <= size:
        return list(candidates)
    return sorted(random.Random(seed).sample(candidates, size))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="main's analysis (benchmarks/incidents_cost.py)")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--csv", type=Path, default=None)
    parser.add_argument("--sizes", action="store_true", help="print the pool's sizes by stratum, not the draw")
    parser.add_argument("--linked", type=Path, default=None,
                        help="part (b): the text-date diagnostic database whose linked pairs are drawn")
    args = parser.parse_args(argv)
    rows = development_rows(args.csv or shared_csv())
    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold, check = labelled(records)
    if args.linked is not None:
        found = linked_pool(rows, loads(args.db), linked_pairs(args.linked), gold, check)
        if args.sizes:
            print(json.dumps(Counter(p[2] for p in found)))
            return
        for a, b, s in draw_linked(found):
            print(json.dumps({"a": f"FA-KES-Dataset.csv#row{a}", "b": f"FA-KES-Dataset.csv#row{b}", "stratum": s}))
        print(f"# linked pool {len(found)} pairs; drawn {min(LINKED_SIZE, len(found))}", file=sys.stderr)
        return
    candidates = pool(rows, loads(args.db), gold, check)
    if args.sizes:
        print(json.dumps(Counter(p[2] for p in candidates)))
        return
    for a, b, s, o, half in draw(candidates):
        print(json.dumps({"a": f"FA-KES-Dataset.csv#row{a}", "b": f"FA-KES-Dataset.csv#row{b}",
                          "stratum": s, "half": half, "overlap": round(o, 3)}))
    print(f"# pool {len(candidates)} pairs; drawn {min(SIZE, len(candidates))} (seed {SEED})", file=sys.stderr)


if __name__ == "__main__":
    main()
