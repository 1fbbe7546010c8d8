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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_gold_pairs as gold  # noqa: E402

from sitrep.incidents.evaluate import references  # noqa: E402
from sitrep.incidents.features import Scorer  # noqa: E402
from sitrep.incidents.linker import candidates  # noqa: E402
from sitrep.incidents.mentions import mentions  # noqa: E402
from sitrep.incidents.settings import load_settings  # noqa: E402
from sitrep.incidents.update import load_inputs  # noqa: E402
from sitrep.store import Store  # noqa: E402


def main(db: str, floor: float) -> None:
    rows = gold._rows()
    split = gold._documented_split(gold._waves(rows)[:6])
    check = {d for p, h in split.items() if h == "check" for d in p}
    settings = load_settings()
    with Store(Path(db), readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources() if store.has_incidents else []
    row_of = {doc: int(ref.rsplit("row", 1)[1]) for ref, doc in references(docs, sources).items()
              if ref.startswith("FA-KES-Dataset.csv#row")}
    news = sorted((m for m in mentions(docs, settings) if m.role == "news"), key=lambda m: m.id)
    best: dict[tuple[int, int], float] = {}
    for c in candidates(news, (), Scorer(settings)):
        if c.documents[0] in row_of and c.documents[1] in row_of:
            a, b = sorted((row_of[c.documents[0]], row_of[c.documents[1]]))
            best[(a, b)] = max(best.get((a, b), 0.0), c.report)
    found = []
    for (a, b), p in best.items():
        x, y = rows[a - 1], rows[b - 1]
        if (a, b) in split or a in check or b in check or not (gold._is_dev(x) and gold._is_dev(y)):
            continue
        if x["source"] != y["source"] and x["article_content"] != y["article_content"] and p >= floor:
            found.append((a, b, round(p, 4)))
    for pair in sorted(found, key=lambda t: -t[2]):
        print(pair)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0.2)
