"""Issue 12, follow-up of 2026-12-05 (midday 2): a headline's verbless credit, the attribution
class that recurs across the most fresh random waves once the measured dead end (the carried
previous-sentence source) is set apart. Sentences written for these tests (never taken from a data
set); commas are left out as in the FA-KES copy, and headline, dateline and lead run on as they do
on the pages.

The class (each failing on main's code, which read a credit only when it was a listed phrase or a
named monitor, capitalised or after a colon or dash):

- a credit noun in lower case that ends the headline right before the wire's dateline ("...
  militants monitor AFP Wednesday ...");
- any source noun that ends the headline there ("... in Azaz NGO AFP Sunday ...") or right before
  the lead's own toll ("... in Raqa NGO At least 31 ...");
- a body the KB names as a humanitarian or rights organisation ("... Red Cross AFP ...").

Opposites (right on main's code and after): a dateline outlet is never the credit (the figure keeps
the lead's source, or none); a source noun that is the counted noun ("kill 12 police AFP") or a
named body that modifies the counted noun ("22 Red Crescent volunteers") is no credit.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def run(casualty_run):  # loads the spaCy model (the tests are ``slow``)
    return casualty_run


def _headline_source(run, text: str) -> str | None:
    """The source text of the article's first figure (the headline's)."""
    _, figures = run(text)
    assert figures, text
    return figures[0].source_text


@pytest.mark.slow
def test_a_lower_case_credit_before_the_dateline(run):
    text = ("Air strikes kill 14 civilians in Idlib monitor AFP Tuesday 3 May 2016 Air strikes killed at "
            "least 14 civilians in Idlib on Tuesday the Syrian Observatory for Human Rights said.")
    assert _headline_source(run, text) == "monitor"


@pytest.mark.slow
def test_a_source_noun_before_the_dateline(run):
    text = ("Car bomb kills nine in Azaz NGO AFP Sunday 5 Jun 2016 A car bomb killed nine people in Azaz "
            "on Sunday activists said.")
    assert _headline_source(run, text) == "NGO"


@pytest.mark.slow
def test_a_source_noun_before_the_leads_toll(run):
    text = ("Air raids kill 31 jihadists in Raqa NGO At least 31 jihadists were killed in air raids on "
            "Sunday a monitoring group said.")
    assert _headline_source(run, text) == "NGO"


@pytest.mark.slow
def test_a_named_humanitarian_organisation(run):
    text = ("Shelling kills six in Douma Red Cross AFP Monday 7 Mar 2016 Shelling killed six people in "
            "Douma on Monday the humanitarian organisation said.")
    assert _headline_source(run, text) == "Red Cross"


@pytest.mark.slow
def test_the_dateline_outlet_is_no_credit(run):
    text = ("Shelling kills seven in Homs AFP Thursday 6 Mar 2014 Shelling killed seven people in Homs on "
            "Thursday a monitor said.")
    assert _headline_source(run, text) == "a monitor"


@pytest.mark.slow
def test_a_figure_with_no_source_gets_none(run):
    _, figures = run("Air strike kills twelve in Idlib AFP Monday 5 Jan 2015 An air strike killed twelve "
                     "people in Idlib on Monday.")
    assert figures
    assert [c.source_text for c in figures] == [None] * len(figures)


@pytest.mark.slow
def test_the_counted_noun_is_no_credit(run):
    _, figures = run("Suicide bomber kills 12 police AFP Monday 5 Jan 2015 A suicide bomber killed 12 police "
                     "officers in Homs on Monday.")
    assert figures
    assert all(c.source_text is None for c in figures)


@pytest.mark.slow
def test_a_named_body_that_modifies_the_counted_noun_is_no_credit(run):
    _, figures = run("Air strikes kill 22 Red Crescent volunteers near Aleppo AFP Monday 19 Sep 2016 Air "
                     "strikes killed 22 volunteers near Aleppo on Monday.")
    assert figures
    assert all(c.source_text is None for c in figures)
