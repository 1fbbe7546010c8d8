"""Issue 12 (2026-12-05, early): war-wide totals as a closed grammatical class — the temporal or
scope modifier of a count's clause ("since 2011", "since the start of the uprising", "in the
five-year war", "over five years", "so far in the conflict", "the conflict that has killed"), read
wherever the parse hangs it on the count's clause (``war_scope.war_scope_modifier``), on sentences
written for these tests (never taken from a data set).
"""

from __future__ import annotations

import pytest

from sitrep.stages.casualties.lexicon import load_lexicon
from sitrep.stages.casualties.scope import rule_scope
from sitrep.stages.casualties.war_scope import war_scope_modifier

HEADLINE = "Air strikes kill 12 in Kafr Tala. "
LEAD = "Government jets bombed a market in the town of Kafr Tala on Wednesday, killing 12 people, the monitor said. "
MIDDLE = "The town lies on the main road to the north. "

#: one sentence of every form of the class, with its count
FORMS = [
    ("The war has killed more than 300,000 people.", 300000),
    ("More than 300,000 people have been killed in the conflict.", 300000),
    ("Nearly 2,000 civilians were killed in the province in a year of bombing.", 2000),
    ("The fighting has killed 400,000 people since 2011.", 400000),
    ("More than 250,000 people have died since the start of the uprising.", 250000),
    ("Air strikes have killed 4,000 civilians over five years.", 4000),
    ("More than 300,000 people have been killed in the five-year war.", 300000),
    ("At least 90 aid workers have been killed in four years of war.", 90),
    ("Some 40 aid workers have been killed so far in the conflict.", 40),
    ("The strike was the latest in a conflict that has killed more than 280,000 people.", 280000),
    ("Some 50 aid workers have died so far, the agency says.", 50),
    ("Some 50 aid workers have died to date, the agency says.", 50),
    # the modifier hangs on a verb far up the count's chain (the zone of scope.py never reached it)
    ("The alliance kept up raids on the north on an almost daily basis with reports of some 600 people "
     "killed including 40 civilians in Tal Abyad Manbij and Jarablus since the raids began.", 600),
]


def _in(figures, start: int, end: int):
    return [c for c in figures if start <= c.start < end]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), FORMS)
@pytest.mark.parametrize("where", ["lead", "later", "unpunctuated"])
def test_every_form_of_the_class_is_a_war_total_on_no_event(casualty_run, sentence, value, where):
    before = HEADLINE if where == "lead" else HEADLINE + LEAD + MIDDLE
    if where == "unpunctuated":  # FA-KES texts often lost their commas
        before, sentence = before.replace(",", ""), sentence.replace(",", "")
    analysis, figures = casualty_run(before + sentence + " " + MIDDLE)
    own = _in(figures, len(before), len(before) + len(sentence))
    assert value in [c.best for c in own]
    assert all(c.scope == "war_total" and c.event is None for c in own), [(c.best, c.scope) for c in own]
    assert not any(c.scope != "incident" for e in analysis.events for c in e.casualties)


@pytest.mark.slow
def test_a_headline_with_a_running_adverbial_is_no_incident_toll(casualty_run):
    text = "Some 1,500 civilians have been killed in the province this year. " + LEAD + MIDDLE
    analysis, figures = casualty_run(text)
    assert [(c.best, c.scope) for c in figures if c.best == 1500] == [(1500, "war_total")]
    assert all(c.best != 1500 for e in analysis.events for c in e.casualties)


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    # a day ties the count to the incident, whatever the sentence's other clause says
    "Jets bombed Kafr Tala on Wednesday, killing 12 people since the raids began again.",
    # the war-wide modifier belongs to a sibling clause after a reporting verb
    "At least 12 people were killed in the raids, the monitor said, adding that more than 300,000 people "
    "have died in the conflict since 2011.",
    # a superlative after the count: "since 2015" dates the comparison, not the count
    "Jets killed 12 people in the raids, the deadliest attack on the town since 2015.",
    # "since" a weekday is the incident's own running toll
    "At least 12 people have been killed in the raids since Tuesday.",
])
def test_the_incident_count_beside_a_war_wide_modifier_stays_the_incident(casualty_run, sentence):
    _, figures = casualty_run(HEADLINE + sentence + " " + MIDDLE)
    own = [c for c in _in(figures, len(HEADLINE), len(HEADLINE) + len(sentence)) if c.best == 12]
    assert [c.scope for c in own] == ["incident"]


@pytest.mark.slow
def test_the_modifier_reader_names_its_form(nlp):
    lex = load_lexicon()

    def form(text: str, word: str) -> str | None:
        doc = nlp(text)
        pred = next(t for t in doc if t.lower_ == word)
        return war_scope_modifier(pred, None, list(doc), lex)

    assert form("More than 400,000 people have died since 2011.", "died") == "since"
    assert form("More than 300,000 people have been killed in the five-year war.", "killed") == "war"
    assert form("Air strikes have killed 4,000 civilians over five years.", "killed") == "years"
    assert form("Some 50 aid workers have died so far.", "died") == "running"
    assert form("Some 50 aid workers died on Tuesday in the town.", "died") is None
    assert form("Some 50 aid workers have died since Tuesday.", "died") is None


def test_the_rules_read_an_untied_modifier_as_a_war_total_in_the_lead_too():
    for lead in ("sent=1", "sent=3"):
        assert rule_scope({lead: 1.0, "kind=killed": 1.0, "war_scope": 1.0, "war_scope_untied": 1.0}) == "war_total"
    # tied (the feature is only set without a day or one attack): the lead reports its incident
    assert rule_scope({"sent=1": 1.0, "kind=killed": 1.0, "war_scope": 1.0, "day_date": 1.0}) == "incident"
