"""Issue 12 (2026-12-05, dawn): an earlier attack recalled as the topic, cause or time of another
act is background (``casualties/recalled.py``): "blamed the rebels for the massacre that claimed
60 lives", "strikes over a gas attack the United States says killed 1400". Its opposite stays the
incident: an attack narrated where it happens ("in an attack that killed 12"), an attack that is
the sentence's subject or object, the same class in the lead, and the article's own toll told
again ("condemned the attack that killed four people" after a lead of four). Sentences written
for the project, never taken from a data set; the class sentences are read as the incident by
main's code before this change.
"""

from __future__ import annotations

import pytest

from sitrep.stages.casualties.lexicon import load_lexicon
from sitrep.stages.casualties.recalled import described_attack, recalled_attack

HEADLINE = "Rebel shelling kills 4 in Aleppo. "
LEAD = "At least four people were killed when rebel shells hit a market in Aleppo on Tuesday, a monitor said. "
MIDDLE = "The market lies in the west of the city. "

#: (sentence, value): an earlier attack recalled as a topic, cause or time -> background
RECALLED = [
    ("The government blamed the rebels for the massacre that claimed the lives of 60 civilians.", 60),
    ("Washington threatened strikes over a chemical attack the United Nations says killed more than 900 people.", 900),
    ("Residents protested against the bombing that killed 30 people in Idlib.", 30),
    ("The talks opened two days before the air raid that killed 25 soldiers in Hama.", 25),
    ("Officials spoke about the car bombing that claimed 18 lives in Homs.", 18),
    ("The coalition called for an inquiry into the strike following the ambush that killed 9 fighters.", 9),
]
#: (sentence, value): the incident narrated, or a toll of the article's own incident -> incident
NARRATED = [
    ("The army shelled the town of Douma in an attack that killed 12 people.", 12),
    ("An attack that killed 12 people hit the town of Douma.", 12),
    ("Jets struck a convoy on the road, an attack that killed 16 people.", 16),
    ("The UN condemned the attack that killed four people.", 4),  # the lead's toll told again
]


def _scopes(run, text: str, sentence: str, value: int) -> list[str]:
    analysis, figures = run(text)
    lo = text.index(sentence)
    return [c.scope for c in figures if lo <= c.start < lo + len(sentence) and c.best == value and c.kind == "killed"]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), RECALLED)
def test_an_attack_recalled_as_topic_cause_or_time_is_background(casualty_run, sentence, value):
    found = _scopes(casualty_run, HEADLINE + LEAD + MIDDLE + sentence, sentence, value)
    assert found and all(s == "background" for s in found), found


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), NARRATED)
def test_an_attack_narrated_or_told_again_stays_the_incident(casualty_run, sentence, value):
    found = _scopes(casualty_run, HEADLINE + LEAD + MIDDLE + sentence, sentence, value)
    assert found and all(s == "incident" for s in found), found


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), RECALLED[:2])
def test_the_lead_keeps_its_incident(casualty_run, sentence, value):
    """In the lead the rules keep a count the article leads with (a lead names its own incident
    with such words); the recalled class is read after the lead only."""
    headline = "Monitor reports new strikes in Syria. "
    found = _scopes(casualty_run, headline + sentence + " " + MIDDLE, sentence, value)
    assert found and all(s == "incident" for s in found), found


@pytest.mark.slow
def test_described_attack_reads_the_clause_and_the_reporting_gap(nlp):
    lex = load_lexicon()

    def attack(text: str, verb: str) -> str | None:
        doc = nlp(text)
        found = described_attack(next(t for t in doc if t.lower_ == verb), lex)
        return found.lower_ if found is not None else None

    assert attack("They blamed France for the massacre that claimed 60 lives.", "claimed") == "massacre"
    assert attack("Washington threatened strikes over a gas attack the United States says killed 1400 people.",
                  "killed") == "attack"
    assert attack("Jets bombed a school, killing 12 children.", "killing") is None
    doc = nlp("The army shelled the town in an attack that killed 12 people.")
    assert not recalled_attack(next(t for t in doc if t.lower_ == "killed"), lex)
