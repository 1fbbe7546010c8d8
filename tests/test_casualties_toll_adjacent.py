"""A count right after a toll's verb of increase read as the toll's value (``figures.TOLL_ADJACENT``,
casualties47, default off): project-written sentences whose number the parse hangs on another
noun (an unpunctuated source after it, "casualties", a title-case headline's next word). With the
switch on the toll's value is read with the toll noun's kind; with it off main's reading stands;
a hedged or negated toll, a verb of increase with no toll noun, and a toll already read by the
parse are unchanged."""

from __future__ import annotations

import pytest

from sitrep.stages.casualties import figures

LEAD = "Jets bombed a bakery in the north on Tuesday, killing 14 people, medics reported. "

#: (sentence, kind, value): the number is right after the toll's verb (or its "to") but the parse
#: hangs it elsewhere
ADJACENT = [
    ("The death toll reached 240 overnight rescue workers told the agency.", "killed", 240),
    ("The death toll climbed to 37 more casualties reported in the south.", "killed", 37),
    ("The number of wounded climbed to 64 overnight medical sources told reporters.", "injured", 64),
]


def _figures(casualty_run, sentence: str) -> list[tuple[str, int]]:
    _, found = casualty_run(LEAD + sentence)
    return [(c.kind, c.best) for c in found if c.start >= len(LEAD)]


@pytest.mark.parametrize(("sentence", "kind", "value"), ADJACENT)
def test_adjacent_toll_read_when_on(casualty_run, monkeypatch, sentence, kind, value):
    monkeypatch.setattr(figures, "TOLL_ADJACENT", True)
    assert (kind, value) in _figures(casualty_run, sentence)


@pytest.mark.parametrize(("sentence", "kind", "value"), ADJACENT)
def test_adjacent_toll_lost_when_off(casualty_run, monkeypatch, sentence, kind, value):
    monkeypatch.setattr(figures, "TOLL_ADJACENT", False)
    assert (kind, value) not in _figures(casualty_run, sentence)


def test_switch_ships_off():
    assert figures.TOLL_ADJACENT is False


@pytest.mark.parametrize("sentence", [
    "The death toll could rise to 90 doctors warned.",            # hedged: no figure
    "Food prices rose to 300 traders told the agency.",          # a verb of increase, no toll noun
    "The death toll did not reach 50 officials insisted.",        # negated
])
def test_not_a_toll_value(casualty_run, monkeypatch, sentence):
    monkeypatch.setattr(figures, "TOLL_ADJACENT", True)
    assert _figures(casualty_run, sentence) == []


@pytest.mark.parametrize("on", [False, True])
def test_toll_read_by_the_parse_unchanged(casualty_run, monkeypatch, on):
    monkeypatch.setattr(figures, "TOLL_ADJACENT", on)
    assert _figures(casualty_run, "The death toll rose to 45, the monitor said.") == [("killed", 45)]


def test_a_change_from_one_toll_to_another_is_no_range(casualty_run, monkeypatch):
    """With ``numbers.FROM_RANGES`` on too, "rose from 15 to 20" is a change, never a range the
    adjacent reading would read off the verb (the probe of casualties34 that failed with both on)."""
    from sitrep.stages.casualties import numbers

    monkeypatch.setattr(figures, "TOLL_ADJACENT", True)
    monkeypatch.setattr(numbers, "FROM_RANGES", True)
    _, found = casualty_run(LEAD + "The death toll rose from 15 to 20, the monitor said.")
    assert all(c.low is None for c in found if c.start >= len(LEAD))
