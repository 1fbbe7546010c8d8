"""`sitrep serve`: the REST API (shapes, filters, keyset pages, search), security rules and the
pages, on a small hand-written database (tests/serve_fixture.py); no model is loaded."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
import serve_fixture  # noqa: E402

from sitrep.serve.app import Settings, create_app  # noqa: E402
from sitrep.serve.security import check_bind  # noqa: E402
from sitrep.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    path = tmp_path_factory.mktemp("serve") / "serve.db"
    ids = serve_fixture.build(path)
    return path, ids


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(Settings(db=db[0])), base_url="http://127.0.0.1")


def _all_pages(client: TestClient, url: str, limit: int) -> list[dict]:
    items, cursor, seen = [], None, 0
    while True:
        r = client.get(url, params={"limit": limit, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        page = r.json()
        items += page["items"]
        cursor = page["next"]
        seen += 1
        if cursor is None or seen > 50:
            return items


def test_documents_list_is_newest_first_and_pages_by_keyset(client, db):
    everything = client.get("/api/documents", params={"limit": 500}).json()["items"]
    assert {d["id"] for d in everything} == set(db[1]["documents"])
    days = [d["day"] for d in everything if d["day"]]
    assert days == sorted(days, reverse=True)
    assert everything[-1]["day"] is None  # the undated report comes last
    assert "text" not in everything[0]
    paged = _all_pages(client, "/api/documents", 2)
    assert [d["id"] for d in paged] == [d["id"] for d in everything]


def test_document_detail_has_text_and_spans_that_point_into_it(client, db):
    doc_id = db[1]["documents"][0]
    d = client.get(f"/api/documents/{doc_id}").json()
    assert d["type"] == "document" and d["outlet"] == "Daily Ledger"
    kinds = {s["kind"] for s in d["spans"]}
    assert {"mention", "event", "quote", "place", "time"} <= kinds
    for span in d["spans"]:
        assert d["text"][span["start"]:span["end"]] == span["text"]
    assert client.get("/api/documents/nope").status_code == 404


def test_event_filters(client, db):
    def ids(**params):
        return {e["id"] for e in client.get("/api/events", params={"limit": 500, **params}).json()["items"]}

    every = ids()
    assert every == set(db[1]["events"])
    assert {e for e in ids(category="ASSAULT")} and all(e in every for e in ids(category="ASSAULT"))
    assert len(ids(category="ASSAULT")) == 2
    assert ids(actor="ISIS") == ids(category="ASSAULT") | {e for e in every if e.startswith("ev_e56c2579_1")}
    assert len(ids(outlet="Daily Ledger")) == 2
    assert ids(date_from="2016-04-01", date_to="2016-04-30") == {e for e in every if e.startswith("ev_a4af8ce0")}
    assert ids(place="raqqa") == {e for e in every if e.startswith(("ev_a4af8ce0_0", "ev_55bd17eb"))}
    # a box around Idlib only
    assert ids(bbox="36.5,35.8,36.8,36.0") == {e for e in every if e.startswith(("ev_e56c2579_0", "ev_a2ec1a57"))}
    e = client.get(f"/api/events/{db[1]['events'][0]}").json()
    assert e["tone"] == "cooperation" and e["outlet"] == "Daily Ledger" and e["day"] == "2016-02-29"


def test_bad_inputs_are_client_errors_never_server_errors(client):
    for url in ("/api/events?category=NOPE", "/api/events?date_from=2016-13", "/api/events?bbox=1,2,3",
                "/api/events?bbox=0,80,10,70", "/api/events?cursor=@@@", "/api/events?limit=0",
                "/api/documents?cursor=WyJhIl0", "/api/actors?cursor=WyJhIiwiYiJd", "/api/search?q="):
        r = client.get(url)
        assert 400 <= r.status_code < 500, (url, r.status_code, r.text)
    assert client.get("/api/search", params={"q": '"unbalanced AND ( NEAR'}).status_code == 200


def test_actors_most_mentioned_first_and_profile(client):
    items = client.get("/api/actors").json()["items"]
    counts = [a["mentions"] for a in items]
    assert counts == sorted(counts, reverse=True)
    assert _all_pages(client, "/api/actors", 1) == items
    p = client.get("/api/actors/TUR").json()
    assert p["actor"]["name"] == "Turkey"
    tones = {(e["source"], e["target"], e["tone"]) for e in p["network"]}
    assert ("TUR", "ISIS", "conflict") in tones and ("TUR", "SYR_GOV", "cooperation") in tones
    assert ("UN", "TUR", "cooperation") in tones
    assert {c["key"] for c in p["by_month"]} == {"2016-03", "2016-04", "2016-05"}
    assert client.get("/api/actors/NOPE").status_code == 404


def test_quotes_places_framing_overview(client, db):
    quotes = client.get("/api/quotes", params={"speaker": "SYR_GOV"}).json()["items"]
    assert [q["id"] for q in quotes] == [db[1]["quotes"][0]] and quotes[0]["outlet"] == "Daily Ledger"
    places = client.get("/api/places").json()
    assert places["type"] == "FeatureCollection"
    names = {f["properties"]["name"]: f for f in places["features"]}
    assert names["Aleppo"]["geometry"]["coordinates"] == [37.1343, 36.2021]  # GeoJSON: [lon, lat]
    pts = client.get("/api/map/events", params={"category": "ASSAULT"}).json()["features"]
    assert len(pts) == 2 and all(f["properties"]["tone"] == "conflict" for f in pts)
    rows = client.get("/api/framing/actor/ISIS").json()
    assert {r["outlet"] for r in rows} == {"Evening Courier", "Daily Ledger"}
    o = client.get("/api/overview").json()
    assert o["counts"]["documents"] == 6 and o["counts"]["events"] == len(db[1]["events"])
    assert {x["outlet"] for x in o["outlets"]} == {"Daily Ledger", "Evening Courier", "Morning Wire"}


def test_search_documents_titles_and_quotes_with_marked_snippets(client):
    r = client.get("/api/search", params={"q": "convoy"}).json()
    assert {h["kind"] for h in r["hits"]} == {"document"} and len(r["hits"]) == 2
    assert any(p["match"] and p["text"].lower() == "convoy" for h in r["hits"] for p in h["snippet"])
    q = client.get("/api/search", params={"q": "heaviest", "kind": "quote"}).json()
    assert [h["kind"] for h in q["hits"]] == ["quote"]
    t = client.get("/api/search", params={"q": "shell*"}).json()  # prefix
    assert len(t["hits"]) == 1


def test_search_index_follows_writes(db, tmp_path):
    """The FTS index is kept in sync by triggers: a re-analysis that replaces quotes replaces them there."""
    path = tmp_path / "copy.db"
    src = sqlite3.connect(db[0])
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    with Store(path) as store:
        store.conn.execute("DELETE FROM quotes")
        assert store.search("heaviest", kinds=("quote",)) == []
        assert len(store.search("convoy", kinds=("document",))) == 2


def test_read_only_and_security_headers(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405


def test_loopback_server_refuses_other_host_names(db):
    c = TestClient(create_app(Settings(db=db[0])), base_url="http://attacker.example")
    assert c.get("/api/overview").status_code == 421


def test_token_is_required_when_set(db):
    token = "a-long-enough-secret-token"
    c = TestClient(create_app(Settings(db=db[0], host="0.0.0.0", token=token)), base_url="http://10.1.2.3",
                   follow_redirects=False)
    assert c.get("/api/overview").status_code == 401
    assert c.get("/api/overview", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/overview", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    r = c.get("/events", params={"token": token, "category": "AID"})
    assert r.status_code == 303 and r.headers["location"] == "/events?category=AID"
    assert "httponly" in r.headers["set-cookie"].lower()
    c.cookies.set("sitrep_token", token)
    assert c.get("/events").status_code == 200


def test_bind_rules():
    assert check_bind("127.0.0.1", None) is None and check_bind("::1", None) is None
    assert "refusing" in check_bind("0.0.0.0", None)
    assert "16 characters" in check_bind("0.0.0.0", "short")
    assert check_bind("0.0.0.0", "x" * 16) is None


def test_cli_refuses_a_public_host_without_token(db):
    from typer.testing import CliRunner

    from sitrep.cli import app
    from sitrep.cli import serve as _serve  # noqa: F401  (registers the command)

    result = CliRunner().invoke(app, ["serve", "--db", str(db[0]), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "refusing" in result.output


def test_pages_render_and_escape_hostile_text(client, db):
    for url in ("/", "/documents", "/events", "/events?category=ASSAULT", "/actors", "/actors/TUR", "/outlets",
                "/outlets?actor=ISIS", "/map", "/search?q=convoy", "/api/docs", f"/events/{db[1]['events'][0]}",
                f"/quotes/{db[1]['quotes'][0]}", f"/documents/{db[1]['documents'][0]}?hl=0-20"):
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
        assert "<script>" not in r.text.replace('<script src="', "")
    hostile = db[1]["documents"][-1]
    page = client.get(f"/documents/{hostile}").text
    assert "&lt;script&gt;" in page and "<script>window" not in page
    assert 'onerror="window' not in page and 'href="javascript:' not in page
    docs = client.get("/documents").text
    assert "&lt;script&gt;window.__pwned" in docs


def test_pages_404_and_422(client):
    assert client.get("/documents/nope").status_code == 404
    assert client.get("/events?category=NOPE").status_code == 422
    assert client.get("/actors?kind=nope").status_code == 422


def test_openapi_lists_every_resource(client):
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/events/{event_id}", "/api/actors",
            "/api/actors/{actor_id}", "/api/quotes", "/api/places", "/api/map/events", "/api/search",
            "/api/framing/outlets", "/api/framing/actor/{actor_id}", "/api/overview"} <= paths
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())


def test_create_app_opens_nothing_at_import():
    import importlib

    module = importlib.import_module("sitrep.serve.app")
    assert not any(isinstance(v, Store) for v in vars(module).values())


def test_an_old_database_is_migrated_when_served(tmp_path):
    """A database made before migration 0006 gets its search index and lookup tables on start
    (and those of 0008 and 0009; 0010's columns: documents keep their metadata date as creation time;
    0011's context column; 0013's incident links; 0014's event fight columns)."""
    path = tmp_path / "old.db"
    serve_fixture.add_incidents(path, serve_fixture.build(path))
    conn = sqlite3.connect(path)
    for stmt in ("DROP TABLE documents_fts", "DROP TABLE quotes_fts", "DROP TABLE event_index", "DROP TABLE event_actors",
                 "DROP TABLE document_index", "DROP TABLE actor_stats", "DROP TABLE actor_documents", "DROP INDEX quotes_speaker",
                 "DROP INDEX framings_actor", "DROP INDEX places_geo", "DROP INDEX incidents_day_id",
                 "DROP TABLE quote_index", "DROP INDEX quotes_speaker_id", "PRAGMA user_version = 5"):
        conn.execute(stmt)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    # and before migration 0007 (events' trigger offsets), which comes after 0006
    conn.execute("ALTER TABLE events DROP COLUMN trigger_start")
    conn.execute("ALTER TABLE events DROP COLUMN trigger_end")
    # and before migration 0010 (a document's text date and creation time)
    conn.execute("ALTER TABLE documents DROP COLUMN text_date")
    conn.execute("ALTER TABLE documents DROP COLUMN created")
    # and before migration 0011 (a document's context text: removed run-on furniture)
    conn.execute("ALTER TABLE documents DROP COLUMN context")
    # and before migration 0013 (each incident report's tie: links, weakest_link)
    conn.execute("ALTER TABLE incidents DROP COLUMN links")
    conn.execute("ALTER TABLE incidents DROP COLUMN weakest_link")
    # and before migration 0014 (what an event's own clause tells of a fight)
    conn.execute("ALTER TABLE events DROP COLUMN fight_told")
    conn.execute("ALTER TABLE events DROP COLUMN fight_sides")
    conn.commit()
    conn.close()
    c = TestClient(create_app(Settings(db=path)), base_url="http://127.0.0.1")
    assert len(c.get("/api/events", params={"actor": "ISIS"}).json()["items"]) == 3
    assert len(c.get("/api/search", params={"q": "convoy"}).json()["hits"]) == 2
    assert len(c.get("/api/quotes", params={"outlet": "Daily Ledger"}).json()["items"]) == 2
    aid = c.get("/api/incidents/inc_aid").json()  # an incident stored before 0013: no tie until the next update
    assert aid["links"] == [] and aid["weakest_link"] is None and aid["independent_sources"] == 2
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM documents WHERE created IS NOT published").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM documents WHERE created IS NOT NULL").fetchone()[0] > 0
    # events stored before 0014 read as no fight, no sides
    assert conn.execute("SELECT count(*) FROM events WHERE fight_told != 0 OR fight_sides != '[]'").fetchone()[0] == 0
    conn.close()


def test_page_forms_with_empty_fields_are_no_filter(client):
    r = client.get("/events?category=ASSAULT&status=&outlet=&actor=&place=&date_from=&date_to=")
    assert r.status_code == 200 and r.text.count('<tr class="tone-conflict">') == 2


def test_outlet_comparison_is_cached_until_the_database_changes(db, tmp_path):
    """The outlet comparison reads every framing, so the app keeps it; a write by another
    process (here: all framings deleted) must show on the next request, not a stale copy."""
    path = tmp_path / "cached.db"
    src, dst = sqlite3.connect(db[0]), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    app = create_app(Settings(db=path))
    c = TestClient(app, base_url="http://127.0.0.1")
    first = c.get("/api/framing/outlets").json()
    assert any(row["labels"] for row in first)
    state = app.state.pool.state()
    assert c.get("/api/framing/outlets").json() == first
    with Store(path) as store:
        store.conn.execute("DELETE FROM framings")
    assert app.state.pool.state() != state
    after = c.get("/api/framing/outlets").json()
    assert all(not row["labels"] for row in after), after


def test_start_up_computes_the_corpus_wide_views_before_anyone_asks(db):
    import time

    app = create_app(Settings(db=db[0]))
    with TestClient(app, base_url="http://127.0.0.1") as c:  # runs the app's start-up
        deadline = time.monotonic() + 30
        while ("distinctive", 10) not in app.state.pool.cached_keys() and time.monotonic() < deadline:
            time.sleep(0.05)
        keys = app.state.pool.cached_keys()
        assert {("overview-out", 15), ("overview", 20), ("distinctive", 8), ("distinctive", 10)} <= set(keys)
        # and what the API answers is that value
        kept = app.state.pool.cached(("distinctive", 10), lambda s: None)
        assert kept and c.get("/api/framing/outlets").json() == json.loads(json.dumps(kept))


def test_a_copied_database_is_searchable_and_its_lookup_tables_not_doubled(db, tmp_path):
    """`sitrep migrate` copies records; the target's own triggers fill the search index and the
    lookup tables, which are never copied on top (they would be doubled)."""
    from sitrep.store.copy import copy_database

    target = tmp_path / "copied.db"
    with Store(db[0], readonly=True) as source, Store(target) as copy:
        copy_database(source, copy)
        counts = {t: copy.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "document_index", "events", "event_index")}
        assert counts["document_index"] == counts["documents"] > 0
        assert counts["event_index"] == counts["events"] > 0
        assert len(copy.search("convoy", kinds=("document",))) == 2


def test_serve_refuses_a_postgresql_url_with_what_to_do(tmp_path):
    from typer.testing import CliRunner

    from sitrep.cli import app
    from sitrep.cli import serve as _serve  # noqa: F401  (registers the command; the test must not rely on order)

    result = CliRunner().invoke(app, ["serve", "--db", "postgresql://analyst:secret@dbhost/conflict"])
    assert result.exit_code == 1
    assert "SQLite databases only" in result.output and "sitrep migrate" in result.output
    assert "secret" not in result.output
