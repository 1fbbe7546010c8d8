"""The store: migrations, dedup, versions, atomic per-document writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.records import Document, Entity, Sentence
from sitrep.stages.base import Analysis
from sitrep.store import Store


def _doc(text: str, source: str | None = "a.txt", **kw) -> Document:
    from sitrep.ingest import document_id

    doc_id, sha = document_id(text)
    return Document(id=doc_id, sha256=sha, text=text, source_path=source, **kw)


def test_store_migrates_and_records_schema_version(tmp_path: Path):
    with Store(tmp_path / "x.db") as store:
        assert store.schema_version >= 1
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    with Store(tmp_path / "x.db") as store:  # reopening applies nothing twice
        assert store.migrate() == []


def test_store_refuses_a_newer_schema(tmp_path: Path):
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_store_duplicate_and_new_version(tmp_path: Path):
    with Store(tmp_path / "x.db") as store:
        first = _doc("One text about a truce.")
        assert store.add_document(first) == "added"
        assert store.add_document(_doc("One text about a truce.")) == "duplicate"
        second = _doc("One text about a truce, corrected.")
        assert store.add_document(second) == "version"
        stored = store.get_document(second.id)
        assert stored is not None and stored.version == 2 and stored.previous == first.id
        assert store.status_counts()["documents"] == 2


def test_store_save_analysis_replaces_and_is_atomic(tmp_path: Path):
    with Store(tmp_path / "x.db") as store:
        doc = _doc("Talks resumed. Nobody spoke.")
        store.add_document(doc)
        analysis = Analysis(
            document=doc,
            sentences=[Sentence(doc.id, 0, 0, 14, "Talks resumed."), Sentence(doc.id, 1, 15, 28, "Nobody spoke.")],
            entities=[Entity(doc.id, 0, 5, "Talks", "X", "Talks resumed.")],
        )
        store.save_analysis(analysis, "v1")
        store.save_analysis(analysis, "v1")  # re-analysis replaces, never duplicates
        assert len(store.records(Sentence, document=doc.id)) == 2
        assert store.pending("v1") == [] and store.pending("v2") == [doc.id]
        bad = Analysis(document=doc, entities=[Entity(doc.id, 0, 5, "Talks", "X", "s"), None])  # type: ignore[list-item]
        with pytest.raises(KeyError):
            store.save_analysis(bad, "v2")
        # the failed write left the previous analysis intact
        assert len(store.records(Entity, document=doc.id)) == 1
        assert store.get_document(doc.id).status == "analyzed"  # type: ignore[union-attr]
        assert store.pending("v1") == []


def test_store_actor_aliases_accumulate_over_documents(tmp_path: Path):
    from sitrep.records import Actor

    with Store(tmp_path / "x.db") as store:
        first, second, third = _doc("Ankara said no."), _doc("Turkiye said no.", "b.txt"), _doc("In Cizre.", "c.txt")
        for doc, aliases in ((first, ["Ankara"]), (second, ["Turkiye", "Ankara"]), (third, [])):
            store.add_document(doc)
            actor = Actor("TUR", "Turkey", "state", "TUR", "GOV", aliases=aliases)
            store.save_analysis(Analysis(document=doc, actors=[actor]), "v1")
        [stored] = store.conn.execute("SELECT aliases FROM actors WHERE id = 'TUR'").fetchall()
        assert stored[0] == '["Ankara", "Turkiye"]'


def test_store_actor_record_does_not_depend_on_document_order(tmp_path: Path):
    from sitrep.records import Actor

    docs = [_doc("One: al Nusra fighters.", "a.txt"), _doc("Two: Al-Nusra fighters.", "b.txt")]
    described = [Actor("prov:al-nusra", "al Nusra", "armed_group", aliases=["al Nusra"], provisional=True),
                 Actor("prov:al-nusra", "Al-Nusra", "other", aliases=["Al-Nusra", "Nusra"], provisional=True)]
    stored = []
    for order in ((0, 1), (1, 0)):
        with Store(tmp_path / f"o{order[0]}.db") as store:
            for i in order:
                store.add_document(docs[i])
                store.save_analysis(Analysis(document=docs[i], actors=[described[i]]), "v1")
            stored.append(store.records(Actor))
    assert stored[0] == stored[1]
    [actor] = stored[0]
    assert actor.aliases == ["al Nusra", "Al-Nusra", "Nusra"]
