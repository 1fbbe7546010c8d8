"""Issue 12 (2026-12-07, late morning, branch war2): war-wide and period totals against an attack's
toll, on the project's own sentence set (``benchmarks/data/casualties_war_totals_sentences.jsonl``):
the set and its seeded split, and main's scope readings of counts dated by a span.

Main reads a count's time span from a written month or year only: a count over a half of the year
or over a month named without a date stays its sentence's incident figure (the known limit war2's
two readings failed to lift on the set's check half; they were removed by tidy2, docs/benchmarks/
pruned.md). A day ties the count to its attack, a day noun ("on the opening day of the feast") is
no period, and "earlier this week" dates an earlier attack: none is a war-wide total. Every
sentence here is written for the project (never taken from a data set) and none is an item of the set.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from casualty_helpers import on_its_event

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from casualties_war_totals import DATA, LABELS, load_items, split_of  # noqa: E402

HEAD = "Barrel bombs hit Talbiseh market. "
LEAD = "Barrel bombs dropped on the market in Talbiseh killed six people on Thursday, a monitor said. "
MIDDLE = "Talbiseh lies north of Homs. "


def test_war_totals_set_is_labelled_and_split_by_its_seed():
    items = load_items()
    assert len(items) >= 60
    assert {it.label for it in items} == set(LABELS)
    assert len({it.id for it in items}) == len(items)
    assert {it.split for it in items} == {"tune", "check"}
    assert {it.id: it.split for it in items} == split_of(items)  # the stored split is the seeded one
    by_sentence: dict[str, set[str]] = {}
    for it in items:
        by_sentence.setdefault(it.sentence, set()).add(it.split)
        assert it.sentence in it.text and it.value > 0
    assert all(len(halves) == 1 for halves in by_sentence.values())  # a two-number sentence stays in one half
    per_half = Counter(it.split for it in items)
    assert abs(per_half["tune"] - per_half["check"]) <= 4


def test_war_totals_set_holds_no_fakes_row():
    for line in DATA.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert "unit_id" not in row and "document" not in row


def _assert_no_war_total(figure_scopes, sentence, value):
    """After another attack's lead, the count is found and no reading makes it a war-wide total."""
    found = figure_scopes(HEAD + LEAD + MIDDLE, sentence, "", value, "killed")
    assert found and not any(s == "war_total" for s, _ in found), found


@pytest.mark.slow
def test_a_count_over_a_half_of_the_year_is_no_war_total(figure_scopes):
    """Known limit: a half of the year is no month or year, so the count is not read as a period total."""
    sentence = "Some 800 fighters were killed in the first half of the year, most of them on the northern front."
    _assert_no_war_total(figure_scopes, sentence, 800)


@pytest.mark.slow
def test_a_count_over_a_month_named_without_a_date_stays_an_incident_figure(figure_scopes):
    """Known limit: a month named without a date gives the time stage no value, so no period."""
    sentence = "During the month of the truce, 230 people were killed in the northern provinces."
    found = figure_scopes(HEAD + LEAD + MIDDLE, sentence, "", 230, "killed")
    assert any(s == "incident" and on for s, on in found), found


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "value"), [
    # a day ties the count to its attack, whatever period the sentence names
    ("A car bomb killed 21 people at a checkpoint on Sunday, in the first week of the offensive.", 21),
    # a day noun is no period: "on the opening day of" dates one attack
    ("On the opening day of the feast, a car bomb killed 19 worshippers outside a mosque in Jableh.", 19),
    ("During the first week of the offensive, 40 soldiers were killed on Monday alone near the front.", 40),
])
def test_an_attack_dated_to_a_day_is_no_period_total(figure_scopes, sentence, value):
    assert on_its_event(figure_scopes("", sentence, " " + MIDDLE, value, "killed"))  # as the lead
    _assert_no_war_total(figure_scopes, sentence, value)  # after another attack's lead


@pytest.mark.slow
def test_an_earlier_attack_in_a_named_half_is_background_not_a_total(figure_scopes):
    sentence = "In the first half of the year, a truck bomb killed 60 people in the same town."
    found = figure_scopes(HEAD + LEAD + MIDDLE, sentence, "", 60, "killed")
    assert found and all(s == "background" and not on for s, on in found), found


@pytest.mark.slow
def test_a_week_span_is_left_to_the_earlier_incident_rules(figure_scopes):
    sentence = "The monitor said soldiers had shot dead 35 men in a nearby village earlier this week."
    _assert_no_war_total(figure_scopes, sentence, 35)
