"""The seeds audit's scorer (``benchmarks/events_seeds_audit.py``, branch seeds1): its gold file holds
labels and offsets only and covers main's events, and the scorer counts precision and fields right on
hand-built exports (no seed text)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from events_seeds_audit import GOLD, Judged, load_gold, report, score  # noqa: E402


def _event(key: tuple[str, int, int, str], **fields: object) -> dict[str, object]:
    document, start, end, category = key
    event: dict[str, object] = {"document": document, "trigger_start": start, "trigger_end": end,
                                "category": category, "status": "asserted", "actors": [], "recipients": [],
                                "place": None}
    event.update(fields)
    return event


def test_the_gold_file_holds_labels_and_offsets_only():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 120
    assert {k for row in rows for k in row} <= {"event", "document", "trigger_start", "trigger_end", "category",
                                                "coded", "gold", "errors"}
    assert all(("gold" in row) == row["coded"] for row in rows)
    assert all(err.count(":") == 2 for row in rows for err in row["errors"])


def test_score_counts_precision_and_fields_on_coded_events():
    coded = ("d", 10, 15, "ASSAULT")
    not_coded = ("d", 40, 45, "AGREE")
    gold = {coded: Judged(coded, True, {"category": "ASSAULT", "status": "asserted", "actors": ["A", "B"],
                                        "recipients": [], "place": "Aleppo"}, ()),
            not_coded: Judged(not_coded, False, None, ("event:refers_back:recognition",))}
    events = [_event(coded, actors=["B", "A"], place={"name": "Idlib"}),
              _event(not_coded),
              _event(("d", 70, 75, "ASSAULT"))]
    result = score(events, gold)
    assert (result.recorded, result.judged, result.unjudged, result.coded) == (3, 2, 1, 1)
    assert result.right["actors"] == 1  # a set of ids, in any order
    assert result.right["place"] == 0
    assert result.right["status"] == 1
    assert report(result)["precision"] == 0.5


def test_main_judged_as_the_docs_say():
    gold = load_gold()
    assert sum(j.coded for j in gold.values()) == 56
    assert sum("place:party_toponym_as_place:place_stage" in j.errors for j in gold.values()) == 8
