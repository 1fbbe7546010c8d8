"""Issue 12, late (2026-12-04): the extraction classes found on wave 6 and the random waves before
it (tune), on sentences written for these tests (never taken from a data set).

- a count on the subject of a casualty verb keeps its reading when a coordinated second verb has
  a vague count of its own ("at least 16 residents including women were killed and many more
  wounded"): the second verb is no "killed or wounded" sharing the one number;
- an inverted copula with a victim group fronted by "among" ("Among the dead were 20 children
  and nine women") reads its counts as killed, parts of a total;
- a method of killing is a killing verb ("crucified two men").
"""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_a_coordinated_verb_with_its_own_vague_count_is_no_combined_count(casualty_run):
    _, figures = casualty_run("Local activists reported that at least 16 residents including women were killed and many "
                     "more wounded when shells hit Kafr Tala.")
    assert [(c.kind, c.best) for c in figures] == [("killed", 16)]


@pytest.mark.slow
def test_an_inverted_among_the_dead_reads_killed_parts(casualty_run):
    _, figures = casualty_run("Jets struck Kafr Tala on Friday, killing at least 40 people, the monitor said. "
                     "Among the dead were 12 children and five women.")
    by_value = {c.best: c for c in figures}
    assert {v: c.kind for v, c in by_value.items()} == {40: "killed", 12: "killed", 5: "killed"}
    assert by_value[12].subset_of == by_value[40].id
    assert by_value[5].subset_of == by_value[40].id


@pytest.mark.slow
def test_an_inverted_copula_without_a_victim_group_reads_nothing(casualty_run):
    _, figures = casualty_run("Among the buildings were 12 schools in Kafr Tala.")
    assert figures == []


@pytest.mark.slow
def test_a_method_of_killing_is_a_killing_verb(casualty_run):
    _, figures = casualty_run("The militants crucified two men in the square of Kafr Tala on Sunday, the monitor said.")
    assert [(c.kind, c.best) for c in figures] == [("killed", 2)]
