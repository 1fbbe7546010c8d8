"""``benchmarks/place_ranking_misses.py``: a ranking miss sorted by what the rest of its document offers.

Examples are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

from place_ranking_misses import classify, relation

from sitrep.stages.place.gazetteer import Entry
from sitrep.stages.place.resolver import Resolution, Span

_BIG = Entry("Springfield", 39.80, -89.64, "city", 4, "US", "Illinois", "IL", 116_000)
_SMALL = Entry("Springfield", 42.10, -72.59, "city", 4, "US", "Massachusetts", "MA", 155_000)
_HOLYOKE = Entry("Holyoke", 42.20, -72.62, "city", 4, "US", "Massachusetts", "MA", 40_000)
_DECATUR = Entry("Decatur", 39.84, -88.95, "city", 4, "US", "Illinois", "IL", 70_000)
_STATE = Entry("Illinois", 40.0, -89.0, "admin1", 2, "US", "Illinois", "IL", 12_800_000)


def _res(entry: Entry | None, text: str) -> Resolution:
    return Resolution(Span(0, len(text), text), entry)


def test_no_other_place_of_level_three_is_alone() -> None:
    """The span's own name and a province do not count as the document's other places."""
    keys = ["springfield", "springfield", "illinois"]
    res = [_res(_BIG, "Springfield"), _res(_BIG, "Springfield"), _res(_STATE, "Illinois")]
    assert classify("springfield", _BIG, [_SMALL], keys, res) == "alone"


def test_the_right_candidate_near_the_other_places() -> None:
    keys = ["springfield", "holyoke"]
    res = [_res(_BIG, "Springfield"), _res(_HOLYOKE, "Holyoke")]
    assert classify("springfield", _BIG, [_SMALL], keys, res) == "right nearer, within 400 km"


def test_the_chosen_candidate_near_the_other_places() -> None:
    keys = ["springfield", "decatur"]
    res = [_res(_BIG, "Springfield"), _res(_DECATUR, "Decatur")]
    assert classify("springfield", _BIG, [_SMALL], keys, res) == "chosen nearer"


_RURITANIA = Entry("Ruritania", 45.0, 20.0, "admin1", 2, "RU", "Ruritania", "RU1", 900_000)
_RURITANIA_TOWN = Entry("Ruritania", 40.0, -80.0, "city", 4, "US", "Ohio", "OH", 3_000)
_CAPITAL = Entry("Strelsau", 45.1, 20.1, "city", 4, "RU", "Ruritania", "RU1", 400_000, capital=True)
_CAPITAL_TOWN = Entry("Strelsau", 35.0, -85.0, "city", 4, "US", "Tennessee", "TN", 20_000)
_ALIAS = Entry("Big Harbour", 41.0, -87.0, "city", 4, "US", "Indiana", "IN", 100_000)


def test_a_division_against_a_town_of_its_name() -> None:
    assert relation("Ruritania", _RURITANIA_TOWN, [_RURITANIA]) == "division vs town"
    assert relation("Ruritania", _RURITANIA, [_RURITANIA_TOWN]) == "division vs town"


def test_a_capital_lost_to_a_smaller_namesake() -> None:
    assert relation("Strelsau", _CAPITAL_TOWN, [_CAPITAL]) == "capital lost"


def test_namesakes_by_population() -> None:
    assert relation("Springfield", _BIG, [_SMALL]) == "smaller namesake"
    assert relation("Springfield", _SMALL, [_BIG]) == "bigger namesake"


def test_a_place_reached_by_an_alternate_name() -> None:
    """The span spells the right candidate's name, not the chosen one's (an alternate name of it)."""
    assert relation("Springfield", _ALIAS, [_SMALL]) == "alternate name"
    assert relation("Springfield", _SMALL, [_ALIAS]) == "bigger namesake"  # the reverse is no alias
