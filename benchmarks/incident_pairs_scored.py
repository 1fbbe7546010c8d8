"""Development pairs main's linker scores as reports of one incident, not yet labelled (issue 11).

Lists every pair of FA-KES development rows (even ``unit_id``) of two outlets, texts not
identical, with no document in the check half and in no wave of the gold pairs, whose reports'
best candidate report probability (``linker.Candidate.report``, the report-pair model of the
shipped ``linker.json``) reaches ``MIN`` — linked or not: the draw of wave 7, part (b)
(docs/incident-guide.md §1; ``WAVE7`` in ``tests/test_gold_pairs.py``). Reads the FA-KES CSV
from ``../shared``; prints ``(a, b, probability)`` per pair, best first.

    python benchmarks/incident_pairs_scored.py /tmp/inc16.db 0.2
"""

from __future__ import annotations

import sys

from incident_pairs_pool import load_pool

from sitrep.incidents.features import Scorer
from sitrep.incidents.linker import candidates
from sitrep.incidents.mentions import mentions


def main(db: str, floor: float) -> None:
    pool = load_pool(db, 6)
    news = sorted((m for m in mentions(pool.docs, pool.settings) if m.role == "news"), key=lambda m: m.id)
    best: dict[tuple[int, int], float] = {}
    for c in candidates(news, (), Scorer(pool.settings)):
        if c.documents[0] in pool.row_of and c.documents[1] in pool.row_of:
            a, b = sorted((pool.row_of[c.documents[0]], pool.row_of[c.documents[1]]))
            best[(a, b)] = max(best.get((a, b), 0.0), c.report)
    found = []
    for (a, b), p in best.items():
        pair = pool.open_pair(a, b)
        if pair is not None and pair[0]["source"] != pair[1]["source"] and p >= floor:
            found.append((a, b, round(p, 4)))
    for row in sorted(found, key=lambda t: -t[2]):
        print(row)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.2)
