"""The incident's place by agreement (``incidents/place_rollup.py``) on project-written toy
reports: a finer place inside the one two reports name wins, a place elsewhere does not, a single
report gives its finest place, a name the gazetteer lacks stands where its sentence puts it, and
what is no place name never replaces a place."""

from __future__ import annotations

import dataclasses

from incident_helpers import PLACES, Line, report

from sitrep.incidents.build import build_incidents
from sitrep.incidents.mentions import Mention, PlaceKey, mentions, proper_place
from sitrep.incidents.place_rollup import agreed_place_within
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import CODE_VERSION, linker_version

S = load_settings()
OFF = dataclasses.replace(S, place_agreement=False)


def _line(text: str, place: str | None) -> Line:
    return Line(text, "struck", place=place, day="2030-05-06", actors=["SYR_AF"], recipients=["CIVILIANS"])


def _news(*reports: tuple[str, list[Line]]) -> list[Mention]:
    found = mentions([report(doc, f"Outlet {doc}", "2030-05-07", lines) for doc, lines in reports], S)
    return [m for m in found if m.role == "news"]


def _agreed_on(place: str, third: tuple[str, str]) -> list[Mention]:
    """Two reports that name ``place``, and a third report's sentence and place."""
    return _news(("a", [_line(f"Jets struck {place} on Monday.", place)]),
                 ("b", [_line(f"Warplanes struck {place} on Monday.", place)]),
                 ("c", [_line(*third)]))


def _name(news: list[Mention], settings=S) -> str | None:  # type: ignore[no-untyped-def]  # a test helper
    placed = agreed_place_within(news, settings)
    return None if placed is None else placed[0].name


def test_place_rollup_a_village_inside_the_province_two_reports_name_wins() -> None:
    """Two reports say the province, one names the village in it: the village; switch off: the province."""
    news = _news(("a", [_line("Jets struck a market in Nahr Province on Monday.", "Nahr Province")]),
                 ("b", [_line("Warplanes struck Nahr Province on Monday, killing civilians.", "Nahr Province")]),
                 ("c", [_line("Jets struck the market of Qarat Amal on Monday.", "Qarat Amal")]))
    assert _name(news) == "Qarat Amal"
    assert _name(news, OFF) == "Nahr Province"


def test_place_rollup_an_unlisted_village_the_sentence_puts_in_the_town_wins() -> None:
    """Two reports say the town, one names a village the gazetteer lacks "near Marj Hilal": the village."""
    news = _agreed_on("Marj Hilal", ("Jets struck the village of Ain Dafla near Marj Hilal on Monday.", "Ain Dafla"))
    assert _name(news) == "Ain Dafla"
    assert _name(news, OFF) == "Marj Hilal"


def test_place_rollup_a_place_elsewhere_does_not_win() -> None:
    """A finer place far from the town two reports name (another town, or a village its sentence
    puts in another town) is not taken: the reports' agreed place stays."""
    far = _agreed_on("Marj Hilal", ("Jets struck the market of Qarat Amal on Monday.", "Qarat Amal"))
    assert _name(far) == "Marj Hilal"
    elsewhere = _news(("a", [_line("Jets struck the market of Qarat Amal on Monday.", "Qarat Amal")]),
                      ("b", [_line("Warplanes struck Qarat Amal on Monday.", "Qarat Amal")]),
                      ("c", [_line("Shells struck the Ain Dafla quarter in Marj Hilal on Monday.", "Ain Dafla")]))
    assert _name(elsewhere) == "Qarat Amal"


def test_place_rollup_one_report_gives_its_finest_place() -> None:
    """One report: its finest place, a name the gazetteer lacks counting as the finest."""
    assert _name(_news(("a", [_line("Jets struck Nahr Province on Monday.", "Nahr Province"),
                              _line("The market of Qarat Amal was struck.", "Qarat Amal")]))) == "Qarat Amal"
    assert _name(_news(("a", [_line("Jets struck Marj Hilal on Monday.", "Marj Hilal"),
                              _line("The village of Ain Dafla was struck.", "Ain Dafla")]))) == "Ain Dafla"
    assert _name(_news(("a", [_line("Jets struck on Monday.", None)]))) is None


def test_place_rollup_ties_go_to_support_then_to_the_anchor() -> None:
    """Two villages of the province, one named by two reports and one by one: the better supported."""
    news = _agreed_on("Tel Wardeh", ("Jets struck Qarat Amal on Monday.", "Qarat Amal"))
    assert _name(news) == "Tel Wardeh"


def test_place_rollup_no_place_name_and_the_anchor_spelt_otherwise_are_not_taken() -> None:
    """A fragment ending in the article, or the anchor's name spelt otherwise, never replaces it."""
    news = _agreed_on("Marj Hilal", ("Jets struck Rajm al on Monday.", "Rajm al"))
    assert _name(news) == "Marj Hilal"
    respelt = _agreed_on("Marj Hilal", ("Jets struck Marj al-Hilal on Monday.", "Marj al-Hilal"))
    assert _name(respelt) == "Marj Hilal"


def test_place_rollup_proper_place_names() -> None:
    """What an unresolved name must be to stand for a place; a resolved place always can."""
    def key(name: str) -> PlaceKey:
        return PlaceKey(name, None, None, None, None, None, None)
    common, countries = frozenset({"old", "suspected", "gas", "attack"}), frozenset({"syria"})
    assert proper_place(key("Ain Dafla"), common, countries)
    assert not proper_place(key("Rajm al"), common, countries)
    assert not proper_place(key("Syrias"), common, countries)
    assert not proper_place(key("Suspected Gas Attack"), common, countries)
    assert not proper_place(key("Old"), common, countries)
    gid, lat, lon, level = PLACES["Marj Hilal"]
    assert proper_place(PlaceKey("Old", gid, lat, lon, "XX", "Nahr", level), common, countries)


def test_place_rollup_the_record_and_the_version() -> None:
    """The built record carries the agreed place with its level; the switch moves the linker version."""
    reports = [report("a", "One", "2030-05-07", [_line("Jets struck a market in Nahr Province on Monday.",
                                                        "Nahr Province")]),
               report("b", "Two", "2030-05-07", [_line("Warplanes struck Nahr Province on Monday, killing civilians.",
                                                        "Nahr Province")]),
               report("c", "Three", "2030-05-07", [_line("Jets struck the market of Qarat Amal on Monday.",
                                                          "Qarat Amal")])]
    result = build_incidents(reports, S)
    incident = next(i for i in result.incidents if {"a", "b", "c"} <= set(i.documents))
    assert incident.place is not None and (incident.place.name, incident.place.level) == ("Qarat Amal", 5)
    off = next(i for i in build_incidents(reports, OFF).incidents if {"a", "b", "c"} <= set(i.documents))
    assert off.place is not None and off.place.name == "Nahr Province"
    assert CODE_VERSION == "8"  # 8: link1 (each report's tie on the record)
    assert linker_version(S) != linker_version(OFF)
