"""Ranges and toll values as shipped (issue 12): the live readings that casualties34's and
casualties47's tests checked beside their switches (``numbers.FROM_RANGES`` and
``figures.TOLL_ADJACENT``, both failed their bars and were removed by branch prune3; their code
last exists at ``cdd3c16e55``). Project-written sentences after an incident lead: "between 500 and
1000" and "500 to 1000" are ranges; a change "from 15 to 20", a place range and a distance are
never casualty ranges; a toll the parse reads is its value; a hedged or negated toll and a verb
of increase with no toll noun give no figure."""

from __future__ import annotations

import pytest

LEAD = "Jets bombed a bakery in the north on Tuesday, killing 14 people, medics reported. "


def _after_lead(casualty_run, sentence: str) -> list:
    _, figures = casualty_run(LEAD + sentence)
    return [c for c in figures if c.start >= len(LEAD)]


@pytest.mark.slow
@pytest.mark.parametrize("sentence", ["The gas attack killed between 500 and 1000 people, rebels said.",
                                      "The gas attack killed 500 to 1000 people, rebels said."])
def test_between_and_plain_ranges(casualty_run, sentence):
    found = [(c.best, c.low, c.high) for c in _after_lead(casualty_run, sentence) if c.kind == "killed"]
    assert found == [(500, 500, 1000)]


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    "The death toll rose from 15 to 20, the monitor said.",
    "The army moved the wounded from 20 villages to the coast.",
    "The convoy drove from 20 kilometres to the border.",
])
def test_not_a_casualty_range(casualty_run, sentence):
    assert all(c.low is None for c in _after_lead(casualty_run, sentence))


@pytest.mark.slow
def test_a_toll_read_by_the_parse_is_its_value(casualty_run):
    found = _after_lead(casualty_run, "The death toll rose to 45, the monitor said.")
    assert [(c.kind, c.best) for c in found] == [("killed", 45)]


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    "The death toll could rise to 90 doctors warned.",            # hedged: no figure
    "Food prices rose to 300 traders told the agency.",          # a verb of increase, no toll noun
    "The death toll did not reach 50 officials insisted.",        # negated
])
def test_not_a_toll_value(casualty_run, sentence):
    assert _after_lead(casualty_run, sentence) == []
