"""``benchmarks/place_misses.py --coverage``: a coverage miss sorted by what GeoNames and the pack have.

Entries, names and points are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

from place_misses import FEATURE_CLASSES, alternate_within, coverage_class

from sitrep.stages.place.gazetteer import Entry

_STATE = Entry("Nowhere State", 40.0, -100.0, "admin1", 2, "US", "Nowhere State", "NS", 1_000_000,
               geonames_id=111)
_NAMESAKE = Entry("Millbrook", 10.0, 10.0, "city", 4, "NG", "", "", 20_000, geonames_id=222)


def test_a_shipped_feature_the_span_reaches_is_a_point_question() -> None:
    """The span reaches the gold's own entry; only its point lies farther than 161 km."""
    assert coverage_class(111, None, _STATE, [_NAMESAKE, _STATE], 45.0, -100.0) == (
        "in the pack: reached, its point farther than 161 km")


def test_a_shipped_feature_the_span_does_not_reach_is_a_name_form() -> None:
    assert coverage_class(111, None, _STATE, [_NAMESAKE], 45.0, -100.0) == (
        "in the pack: the span's form does not reach it")


def test_a_feature_the_pack_lacks_is_sorted_by_its_geonames_class() -> None:
    assert coverage_class(333, "H", None, [_NAMESAKE], 45.0, -100.0) == "GeoNames, not shipped: water"
    assert coverage_class(333, "P", None, [], 45.0, -100.0) == (
        "GeoNames, not shipped: populated place under cities500")
    assert coverage_class(333, "Q", None, [], 45.0, -100.0) == "GeoNames, not shipped: Q"
    assert coverage_class(333, None, None, [], 45.0, -100.0) == "GeoNames, not shipped: class not given"
    assert set(FEATURE_CLASSES) >= {"A", "H", "L", "P", "S", "T"}


def test_no_geonames_id() -> None:
    assert coverage_class(None, None, None, [_NAMESAKE], 45.0, -100.0) == "no GeoNames id in the gold"


def test_a_left_out_alternate_name_counts_only_near_the_gold_point() -> None:
    alternates = {"old millbrook": [(45.5, -100.2)], "brookfield": [(10.0, 10.0)]}
    assert alternate_within("Old Millbrook", 45.0, -100.0, alternates)
    assert not alternate_within("Brookfield", 45.0, -100.0, alternates)  # the only one is abroad
    assert not alternate_within("Elsewhere", 45.0, -100.0, alternates)
    assert not alternate_within("", 45.0, -100.0, alternates)
