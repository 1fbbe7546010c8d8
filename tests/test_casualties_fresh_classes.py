"""Issue 12, night 4: the classes found on the seeded random batch (tune), on sentences written
for these tests (never taken from a data set).

- a count standing between two coordinated casualty verbs ("killed 5 people … and wounded at
  least 50") is the first verb's, not a combined "killed or wounded" count;
- a period after an ordinal ("the second heavy bombardment in less than two weeks") dates the
  series of attacks, not the count: it does not make the lead's toll a period total;
- a "Read more" link followed by prose is inside the body, not the start of the page's tail of
  related headlines: the figures after it are kept;
- a reporting participle ("adding that …") continues the statement of the reporting verb above
  it: its source is that verb's speaker, never the phrase just before the participle;
- the headline toll's round-up cut also sees sentences without a figure ("Elsewhere the army
  captured …" before a larger battle toll).
"""

from __future__ import annotations

import pytest

from sitrep.records import Evidence
from sitrep.stages.casualties.extract import INLINE_SENTENCES, page_tail
from sitrep.stages.casualties.record import Casualty, headline_toll


@pytest.fixture(scope="module")
def run(casualty_run):  # loads the spaCy model (the tests are ``slow``)
    return casualty_run


@pytest.mark.slow
def test_a_count_between_two_coordinated_verbs_is_the_first_verbs(run):
    _, figures = run("Rocket attacks killed 5 people in Kafr Tala on Thursday and wounded at least 30 a "
                     "monitoring group said.", published="2016-10-13")
    assert [(c.kind, c.best) for c in figures if c.kind == "killed"] == [("killed", 5)]


@pytest.mark.slow
@pytest.mark.parametrize("joined", ["killed or wounded", "killed and wounded"])  # "and": no own count (wave 6)
def test_one_number_for_two_kinds_stays_no_figure(run, joined: str):
    _, figures = run(f"Rebels shelled Kafr Tala on Thursday. Fifteen people were {joined}, the monitor said.")
    assert not [c for c in figures if c.best == 15]


@pytest.mark.slow
def test_a_period_after_an_ordinal_does_not_make_a_period_total(run):
    _, figures = run("Rocket attacks killed 6 people in Kafr Tala on Thursday and wounded at least 30 a "
                     "monitoring group said in the second heavy bombardment of the town in less than two weeks.")
    six = [c for c in figures if c.best == 6]
    assert six and six[0].scope == "incident" and six[0].event is not None


@pytest.mark.slow
def test_a_period_of_weeks_without_an_ordinal_is_still_a_total(run):
    _, figures = run("Rebels shelled Kafr Tala on Thursday, killing 4 people, the monitor said. "
                     "The town lies on the main road. Shelling has killed 300 people in the province "
                     "over the past six weeks, the monitor said.")
    assert {c.best: c.scope for c in figures}[300] == "war_total"


def test_an_inline_read_more_link_is_not_the_page_tail():
    body = "Jets struck the town of Kafr Tala on Friday. " * 10
    prose = "The shelling went on into the night. " * INLINE_SENTENCES
    inline = body + "Read more here Example headline of another story " + prose
    assert page_tail(inline) == len(inline)
    tail = body + "Related News Example headline one | Example headline two | Example headline three"
    assert page_tail(tail) == tail.index("Related News")
    both = inline + "Read Also"
    assert page_tail(both) == both.rindex("Read Also")


@pytest.mark.slow
def test_a_participle_continues_the_speech_of_the_verb_above_it(run):
    _, figures = run("Jets killed at least 12 civilians in Kafr Tala over the last 48 hours. Activist Sami "
                     "Example said the war planes carried out heavy air strikes in Kafr Tala adding that tens "
                     "of civilians were injured.")
    tens = [c for c in figures if c.kind == "injured"]
    assert tens and tens[0].best == 10
    assert tens[0].source_text is not None and "Example" in tens[0].source_text
    assert "Kafr Tala" not in tens[0].source_text


def _killed(value: int, start: int, sentence: str, event: str | None = None) -> Casualty:
    return Casualty(f"c{start}", "d", "killed", "people", value, start, start + 2, str(value),
                    Evidence(start, start + len(sentence), sentence), event=event)


def test_the_round_up_cut_sees_a_sentence_without_a_figure():
    lead = _killed(18, 0, "A missile killed 18 civilians in the old quarter, the monitor said.")
    battle = _killed(63, 300, "The two-week-old battle for the town has cost the lives of at least 63 rebels.")
    elsewhere = (200, "Elsewhere in the country the army captured more territory, the monitor said.")
    assert headline_toll([lead, battle]) == 63  # the figures' sentences alone show no round-up
    assert headline_toll([lead, battle], sentences=[elsewhere]) == 18
    # a sentence after the larger figure does not cut it off
    assert headline_toll([lead, battle], sentences=[(400, elsewhere[1])]) == 63
    # a sentence that points back to the article's own attack is no other incident
    back = (200, "Meanwhile the monitor said the attack also destroyed several homes.")
    assert headline_toll([lead, battle], sentences=[back]) == 63
