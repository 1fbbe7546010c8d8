"""The store API behaves the same on SQLite and on PostgreSQL (a real server the suite starts),
and PostgreSQL takes concurrent writers from many processes without a duplicate or a lost row."""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path

import pytest
from components import join_or_kill
from store_helpers import wait_for_claim_sessions

from sitrep.errors import StoreError
from sitrep.records import (
    Actor,
    Document,
    Entity,
    Event,
    Evidence,
    Framing,
    Place,
    Sentence,
    Skip,
)
from sitrep.stages.base import Analysis
from sitrep.store import TABLES, Store, _migrations
from sitrep.store.copy import copy_database
from sitrep.store.postgres import redact, to_postgres, translate_ddl


def _doc(text: str, source: str | None = "a.txt", **kw) -> Document:
    from sitrep.ingest import document_id

    doc_id, sha = document_id(text)
    return Document(id=doc_id, sha256=sha, text=text, source_path=source, **kw)


def _analysis(doc: Document, n: int = 3) -> Analysis:
    """A hand-built analysis with one record of several types (no model needed)."""
    sentences = [Sentence(doc.id, i, i * 10, i * 10 + 9, f"Sentence {i}.") for i in range(n)]
    entities = [Entity(doc.id, i * 10, i * 10 + 5, "Aleppo", "GPE", f"Sentence {i}.") for i in range(n)]
    places = [Place(doc.id, 0, 6, "Aleppo", "Sentence 0.", "Aleppo", 36.20124, 37.16117, "SY", "Aleppo", 170063, 3)]
    events = [Event(f"{doc.id}:e{i}", doc.id, "ASSAULT", "asserted", Evidence(i * 100, i * 100 + 4, "hits"),
                    "hit", actors=["SYR"], recipients=["prov:x"], confidence=0.5) for i in (2, 10, 1)]
    actors = [Actor("SYR", "Syria", "state", "SYR", "GOV", aliases=["Damascus"])]
    framings = [Framing(doc.id, "SYR")]
    return Analysis(document=doc, sentences=sentences, entities=entities, places=places, events=events,
                    actors=actors, framings=framings)


def _dump(store: Store) -> dict[str, list]:
    return {table: store.records(cls) for cls, table in TABLES.items()}


# --- the same behaviour on both backends -----------------------------------------------------------


def test_store_backends_migrate_once_and_reopen(db_location: str):
    with Store(db_location) as store:
        assert store.schema_version == max(n for n, _, _ in _migrations(store.dialect))
    with Store(db_location) as store:
        assert store.migrate() == []


def test_store_backends_duplicates_versions_and_skips(db_location: str):
    with Store(db_location) as store:
        first = _doc("One text about a truce.")
        assert store.add_document(first) == "added"
        assert store.add_document(_doc("One text about a truce.")) == "duplicate"
        second = _doc("One text about a truce, corrected.")
        assert store.add_document(second) == "version"
        stored = store.get_document(second.id)
        assert stored is not None and stored.version == 2 and stored.previous == first.id
        store.add_skip(Skip("b.txt", "skipped", "empty file"))
        store.add_skip(Skip("c.txt", "failed", "unreadable"))
        store.add_skip(Skip("b.txt", "failed", "binary file"))  # the same source: updated, not doubled
        assert [(s.source, s.status) for s in store.skips()] == [("b.txt", "failed"), ("c.txt", "failed")]
        assert store.status_counts()["documents"] == 2 and store.status_counts()["inputs_failed"] == 2


def test_store_backends_save_analysis_replaces_and_is_atomic(db_location: str):
    with Store(db_location) as store:
        doc = _doc("Talks resumed. Nobody spoke.")
        store.add_document(doc)
        store.save_analysis(_analysis(doc), "v1")
        store.save_analysis(_analysis(doc), "v1")  # re-analysis replaces, never duplicates
        assert len(store.records(Sentence, document=doc.id)) == 3
        assert store.pending("v1") == [] and store.pending("v2") == [doc.id]
        bad = Analysis(document=doc, entities=[Entity(doc.id, 0, 5, "Talks", "X", "s"), None])  # type: ignore[list-item]
        with pytest.raises(KeyError):
            store.save_analysis(bad, "v2")
        assert len(store.records(Entity, document=doc.id)) == 3  # the failed write changed nothing
        assert store.get_document(doc.id).status == "analyzed"  # type: ignore[union-attr]


def test_store_backends_queries_agree(tmp_path: Path, pg_url: str):
    """Every query gives the same answer on both: ordering (numbers in JSON, code-point order of
    text), JSON filters, case-insensitive ids, coordinates to the last digit."""
    results = []
    for location in (str(tmp_path / "q.db"), pg_url):
        with Store(location) as store:
            for text, name in (("Bravo report.", "b.txt"), ("alpha report.", "A.txt"), ("Émile report.", "é.txt")):
                doc = _doc(text, name)
                store.add_document(doc)
                store.save_analysis(_analysis(doc), "v1")
            store.add_document(_doc("Waiting report.", "w.txt"))
            results.append((
                _dump(store), store.events(actor="prov:x"), store.events(actor="nobody"),
                store.events(status="asserted", category="ASSAULT"), store.actor_id("syr"), store.actor_names(),
                store.actor_counts(), store.reasons(), store.status_counts(), store.pending("v1"),
            ))
    sqlite, postgres = results
    for i, (a, b) in enumerate(zip(sqlite, postgres, strict=True)):
        if i == 0:
            for table in a:
                strip = {"ingested_at", "analyzed_at"}
                clean = [[{k: v for k, v in dataclasses.asdict(r).items() if k not in strip} for r in x] for x in (a[table], b[table])]
                if table == "documents":  # ordered by ingestion time first: the two runs differ in time
                    clean = [sorted(x, key=lambda d: d["id"]) for x in clean]
                assert clean[0] == clean[1], table
        else:
            assert a == b, i
    events = sqlite[0]["events"]
    assert [e.evidence.start for e in events[:3]] == [100, 200, 1000]  # numeric, not text, order
    assert sqlite[4] == "SYR" and len(sqlite[1]) == 9 and sqlite[2] == []
    place = sqlite[0]["places"][0]
    assert (place.lat, place.lon) == (36.20124, 37.16117)


def test_store_backends_actor_record_does_not_depend_on_document_order(db_location: str, tmp_path: Path):
    docs = [_doc("One: al Nusra fighters.", "a.txt"), _doc("Two: Al-Nusra fighters.", "b.txt")]
    described = [Actor("prov:al-nusra", "al Nusra", "armed_group", aliases=["al Nusra"], provisional=True),
                 Actor("prov:al-nusra", "Al-Nusra", "other", aliases=["Al-Nusra", "Nusra"], provisional=True)]
    stored = []
    for order, location in (((0, 1), db_location), ((1, 0), str(tmp_path / "other.db"))):
        with Store(location) as store:
            for i in order:
                store.add_document(docs[i])
                store.save_analysis(Analysis(document=docs[i], actors=[described[i]]), "v1")
            stored.append(store.records(Actor))
    assert stored[0] == stored[1]
    assert stored[0][0].aliases == ["al Nusra", "Al-Nusra", "Nusra"]


def test_store_backends_readonly_refuses_writes(db_location: str):
    with Store(db_location) as store:
        store.add_document(_doc("A text."))
    with Store(db_location, readonly=True) as store:
        assert store.status_counts()["documents"] == 1
        with pytest.raises(StoreError):
            store.add_document(_doc("Another text."))


def test_store_migrate_copies_sqlite_to_postgresql_and_back(tmp_path: Path, pg_url: str, pg_server):
    source = tmp_path / "src.db"
    with Store(source) as store:
        for i in range(7):
            doc = _doc(f"Report {i} about the truce.", f"r{i}.txt")
            store.add_document(doc)
            if i % 2 == 0:
                store.save_analysis(_analysis(doc), "v1")
        store.add_document(_doc("Report 1 about the truce, corrected.", "r1.txt"))  # a version chain
        store.add_skip(Skip("bad.txt", "skipped", "empty file"))
    with Store(source, readonly=True) as src, Store(pg_url) as dst:
        first = copy_database(src, dst)
        again = copy_database(src, dst)  # resumable / idempotent: nothing doubled
        assert first.rows["documents"] == 8 and again.rows["documents"] == 0 and again.rows["skips"] == 0
        expected, got = _dump(src), _dump(dst)
        assert {t: len(v) for t, v in got.items()} == {t: len(v) for t, v in expected.items()}
        assert got == expected
        dst.add_skip(Skip("later.txt", "failed", "unreachable"))  # identity sequence moved past copied keys
        assert [s.source for s in dst.skips()] == ["bad.txt", "later.txt"]
    back = tmp_path / "back.db"
    with Store(pg_url, readonly=True) as src, Store(back) as dst:
        copy_database(src, dst)
        assert _dump(dst) == _dump(src)


# --- PostgreSQL specifics ---------------------------------------------------------------------------


def test_postgres_translation_of_sql():
    assert to_postgres("SELECT 1 FROM t WHERE a = ? AND b = '?'") == "SELECT 1 FROM t WHERE a = %s AND b = '?'"
    assert to_postgres("INSERT OR IGNORE INTO t (a, b) VALUES (?, ?)") == \
        "INSERT INTO t (a, b) VALUES (%s, %s) ON CONFLICT DO NOTHING"
    assert to_postgres('INSERT OR REPLACE INTO "t" ("a", "b") VALUES (?, ?)', (("t", ("a",)),)) == \
        'INSERT INTO "t" ("a", "b") VALUES (%s, %s) ON CONFLICT ("a") DO UPDATE SET "b" = EXCLUDED."b"'
    ddl = translate_ddl('CREATE TABLE x (\n rowid_ INTEGER PRIMARY KEY, -- a TEXT comment\n text TEXT, lat REAL, "index" INTEGER\n);')
    assert 'text TEXT COLLATE "C"' in ddl and "lat DOUBLE PRECISION" in ddl and '"index" BIGINT' in ddl
    assert "rowid_ BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" in ddl and "comment" not in ddl
    assert redact("postgresql://u:secret@h:5/db") == "postgresql://u:***@h:5/db"


def test_postgres_schema_has_the_columns_sqlite_has(tmp_path: Path, pg_url: str):
    """Every migration, translated or given as a variant, gives PostgreSQL the same tables and
    columns, apart from the SQLite-only tables `sitrep serve` reads (kept by triggers)."""
    from sitrep.store.copy import kept_by_triggers

    with Store(tmp_path / "s.db") as lite, Store(pg_url) as pg:
        records = [t for t in lite.backend.tables() if not kept_by_triggers(t)]
        assert {t for t in lite.backend.tables() if kept_by_triggers(t)} >= {"documents_fts", "event_index"}
        assert pg.backend.tables() == records
        for table in records:
            assert pg.backend.columns(table) == lite.backend.columns(table), table


def test_postgres_errors_say_what_to_do(pg_server):
    with pytest.raises(StoreError, match="create it first"):
        Store(pg_server.url("no_such_database"))
    with pytest.raises(StoreError, match="cannot reach the PostgreSQL server"):
        Store("postgresql://postgres@/x?host=/nonexistent-socket-folder")
    with pytest.raises(StoreError, match="empty, not a sitrep database"):
        Store(pg_server.create_database("empty_one"), readonly=True)


def _save_many(url: str, texts: list[str], rounds: int) -> None:
    with Store(url) as store:
        for _ in range(rounds):
            for text in texts:
                doc = _doc(text, None)
                store.add_document(doc)
                store.save_analysis(_analysis(doc), "v1")


def test_postgres_concurrent_writers_never_double_a_row(pg_url: str):
    """Four processes add and save the same documents at once, twice over: each document once,
    each of its records once, the actor merged once."""
    texts = [f"Shared report number {i}." for i in range(12)]
    with Store(pg_url):
        pass  # migrate once before the race (the race on migrations is tested below)
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_save_many, args=(pg_url, texts[i:] + texts[:i], 2)) for i in range(4)]
    for p in procs:
        p.start()
    assert join_or_kill(procs, 120) == [0, 0, 0, 0]
    with Store(pg_url, readonly=True) as store:
        assert store.status_counts()["documents"] == 12 and store.status_counts()["analyzed"] == 12
        assert len(store.records(Sentence)) == 36 and len(store.records(Entity)) == 36
        assert len(store.records(Event)) == 36 and len(store.records(Actor)) == 1


def _open(url: str) -> None:
    Store(url).close()


def test_postgres_concurrent_first_opens_migrate_once(pg_url: str):
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_open, args=(pg_url,)) for _ in range(4)]
    for p in procs:
        p.start()
    assert join_or_kill(procs, 60) == [0, 0, 0, 0]
    with Store(pg_url) as store:
        rows = store.conn.execute("SELECT version FROM sitrep_schema").fetchall()
        assert [r[0] for r in rows] == [store.schema_version]


def test_postgres_claims_are_exclusive_and_die_with_their_process(pg_url: str):
    with Store(pg_url) as store:
        for i in range(10):
            store.add_document(_doc(f"Claimable report {i}.", f"c{i}.txt"))
    a, b = Store(pg_url), Store(pg_url)
    try:
        first = a.claim("v1", 4)
        second = b.claim("v1", 4)
        assert len(first) == 4 and len(second) == 4 and not set(first) & set(second)
        a.close()  # a process that dies: its connection closes and its claims go with it
        wait_for_claim_sessions(pg_url, 1)  # ... once the server has ended its session
        rest = b.claim("v1", 10)
        assert sorted(rest) == sorted(set(b.pending("v1")) - set(second))
        assert set(first) <= set(rest)
        doc = b.get_document(rest[0])
        assert doc is not None
        b.save_analysis(Analysis(document=doc), "v1")
        b.release([rest[0]])
        c = Store(pg_url)
        try:
            assert c.claim("v1", 10) == []  # analyzed ones are not pending, the rest are still held by b
        finally:
            c.close()
    finally:
        b.close()
