"""Issue 12 (2026-12-05, early 2): the war-wide scope class read on the count's own clause only —
an incident count beside a war noun whose relative clause or apposition carries its own toll
("killing 12 people, in a war that has killed 300,000") stays the incident; a running adverbial
that the parse hangs on a headline's plain reporting verb ("Monitor says this year 1,500 civilians
killed") runs the reported count. Probe sentences written for the project
(``casualty_war_probes``), never taken from a data set.
"""

from __future__ import annotations

import pytest
from casualty_war_probes import GUARDS, HEADLINES, OTHER_NOUN_TOTALS, OTHER_NOUNS

from sitrep.stages.casualties.lexicon import load_lexicon
from sitrep.stages.casualties.war_scope import foreign_phrases

HEADLINE = "Air strikes kill 12 in Kafr Tala. "
LEAD = "Government jets bombed a market in the town of Kafr Tala on Wednesday, killing 12 people, the monitor said. "
MIDDLE = "The town lies on the main road to the north. "


def _text(sentence: str, where: str) -> tuple[str, str, str]:
    """(text before, the sentence, text after) of a probe placed ``where``."""
    sentence = sentence if sentence.endswith(".") else sentence + "."
    if where == "headline":
        return "", sentence, " " + LEAD + MIDDLE
    if where == "lead":
        return HEADLINE, sentence, " " + MIDDLE
    if where == "unpunctuated":  # FA-KES texts often lost their commas
        return (HEADLINE + LEAD + MIDDLE).replace(",", ""), sentence.replace(",", ""), " " + MIDDLE
    return HEADLINE + LEAD + MIDDLE, sentence, " " + MIDDLE


def _scopes(figure_scopes, sentence: str, value: int, where: str) -> list[tuple[str, bool]]:
    """(scope, on an event) of each figure of ``value`` the probe sentence yields."""
    return figure_scopes(*_text(sentence, where), value)


def _right(found: list[tuple[str, bool]], want: str) -> bool:
    return bool(found) and all(scope == want for scope, _ in found) \
        and (want == "incident" or not any(on for _, on in found))


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value", "want"), OTHER_NOUNS + OTHER_NOUN_TOTALS + GUARDS)
@pytest.mark.parametrize("where", ["lead", "later", "unpunctuated"])
def test_a_war_noun_that_frames_its_own_toll_does_not_scope_the_count(figure_scopes, sentence, value, want, where):
    found = _scopes(figure_scopes, sentence, value, where)
    assert _right(found, want), found


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value", "want"), HEADLINES)
@pytest.mark.parametrize("where", ["headline", "lead", "later"])
def test_a_running_adverbial_on_a_plain_reporting_verb_runs_the_count(figure_scopes, sentence, value, want, where):
    found = _scopes(figure_scopes, sentence, value, where)
    assert _right(found, want), found


@pytest.mark.slow
def test_foreign_phrases_hold_the_framing_noun_only_for_a_toll_of_the_counts_kind(nlp):
    lex = load_lexicon()

    def words(text: str, pred: str) -> set[str]:
        doc = nlp(text)
        verb = next(t for t in doc if t.lower_ == pred)
        return {doc[i].lower_ for i in foreign_phrases(verb, doc, "killed", lex)}

    framed = words("Jets bombed the town, killing 12 people in a war that has killed 300,000.", "killing")
    assert {"war", "300,000"} <= framed and "12" not in framed
    # another kind: the clause's own words, not the war noun that scopes the count
    other = words("At least 90 aid workers have been killed in the conflict, which has displaced millions.", "killed")
    assert "millions" in other and "conflict" not in other
    # no count of its own: nothing is foreign
    assert words("More than 300,000 people have been killed in the war, which began in 2011.", "killed") == set()
    # the count inside the clause is never foreign to itself
    assert words("The strike was the latest in a war that has killed 300,000 people.", "killed") == set()
