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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_gold_pairs as gold  # noqa: E402

from sitrep.incidents.evaluate import references, reporting_documents  # noqa: E402
from sitrep.incidents.linker import link  # noqa: E402
from sitrep.incidents.mentions import mentions  # noqa: E402
from sitrep.incidents.settings import load_settings  # noqa: E402
from sitrep.incidents.update import load_inputs  # noqa: E402
from sitrep.store import Store  # noqa: E402


def main(db: str) -> None:
    rows = gold._rows()
    split = gold._documented_split(gold._waves(rows)[:5])
    check = {d for p, h in split.items() if h == "check" for d in p}
    settings = load_settings()
    with Store(Path(db), readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources() if store.has_incidents else []
    row_of = {doc: int(ref.rsplit("row", 1)[1]) for ref, doc in references(docs, sources).items()
              if ref.startswith("FA-KES-Dataset.csv#row")}
    pairs = set()
    for group in link(mentions(docs, settings), settings):
        rows_in = sorted({row_of[d] for d in reporting_documents(group) if d in row_of})
        pairs.update((a, b) for i, a in enumerate(rows_in) for b in rows_in[i + 1:])
    for a, b in sorted(pairs):
        x, y = rows[a - 1], rows[b - 1]
        if (a, b) in split or a in check or b in check or not (gold._is_dev(x) and gold._is_dev(y)):
            continue
        if x["article_content"] != y["article_content"]:
            print((a, b, x["source"] == y["source"], abs((gold._day(x) - gold._day(y)).days)))


if __name__ == "__main__":
    main(sys.argv[1])
