"""Development pairs main's linker links that no wave of the gold pairs holds (issue 11).

Lists every pair of FA-KES development rows (even ``unit_id``) whose reports a non-historical
mention of one incident holds, with no document in the check half and not yet labelled, texts
not identical: the candidate draw of wave 6's second part (docs/incident-guide.md §1; the pairs
of other outlets among these are ``LINKED_WAVE6`` in ``tests/test_gold_pairs.py``). Reads the
FA-KES CSV from ``../shared``; prints ``(a, b, same outlet, days apart)`` per pair.

    python benchmarks/incident_pairs_linked.py /tmp/inc14.db
"""

from __future__ import annotations

import sys

from incident_pairs_pool import gold, load_pool

from sitrep.incidents.evaluate import reporting_documents
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import mentions


def main(db: str) -> None:
    pool = load_pool(db, 5)
    pairs = set()
    for group in link(mentions(pool.docs, pool.settings), pool.settings):
        rows_in = sorted({pool.row_of[d] for d in reporting_documents(group) if d in pool.row_of})
        pairs.update((a, b) for i, a in enumerate(rows_in) for b in rows_in[i + 1:])
    for a, b in sorted(pairs):
        if (found := pool.open_pair(a, b)) is not None:
            x, y = found
            print((a, b, x["source"] == y["source"], abs((gold._day(x) - gold._day(y)).days)))


if __name__ == "__main__":
    main(sys.argv[1])
