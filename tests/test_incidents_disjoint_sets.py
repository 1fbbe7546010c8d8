"""The union-find the copy groups, the linker's clustering by component and its fit share."""

from __future__ import annotations

from sitrep.incidents.clustering import DisjointSets


def test_unions_join_sets_and_a_new_item_is_its_own() -> None:
    sets: DisjointSets[str] = DisjointSets()
    sets.union("b", "a")
    sets.union("c", "b")
    assert sets.find("c") == sets.find("a") == "a"  # each root hangs under the second's
    assert sets.find("z") == "z"
    assert sets.find("z") != sets.find("a")


def test_a_caller_chooses_the_root_by_the_order_it_passes() -> None:
    sets: DisjointSets[int] = DisjointSets()
    for a, b in [(5, 3), (3, 9), (9, 1)]:
        ra, rb = sets.find(a), sets.find(b)
        sets.union(max(ra, rb), min(ra, rb))
    assert {sets.find(x) for x in (1, 3, 5, 9)} == {1}
