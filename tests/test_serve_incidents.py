"""`sitrep serve` on the incident layer: /api/incidents (filters, keyset pages, one incident
with every report's version), /api/map/incidents, the incident pages, links from events and
the map; on the hand-written database of tests/serve_fixture.py plus hand-written incidents."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
import serve_fixture  # noqa: E402

from sitrep.incidents.query import IncidentFilter, query_incidents  # noqa: E402
from sitrep.serve.app import Settings, create_app  # noqa: E402
from sitrep.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("serve-incidents") / "serve.db"
    ids = serve_fixture.build(path)
    inc = serve_fixture.add_incidents(path, ids)
    return path, ids, inc


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(Settings(db=db[0])), base_url="http://127.0.0.1")


def _ids(client: TestClient, **params) -> list[str]:
    r = client.get("/api/incidents", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return [i["id"] for i in r.json()["items"]]


def test_newest_first_undated_last_and_keyset_pages(client, db):
    inc = db[2]
    everything = _ids(client)
    assert everything == [inc["raqqa"], inc["idlib"], inc["aid"], inc["talks"]]
    paged, cursor = [], None
    for _ in range(10):
        page = client.get("/api/incidents", params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        paged += [i["id"] for i in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert paged == everything


@pytest.mark.parametrize(("params", "expected"), [
    ({"min_sources": 2}, ["aid"]),
    ({"contested": "true"}, ["aid"]),
    ({"category": "ASSAULT"}, ["raqqa", "idlib"]),
    ({"actor": "ISIS"}, ["raqqa", "idlib"]),  # as perpetrator (idlib) or recipient (raqqa)
    ({"place": "aleppo"}, ["aid"]),
    ({"place": "ÁLEPPO"}, ["aid"]),  # any case and accents, as `sitrep incidents --place`
    ({"place": "Idlib Governorate"}, ["idlib"]),  # the province matches too
    ({"bbox": "36.5,35.8,36.8,36.0"}, ["idlib"]),
    ({"date_from": "2016-03-01"}, ["raqqa", "idlib"]),
    ({"date_to": "2016-03-10"}, ["idlib", "aid"]),
    ({"status": "denied"}, ["idlib"]),
    ({"category": "ASSAULT", "actor": "TUR", "min_sources": 1}, ["raqqa"]),
    ({"place": "nowhere"}, []),
])
def test_filters(client, db, params, expected):
    assert _ids(client, **params) == [db[2][name] for name in expected]


def test_filters_mean_what_the_cli_means(client, db):
    """The API and `sitrep incidents` (query_incidents) select the same incidents."""
    cases = [IncidentFilter(min_sources=2), IncidentFilter(contested=True), IncidentFilter(category="ASSAULT"),
             IncidentFilter(actor="SYR_GOV"), IncidentFilter(place="raqqa"), IncidentFilter(since="2016-03-01"),
             IncidentFilter(until="2016-04-30", status="asserted")]
    with Store(db[0], readonly=True) as store:
        for f in cases:
            params = {k: v for k, v in (("min_sources", f.min_sources or None), ("contested", f.contested or None),
                                        ("category", f.category), ("actor", f.actor), ("place", f.place),
                                        ("date_from", f.since), ("date_to", f.until), ("status", f.status)) if v}
            assert set(_ids(client, **params)) == {i.id for i in query_incidents(store, f)}, f


def test_incident_with_every_version(client, db):
    path, ids, inc = db
    r = client.get(f"/api/incidents/{inc['aid']}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["type"] == "incident" and body["independent_sources"] == 2 and body["tone"] == "cooperation"
    assert body["contested"][0]["field"] == "blame"
    versions = body["versions"]
    assert [v["event"]["outlet"] for v in versions] == ["Daily Ledger", "Morning Wire"]
    assert {v["event"]["id"] for v in versions} == {ids["events"][0], ids["events"][7]}
    assert versions[0]["contested_values"] == ["blame: UN"] and versions[1]["contested_values"] == ["blame: SYR_GOV"]
    docs = ids["documents"]  # each report's tie to the others (the record's links), on the record and each version
    assert body["links"] == [{"document": docs[0], "strength": 0.74, "to": docs[5], "linked": [docs[5]]},
                             {"document": docs[5], "strength": 0.74, "to": docs[0], "linked": [docs[0]]}]
    assert body["weakest_link"] == 0.74 and [v["tie"] for v in versions] == [0.74, 0.74]
    with Store(path, readonly=True) as store:
        for v in versions:  # every version's evidence points into its document
            e = v["event"]
            text = store.get_document(e["document"]).text
            assert text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]
    idlib = client.get(f"/api/incidents/{inc['idlib']}").json()
    assert [v["role"] for v in idlib["versions"]] == ["news", "denial"]
    assert idlib["links"] == [] and idlib["weakest_link"] is None and [v["tie"] for v in idlib["versions"]] == [None, None]
    assert idlib["casualties"] == [{"kind": "killed", "best": 3, "low": 3, "high": 5, "sources": ["Evening Courier"]}]
    assert client.get("/api/incidents/inc_missing").status_code == 404


def test_bad_incident_queries_are_client_errors(client):
    for params in ({"min_sources": -1}, {"status": "historical"}, {"category": "PARTY"}, {"date_from": "yesterday"},
                   {"bbox": "1,2,3"}, {"cursor": "not-a-cursor"}, {"contested": "maybe"}):
        r = client.get("/api/incidents", params=params)
        assert 400 <= r.status_code < 500, (params, r.status_code)


def test_map_layers_link_incidents(client, db):
    ids, inc = db[1], db[2]
    fc = client.get("/api/map/incidents").json()
    by_id = {f["properties"]["id"]: f for f in fc["features"]}
    assert set(by_id) == {inc["aid"], inc["idlib"], inc["raqqa"]}  # the talks have no place
    assert by_id[inc["aid"]]["geometry"]["coordinates"] == [37.1343, 36.2021]
    assert by_id[inc["aid"]]["properties"]["kind"] == "incident"
    assert by_id[inc["idlib"]]["properties"]["status"] == "disputed"
    events = {f["properties"]["id"]: f["properties"] for f in client.get("/api/map/events").json()["features"]}
    assert events[ids["events"][0]]["incident"] == inc["aid"]
    assert events[ids["events"][1]]["incident"] == inc["idlib"]
    html = client.get("/map", params={"layer": "incidents"}).text
    assert 'data-points="/api/map/incidents?' in html or "make assets" in html
    assert client.get("/map", params={"layer": "bogus"}).status_code == 422


def test_incident_pages(client, db):
    ids, inc = db[1], db[2]
    html = client.get("/incidents").text
    links = re.findall(r'href="/incidents/([^"]+)"', html)
    assert links == [inc["raqqa"], inc["idlib"], inc["aid"], inc["talks"]]
    assert "<svg class=\"chart\"" in html  # the timeline
    assert re.findall(r'href="/incidents/([^"]+)"', client.get("/incidents", params={
        "contested": "1", "min_sources": "", "category": "", "date_from": ""}).text) == [inc["aid"]]
    page = client.get(f"/incidents/{inc['aid']}").text
    assert page.count('<article class="version') == 2
    assert page.count(">tie 0.74</span>") == 2 and "to Morning Wire" in page and "to Daily Ledger" in page
    assert '<td class="weakest-tie">0.74' in page
    idlib_page = client.get(f"/incidents/{inc['idlib']}").text  # no stored tie: none shown
    assert "weakest tie" not in idlib_page and 'class="tie"' not in idlib_page
    assert "<mark>sent</mark>" in page and "<mark>reached</mark>" in page  # trigger marked in each evidence sentence
    ev = client.get(f"/api/events/{ids['events'][0]}").json()["evidence"]
    assert f'/documents/{ids["documents"][0]}?hl={ev["start"]}-{ev["end"]}#evidence' in page
    assert f'href="/incidents/{inc["aid"]}"' in client.get(f"/events/{ids['events'][0]}").text
    assert 'id="event-incident"' not in client.get(f"/events/{ids['events'][2]}").text  # ACCUSE: in none
    assert client.get("/incidents/inc_missing").status_code == 404
    assert client.get("/incidents", params={"status": "bogus"}).status_code == 422
    assert "Incidents over time" in client.get("/").text


def test_a_database_without_incidents_lists_none(tmp_path):
    path = tmp_path / "plain.db"
    serve_fixture.build(path)
    c = TestClient(create_app(Settings(db=path)), base_url="http://127.0.0.1")
    assert c.get("/api/incidents").json() == {"items": [], "next": None}
    assert "No incidents match." in c.get("/incidents").text
    assert "Incidents over time" not in c.get("/").text


def test_incident_list_reads_the_store_not_all_rows(db, tmp_path):
    """A place filter reads ahead in batches; without one a page reads only what it shows."""
    from sitrep.serve.incidents import IncidentSelection, incident_page

    with Store(db[0], readonly=True) as store:
        calls = []
        original = store.incident_page

        def counting(q, *, after=None, limit=50):
            calls.append(limit)
            return original(q, after=after, limit=limit)

        store.incident_page = counting  # type: ignore[method-assign]
        rows, key = incident_page(store, IncidentSelection(), limit=2)
        assert [r.id for r in rows] == [db[2]["raqqa"], db[2]["idlib"]] and key is not None and calls == [2]
        rows, key = incident_page(store, IncidentSelection(filter=IncidentFilter(place="aleppo")), limit=2)
        assert [r.id for r in rows] == [db[2]["aid"]] and key is None



def test_incident_links_are_in_the_api_schema(client):
    spec = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert set(spec["ReportLinkOut"]["properties"]) == {"document", "strength", "to", "linked"}
    assert {"links", "weakest_link"} <= set(spec["IncidentOut"]["properties"])
    assert "tie" in spec["IncidentVersionOut"]["properties"]
