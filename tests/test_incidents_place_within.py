"""An incident place the gazetteer cannot resolve names the agreed place it lies in
(``IncidentPlace.within``): the ACLED row, the located and bbox filters of the store (SQLite and
PostgreSQL) and the map use that place's point, stated as such; the place's own point stays null.
Project-written toy reports (``incident_helpers``)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from incident_helpers import PLACES, Line, report, store_report

from sitrep.export import write_acled, write_jsonl
from sitrep.incidents.acled import geo_precision, incident_rows
from sitrep.incidents.build import build_incidents
from sitrep.incidents.records import Incident, IncidentPlace, PlaceWithin
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import linker_version, update_incidents
from sitrep.serve.incidents import incident_feature
from sitrep.store import Store
from sitrep.store.explore_incidents import IncidentQuery

S = load_settings()
OFF = dataclasses.replace(S, place_within=False)
_, TOWN_LAT, TOWN_LON, TOWN_LEVEL = PLACES["Marj Hilal"]


def _line(text: str, place: str | None) -> Line:
    return Line(text, "struck", place=place, day="2030-05-06", actors=["SYR_AF"], recipients=["CIVILIANS"])


def _village_reports() -> list[object]:
    """Two reports say the town, one names a village the gazetteer lacks near it."""
    return [report("a", "One", "2030-05-07", [_line("Jets struck Marj Hilal on Monday.", "Marj Hilal")]),
            report("b", "Two", "2030-05-07", [_line("Warplanes struck Marj Hilal on Monday.", "Marj Hilal")]),
            report("c", "Three", "2030-05-07",
                   [_line("Jets struck the village of Ain Dafla near Marj Hilal on Monday.", "Ain Dafla")])]


def _incident(reports: list[object], settings=S) -> Incident:  # type: ignore[no-untyped-def]  # a test helper
    result = build_incidents(reports, settings)  # type: ignore[arg-type]
    docs = {r.document.id for r in reports}  # type: ignore[attr-defined]
    return next(i for i in result.incidents if docs <= set(i.documents))


def test_place_within_a_village_inside_a_town_keeps_no_point_and_names_the_town() -> None:
    place = _incident(_village_reports()).place
    assert place is not None and place.name == "Ain Dafla"
    assert (place.lat, place.lon, place.level, place.geonames_id) == (None, None, None, None)
    assert place.within is not None
    assert (place.within.name, place.within.lat, place.within.lon, place.within.level) == (
        "Marj Hilal", TOWN_LAT, TOWN_LON, TOWN_LEVEL)
    assert place.point() == (TOWN_LAT, TOWN_LON, False)
    off = _incident(_village_reports(), OFF).place
    assert off is not None and off.name == "Ain Dafla" and off.within is None and off.point() is None
    assert linker_version(S) != linker_version(OFF)


def test_place_within_acled_row_has_the_towns_point_and_precision_two() -> None:
    incident = _incident(_village_reports())
    (row,) = incident_rows([incident], [])
    assert (row.location, row.latitude, row.longitude, row.geo_precision) == ("Ain Dafla", TOWN_LAT, TOWN_LON, 2)
    coarse = IncidentPlace("Ain Dafla", within=PlaceWithin("Nahr Province", 2, 35.0, 39.0))
    assert geo_precision(coarse) == 3  # part of a province: one step coarser than a province's 2


def test_place_within_a_resolved_place_has_none() -> None:
    """A resolved village inside the province two reports name: its own point, no ``within``."""
    reports = [report("a", "One", "2030-05-07", [_line("Jets struck a market in Nahr Province on Monday.",
                                                        "Nahr Province")]),
               report("b", "Two", "2030-05-07", [_line("Warplanes struck Nahr Province on Monday.", "Nahr Province")]),
               report("c", "Three", "2030-05-07", [_line("Jets struck the market of Qarat Amal on Monday.",
                                                          "Qarat Amal")])]
    place = _incident(reports).place
    assert place is not None and place.name == "Qarat Amal" and place.lat is not None and place.within is None
    (row,) = incident_rows([_incident(reports)], [])
    assert row.geo_precision == 1 and row.latitude == place.lat


def test_place_within_an_unresolved_place_without_a_resolved_anchor_has_neither() -> None:
    only = [report("c", "Three", "2030-05-07", [_line("Jets struck the village of Ain Dafla on Monday.", "Ain Dafla")])]
    place = _incident(only).place
    assert place is not None and place.name == "Ain Dafla"
    assert place.lat is None and place.lon is None and place.within is None and place.point() is None
    (row,) = incident_rows([_incident(only)], [])
    assert (row.latitude, row.longitude, row.geo_precision) == (None, None, 3)


def _page_ids(store: Store, q: IncidentQuery) -> set[str]:
    return {i.id for i in store.incident_page(q, limit=100)}


def test_place_within_bbox_and_located_filters_find_the_village(db_location: str) -> None:
    """On SQLite and PostgreSQL: a box around the town finds the village's incident, a box
    elsewhere does not; the map draws it at the town and says so."""
    with Store(db_location) as store:
        for r in _village_reports():
            store_report(store, r)  # type: ignore[arg-type]
        update_incidents(store)
        village = next(i for i in store.incidents() if i.place is not None and i.place.name == "Ain Dafla")
        assert village.place is not None and village.place.within is not None
        around = (TOWN_LON - 0.1, TOWN_LAT - 0.1, TOWN_LON + 0.1, TOWN_LAT + 0.1)
        assert village.id in _page_ids(store, IncidentQuery(bbox=around))
        assert village.id in _page_ids(store, IncidentQuery(located=True))
        assert village.id not in _page_ids(store, IncidentQuery(bbox=(0.0, 0.0, 1.0, 1.0)))
        assert village.id not in _page_ids(store, IncidentQuery(bbox=(TOWN_LON + 1, TOWN_LAT - 1, TOWN_LON - 1,
                                                                      TOWN_LAT + 1)))  # across the antimeridian
        feature = incident_feature(village)
        assert feature["geometry"]["coordinates"] == [TOWN_LON, TOWN_LAT]
        assert feature["properties"]["place"] == "Ain Dafla (in Marj Hilal)"


def test_place_within_a_record_stored_without_it_still_loads_and_exports(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An incident stored before ``within`` existed reads with ``within`` null and exports."""
    with Store(str(tmp_path / "old.db")) as store:
        for r in _village_reports():
            store_report(store, r)  # type: ignore[arg-type]
        update_incidents(store)
        old = {"name": "Ain Dafla", "level": None, "lat": None, "lon": None, "country": None, "admin1": None,
               "geonames_id": None}
        store.conn.execute("UPDATE incidents SET place = ? WHERE json_extract(place, '$.name') = 'Ain Dafla'",
                           (json.dumps(old),))
        village = next(i for i in store.incidents() if i.place is not None and i.place.name == "Ain Dafla")
        assert village.place is not None and village.place.within is None and village.place.point() is None
        assert village.id not in _page_ids(store, IncidentQuery(located=True))
        out = io.StringIO()
        write_jsonl(store, out)
        records = [json.loads(line) for line in out.getvalue().splitlines()]
        exported = next(r for r in records if r["type"] == "incident" and r["id"] == village.id)
        assert exported["place"] == {**old, "within": None}
        acled = io.StringIO()
        write_acled(store, acled)
        row = next(r for r in csv.DictReader(io.StringIO(acled.getvalue())) if r["event_id_cnty"] == village.id)
        assert (row["location"], row["latitude"], row["geo_precision"]) == ("Ain Dafla", "", "3")


def test_place_within_the_incident_page_and_the_map_say_where_it_is_drawn(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from sitrep.serve.app import Settings as ServeSettings
    from sitrep.serve.app import create_app

    path = tmp_path / "serve.db"
    with Store(str(path)) as store:
        for r in _village_reports():
            store_report(store, r)  # type: ignore[arg-type]
        update_incidents(store)
        village = next(i for i in store.incidents() if i.place is not None and i.place.name == "Ain Dafla")
    client = TestClient(create_app(ServeSettings(db=path)), base_url="http://127.0.0.1")
    page = client.get(f"/incidents/{village.id}")
    assert page.status_code == 200 and "not in the gazetteer; in Marj Hilal" in page.text
    api = client.get(f"/api/incidents/{village.id}").json()
    assert api["place"]["within"]["name"] == "Marj Hilal" and api["place"]["lat"] is None
    features = client.get("/api/map/incidents").json()["features"]
    drawn = next(f for f in features if f["properties"]["id"] == village.id)
    assert drawn["geometry"]["coordinates"] == [TOWN_LON, TOWN_LAT]
