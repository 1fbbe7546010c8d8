"""What keeps a `sitrep serve` request cheap, checked for correctness: the per-class record
exporter (equal to ``to_export``), bodies encoded once (equal to what the response model
would give), the conditional-request layer (ETag / 304, stale after any write), the caches
that follow the database, and the list queries' plans (each page one index range, no sort of
every match). No model is loaded; every text is the fixture's own."""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
import serve_fixture  # noqa: E402

from sitrep import records  # noqa: E402
from sitrep.records import Casualty, Document, Event, EventPlace, Evidence, Quote  # noqa: E402
from sitrep.serve import schemas  # noqa: E402
from sitrep.serve.app import Settings, create_app  # noqa: E402
from sitrep.serve.encode import export, json_response  # noqa: E402
from sitrep.stages.base import Analysis  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.store.explore import DocumentFilter, EventFilter  # noqa: E402

RECORD_CLASSES = [c for c in vars(records).values()
                  if isinstance(c, type) and issubclass(c, records.Record) and c is not records.Record
                  and dataclasses.is_dataclass(c)]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    path = tmp_path_factory.mktemp("serve-fast") / "serve.db"
    ids = serve_fixture.build(path)
    serve_fixture.add_incidents(path, ids)
    return path, ids


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(Settings(db=db[0])), base_url="http://127.0.0.1")


def _copy(db: Path, to: Path) -> Path:
    src, dst = sqlite3.connect(db), sqlite3.connect(to)
    src.backup(dst)
    src.close()
    dst.close()
    return to


# --- the exporter -------------------------------------------------------------------------------

# records whose checks refuse some field combinations: only the valid ones (an event's figures
# are incident figures)
st.register_type_strategy(Casualty, st.builds(Casualty, scope=st.just("incident")))


@pytest.mark.parametrize("cls", RECORD_CLASSES, ids=lambda c: c.__name__)
def test_exporter_equals_to_export_for_every_record_class(cls):
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_type(cls))
    def check(record):
        fast, slow = export(record), record.to_export()
        assert fast == slow
        assert list(fast) == list(slow)  # same key order too

    check()


def test_exporter_equals_to_export_on_every_stored_record(db):
    with Store(db[0], readonly=True) as store:
        events = [e for e, _, _ in store.event_page(EventFilter(), limit=500)]
        quotes = [q for q, _ in store.quote_page(limit=500)]
        actors = [r.actor for r in store.actor_page(limit=500)]
        documents = store.records(Document)
    assert events and quotes and actors and documents
    for record in [*events, *quotes, *actors, *documents]:
        assert export(record) == record.to_export(), record


@pytest.fixture()
def empty_store(tmp_path: Path) -> Path:
    path = tmp_path / "rows.db"
    Store(path).close()
    return path


def test_rows_exported_without_rebuilding_equal_the_records_export(empty_store):
    """Events generated from their type hints, stored, read back both ways: the same dicts."""
    counter = iter(range(10**9))

    small = st.integers(min_value=0, max_value=10**6)
    finite = st.floats(min_value=-180, max_value=180, allow_nan=False)
    events_of = st.builds(
        Event, document=st.just("doc1"), trigger_start=st.none() | small, trigger_end=st.none() | small,
        confidence=st.floats(min_value=0, max_value=1), evidence=st.builds(Evidence, start=small, end=small),
        place=st.none() | st.builds(EventPlace, lat=st.none() | finite, lon=st.none() | finite),
        casualties=st.lists(st.from_type(Casualty), max_size=2))

    with Store(empty_store) as store:
        store.add_document(Document(id="doc1", sha256="1" * 64, text="Words of a made-up report."))

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(events_of, min_size=1, max_size=4))
    def check(events):
        events = [dataclasses.replace(e, id=f"ev{next(counter)}", incident=None) for e in events]
        with Store(empty_store) as store:
            store.conn.execute("DELETE FROM events")
            for event in events:
                store._insert(event)
            slow = {e.id: e.to_export() for e, _, _ in store.event_page(EventFilter(), limit=500)}
            fast = {d["id"]: d for d, _, _ in store.event_page_exported(EventFilter(), limit=500)}
        assert len(fast) == len(events)
        assert fast == slow
        assert all(list(fast[i]) == list(slow[i]) for i in fast)

    check()


@pytest.mark.parametrize("old_shape", [
    "UPDATE events SET place = json_remove(place, '$.start') WHERE place IS NOT NULL",   # a field added since
    "UPDATE events SET evidence = json_set(evidence, '$.gone', 1)",                       # a field dropped since
    "UPDATE events SET place = '\"Aleppo\"' WHERE place IS NOT NULL",                     # not an object at all
])
def test_rows_of_an_older_shape_are_rebuilt_as_records(db, tmp_path, monkeypatch, old_shape):
    path = _copy(db[0], tmp_path / "old-shape.db")
    rebuilt: list[str] = []
    real = Store._from_row

    def counting(cls, row):
        rebuilt.append(row["id"])
        return real(cls, row)

    with Store(path) as store:
        current = store.event_page_exported(EventFilter(), limit=500)
        monkeypatch.setattr(Store, "_from_row", staticmethod(counting))
        store.event_page_exported(EventFilter(), limit=500)
        assert rebuilt == []  # rows of the current shape: no record rebuilt
        changed = store.conn.execute(old_shape).rowcount
        assert changed > 0
        fast = store.event_page_exported(EventFilter(), limit=500)
        assert len(rebuilt) == changed  # exactly the rows of the old shape
        monkeypatch.setattr(Store, "_from_row", staticmethod(real))
        slow = [(e.to_export(), o, d) for e, o, d in store.event_page(EventFilter(), limit=500)]
    assert fast == slow and len(fast) == len(current)


def test_json_response_refuses_what_is_not_plain_data():
    with pytest.raises(Exception, match="serialize|Unable"):
        json_response({"quote": object()})
    assert json_response({"a": [1, "é", None]}).body == '{"a":[1,"é",null]}'.encode()


# --- bodies encoded once are what the response model would give ---------------------------------

LISTS = [
    ("/api/events?limit=50", schemas.Page[schemas.EventOut]),
    ("/api/events?limit=2&category=ASSAULT", schemas.Page[schemas.EventOut]),
    ("/api/documents?limit=50", schemas.Page[schemas.DocumentSummaryOut]),
    ("/api/documents?limit=50&actor=UN", schemas.Page[schemas.DocumentSummaryOut]),
    ("/api/actors?limit=50", schemas.Page[schemas.ActorOut]),
    ("/api/quotes?limit=50", schemas.Page[schemas.QuoteOut]),
    ("/api/search?q=convoy", schemas.SearchOut),
    ("/api/search?q=heaviest&kind=quote", schemas.SearchOut),
    ("/api/search?q=shell*", schemas.SearchOut),
]


@pytest.mark.parametrize(("url", "model"), LISTS)
def test_each_pre_encoded_body_is_exactly_what_its_model_gives(client, url, model):
    """The model documents the answer in the OpenAPI schema; the handler encodes the body itself.
    Validated and dumped by the model, the body must come back unchanged: no field the schema
    does not document, none missing, no value the model would convert."""
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    body = r.json()
    items = body.get("items", body.get("hits"))
    assert items, f"{url} answered no rows: nothing checked"
    assert model.model_validate(body).model_dump(mode="json") == body


def test_openapi_still_documents_the_pre_encoded_lists(client):
    spec = client.get("/api/openapi.json").json()
    for path, name in (("/api/events", "Page_EventOut_"), ("/api/search", "SearchOut"),
                       ("/api/quotes", "Page_QuoteOut_"), ("/api/documents", "Page_DocumentSummaryOut_")):
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": f"#/components/schemas/{name}"}, (path, schema)
    event = spec["components"]["schemas"]["EventOut"]["properties"]
    assert {"incident", "trigger_start", "trigger_end", "casualties"} <= set(event)


# --- conditional requests ----------------------------------------------------------------------


def test_etag_gives_304_until_the_database_changes(db, tmp_path):
    path = _copy(db[0], tmp_path / "etag.db")
    c = TestClient(create_app(Settings(db=path)), base_url="http://127.0.0.1")
    for url in ("/api/events?limit=5", "/events", "/api/search?q=convoy"):
        first = c.get(url)
        tag = first.headers["etag"]
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        again = c.get(url, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
        assert "content-security-policy" in again.headers  # the guard's headers on a 304 too
        assert c.get(url, headers={"If-None-Match": f'"other", W/{tag}'}).status_code == 304
        assert c.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    other = c.get("/api/events?limit=6").headers["etag"]
    assert other != c.get("/api/events?limit=5").headers["etag"]  # per address
    tag = c.get("/api/events?limit=5").headers["etag"]
    with Store(path) as store:  # any write (here by another connection) makes every tag stale
        store.conn.execute("DELETE FROM events WHERE id = (SELECT MIN(id) FROM events)")
    changed = c.get("/api/events?limit=5", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag


def test_no_etag_on_errors_and_a_restarted_server_never_matches_an_old_tag(db):
    c = TestClient(create_app(Settings(db=db[0])), base_url="http://127.0.0.1")
    missing = c.get("/api/events/nope")
    assert missing.status_code == 404 and "etag" not in missing.headers
    tag = c.get("/api/actors").headers["etag"]
    restarted = TestClient(create_app(Settings(db=db[0])), base_url="http://127.0.0.1")
    assert restarted.get("/api/actors", headers={"If-None-Match": tag}).status_code == 200


def test_the_token_is_checked_before_a_304(db):
    token = "a-token-of-sixteen-chars"
    app = create_app(Settings(db=db[0], host="0.0.0.0", token=token))
    c = TestClient(app, base_url="http://127.0.0.1")
    ok = c.get("/api/actors", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200
    assert c.get("/api/actors", headers={"If-None-Match": ok.headers["etag"]}).status_code == 401


# --- caches that follow the database -----------------------------------------------------------


def test_search_outlets_and_names_follow_writes(db, tmp_path):
    path = _copy(db[0], tmp_path / "writes.db")
    c = TestClient(create_app(Settings(db=path)), base_url="http://127.0.0.1")
    assert c.get("/api/search", params={"q": "zeppelin"}).json()["hits"] == []
    assert "Harbour Gazette" not in c.get("/documents").text
    text = "A zeppelin landed in the square."
    with Store(path) as store:
        doc = Document(id="zz1", sha256="0" * 64, text=text, title="Zeppelin", publisher="Harbour Gazette",
                       published="2016-07-01")
        store.add_document(doc)
        store.save_analysis(Analysis(document=doc), "test-pipeline")
    hits = c.get("/api/search", params={"q": "zeppelin"}).json()["hits"]
    assert [h["document"] for h in hits] == ["zz1"]
    assert "Harbour Gazette" in c.get("/documents").text  # the outlet filter's choices


# --- query plans -------------------------------------------------------------------------------


def _plans(store: Store, call) -> list[str]:
    """The query plan of every statement ``call(store)`` runs."""
    seen: list[tuple[str, list]] = []
    real = store.conn

    class Spy:
        def execute(self, sql, params=()):
            seen.append((sql, list(params)))
            return real.execute(sql, params)

        def __getattr__(self, name):
            return getattr(real, name)

    store.conn = Spy()  # type: ignore[assignment]
    try:
        call(store)
    finally:
        store.conn = real
    return [" | ".join(r[3] for r in real.execute("EXPLAIN QUERY PLAN " + sql, params)) for sql, params in seen]


PLANNED = {
    "events": lambda s: s.event_page(EventFilter(), limit=50),
    "events, deep page": lambda s: s.event_page(EventFilter(), after=("2016-04-01", "x"), limit=50),
    "events by actor": lambda s: s.event_page(EventFilter(actor="UN"), limit=50),
    "events by category": lambda s: s.event_page(EventFilter(category="ASSAULT"), limit=50),
    "events by status": lambda s: s.event_page(EventFilter(status="reported"), limit=50),
    "events by outlet": lambda s: s.event_page(EventFilter(outlet="Daily Ledger"), limit=50),
    "events by place": lambda s: s.event_page(EventFilter(place="Aleppo"), limit=50),
    "events by dates": lambda s: s.event_page(EventFilter(date_from="2016-03-01", date_to="2016-04-30"), limit=50),
    "documents": lambda s: s.document_page(DocumentFilter(), limit=50),
    "documents by outlet": lambda s: s.document_page(DocumentFilter(outlet="Daily Ledger"), limit=50),
    "documents by actor": lambda s: s.document_page(DocumentFilter(actor="UN"), limit=50),
    "quotes": lambda s: s.quote_page(limit=50),
    "quotes by speaker": lambda s: s.quote_page(speaker="SYR_GOV", limit=50),
    "quotes by outlet": lambda s: s.quote_page(outlet="Daily Ledger", limit=50),
    "actors": lambda s: s.actor_page(limit=50),
}


@pytest.mark.parametrize("name", list(PLANNED))
def test_each_list_reads_an_index_range_without_sorting_every_match(db, name):
    """A page must cost what page 1 costs whatever the corpus size: the first table is read
    through an index in the list's order (no full scan of a table, no sort of all matches)."""
    with Store(db[0], readonly=True) as store:
        plans = _plans(store, PLANNED[name])
    assert plans, name
    for plan in plans:
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, (name, plan)
        first = plan.split(" | ")[0]
        assert "USING INDEX" in first or "USING COVERING INDEX" in first, (name, plan)


def test_quote_lookup_table_follows_writes_and_outlet_changes(db, tmp_path):
    path = _copy(db[0], tmp_path / "quotes.db")
    with Store(path) as store:
        full = {q.id: o for q, o in store.quote_page(limit=500)}
        assert full
        outlet = next(iter(full.values()))
        by_outlet = [q.id for q, _ in store.quote_page(outlet=outlet, limit=500)]
        assert by_outlet == sorted(i for i, o in full.items() if o == outlet)
        quote = store.get_quote(by_outlet[0])
        assert isinstance(quote, Quote)
        store.conn.execute("UPDATE documents SET publisher = 'Renamed Wire' WHERE id = ?", (quote.document,))
        assert quote.id in [q.id for q, _ in store.quote_page(outlet="Renamed Wire", limit=500)]
        store.conn.execute("DELETE FROM quotes WHERE id = ?", (quote.id,))
        assert store.conn.execute("SELECT COUNT(*) FROM quote_index WHERE quote = ?", (quote.id,)).fetchone()[0] == 0
        assert (store.conn.execute("SELECT COUNT(*) FROM quote_index").fetchone()[0]
                == store.conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0])


def test_kept_answers_stay_bounded_whatever_is_asked(db, monkeypatch):
    """Search answers are kept per query: many distinct queries must not grow the pool without
    bound (neither the kept values nor the per-key gates)."""
    from sitrep.serve import db as serve_db

    monkeypatch.setattr(serve_db, "CACHE_SIZE", 8)
    app = create_app(Settings(db=db[0]))
    c = TestClient(app, base_url="http://127.0.0.1")
    for n in range(40):
        assert c.get("/api/search", params={"q": f"convoy w{n}"}).status_code == 200
    pool = app.state.pool
    assert len(pool.cached_keys()) == 8
    assert pool._computing == {}


# --- what a request costs before its handler -----------------------------------------------------

def _dependencies(dependant):  # type: ignore[no-untyped-def]
    for sub in dependant.dependencies:
        yield sub
        yield from _dependencies(sub)


def test_no_dependency_is_handed_to_the_thread_pool():
    """FastAPI runs a plain-function dependency in its thread pool (a hand-over to another
    thread and back per dependency per request); the app's dependencies do no I/O, so each is a
    coroutine and only the handler itself goes to a thread."""
    import importlib
    import inspect

    from fastapi.routing import APIRoute

    modules = [f"sitrep.serve.routers.{m}" for m in ("actors", "documents", "events", "framing", "incidents",
                                                     "overview", "places", "quotes", "search")]
    modules += ["sitrep.serve.web.pages", "sitrep.serve.web.incident_pages"]
    seen = 0
    for route in (r for m in modules for r in importlib.import_module(m).router.routes):
        if not isinstance(route, APIRoute):
            continue
        for dep in _dependencies(route.dependant):
            if dep.call is None:
                continue
            seen += 1
            assert inspect.iscoroutinefunction(dep.call), f"{route.path}: {dep.call.__qualname__} is not a coroutine"
    assert seen >= 20  # every list and page takes the store pool this way


def test_uvicorn_runs_on_its_compiled_parser_and_loop():
    """httptools and uvloop are dependencies (pyproject.toml, requirements.lock): uvicorn's
    "auto" choices, as `sitrep serve` runs it, resolve to them, not to the pure-Python h11
    parser and asyncio's own loop (measured in docs/benchmarks.md, issue 15)."""
    import uvicorn

    config = uvicorn.Config(lambda scope, receive, send: None, host="127.0.0.1", port=0)
    config.load()
    assert config.http_protocol_class.__module__ == "uvicorn.protocols.http.httptools_impl"
    if sys.platform != "win32":
        loop = config.get_loop_factory()
        assert loop is not None and loop.__module__.startswith("uvloop")
