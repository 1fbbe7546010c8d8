"""The place reading of ``incidents53`` (``blocking.UNRESOLVED_FINE`` and ``UNRESOLVED_APART``, on;
``SITREP_INCIDENT_INPUTS=main_unresolved_place`` turns both off, issue 11): an unresolved event
place (a name the gazetteer lacks: no point, no level) is a fine place of unknown position in the
linker, not a country-level place, and two unresolved names of different keys are two places.

Every report and place here is invented for the tests (``incident_helpers``' invented province);
through the store to pin incremental = ``--rebuild`` with the switch on.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from incident_helpers import Line, report, store_report, switch_moves_version

from sitrep.incidents import blocking
from sitrep.incidents.blocking import place_name_key, places_relation, unresolved
from sitrep.incidents.features import MENTION_FEATURES
from sitrep.incidents.inputs import DocumentInput
from sitrep.incidents.mentions import Mention, PlaceKey, mentions
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import update_incidents
from sitrep.records import EventPlace
from sitrep.store import Store

S = load_settings()
REPO = Path(__file__).resolve().parents[1]

#: two unresolved village names of one country, a resolved town, its province and its country
VILLAGE = PlaceKey("Deir Kaml", None, None, None, "XX", None, None)
OTHER_VILLAGE = PlaceKey("Tall Sinan", None, None, None, "XX", None, None)
TOWN = PlaceKey("Marj Hilal", 1003, 35.60, 39.40, "XX", "Nahr", 4)
PROVINCE = PlaceKey("Nahr Province", 1000, 35.3, 38.5, "XX", "Nahr", 2)
COUNTRY = PlaceKey("Xland", 9, 35.0, 38.0, "XX", None, 1)
ABROAD = PlaceKey("Yland", 8, 40.0, 30.0, "YY", None, 1)


@pytest.fixture
def switch(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """``UNRESOLVED_FINE`` alone (``UNRESOLVED_APART`` off: the first reading on its own)."""
    def set_to(value: bool) -> None:
        monkeypatch.setattr(blocking, "UNRESOLVED_FINE", value)
        monkeypatch.setattr(blocking, "UNRESOLVED_APART", False)
    return set_to


def test_unresolved_is_a_place_with_no_gazetteer_id_point_or_level() -> None:
    assert unresolved(VILLAGE)
    assert not unresolved(TOWN)
    assert not unresolved(PlaceKey("Deir Kaml", None, 35.1, 38.1, "XX", None, None))  # it has a point


@pytest.mark.parametrize(("a", "b"), [("Al-Deir Kaml", "deir kaml"), ("el Deir-Kaml", "Deir Kaml"),
                                      ("Deir Kaml", "DEIR  KAML"), ("Dayr Kâml", "dayr kaml")])
def test_place_names_compare_without_article_hyphens_or_case(a: str, b: str) -> None:
    assert place_name_key(a) == place_name_key(b)


def test_place_names_that_differ_stay_apart() -> None:
    assert place_name_key("Deir Kaml") != place_name_key("Deir Kamal")
    assert place_name_key("Alqar") != place_name_key("Qar")  # "al" only as a separate article


def test_off_main_reads_an_unresolved_place_as_country_level(switch) -> None:  # type: ignore[no-untyped-def]
    switch(False)
    assert places_relation(VILLAGE, OTHER_VILLAGE, S) == "within"
    assert places_relation(VILLAGE, TOWN, S) == "within"
    assert places_relation(VILLAGE, PlaceKey("al-Deir Kaml", None, None, None, "XX", None, None), S) == "within"


@pytest.mark.parametrize(("other", "expected"), [
    (PlaceKey("al-Deir Kaml", None, None, None, None, None, None), "same"),  # the same name, spelt otherwise
    (OTHER_VILLAGE, "unknown"),  # another unresolved name: not within, not near
    (TOWN, "unknown"),  # a town of the country: where the village lies is unknown
    (PROVINCE, "unknown"),  # a province: the village's own is unknown
    (COUNTRY, "within"),  # its container country
    (PlaceKey("Xland", 9, 35.0, 38.0, None, None, 1), "within"),
    (ABROAD, "far"),  # another country
])
def test_on_an_unresolved_place_is_fine_and_of_unknown_position(switch, other: PlaceKey,  # type: ignore[no-untyped-def]
                                                              expected: str) -> None:
    switch(True)
    assert places_relation(VILLAGE, other, S) == expected
    assert places_relation(other, VILLAGE, S) == expected


def test_on_an_unresolved_place_is_within_the_province_its_record_names(switch) -> None:  # type: ignore[no-untyped-def]
    switch(True)
    placed = dataclasses.replace(VILLAGE, admin1="Nahr")
    assert places_relation(placed, PROVINCE, S) == "within"
    assert places_relation(placed, dataclasses.replace(PROVINCE, admin1="Other"), S) == "unknown"


def test_on_resolved_places_keep_main_relations(switch) -> None:  # type: ignore[no-untyped-def]
    switch(True)
    near = PlaceKey("Tel Wardeh", 1002, 35.62, 39.42, "XX", "Nahr", 5)
    assert places_relation(TOWN, near, S) == "near"
    assert places_relation(TOWN, PROVINCE, S) == "within"
    assert places_relation(TOWN, ABROAD, S) == "far"


def _unresolved(item: DocumentInput, name: str) -> DocumentInput:
    """``item`` with every event's place an unresolved ``name`` (as the events stage keeps one)."""
    events = [dataclasses.replace(e, place=EventPlace(name, country="XX", text=name)) for e in item.events]
    return dataclasses.replace(item, events=events)


VILLAGE_A = Line("Shells hit the village of Deir Kaml on Monday, killing three.", "hit", day="2030-05-06")
VILLAGE_B = Line("Three people died when shells struck al-Deir Kaml on Monday.", "struck", day="2030-05-06")
OTHER = Line("Shells hit the village of Tall Sinan on Monday, wounding two.", "hit", day="2030-05-06")


def _items() -> list[DocumentInput]:
    return [_unresolved(report("a", "One", "2030-05-07", [VILLAGE_A]), "Deir Kaml"),
            _unresolved(report("b", "Two", "2030-05-07", [VILLAGE_B]), "al-Deir Kaml"),
            _unresolved(report("c", "Three", "2030-05-07", [OTHER]), "Tall Sinan"),
            report("d", "Four", "2030-05-07", [Line("Shells hit the market of Marj Hilal on Monday.", "hit",
                                                    place="Marj Hilal", day="2030-05-06")])]


def _by_document(found: list[Mention]) -> dict[str, Mention]:
    return {m.document: m for m in found if m.role == "news"}


def test_the_switch_moves_the_mentions_relations_and_place_same(switch) -> None:  # type: ignore[no-untyped-def]
    found = _by_document(mentions(_items(), S))
    same = MENTION_FEATURES["place_same"]
    switch(False)
    assert blocking.place_relation(found["a"], found["c"], S) == "within"
    assert same(found["a"], found["b"], S) == 0.0  # main: an unresolved place has no level
    switch(True)
    assert blocking.place_relation(found["a"], found["c"], S) == "unknown"
    assert blocking.place_relation(found["a"], found["d"], S) == "unknown"
    assert blocking.place_relation(found["a"], found["b"], S) == "same"
    assert same(found["a"], found["b"], S) == 1.0
    assert same(found["a"], found["c"], S) == 0.0


def test_the_switch_is_part_of_the_stored_incidents_version(switch) -> None:  # type: ignore[no-untyped-def]
    assert switch_moves_version(switch)


def test_incremental_updates_equal_a_rebuild_with_the_switch_on(tmp_path: Path, switch) -> None:  # type: ignore[no-untyped-def]
    switch(True)
    store = Store(tmp_path / "inc.db")
    for item in _items():
        store_report(store, item)
        update_incidents(store, settings=S)
    stepwise = {i.id: i.to_dict() for i in store.incidents()}, store.incident_members()
    assert stepwise[0]
    update_incidents(store, settings=S, rebuild_all=True)
    assert ({i.id: i.to_dict() for i in store.incidents()}, store.incident_members()) == stepwise
    store.close()


@pytest.mark.parametrize("value", ["main_unresolved_place", "no_such_input,main_unresolved_place", "", "no_such_input"])
def test_the_environment_turns_the_place_reading_off(value: str) -> None:
    env = {**os.environ, "SITREP_INCIDENT_INPUTS": value, "PYTHONPATH": str(REPO / "src")}
    code = "from sitrep.incidents import blocking as b; print(b.UNRESOLVED_FINE, b.UNRESOLVED_APART)"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    on = str("main_unresolved_place" not in value)
    assert run.stdout.split() == [on, on]


def test_the_oof_script_sets_the_blocking_switch() -> None:
    import incidents_contested_oof as oof
    assert oof.parse_setting("UNRESOLVED_FINE=True") == ("UNRESOLVED_FINE", True)
    assert oof.settable("UNRESOLVED_FINE") is blocking
    assert oof.settable("TIED_VERSIONS") is not blocking


@pytest.mark.parametrize(("a", "b"), [("Salah al-Din", "Salaheddin"), ("Deir ez-Zor", "Deir al-Zor"),
                                      ("Tall Sinan", "Tel Sinan")])
def test_loose_name_keys_join_transliterations(a: str, b: str) -> None:
    assert blocking.loose_name_key(a) == blocking.loose_name_key(b)


def test_loose_name_keys_keep_different_names_apart() -> None:
    assert blocking.loose_name_key("Deir Kaml") != blocking.loose_name_key("Tall Sinan")


def test_apart_makes_two_unresolved_names_of_different_keys_far(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocking, "UNRESOLVED_FINE", True)
    monkeypatch.setattr(blocking, "UNRESOLVED_APART", False)
    assert places_relation(VILLAGE, OTHER_VILLAGE, S) == "unknown"
    monkeypatch.setattr(blocking, "UNRESOLVED_APART", True)
    assert places_relation(VILLAGE, OTHER_VILLAGE, S) == "far"
    assert places_relation(OTHER_VILLAGE, dataclasses.replace(OTHER_VILLAGE, name="Tel Sinan"), S) == "unknown"
    assert places_relation(VILLAGE, TOWN, S) == "unknown"  # a resolved town is never made far by name
    assert places_relation(VILLAGE, COUNTRY, S) == "within"


def test_apart_keeps_the_two_villages_reports_unlinked_and_rebuild_equal(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocking, "UNRESOLVED_FINE", True)
    monkeypatch.setattr(blocking, "UNRESOLVED_APART", True)
    found = _by_document(mentions(_items(), S))
    assert not blocking.compatible(found["a"], found["c"], S)
    assert blocking.compatible(found["a"], found["b"], S)
    store = Store(tmp_path / "inc.db")
    for item in _items()[:3]:  # the two reports of one village and the other village's
        store_report(store, item)
        update_incidents(store, settings=S)
    stepwise = {i.id: i.to_dict() for i in store.incidents()}, store.incident_members()
    assert not any({"a", "c"} <= set(i["documents"]) for i in stepwise[0].values())
    update_incidents(store, settings=S, rebuild_all=True)
    assert ({i.id: i.to_dict() for i in store.incidents()}, store.incident_members()) == stepwise
    store.close()
