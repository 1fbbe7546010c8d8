"""Issue 12 (branches casualties38 and casualties41): a number times a vague unit is one count
(``vague.UNIT_MULTIPLES``, on: "two dozen people" -> 24, approximate; off, main reads 2). A vague
partitive of things is never a figure ("dozens of villages", "hundreds of times", "millions of
dollars", "scores of reports"), nor are the bad inputs; the counted noun of a vague partitive is
not read ("scores of bodies": casualties38's reading failed its bar and was removed by prune3).
Sentences written for the project, never taken from a data set.
"""

from __future__ import annotations

import pytest

from sitrep.stages.casualties import vague

LEAD = "An air strike killed 40 people in Douma on Saturday a monitor said. "

#: (sentence, kind, value, first word of the figure's text): read by casualties38's removed
#: partitive reading only, except the first (a number times a unit)
VAGUE = [
    ("A doctor said two dozen people died in the raids on Sunday.", "killed", 24, "two"),
    ("Rescuers found scores of bodies under the rubble of the market.", "killed", 20, "scores"),
    ("A video showed dozens of dead fighters on the road near the town.", "killed", 12, "dozens"),
]

#: never a figure: vague counts of things, and numbers that are no counts of people
NOT_FIGURES = [
    "Shelling hit dozens of villages in the province on Sunday.",
    "The town was bombed hundreds of times last year.",
    "The fighting has cost millions of dollars in damage.",
    "Scores of reports said the market was hit again.",
    "Thousands of evacuees waited at the crossing on Sunday.",
    "The convoy carried two dozen tents and a dozen ambulances.",
    "The dead included a 12-year-old boy the monitor said.",
    "Rebels fired 120mm mortars at dozens of buildings.",
    "Turnout among 35 percent of voters was low.",
]


def _figures(casualty_run, text: str, on: bool, monkeypatch) -> list:
    monkeypatch.setattr(vague, "UNIT_MULTIPLES", on)
    _, figures = casualty_run(text)
    return figures


@pytest.mark.slow
def test_switched_off_two_dozen_is_read_as_the_number_alone(casualty_run, monkeypatch):
    figures = _figures(casualty_run, LEAD + VAGUE[0][0], False, monkeypatch)
    assert [c.best for c in figures if c.start >= len(LEAD)] == [2], figures


@pytest.mark.slow
@pytest.mark.parametrize("sentence", ["Jets killed two dozen people at the market on Sunday, a doctor said.",
                                      "Two dozen civilians were reported dead after the raids on Sunday."])
def test_a_number_times_a_unit_is_one_count_however_the_parse_hangs_it(casualty_run, monkeypatch, sentence):
    figures = _figures(casualty_run, LEAD + sentence, True, monkeypatch)
    assert [(c.kind, c.best) for c in figures if c.start >= len(LEAD)] == [("killed", 24)], figures


@pytest.mark.slow
@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_no_vague_count_of_things_or_bad_input_becomes_a_figure(casualty_run, monkeypatch, sentence):
    text = LEAD + sentence
    figures = _figures(casualty_run, text, True, monkeypatch)
    assert [c.best for c in figures if c.start >= text.index(sentence)] == [], figures


# --- casualties41: a number times a vague unit alone (``vague.UNIT_MULTIPLES``) ----------------

def _units_only(casualty_run, text: str, monkeypatch) -> list:
    monkeypatch.setattr(vague, "UNIT_MULTIPLES", True)
    _, figures = casualty_run(text)
    return [c for c in figures if c.start >= len(LEAD)]


@pytest.mark.slow
@pytest.mark.parametrize("sentence", ["Two dozen people were reported killed by shelling on Monday, medics said.",
                                      "Shells killed two dozen people near the bakery on Monday."])
def test_units_alone_read_two_dozen_people_as_one_figure_of_24(casualty_run, monkeypatch, sentence):
    figures = _units_only(casualty_run, LEAD + sentence, monkeypatch)
    assert [(c.kind, c.best) for c in figures] == [("killed", 24)], figures
    assert figures[0].approximate and figures[0].low is None and figures[0].high is None
    text = (LEAD + sentence)[figures[0].start:figures[0].end]
    assert text.lower().startswith("two dozen"), text


@pytest.mark.slow
@pytest.mark.parametrize("sentence", ["Shelling hit two dozen villages in the province on Monday.",
                                      "Two dozen villages were shelled on Monday, killing no one."])
def test_units_alone_give_no_figure_for_two_dozen_villages(casualty_run, monkeypatch, sentence):
    assert _units_only(casualty_run, LEAD + sentence, monkeypatch) == []


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "kind", "value", "first"), VAGUE[1:])
def test_the_counted_noun_of_a_vague_partitive_is_not_read(casualty_run, monkeypatch, sentence, kind, value, first):
    figures = _units_only(casualty_run, LEAD + sentence, monkeypatch)
    assert value not in [c.best for c in figures], figures
