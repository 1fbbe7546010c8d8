"""The store under hostile conditions: odd paths, concurrent writers, read-only files and
folders, a full disk — always a one-line error (exit 1), never a traceback or a lost record."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from components import join_or_kill
from typer.testing import CliRunner

from sitrep.cli import (
    app,
    commands,  # noqa: F401  (registers the per-stage commands)
)
from sitrep.errors import StoreError
from sitrep.records import Document, Entity, Sentence
from sitrep.stages.base import Analysis
from sitrep.store import (
    ANALYSIS_TABLES,
    TABLES,
    Store,
    natural_key,
    sqlite_uri,
    without_source,
)

runner = CliRunner()
SITREP = [sys.executable, "-m", "sitrep"]


def _doc(text: str, source: str = "a.txt") -> Document:
    from sitrep.ingest import document_id

    doc_id, sha = document_id(text)
    return Document(id=doc_id, sha256=sha, text=text, source_path=source)


def _corpus(folder: Path, n: int, size: int = 200) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = f"Report number {i}. " + "The truce held in the northern town, officials said. " * (size // 50)
        (folder / f"r{i:03d}.txt").write_text(f"Title {i}\n\n{body}\n")
    return folder


# --- derived schema ---------------------------------------------------------------------------


def test_store_tables_are_derived_from_the_records(tmp_path: Path):
    analysis_lists = {f.name for f in dataclasses.fields(Analysis) if f.name not in ("document", "doc")}
    analysis_lists -= {"context_names"}  # evidence that lives only between stages (Document.context's names)
    assert set(ANALYSIS_TABLES) == analysis_lists - {"actors"}
    with Store(tmp_path / "x.db") as store:
        for cls, table in TABLES.items():
            columns = {r[1] for r in store.conn.execute(f'PRAGMA table_info("{table}")')}
            fields = {f.name for f in dataclasses.fields(cls)} - set(cls.DERIVED)  # derived: read from another table
            assert fields <= columns, f"{table} lacks columns for {sorted(fields - columns)}"


# --- paths --------------------------------------------------------------------------------------


def test_sqlite_uri_escapes_special_characters():
    assert sqlite_uri("/d/w#x.db", "ro") == "file:/d/w%23x.db?mode=ro"
    assert sqlite_uri("/d/a?b%c d.db", "rwc") == "file:/d/a%3Fb%25c%20d.db?mode=rwc"


@pytest.mark.parametrize("name", ["w#x.db", "q?x.db", "p%41.db", "s p a c e.db", "m#i?x%20.db"])
def test_store_paths_with_uri_characters(tmp_path: Path, name: str):
    folder = tmp_path / "dbs"
    folder.mkdir()
    path = folder / name
    with Store(path) as store:
        assert store.add_document(_doc("A short report about a truce.")) == "added"
    assert sorted(p.name for p in folder.iterdir()) == [name]  # no stray file such as "w"
    with Store(path, readonly=True) as store:
        assert store.status_counts()["documents"] == 1
    result = runner.invoke(app, ["status", "--db", str(path), "--json"])
    assert result.exit_code == 0 and '"documents": 1' in result.stdout


# --- concurrent writers ----------------------------------------------------------------------


def _add_all(path: str, texts: list[str], barrier: multiprocessing.synchronize.Barrier, out: multiprocessing.Queue) -> None:
    try:
        barrier.wait(timeout=30)
        with Store(path) as store:  # both processes also race to create and migrate the database
            results = [store.add_document(_doc(t, f"s{i}.txt")) for i, t in enumerate(texts)]
        out.put(("ok", results))
    except BaseException as exc:  # report it to the parent instead of dying silently
        out.put(("error", repr(exc)))


def test_store_two_processes_adding_the_same_documents_at_once(tmp_path: Path):
    texts = [f"Report {i}: the convoy reached the town on Monday, officials said." for i in range(40)]
    ctx = multiprocessing.get_context("fork")
    for attempt in range(3):
        path = str(tmp_path / f"race{attempt}.db")
        barrier, out = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_add_all, args=(path, texts, barrier, out)) for _ in range(2)]
        for p in procs:
            p.start()
        try:
            results = [out.get(timeout=120) for _ in procs]
        finally:
            assert join_or_kill(procs, 60) == [0, 0]
        assert all(kind == "ok" for kind, _ in results), results
        # every text was added exactly once, by one process or the other
        added = [a == "added" or b == "added" for a, b in zip(results[0][1], results[1][1], strict=False)]
        assert all(added) and sum(r.count("added") for _, r in results) == 40
        with Store(path, readonly=True) as store:
            assert store.status_counts()["documents"] == 40


@pytest.mark.slow
def test_cli_two_ingests_at_once_give_no_traceback(tmp_path: Path):
    corpus = _corpus(tmp_path / "c", 60)
    for attempt in range(1):
        db = tmp_path / f"two{attempt}.db"
        procs = [subprocess.Popen([*SITREP, "ingest", str(corpus), "--db", str(db), "-q"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outs = [p.communicate(timeout=300) for p in procs]
        for p, (_, err) in zip(procs, outs, strict=False):
            assert p.returncode == 0, err
            assert "Traceback" not in err
        with Store(db, readonly=True) as store:
            assert store.status_counts()["documents"] == 60


def _analyze_parse_only(path: str, barrier: multiprocessing.synchronize.Barrier, out: multiprocessing.Queue) -> None:
    try:
        from sitrep.pipeline import build_pipeline
        from sitrep.workflow import analyze

        pipeline = build_pipeline(only=["parse"])
        barrier.wait(timeout=60)
        with Store(path) as store:
            summary = analyze(store, pipeline=pipeline, batch_size=2)
        out.put(("ok", summary.analyzed, summary.failed))
    except BaseException as exc:
        out.put(("error", repr(exc), 0))


@pytest.mark.slow
def test_store_two_analyses_at_once_on_one_database(tmp_path: Path):
    from sitrep.workflow import ingest

    path = tmp_path / "a.db"
    with Store(path) as store:
        ingest(store, [str(_corpus(tmp_path / "c", 12))])
    ctx = multiprocessing.get_context("fork")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_analyze_parse_only, args=(str(path), barrier, out)) for _ in range(2)]
    for p in procs:
        p.start()
    try:
        results = [out.get(timeout=300) for _ in procs]
    finally:
        assert join_or_kill(procs, 60) == [0, 0]
    assert [(r[0], r[2]) for r in results] == [("ok", 0), ("ok", 0)], results
    with Store(path, readonly=True) as store:
        assert store.status_counts()["analyzed"] == 12
        per_doc = store.conn.execute('SELECT document, "index", COUNT(*) c FROM sentences GROUP BY 1, 2 HAVING c > 1')
        assert per_doc.fetchall() == []  # nobody's sentences were doubled


# --- read-only commands and files ----------------------------------------------------------------


def test_read_only_commands_leave_no_journal_files(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "x.db"
    with Store(db) as store:
        doc = _doc("The truce held. Talks resumed on Monday.")
        store.add_document(doc)
        store.save_analysis(Analysis(document=doc, sentences=[Sentence(doc.id, 0, 0, 15, "The truce held.")]), "v1")
    assert sorted(p.name for p in folder.iterdir()) == ["x.db"]  # a writer cleans up when it closes
    out = tmp_path / "out"
    out.mkdir()
    for args in (["status"], ["status", "--json"], ["export"], ["export", "-f", "csv", "-o", str(out / "csv")],
                 ["report", "-o", str(out / "r.html")], ["events"], ["actors"], ["quotes"]):
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output)
        assert sorted(p.name for p in folder.iterdir()) == ["x.db"], args


@pytest.fixture()
def without_root_powers() -> list[str]:
    """A command prefix under which file permissions apply: as root (which ignores them) the
    capabilities that bypass them are dropped with ``setpriv``; otherwise nothing."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: read-only files cannot be simulated")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


READ_ONLY_OK = (["status", "--json"], ["events"], ["export"])
NEEDS_WRITE = (["ingest", "{corpus}"], ["analyze"], ["run", "{corpus}"])


def _read_only_case(tmp_path: Path, prefix: list[str], *, lock_folder: bool) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    db = folder / "x.db"
    with Store(db) as store:
        store.add_document(_doc("A short report about a truce in the north."))
    corpus = _corpus(tmp_path / "corpus", 2)
    db.chmod(0o644 if lock_folder else 0o444)
    folder.chmod(0o555 if lock_folder else 0o755)
    try:
        for args in READ_ONLY_OK:
            done = subprocess.run([*prefix, *SITREP, *args, "--db", str(db)], capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, (args, done.stderr)
        for args in NEEDS_WRITE:
            cmd = [a.replace("{corpus}", str(corpus)) for a in args]
            done = subprocess.run([*prefix, *SITREP, *cmd, "--db", str(db), "-q"], capture_output=True, text=True, timeout=120)
            assert done.returncode == 1, (args, done.stdout, done.stderr)
            assert "Traceback" not in done.stderr and "read-only" in done.stderr
            assert done.stderr.count("\n") == 1, done.stderr  # one line
        assert sorted(p.name for p in folder.iterdir()) == ["x.db"]
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


@pytest.mark.slow
def test_read_only_database_file(tmp_path: Path, without_root_powers: list[str]):
    _read_only_case(tmp_path, without_root_powers, lock_folder=False)


@pytest.mark.slow
def test_read_only_database_folder(tmp_path: Path, without_root_powers: list[str]):
    _read_only_case(tmp_path, without_root_powers, lock_folder=True)


# --- a full disk ------------------------------------------------------------------------------------


def _limit_file_size(limit: int):  # noqa: ANN202
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
def test_full_disk_during_analyze_is_one_line_and_keeps_what_was_saved(tmp_path: Path):
    """The file-size limit (RLIMIT_FSIZE) stands in for a full disk: SQLite's next write fails."""
    corpus = _corpus(tmp_path / "c", 12, size=1500)
    db = tmp_path / "full.db"
    done = subprocess.run([*SITREP, "ingest", str(corpus), "--db", str(db), "-q"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    limit = db.stat().st_size + 120_000
    done = subprocess.run([*SITREP, "analyze", "--db", str(db), "-q"], capture_output=True, text=True,
                          timeout=600, preexec_fn=_limit_file_size(limit))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert "disk is probably full" in done.stderr
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        analyzed = conn.execute("SELECT COUNT(*) FROM documents WHERE status = 'analyzed'").fetchone()[0]
    finally:
        conn.close()
    assert 0 < analyzed < 12, analyzed  # the documents saved before the disk filled are kept
    with Store(db, readonly=True) as store:  # ... and the next run would do exactly the rest
        rows = store.conn.execute("SELECT DISTINCT pipeline_version FROM documents WHERE status = 'analyzed'")
        [version] = [r[0] for r in rows]
        assert len(store.pending(version)) == 12 - analyzed


def test_full_database_during_ingest_is_a_store_error(tmp_path: Path):
    with Store(tmp_path / "x.db") as store:
        store.add_document(_doc("A first short report."))
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreError, match="disk is probably full"):
            store.add_document(_doc("A second report. " * 2000, "b.txt"))
        assert store.status_counts()["documents"] == 1


def test_full_database_during_save_analysis_keeps_the_previous_analysis(tmp_path: Path):
    with Store(tmp_path / "x.db") as store:
        doc = _doc("Talks resumed. Nobody spoke.")
        store.add_document(doc)
        store.save_analysis(Analysis(document=doc, entities=[Entity(doc.id, 0, 5, "Talks", "X", "s")]), "v1")
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        big = [Entity(doc.id, 0, 5, "Talks" * 200, "X", "s" * 500) for _ in range(200)]
        with pytest.raises(StoreError, match="disk is probably full"):
            store.save_analysis(Analysis(document=doc, entities=big), "v2")
        assert len(store.records(Entity, document=doc.id)) == 1
        assert store.pending("v1") == []


# --- listings ----------------------------------------------------------------------------------------


def test_natural_sort_and_reasons_without_repeated_source(tmp_path: Path):
    from sitrep.records import Skip

    assert sorted(["f#row10", "f#row2", "f#row1"], key=natural_key) == ["f#row1", "f#row2", "f#row10"]
    assert without_source("/x/a.csv#row2", "/x/a.csv#row2: the text column is empty.") == "the text column is empty."
    assert without_source("/x/a.txt", "a.txt: empty") == "empty"
    assert without_source("/x/a.txt", "something else") == "something else"
    with Store(tmp_path / "x.db") as store:
        for n in (10, 2, 1, 11):
            store.add_skip(Skip(f"f.csv#row{n}", "skipped", f"f.csv#row{n}: the text column is empty."))
        assert [(s, r) for _, s, r in store.reasons()] == [
            (f"f.csv#row{n}", "the text column is empty.") for n in (1, 2, 10, 11)]


def test_status_counts_keep_zero_keys(tmp_path: Path):
    with Store(tmp_path / "x.db") as store:
        assert store.status_counts() == {"documents": 0, "ingested": 0, "analyzed": 0, "skipped": 0, "failed": 0,
                                         "inputs_skipped": 0, "inputs_failed": 0}


def test_empty_file_is_not_a_database(tmp_path: Path):
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(StoreError, match="not a sitrep database"):
        Store(tmp_path / "empty.db", readonly=True)
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite" * 100)
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "junk.db")])
    assert result.exit_code == 1 and "not a sitrep database" in result.output


def test_readonly_store_opened_on_a_folder_is_a_clear_error(tmp_path: Path):
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path)])
    assert result.exit_code == 1 and "is a folder" in result.output
    missing = tmp_path / "nope" / "x.db"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(missing)])
    assert result.exit_code == 1 and "does not exist" in result.output
