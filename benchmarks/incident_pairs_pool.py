"""The development rows and analysed reports that the incident-pair draws read (issue 11).

Shared by ``incident_pairs_linked.py`` (wave 6's second part) and ``incident_pairs_scored.py``
(wave 7, part (b)): the FA-KES CSV rows (odd ``unit_id`` rows never read, see
``tests/test_gold_pairs.py``), the pairs the first waves already hold and their halves, the
reports of a sitrep database with their CSV row numbers, and which pairs a new draw may take.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_gold_pairs as gold  # noqa: E402

from sitrep.incidents.evaluate import references  # noqa: E402
from sitrep.incidents.settings import Settings, load_settings  # noqa: E402
from sitrep.incidents.update import load_inputs  # noqa: E402
from sitrep.store import Store  # noqa: E402


@dataclass(frozen=True)
class Pool:
    rows: list[dict[str, str]]
    #: (row a, row b) -> half, for the pairs of the waves read
    split: dict[tuple[int, int], str]
    #: rows with a document in the check half
    check: set[int]
    settings: Settings
    docs: list[Any]
    #: report document id -> its 1-based FA-KES CSV row
    row_of: dict[str, int]

    def open_pair(self, a: int, b: int) -> tuple[dict[str, str], dict[str, str]] | None:
        """The two rows of a pair a new draw may take (both development rows, no check document,
        not yet labelled, texts not identical), else None."""
        x, y = self.rows[a - 1], self.rows[b - 1]
        if (a, b) in self.split or a in self.check or b in self.check or not (gold._is_dev(x) and gold._is_dev(y)):
            return None
        return (x, y) if x["article_content"] != y["article_content"] else None


def load_pool(db: str, waves: int) -> Pool:
    """The pool of a draw made after the first ``waves`` waves of the gold pairs."""
    rows = gold._rows()
    split = gold._documented_split(gold._waves(rows)[:waves])
    check = {d for p, h in split.items() if h == "check" for d in p}
    with Store(Path(db), readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions())
        sources = store.document_sources() if store.has_incidents else []
    row_of = {doc: int(ref.rsplit("row", 1)[1]) for ref, doc in references(docs, sources).items()
              if ref.startswith("FA-KES-Dataset.csv#row")}
    return Pool(rows, split, check, load_settings(), docs, row_of)
