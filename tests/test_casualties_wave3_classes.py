"""Issue 12, afternoon 2026-12-04: classes found on wave 3 of the casualty gold (the seeded
search for war-wide totals on events, tune), on sentences written for these tests (never taken
from a data set).

- a reference word's TIMEX value ("currently" -> ``PRESENT_REF``) is no day-precise date: a
  running count in a sentence that says "currently" is not tied to one day
  (``scope._day_value``);
- a displaced *population* ("home to thousands of people displaced by fighting") is the feature
  ``displaced_state`` and a war total when nothing ties it to one incident; a displacement that
  happened ("600 civilians fled on Sunday") is not (``scope._displaced_state``);
- the row's metadata date is the article's date for the scope cues (casualties12's reading of
  the text's own dateline, ``extract.DATELINE_CHARS``, shipped off — no tune main-killed gain,
  one check toll lost — and was removed by branch prune3; its code last exists at ``cdd3c16e55``).
"""

from __future__ import annotations

import pytest

from sitrep.stages.casualties.scope import _day_value


@pytest.fixture(scope="module")
def run(casualty_run):  # loads the spaCy model (the tests are ``slow``)
    return casualty_run


def _figure(figures, value, kind="killed"):
    found = [c for c in figures if c.best == value and c.kind == kind]
    assert found, (value, kind, [(c.kind, c.best) for c in figures])
    return found[0]


def test_reference_values_are_not_days():
    assert _day_value("2016-06-25") and _day_value("2016-W25-WE") and _day_value("2016-06-25TMO")
    assert not _day_value("PRESENT_REF") and not _day_value("FUTURE_REF") and not _day_value("PAST_REF")
    assert not _day_value(None) and not _day_value("2016-06")


@pytest.mark.slow
def test_a_running_count_said_currently_is_a_war_total(run):
    _, figures = run("Air strikes killed 14 people in the town of Example on Saturday, a monitor said. "
                     "The monitor said rescuers were still searching the rubble. "
                     "Army units are currently trying to push the fighters out of the district, "
                     "but dozens of residents have been killed in the campaign in recent days.",
                     published="2016-06-27")
    dozens = _figure(figures, 12)
    assert dozens.scope == "war_total" and dozens.event is None
    assert _figure(figures, 14).scope == "incident"


@pytest.mark.slow
def test_a_displaced_population_is_a_war_total(run):
    _, figures = run("Air strikes on a market in the town of Example killed 20 people on Monday, a monitor said. "
                     "The monitor said it was not clear whose warplanes carried out the raids. "
                     "The town has become a refuge for tens of thousands of residents displaced by fighting "
                     "in the surrounding villages.", published="2017-11-14")
    displaced = _figure(figures, 10000, "displaced")
    assert displaced.scope == "war_total" and displaced.event is None


@pytest.mark.slow
def test_people_who_fled_on_a_day_are_the_incident(run):
    _, figures = run("Air strikes on a market in the town of Example killed 20 people on Sunday, a monitor said. "
                     "The monitor said it was not clear whose warplanes carried out the raids. "
                     "Around 600 civilians fled the town on foot on Sunday towards areas held by the army.",
                     published="2017-11-14")
    assert _figure(figures, 600, "displaced").scope == "incident"


@pytest.mark.slow
def test_without_a_dateline_the_metadata_date_stands(run):
    text = ("World leaders met on Wednesday to discuss the plan. "
            "Air strikes killed 12 people in the town of Example on Tuesday, a monitor said. "
            "The minister said the plan could still fail. "
            "The talks were called after a gas attack on August 21 killed 300 people near the capital.")
    _, figures = run(text, published="2013-08-23")
    assert _figure(figures, 300).scope == "incident"
