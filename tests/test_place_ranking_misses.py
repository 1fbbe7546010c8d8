"""``benchmarks/place_ranking_misses.py``: a ranking miss sorted by what the rest of its document offers.

Examples are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

from place_ranking_misses import classify

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
