"""The HTML report: built from small pieces; a map that cannot be drawn is said, not dropped silently."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from sitrep.records import Document, Place, Sentence
from sitrep.report import build_report, render_report
from sitrep.stages.base import Analysis
from sitrep.store import Store


def _db(path: Path) -> Path:
    text = "Shelling hit Aleppo on Monday."
    doc = Document(id="d1", sha256="b" * 64, text=text, title="Aleppo report", publisher="Wire")
    with Store(path) as store:
        store.add_document(doc)
        store.save_analysis(Analysis(
            document=doc,
            sentences=[Sentence("d1", 0, 0, len(text), text)],
            places=[Place("d1", 13, 19, "Aleppo", text, "Aleppo", lat=36.2, lon=37.16, country="SY", level=4)],
        ), "v1")
    return path


def test_report_draws_the_map(tmp_path: Path):
    with Store(_db(tmp_path / "r.db"), readonly=True) as store:
        data = build_report(store)
    assert data.map_svg and data.map_svg.startswith("<svg") and data.map_note is None
    assert "<svg" in render_report(data)


def test_report_says_why_the_map_is_missing(tmp_path: Path, monkeypatch, caplog):
    monkeypatch.setitem(sys.modules, "sitrep.stages.place.mapsvg", None)  # importing it now fails
    with Store(_db(tmp_path / "r.db"), readonly=True) as store, caplog.at_level(logging.WARNING, logger="sitrep"):
        data = build_report(store)
    assert data.map_svg is None and data.map_note and "map" in data.map_note
    assert data.map_note in render_report(data)
    assert any("no map" in r.getMessage() for r in caplog.records)


def _many(path: Path, n: int) -> Path:
    """``n`` one-sentence reports from two outlets, each naming one place."""
    with Store(path) as store:
        for i in range(n):
            text = f"Shelling hit Aleppo on day {i}."
            doc = Document(id=f"d{i:03d}", sha256=f"{i:064x}", text=text, title=f"Report {i}",
                           publisher="Wire" if i % 2 else "Daily")
            store.add_document(doc)
            store.save_analysis(Analysis(
                document=doc, sentences=[Sentence(doc.id, 0, 0, len(text), text)],
                places=[Place(doc.id, 13, 19, "Aleppo", text, "Aleppo", lat=36.2, lon=37.16, country="SY", level=4)],
            ), "v1")
    return path


def test_report_lists_the_first_rows_of_a_big_corpus_and_says_how_many_more(tmp_path: Path):
    from sitrep.report import Limits

    limits = Limits(documents_in_full=3, rows=5)
    with Store(_many(tmp_path / "r.db", 12), readonly=True) as store:
        data = build_report(store, limits=limits)
        everything = build_report(store, limits=Limits.none())
    assert len(data.places) == 5 and data.totals["places"] == 12 and len(everything.places) == 12
    html = render_report(data)
    assert "The first 5 of 12" in html and "sitrep serve" in html
    assert html.count("<summary>Report ") == 3  # items listed for the first 3 documents only
    assert "The first 3 of 12" in html
    full = render_report(everything)
    assert full.count("<summary>Report ") == 12 and "The first" not in full


def test_small_corpus_report_is_not_cut(tmp_path: Path):
    with Store(_many(tmp_path / "r.db", 4), readonly=True) as store:
        html = render_report(build_report(store))
    assert "The first" not in html and html.count("<summary>Report ") == 4
