"""Every grammar rule fires on a sentence written for it, and its handler runs cleanly."""

from __future__ import annotations

import pytest

from sitrep.stages.time.calendar import parse_anchor
from sitrep.stages.time.extract import extract
from sitrep.stages.time.grammar import RULES

#: rule name -> (sentence, expected span, expected value) with a publication date of 2016-07-16
CASES: dict[str, tuple[str, str, str | None]] = {
    "iso": ("The report is dated 2016-07-14.", "2016-07-14", "2016-07-14"),
    "slash": ("Filed on 14/07/2016 in Beirut.", "14/07/2016", "2016-07-14"),
    "month_day": ("The truce began on July 4.", "July 4", "2016-07-04"),
    "day_month": ("The truce began on 4 July 2016.", "4 July 2016", "2016-07-04"),
    "month_year": ("It started in late March 2011.", "late March 2011", "2011-03"),
    "month": ("Aid arrived in June.", "June", "2016-06"),
    "decade": ("The regime grew in the '80s.", "the '80s", "198"),
    "century": ("A 19th-century fort was hit.", "19th-century", "18"),
    "year": ("Protests began in 2011.", "2011", "2011"),
    "quarter": ("Exports fell in the second quarter of 2015.", "the second quarter of 2015", "2015-Q2"),
    "year_ago_adj": ("Sales beat the year-ago period.", "the year-ago period", "2015"),
    "qn": ("Oil output rose in Q1 2016.", "Q1 2016", "2016-Q1"),
    "half": ("Fighting eased in the first half of 2015.", "the first half of 2015", "2015-H1"),
    "season": ("The offensive began in the summer of 2015.", "the summer of 2015", "2015-SU"),
    "day_word": ("The envoy arrived yesterday morning.", "yesterday morning", "2016-07-15TMO"),
    "rel_part": ("Shells fell last night.", "last night", "2016-07-15TNI"),
    "weekday": ("The envoy arrived on Wednesday.", "Wednesday", "2016-07-13"),
    "clock": ("The blast came at 3:30 p.m.", "3:30 p.m.", "2016-07-16T15:30"),
    "clock_day": ("The blast came at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2016-07-13T22:00"),
    "clock24": ("The deadline passed at 14:30 GMT.", "14:30 GMT", "2016-07-16T14:30"),
    "ago": ("The town fell two weeks ago.", "two weeks ago", "2016-W26"),
    "duration": ("The siege lasted 18 months.", "18 months", "P18M"),
    "bare_units": ("The siege lasted for months.", "months", "PXM"),
    "rel_unit": ("Talks resume next month.", "next month", "2016-08"),
    "ref": ("The town is now calm.", "now", "PRESENT_REF"),
    "set": ("Convoys leave every Monday.", "every Monday", "XXXX-WXX-1"),
    "holiday": ("A truce held over Christmas 2015.", "Christmas 2015", "2015-12-25"),
}


def test_grammar_cases_cover_every_rule():
    assert set(CASES) == {r.name for r in RULES}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_grammar_rule_fires(parse, rule):
    sentence, span, value = CASES[rule]
    analysis = parse(sentence, published="2016-07-16")
    found = extract(sentence, parse_anchor("2016-07-16"), analysis.doc)
    hits = [f for f in found if f.text == span]
    assert hits, f"{span!r} not in {[(f.text, f.rule) for f in found]}"
    assert hits[0].rule == rule
    assert hits[0].resolved.value == value


def test_grammar_runs_without_a_parse():
    found = extract("Talks resumed on Monday, 3 p.m. Friday and at 14:30 GMT.", parse_anchor("2016-07-16"))
    assert [f.text for f in found] == ["Monday", "3 p.m. Friday", "14:30 GMT"]
