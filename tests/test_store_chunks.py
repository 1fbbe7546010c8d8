"""Lookups by many ids run in chunks under SQLite's parameter cap (``store.explore.in_chunks``)."""

from __future__ import annotations

from pathlib import Path

from sitrep.records import Document
from sitrep.store import Store
from sitrep.store.explore import in_chunks


def test_in_chunks_drops_repeats_and_marks_each_value():
    values = [f"d{i}" for i in range(1203)] + ["d5", "d1202"]
    chunks = list(in_chunks(values, size=500))
    assert [len(c) for c, _ in chunks] == [500, 500, 203]
    assert all(marks.count("?") == len(c) for c, marks in chunks)
    assert [v for c, _ in chunks for v in c] == values[:1203]
    assert list(in_chunks([])) == []


def test_get_documents_across_chunks_keeps_the_given_order(tmp_path: Path):
    with Store(tmp_path / "x.db") as store:
        for i in range(1100):
            store.add_document(Document(id=f"doc{i:04d}", sha256=f"h{i}", text=f"Text number {i}."))
        ids = [f"doc{i:04d}" for i in range(1099, -1, -1)] + ["missing"]
        found = store.get_documents(ids)
    assert [d.id for d in found] == ids[:-1]
    assert found[0].text == "Text number 1099."
