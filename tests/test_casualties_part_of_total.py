"""Issue 12 (2026-12-06, early, branch casualties37): a count of people that an inclusion word
makes part of a group, with no casualty predicate of its own in the parse ("The toll was later
raised to 45 on Sunday including 19 civilians", "Rescuers pulled 30 bodies from the rubble among
them 11 children", "22 women were identified among those killed"), is a subset of the group's
kind with the switch ``extract.PART_OF_TOTAL`` on; off, it is lost. Its opposites, switch on: a
part that counts more than the only total before it, an inclusion of things, and the bad inputs
(years, ages, calibres, percentages, times, phone numbers) never become figures. Sentences
written for the project, never taken from a data set.
"""

from __future__ import annotations

import pytest

from sitrep.stages.casualties import extract

LEAD = "An air strike killed 40 people in Douma on Saturday a monitor said. "

#: (sentence, value of the part, value of its total or None when the group is a noun)
PARTS = [
    ("The toll was later raised to 45 on Sunday including 19 civilians.", 19, 45),
    ("Rescuers pulled 30 bodies from the rubble among them 11 children.", 11, 30),
    ("Doctors said 22 women were identified among those killed.", 22, None),
]

#: never a figure, switch on: things included, and numbers that are no counts of people
NOT_FIGURES = [
    "The convoy included 30 trucks and 12 ambulances on Sunday.",
    "The dead included a 12-year-old boy the monitor said.",
    "Shells fired included 120mm mortars among them 3 rockets said a resident.",
    "The victims included people killed in 2016 and 2017.",
    "Turnout among 35 percent of voters was low.",
    "The dead were among those who fled at 4 am on Sunday.",
    "Relatives called 0933 for news of the dead among them.",
]


def _figures(casualty_run, text: str, on: bool, monkeypatch) -> list:
    monkeypatch.setattr(extract, "PART_OF_TOTAL", on)
    _, figures = casualty_run(text)
    return figures


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "part", "total"), PARTS)
def test_a_part_of_a_group_is_a_subset_of_its_kind(casualty_run, monkeypatch, sentence, part, total):
    start = len(LEAD)
    figures = _figures(casualty_run, LEAD + sentence, True, monkeypatch)
    found = [c for c in figures if c.best == part and c.start >= start]
    assert len(found) == 1, figures
    assert found[0].kind == "killed"
    assert sentence[found[0].start - start:found[0].end - start].split()[0] == str(part)
    assert found[0].subset_of is not None or total is None
    if total is not None:
        totals = [c for c in figures if c.best == total]
        assert totals and found[0].subset_of == totals[0].id, figures


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "part", "total"), PARTS)
def test_switched_off_main_loses_the_part(casualty_run, monkeypatch, sentence, part, total):
    figures = _figures(casualty_run, LEAD + sentence, False, monkeypatch)
    assert not [c for c in figures if c.best == part and c.start >= len(LEAD)], figures


@pytest.mark.slow
@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_no_count_of_things_or_bad_input_becomes_a_figure(casualty_run, monkeypatch, sentence):
    text = LEAD + sentence
    figures = _figures(casualty_run, text, True, monkeypatch)
    assert [c.best for c in figures if c.start >= text.index(sentence)] == [], figures


@pytest.mark.slow
def test_a_part_never_counts_more_than_its_total(casualty_run, monkeypatch):
    sentence = "The toll was later raised to 45 on Sunday including 50 civilians."
    figures = _figures(casualty_run, LEAD + sentence, True, monkeypatch)
    assert [c.best for c in figures if c.start >= len(LEAD)] == [45], figures
