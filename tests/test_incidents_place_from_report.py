"""place1: a record whose own mentions name no place takes the place its report's other news
mentions of the same event family and day name (``place_rollup.report_place``,
``Settings.place_from_report``), both ways; an incremental update equals a rebuild.
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
from sitrep.incidents.place_rollup import report_place
from sitrep.incidents.settings import load_settings
from sitrep.store import Store

S = dataclasses.replace(load_settings(), place_from_report=True)
OFF = dataclasses.replace(S, place_from_report=False)
DAY = "2030-05-06"


TRIGGERS = ("struck", "hit", "killed", "exploded", "protested", "fell", "returned", "carried")


def _line(text: str, place: str | None, category: str = "ASSAULT", day: str = DAY) -> Line:
    trigger = next(t for t in TRIGGERS if t in text)
    return Line(text, trigger, category=category, place=place, day=day, actors=["SYR_AF"], recipients=["CIVILIANS"])


def _report(lines: list[Line], doc: str = "a") -> list[Mention]:
    return mentions([report(doc, doc.upper(), "2030-05-07", lines)], S)


def _toll_report() -> list[Mention]:
    """Two sentences name the town, a third (the toll) names no place."""
    return _report([_line("Jets struck the market of Qarat Amal on Monday.", "Qarat Amal"),
                    _line("Warplanes hit Qarat Amal again on Monday.", "Qarat Amal"),
                    _line("The strikes killed nine people on Monday, the monitor said.", None)])


def test_report_place_takes_the_place_the_other_mentions_name() -> None:
    ms = _toll_report()
    toll = ms[-1]
    assert toll.place is None
    place = report_place([toll], {"a": ms}, S)
    assert place is not None and place.name == "Qarat Amal"
    on = best_place([toll], S, {"a": ms})
    assert on is not None and on.name == "Qarat Amal" and on.within is None
    assert best_place([toll], OFF, {"a": ms}) is None  # off: main's place (none named)
    assert best_place([toll], S) is None  # no report mentions given: nothing to take


def test_report_place_leaves_a_record_that_names_a_place_alone() -> None:
    ms = _report([_line("Jets struck the market of Qarat Amal on Monday.", "Qarat Amal"),
                  _line("Shells hit Marj Hilal on Monday.", "Marj Hilal")])
    on, off = best_place([ms[1]], S, {"a": ms}), best_place([ms[1]], OFF, {"a": ms})
    assert on is not None and off is not None and on.name == off.name == "Marj Hilal"


def test_report_place_reads_only_the_same_family_and_day() -> None:
    """Another kind of event, or another stated day, does not lend its place."""
    other_kind = _report([_line("Thousands protested in Qarat Amal on Monday.", "Qarat Amal", category="PROTEST"),
                          _line("The strikes killed nine people on Monday.", None)])
    assert report_place([other_kind[-1]], {"a": other_kind}, S) is None
    other_day = _report([_line("Jets struck Qarat Amal on Sunday.", "Qarat Amal", day="2030-05-01"),
                         _line("The strikes killed nine people on Monday.", None)])
    assert report_place([other_day[-1]], {"a": other_day}, S) is None


def test_report_place_prefers_the_place_most_mentions_name() -> None:
    ms = _report([_line("Jets struck Marj Hilal on Monday.", "Marj Hilal"),
                  _line("Warplanes hit the market of Qarat Amal on Monday.", "Qarat Amal"),
                  _line("Jets returned to Qarat Amal on Monday.", "Qarat Amal"),
                  _line("The strikes killed nine people on Monday.", None)])
    place = report_place([ms[-1]], {"a": ms}, S)
    assert place is not None and place.name == "Qarat Amal"


def _reports() -> list[object]:
    return [report("a", "One", "2030-05-07",
                   [_line("Jets struck the market of Qarat Amal on Monday.", "Qarat Amal"),
                    _line("Rescuers said on Monday that the wounded were carried to a clinic.", None)]),
            report("b", "Two", "2030-05-07",
                   [_line("Warplanes struck Qarat Amal on Monday, killing nine.", "Qarat Amal"),
                    _line("Shells fell on Marj Hilal on Monday.", "Marj Hilal")]),
            report("c", "Three", "2030-05-08",
                   [_line("A car bomb exploded on Tuesday, the police said.", None, day="2030-05-07"),
                    _line("Protesters protested in Marj Hilal on Tuesday.", "Marj Hilal", category="PROTEST",
                          day="2030-05-07"),
                    _line("Gunmen struck a checkpoint in Marj Hilal on Tuesday.", "Marj Hilal", day="2030-05-07")])]


def _own_places(store: Store) -> list[str | None]:
    """The places of the incidents report "c" alone tells, ordered."""
    return sorted((i.place.name if i.place else "") for i in store.incidents() if i.documents == ["c"])


def test_place_from_report_incremental_equals_rebuild(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The car bomb's sentence names no place: on, its record takes the place of the report's
    other attack that day (not of the protest); off, it has none. Report by report = rebuild."""
    expected = {True: ["Marj Hilal", "Marj Hilal"], False: ["", "Marj Hilal"]}
    for settings in (S, OFF):
        with Store(str(tmp_path / f"{settings.place_from_report}.db")) as store:
            stepwise_equals_rebuild(store, _reports(), settings)  # type: ignore[arg-type]
            assert _own_places(store) == expected[settings.place_from_report]
