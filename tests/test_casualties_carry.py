"""Issue 12, follow-up of 2026-12-05 (afternoon): the learned carry of an earlier sentence's source
(``sitrep.stages.casualties.carry``), on sentences written for these tests (never taken from a
data set).

Probes of the class (a figure that continues the previous sentence's attributed statement takes
its source, whatever its scope; a pronoun source is its nearest full mention) and of its
opposites (a new paragraph or another place and day that starts another story; a figure after
a denial; a description keeps its words; the next sentence's source still reaches a figure).
The model's file is checked against the script that fits it: the wave groups, and the
out-of-fold bar it was shipped on.
"""

from __future__ import annotations

import json
import sys

import pytest
from casualty_helpers import source_text as _source
from conftest import REPO
from test_gold_casualties import FRESH, FRESH_2, LATER, PICKED

from sitrep.pipeline import build_pipeline
from sitrep.records import Document
from sitrep.stages.casualties.carry import (
    CARRY_MODEL_PATH,
    load_carry_model,
    same_paragraph,
)

sys.path.insert(0, str(REPO / "scripts"))
import train_casualty_carry  # noqa: E402

SOHR = "The Syrian Observatory for Human Rights"
LEAD = f"Shelling hits Douma. {SOHR} said 9 people were killed in the shelling of Douma on Sunday."


@pytest.fixture(scope="module")
def run(casualty_run):  # loads the spaCy model (the tests are ``slow``)
    return casualty_run


def test_the_script_groups_the_gold_by_the_waves_the_gold_tests_name():
    lines = [json.loads(line)["document"] for line in
             (REPO / "benchmarks" / "data" / "fakes_casualties_gold.jsonl").read_text(encoding="utf-8").splitlines()]
    waves = [PICKED, FRESH, FRESH_2, *LATER]
    assert len(waves) == len(train_casualty_carry.WAVE_STARTS)
    for (name, start), docs in zip(train_casualty_carry.WAVE_STARTS, waves, strict=True):
        assert tuple(lines[start:start + len(docs)]) == docs, name
        assert {train_casualty_carry.group_of(start + i) for i in range(len(docs))} == {name}
    assert train_casualty_carry.group_of(0) == "early"


def test_the_shipped_model_beat_the_rule_leaving_one_wave_out():
    data = json.loads(CARRY_MODEL_PATH.read_text(encoding="utf-8"))
    pooled = data["nested_pooled"]
    assert pooled["model_right"] > pooled["rule_right"], pooled
    assert sum(w["candidates"] for w in data["nested_leave_one_wave_out"]) == pooled["candidates"]
    model = load_carry_model()
    assert model is not None and 0 < model.threshold < 1


def test_a_blank_line_ends_a_paragraph():
    assert same_paragraph("One. Two.", 4, 5)
    assert not same_paragraph("One.\n\nTwo.", 4, 6)


@pytest.mark.slow
def test_another_count_takes_the_previous_sentence_source(run):
    _, figures = run(f"{LEAD} Another 4 were injured.")
    assert SOHR in (_source(figures, "injured", 4) or "")


@pytest.mark.slow
def test_a_period_count_opening_on_and_takes_the_previous_source(run):
    _, figures = run(f"Siege deaths rise. {SOHR} said hunger had killed 300 people in the besieged town since "
                     "2013. And 40 people died in the past month of the siege.")
    assert SOHR in (_source(figures, "killed", 40) or "")


@pytest.mark.slow
def test_a_pronoun_source_is_its_full_mention_and_is_carried(run):
    _, figures = run(f"Shelling hits Douma. {SOHR} reported fighting around Douma on Sunday. It said 9 people "
                     "were killed in the shelling. Another 4 were injured.")
    assert SOHR in (_source(figures, "killed", 9) or "")
    assert SOHR in (_source(figures, "injured", 4) or "")


@pytest.mark.slow
def test_a_new_paragraph_on_another_story_takes_no_source(run):
    _, figures = run(LEAD.replace(". ", ".\n\n", 1) + "\n\nIn Daraa, 4 more people were killed in clashes "
                     "between rebel groups on Monday.")
    assert _source(figures, "killed", 4) is None


@pytest.mark.slow
def test_a_source_is_carried_within_its_paragraph_only(run):
    """The parse hangs a blank line on the sentence before it: the break is still seen."""
    _, figures = run(f"{LEAD}\n\nAnother 4 were injured.")
    assert _source(figures, "injured", 4) is None


@pytest.mark.slow
def test_another_place_and_day_takes_no_source(run):
    _, figures = run(f"{LEAD} In Daraa, 4 more people were killed in clashes between rebel groups on Monday.")
    assert _source(figures, "killed", 4) is None


@pytest.mark.slow
def test_without_the_model_file_the_old_rule_decides(run):
    """The stage without its carry model falls back to the rule the model replaced, which
    carries a "4 more" of another place and day (the opposite the model gets right)."""
    text = f"{LEAD} In Daraa, 4 more people were killed in clashes between rebel groups on Monday."
    pipeline = build_pipeline(only=["casualties"], options={"casualties": {"carry_model": False}})
    analysis = next(pipeline.analyze([Document(id="d1", sha256="d1", text=text, published="2016-10-13")]))
    figures = [*(c for e in analysis.events for c in e.casualties), *analysis.casualties]
    assert SOHR in (_source(figures, "killed", 4) or "")
    _, learned = run(text)
    assert _source(learned, "killed", 4) is None


@pytest.mark.slow
def test_a_figure_after_a_denial_takes_no_source(run):
    _, figures = run("Strike hits market. Nine people were killed in a strike on the market of the town on "
                     "Sunday, a monitor said. The army denied that its jets had hit the town. Four people were "
                     "injured in the market.")
    assert _source(figures, "injured", 4) is None


@pytest.mark.slow
def test_a_description_keeps_its_words(run):
    _, figures = run(f"Blast hits Idlib. {SOHR} described clashes near the town. The group said 6 people were "
                     "killed in the blast.")
    assert _source(figures, "killed", 6) == "The group"


@pytest.mark.slow
def test_the_next_sentence_source_still_reaches_a_figure(run):
    _, figures = run("Rocket attack hits Aleppo district. Two people were killed on Sunday in the attack on the "
                     "al-Salam district. A source at the police command told the agency that gunmen fired rocket "
                     "shells at the district.")
    assert "source at the police command" in (_source(figures, "killed", 2) or "")


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="known miss: 'more' outweighs 'a separate strike' (no tune example "
                   "of the form; docs/benchmarks.md, issue 12, afternoon)")
def test_a_separate_strike_the_next_day_takes_no_source(run):
    _, figures = run(f"{LEAD} 4 more died in a separate strike the next day.")
    assert _source(figures, "killed", 4) is None
