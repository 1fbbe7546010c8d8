"""placerec1: a country is no incident's place (``place_rollup.below_country``,
``Settings.place_below_country``), both ways; an incremental update equals a rebuild.
Project-written toy reports (``incident_helpers``); none comes from an evaluation set."""

from __future__ import annotations

import dataclasses

from incident_helpers import (
    Line,
    report,
    stepwise_equals_rebuild,
)

from sitrep.incidents.build import best_place
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.place_rollup import below_country
from sitrep.incidents.settings import load_settings
from sitrep.store import Store

S = dataclasses.replace(load_settings(), place_below_country=True)
OFF = dataclasses.replace(S, place_below_country=False)
DAY = "2030-05-06"


def _line(text: str, trigger: str, place: str | None, category: str = "ASSAULT") -> Line:
    return Line(text, trigger, category=category, place=place, day=DAY, actors=["SYR_AF"], recipients=["CIVILIANS"])


def _report(lines: list[Line], doc: str = "a") -> list[Mention]:
    return mentions([report(doc, doc.upper(), "2030-05-07", lines)], S)


def test_a_record_naming_only_a_country_has_no_place_on_and_the_country_off() -> None:
    ms = _report([_line("Jets struck a convoy in northern Nahrland on Monday.", "struck", "Nahrland")])
    assert ms[0].place is not None and ms[0].place.level == 1
    assert below_country(ms) == []
    assert best_place(ms, S) is None
    off = best_place(ms, OFF)
    assert off is not None and off.name == "Nahrland" and off.level == 1


def test_a_finer_place_is_kept_both_ways() -> None:
    ms = _report([_line("Jets struck Nahrland's town of Marj Hilal on Monday.", "struck", "Nahrland"),
                  _line("Shells hit Marj Hilal on Monday.", "hit", "Marj Hilal")])
    on, off = best_place(ms, S), best_place(ms, OFF)
    assert on is not None and off is not None and on.name == off.name == "Marj Hilal"
    assert [m.place.name for m in below_country(ms) if m.place] == ["Marj Hilal"]


def test_a_place_the_gazetteer_lacks_and_no_place_are_kept() -> None:
    ms = _report([_line("Jets struck the Ain Dafla quarter on Monday.", "struck", "Ain Dafla"),
                  _line("The strikes killed nine people on Monday.", "killed", None)])
    assert below_country(ms) == ms
    on = best_place(ms, S)
    assert on is not None and on.name == "Ain Dafla" and on.level is None


def _reports() -> list[object]:
    return [report("a", "One", "2030-05-07",
                   [_line("Jets struck a convoy in Nahrland on Monday.", "struck", "Nahrland"),
                    _line("Shells fell on Marj Hilal on Monday.", "fell", "Marj Hilal")]),
            report("b", "Two", "2030-05-07",
                   [_line("Warplanes struck a convoy in Nahrland on Monday, killing nine.", "struck", "Nahrland")]),
            report("c", "Three", "2030-05-08",
                   [_line("Thousands protested in Nahrland on Tuesday.", "protested", "Nahrland",
                          category="PROTEST")])]


def _places(store: Store) -> list[str]:
    return sorted((i.place.name if i.place else "") for i in store.incidents())


def test_below_country_incremental_equals_rebuild(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """On, the records that name only the country have no place, the town's keeps it; off, they
    keep the country. Report by report = rebuild, each way."""
    for settings in (S, OFF):
        with Store(str(tmp_path / f"{settings.place_below_country}.db")) as store:
            stepwise_equals_rebuild(store, _reports(), settings)  # type: ignore[arg-type]
            places = _places(store)
        assert "Marj Hilal" in places
        if settings.place_below_country:
            assert "Nahrland" not in places and "" in places
        else:
            assert "Nahrland" in places and "" not in places
