"""Issue 12, fifth follow-up: round-ups, sources named by a toll verb or after the one told,
and comparisons — on texts written for these tests (never taken from a data set).

- a round-up's sentence that opens on "Elsewhere", "Meanwhile", "In another …" reports another
  incident: its figures, and those after it, are not the headline toll when an earlier sentence
  gives one, unless it points back to the article's own incident ("Meanwhile a group said the
  attack killed 40");
- "the monitor gave a toll of 9" names the monitor as the toll's source; "watchdog" is a source
  noun; the agency a source "told" is not who "adds" the next figure;
- "… since Monday, making it one of the bloodiest fights since the start of the war": what follows
  the superlative dates the comparison, not the count (the count stays the incident's).
"""

from __future__ import annotations

import pytest

from sitrep.records import Casualty, Evidence
from sitrep.stages.casualties.record import headline_toll, secondary_incident


def _killed(value: int, sentence: str, at: int) -> Casualty:
    return Casualty(f"c{at}", "d", "killed", "people", value, at, at + 2, str(value),
                    Evidence(at, at + len(sentence), sentence))


# -- the headline toll of a round-up (records, no parse) ----------------------------------------

def test_a_later_incident_of_a_round_up_is_not_the_headline_toll():
    lead = _killed(9, "Shelling killed 9 civilians in Douma on Monday, a monitor said.", 0)
    other = _killed(40, "Elsewhere, air strikes on a market in Idlib killed 40 people.", 70)
    assert headline_toll([lead, other]) == 9
    assert headline_toll([lead, other], openers=()) == 40  # the plain largest, without the rule
    # with nothing before it, the round-up's figure is the largest there is (guide: main_killed)
    assert headline_toll([other]) == 40


def test_a_round_up_word_that_points_back_to_the_same_attack_keeps_its_toll():
    lead = _killed(58, "The monitor said the gas attack killed at least 58 people.", 0)
    update = _killed(100, "Meanwhile an opposition body said the attack killed more than 100.", 70)
    assert headline_toll([lead, update]) == 100


def test_what_follows_a_round_up_word_belongs_to_the_other_incidents():
    lead = _killed(4, "A suicide bomber killed four people at a hospital on Sunday, a monitor said.", 0)
    other = _killed(3, "Meanwhile, shelling in Homs killed 3 people, the monitor said.", 80)
    battle = _killed(120, "The heavy fighting there claimed the lives of 120 fighters.", 150)
    assert headline_toll([lead, other, battle]) == 4
    assert headline_toll([lead, battle]) == 120  # no round-up word: the largest, as before


@pytest.mark.parametrize("sentence, secondary", [
    ("Meanwhile, rebel shelling killed 7 in Aleppo.", True),
    ("In another attack, a car bomb killed 12 in Azaz.", True),
    ("In a separate incident two children died.", True),
    ("Separately the army said it killed 30 fighters.", True),
    ("Meanwhile the group said this strike killed 30.", False),
    ("The strike elsewhere killed 30.", False),
    ("Air strikes killed 30, the monitor said.", False),
])
def test_secondary_incident_sentences(sentence, secondary):
    assert secondary_incident(sentence, (("meanwhile",), ("elsewhere",), ("separately",), ("in", "another"),
                                         ("in", "a", "separate")), frozenset({"attack", "strike"})) is secondary


# -- sources and comparisons, through the stages (loads the model) ----------------------------------

@pytest.fixture
def run(casualty_run):
    return casualty_run


@pytest.mark.slow
def test_a_watchdog_and_a_toll_giver_are_sources(run):
    _, figures = run("Rebels shelled the town on Friday in clashes in which 12 people were killed a watchdog "
                     "said on Sunday. State media gave a toll of 30 dead in the blast.")
    sources = {c.best: c.source_text for c in figures}
    assert sources[12] == "a watchdog"
    assert sources[30] == "State media"


@pytest.mark.slow
def test_the_agency_told_is_not_who_adds(run):
    _, figures = run('Air strikes hit the market in Idlib on Tuesday. "The toll went up after the rescue" '
                     "Sami Example head of the civil defence told AFP adding the strikes hit homes. At least "
                     "18 people were also wounded in the raids he added.")
    wounded = next(c for c in figures if c.kind == "injured")
    assert wounded.best == 18
    assert wounded.source_text is not None and "Sami Example" in wounded.source_text


@pytest.mark.slow
def test_a_superlative_dates_its_comparison_not_the_count(run):
    _, figures = run("Militants stormed an air base in the north on Sunday, a monitor said. The monitor said "
                     "120 rebels were killed and 80 soldiers had died since Tuesday in the battle for the base, "
                     "making it one of the bloodiest fights between them since the start of the war.")
    scopes = {c.best: c.scope for c in figures}
    assert scopes[120] == "incident"
    assert scopes[80] == "incident"


def test_thousands_killed_outside_the_lead_with_nothing_tying_them_to_an_incident_is_a_total():
    from sitrep.stages.casualties.scope import rule_scope

    base = {"kind=killed": 1.0, "how=object": 1.0, "sent=4": 1.0, "vague": 1.0, "mag=3": 1.0}
    assert rule_scope(base) == "war_total"  # "Thousands more civilians killed." in a timeline
    assert rule_scope({**base, "day_date": 1.0}) == "incident"  # "... killed on Tuesday"
    assert rule_scope({**base, "incident_noun": 1.0}) == "incident"  # "... killed in the attack"
    assert rule_scope({**base, "sent=1": 1.0, "sent=4": 0.0}) == "incident"  # the lead
    assert rule_scope({**base, "mag=3": 0.0, "mag=1": 1.0}) == "incident"  # "dozens"
    assert rule_scope({**base, "kind=killed": 0.0, "kind=displaced": 1.0}) == "incident"  # "thousands fled"
