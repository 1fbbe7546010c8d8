"""What keeps `sitrep serve` fast on a large database, checked for correctness on small ones:
migration 0008's lookup columns and table (kept by triggers), the actor and place filters that
read them, search ranking over a bounded candidate set, the full-text index merge at start,
and `sitrep serve --workers N`. No model is loaded; every text is written here."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
import serve_fixture  # noqa: E402
from components import reserve_port  # noqa: E402

from sitrep.records import Document, Event, Evidence, Mention, Quote  # noqa: E402
from sitrep.serve.app import Settings, create_app  # noqa: E402
from sitrep.stages.base import Analysis  # noqa: E402
from sitrep.store import (
    Store,  # noqa: E402
    explore,  # noqa: E402
)
from sitrep.store.explore import EventFilter  # noqa: E402


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "serve.db"
    serve_fixture.build(path)
    return path


def test_lookup_columns_and_actor_documents_match_the_records(db):
    conn = sqlite3.connect(db)
    places = conn.execute("SELECT x.place, json_extract(e.place, '$.name') FROM event_index x "
                          "JOIN events e ON e.id = x.event").fetchall()
    assert places and all(a == b for a, b in places)
    assert any(a is not None for a, _ in places)
    days = conn.execute("SELECT a.day, x.day FROM event_actors a JOIN event_index x ON x.event = a.event").fetchall()
    assert days and all(a == b for a, b in days)
    expected = set(conn.execute("SELECT DISTINCT m.actor, m.document, x.day FROM mentions m "
                                "JOIN document_index x ON x.document = m.document").fetchall())
    assert expected and set(conn.execute("SELECT actor, document, day FROM actor_documents").fetchall()) == expected
    # a document's day changes: its rows follow; its mentions go: its rows go
    doc, actor = next(iter(expected))[1], next(iter(expected))[0]
    conn.execute("UPDATE documents SET published = '2001-02-03' WHERE id = ?", (doc,))
    assert {r[0] for r in conn.execute("SELECT day FROM actor_documents WHERE document = ?", (doc,))} == {"2001-02-03"}
    conn.execute("DELETE FROM mentions WHERE document = ? AND actor = ?", (doc, actor))
    assert conn.execute("SELECT COUNT(*) FROM actor_documents WHERE document = ? AND actor = ?",
                        (doc, actor)).fetchone()[0] == 0
    conn.close()


def _expected_events(store: Store, keep) -> list[str]:  # type: ignore[no-untyped-def]
    rows = store.conn.execute("SELECT x.event, x.day FROM event_index x").fetchall()
    events = {e.id: e for e in store.events()}
    chosen = [(r["day"], r["event"]) for r in rows if keep(events[r["event"]])]
    return [event for _, event in sorted(chosen, reverse=True)]


def test_actor_and_place_filters_give_what_a_full_scan_gives(db):
    with Store(db, readonly=True) as store:
        actors = {a for e in store.events() for a in (*e.actors, *e.recipients)}
        places = {e.place.name for e in store.events() if e.place}
        assert actors and places
        for actor in actors:
            got = [e.id for e, _, _ in store.event_page(EventFilter(actor=actor), limit=500)]
            assert got == _expected_events(store, lambda e, a=actor: a in e.actors or a in e.recipients)
            # page by page (limit 1) gives the same list
            paged, after = [], None
            while True:
                rows = store.event_page(EventFilter(actor=actor), after=after, limit=1)
                if not rows:
                    break
                paged.append(rows[0][0].id)
                after = (rows[0][2], rows[0][0].id)
            assert paged == got
        for place in places:
            got = [e.id for e, _, _ in store.event_page(EventFilter(place=place.upper()), limit=500)]
            assert got == _expected_events(store, lambda e, p=place: e.place is not None and e.place.name == p)


def test_an_actor_in_both_roles_of_an_event_lists_it_once(tmp_path):
    path = tmp_path / "roles.db"
    text = "The Delta Front attacked itself near the river, the spokesman said."
    with Store(path) as store:
        doc = Document("d1", "sha-d1", text, title="Roles", publisher="Our Wire", published="2020-01-02",
                       source_path="roles#1", language="en", status="ingested")
        store.add_document(doc)
        a = Analysis(document=doc)
        a.mentions.append(Mention("d1", "DELTA", 4, 15, "Delta Front", text))
        a.events.append(Event("ev1", "d1", "ASSAULT", "asserted", Evidence(0, len(text), text), "attacked",
                              actors=["DELTA"], recipients=["DELTA"]))
        store.save_analysis(a, "test")
    with Store(path, readonly=True) as store:
        assert [e.id for e, _, _ in store.event_page(EventFilter(actor="DELTA"))] == ["ev1"]
        assert [d.id for d in store.document_page(explore.DocumentFilter(actor="DELTA"))] == ["d1"]


def _search_corpus(path: Path) -> None:
    """Eight short reports of our own; 'shelling' occurs in seven, a different number of times."""
    texts = [
        "Shelling shelling shelling hit the market at dawn.",
        "The council met in the morning and talked about water.",
        "Shelling was reported near the bridge; later more shelling.",
        "Residents heard shelling overnight, the mayor said, and shelling again at noon, shelling.",
        "A long report about roads, schools, clinics, bakeries and shelling once at the end of it all.",
        "Shelling.",
        "Shelling near the port, shelling near the station.",
        "Aid arrived; no shelling was heard.",
    ]
    with Store(path) as store:
        for n, text in enumerate(texts):
            doc = Document(f"s{n}", f"sha-s{n}", text, title=f"Report {n}", publisher="Our Wire",
                           published=f"2020-01-{n + 1:02d}", source_path=f"search#{n}", language="en",
                           status="ingested")
            store.add_document(doc)
            a = Analysis(document=doc)
            a.quotes.append(Quote(f"q{n}", f"s{n}", text, "direct", 0, len(text), text, speaker_text="a resident"))
            store.save_analysis(a, "test")


def test_search_ranks_by_bm25_and_bounds_the_candidates_of_common_words(tmp_path, monkeypatch):
    path = tmp_path / "search.db"
    _search_corpus(path)
    with Store(path, readonly=True) as store:
        full = [(r[0], r[1]) for r in store.conn.execute(
            "SELECT d.id, bm25(documents_fts, 5.0, 1.0) AS s FROM documents_fts JOIN documents d "
            "ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH '\"shelling\"' ORDER BY s")]
        assert len(full) == 7
        hits = store.search("shelling", kinds=("document",), limit=20)
        assert [h.id for h in hits] == [d for d, _ in full]  # every match ranked: the exact BM25 order
        assert [h.rank for h in hits] == pytest.approx([s for _, s in full])
        assert [h.id for h in store.search("shelling", kinds=("document",), limit=3, offset=2)] == [d for d, _ in full][2:5]
        # more matches than the candidate bound: the best of the matches stored last
        monkeypatch.setattr(explore, "SEARCH_CANDIDATES", 3)
        newest = {"s7", "s6", "s5"}  # the three matching reports stored last
        bounded = store.search("shelling", kinds=("document",), limit=20)
        assert [h.id for h in bounded] == [d for d, _ in full if d in newest]
        quotes_full = [r[0] for r in store.conn.execute(
            "SELECT q.id, bm25(quotes_fts) AS s FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid "
            "WHERE quotes_fts MATCH '\"shelling\"' ORDER BY s")]
        quotes = store.search("shelling", kinds=("quote",), limit=20)
        assert [h.id for h in quotes] == [q for q in quotes_full if q in {"q5", "q6", "q7"}]


def test_search_snippets_mark_every_hit_after_the_index_is_merged(tmp_path):
    path = tmp_path / "search.db"
    _search_corpus(path)
    before = TestClient(create_app(Settings(db=path)), base_url="http://127.0.0.1").get(
        "/api/search", params={"q": "shelling", "kind": "document"}).json()["hits"]
    conn = sqlite3.connect(path)
    segments_after = conn.execute("SELECT COUNT(*) FROM documents_fts_idx").fetchone()[0]
    conn.close()
    assert segments_after <= 2  # merged at start (one segment: a row per segment and leaf)
    assert len(before) == 7
    for hit in before:
        marked = [p["text"].lower() for p in hit["snippet"] if p["match"]]
        assert marked and set(marked) == {"shelling"}


@pytest.mark.slow  # starts a real server with two worker processes
def test_serve_with_two_worker_processes_answers(db):
    port = reserve_port()  # not handed to another process before the server binds it
    sitrep = Path(sys.executable).with_name("sitrep")
    server = subprocess.Popen([str(sitrep), "serve", "--db", str(db), "--port", str(port), "--workers", "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answered, found = False, b""
    try:
        deadline = time.monotonic() + 120
        while not answered and server.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?limit=2", timeout=10) as r:
                    answered = r.status == 200
            except OSError:
                time.sleep(0.3)
        if answered:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=convoy", timeout=10) as r:
                found = r.read()
    finally:  # stopped whatever happened (its error output is read only once it has exited)
        server.terminate()
        try:
            _, err = server.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            _, err = server.communicate(timeout=60)
    assert answered, f"the server did not answer within 120 s (exit code {server.returncode}): {err}"
    assert b'"hits"' in found
    assert "2 processes" in err


def test_workers_must_be_at_least_one(db):
    from typer.testing import CliRunner

    from sitrep.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--workers", "0"])
    assert result.exit_code != 0
