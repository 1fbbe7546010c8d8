"""The casualty extractor on sentences written for these tests (never taken from a data set).

Covers the issue's conventions (bounds, ACLED's vague quantities, ranges, subsets, updated
tolls, war-wide totals kept apart), the numbers that must never become casualties (years,
ages, calibres, phone numbers, percentages, times), sources and the one event a figure
belongs to.
"""

from __future__ import annotations

import pytest

from sitrep.stages.casualties.extract import extract
from sitrep.stages.casualties.lexicon import load_lexicon
from sitrep.stages.casualties.record import EventAnchor, headline_toll


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.fixture(scope="module")
def figures(nlp, lex):
    def _figures(text: str, anchors=(), published=None):
        return extract(nlp(text), document="t", lexicon=lex, anchors=anchors, published=published).casualties

    return _figures


def _kv(found):
    return [(c.kind, c.best) for c in found]


@pytest.mark.parametrize("text, expected", [
    ("Shelling killed at least 20 civilians in the town.", [("killed", 20)]),
    ("More than 30 people were wounded in the blast.", [("injured", 30)]),
    ("The raid killed 14 fighters and wounded 40 others.", [("killed", 14), ("injured", 40)]),
    ("Dozens of people were killed in the air strikes.", [("killed", 12)]),
    ("Hundreds of civilians fled the fighting on Monday.", [("displaced", 100)]),
    ("Tens of thousands of residents were displaced by the offensive.", [("displaced", 10000)]),
    ("Gunmen kidnapped five aid workers near the border.", [("abducted", 5)]),
    ("Police arrested 40 suspects after the bombing.", [("arrested", 40)]),
    ("Eight people are still missing after the attack.", [("missing", 8)]),
    ("A family of five was killed when the shell hit their home.", [("killed", 5)]),
    ("Seventeen civilians died in the strike.", [("killed", 17)]),
    ("Twenty-five soldiers were killed in the ambush.", [("killed", 25)]),
    ("The death toll rose to 45 on Tuesday.", [("killed", 45)]),
    ("Strikes kill 14 in Idlib", [("killed", 14)]),
    ("At least 12 dead after car bomb in market", [("killed", 12)]),
])
def test_kinds_and_values(figures, text, expected):
    assert _kv(figures(text)) == expected


def test_bounds_hedges_and_ranges(figures):
    (bound,) = figures("At least 20 people were killed in the raid.")
    assert (bound.best, bound.approximate) == (20, False)
    (hedge,) = figures("About 50 people were killed in the raid.")
    assert (hedge.best, hedge.approximate) == (50, True)
    (vague,) = figures("Scores of people were killed in the raid.")
    assert (vague.best, vague.approximate) == (20, True)
    (ranged,) = figures("Between 20 and 30 people were killed in the raid.")
    assert (ranged.best, ranged.low, ranged.high) == (20, 20, 30)


@pytest.mark.parametrize("text", [
    "A 12-year-old boy was hurt when a 120mm mortar round exploded.",
    "The army said it killed 3 in 2016 and that 2017 was calmer.",
    "Turnout reached 45% in the province, officials said.",
    "For information call 0933 123456 before 6:30 p.m.",
    "The convoy of 30 trucks travelled 40 km on the road to the city.",
    "Mortar shells hit the district at 630 a.m. on Tuesday.",
    "The deal could move 30,000 people over two months.",
    "The evacuation is set to see 30,000 people evacuated in two stages.",
    "Some 300 hostages were released on Sunday.",
    "Dozens killed injured in market blast",
    "15 people were killed or wounded in the shelling.",
])
def test_numbers_that_are_never_casualties(figures, text):
    found = figures(text)
    assert [(c.kind, c.best) for c in found if c.best in (12, 120, 2016, 2017, 45, 933, 123456, 630, 30, 40, 30000,
                                                          300, 15)] == []


def test_years_ages_calibres_never_counted_next_to_a_real_toll(figures):
    found = figures("A 120mm mortar killed 3 in 2016 and a 12-year-old was among them.")
    assert _kv(found) == [("killed", 3)]


def test_subset_is_linked_not_added(figures):
    total, part = figures("The strike killed 20 people, including 8 children.")
    assert (total.best, part.best, part.victims) == (20, 8, "children")
    assert part.subset_of == total.id and total.subset_of is None
    assert headline_toll([total, part]) == 20


def test_updated_toll_replaces_the_earlier_one(figures):
    first, update = figures("Twelve people were killed in the attack. The death toll later rose to 45, the monitor said.")
    assert (first.best, update.best) == (12, 45)
    assert first.superseded and not update.superseded
    assert headline_toll([first, update]) == 45


def test_previous_toll_is_superseded(figures):
    total, earlier = figures("The monitor said 126 people were killed, updating a previous toll of 112 dead.")
    assert (total.best, total.superseded) == (126, False)
    assert (earlier.best, earlier.superseded) == (112, True)


def test_war_totals_are_kept_apart(figures):
    found = figures("The strike killed 9 civilians. The war has killed more than 400,000 people since 2011.")
    incident, total = found
    assert (incident.best, incident.scope) == (9, "incident")
    assert (total.best, total.scope, total.event) == (400000, "war_total", None)
    assert headline_toll(found) == 9


def test_earlier_incident_is_background(figures):
    found = figures("A bomb killed 6 people on Tuesday. Last month's strike on the same market killed 38 people.")
    assert [(c.best, c.scope) for c in found] == [(6, "incident"), (38, "background")]
    assert headline_toll(found) == 6


def test_victims_classes(figures):
    found = figures("The raid killed 9 civilians, 4 soldiers and 3 policemen.")
    assert [(c.best, c.victims) for c in found] == [(9, "civilians"), (4, "soldiers"), (3, "police")]
    found = figures("The blast killed two children and wounded 20.")
    assert [(c.best, c.victims) for c in found] == [(2, "children"), (20, "children")]
    found = figures("The strike killed 12 members of one family.")
    assert [(c.best, c.victims) for c in found] == [(12, "people")]
    found = figures("The army said it killed 30 members of the armed group.")
    assert [(c.best, c.victims) for c in found] == [(30, "fighters")]


def test_sources_same_sentence_and_according_to(figures):
    (a,) = figures("At least 22 people were killed in the blast, the Syrian Observatory for Human Rights said.")
    assert a.source_text == "the Syrian Observatory for Human Rights"
    (b,) = figures("Nine people were killed in the market according to local sources.")
    assert b.source_text == "local sources"
    (c,) = figures("A military source told the agency that 15 fighters were killed.")
    assert c.source_text == "A military source"
    (d,) = figures("Three children were killed in the raid.")
    assert d.attributed_to is None


def test_source_without_commas_and_in_the_next_sentence(figures):
    (a,) = figures("At least 22 people were killed in the attack on Tuesday state media said.")
    assert a.source_text == "state media"
    (b,) = figures("Nine people were killed in the market. The strike hit at noon, the civil defence said.")
    assert b.source_text == "the civil defence"


def test_pronoun_source_takes_the_earlier_mention(figures):
    found = figures("The monitoring group reported heavy fighting. It said 30 fighters were killed overnight.")
    assert found[-1].source_text == "The monitoring group"


def _anchor(doc_text: str, word: str, category: str = "ASSAULT", status: str = "asserted") -> EventAnchor:
    start = doc_text.index(word)
    return EventAnchor(f"ev_{word}", start, start + len(word), category, status)


def test_figure_attaches_to_the_one_event_it_results_from(figures):
    text = "Government forces shelled Douma and arrested two journalists, killing 9 civilians."
    anchors = [_anchor(text, "shelled"), _anchor(text, "arrested", "COERCE"), _anchor(text, "killing")]
    killed = [c for c in figures(text, anchors) if c.kind == "killed"]
    assert [c.event for c in killed] == ["ev_shelled"]


def test_war_total_is_never_attached(figures):
    text = "The conflict has killed more than 300,000 people."
    (total,) = figures(text, [_anchor(text, "killed")])
    assert total.scope == "war_total" and total.event is None


def test_related_headlines_at_the_end_of_a_page_are_no_figures(figures):
    text = ("A car bomb killed 6 people in the market on Monday, officials said. The blast damaged "
            "several shops and a school nearby, and rescuers searched the rubble for hours. "
            "Related News Strikes kill 40 civilians in the north Death toll rises to 70 in the south")
    assert _kv(figures(text)) == [("killed", 6)]


def test_additive_counts_take_the_kind_of_what_they_are_added_to(figures):
    found = figures("The shelling injured three medics in addition to five patients.")
    assert _kv(found) == [("injured", 3), ("injured", 5)]
    found = figures("Thirty soldiers died in the clashes, along with five fighters of the other side.")
    assert _kv(found) == [("killed", 30), ("killed", 5)]
