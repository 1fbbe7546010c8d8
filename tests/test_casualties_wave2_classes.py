"""Issue 12, midday 2026-12-04: classes found on the second seeded random wave (tune), on
sentences written for these tests (never taken from a data set).

- a verbless line between a figure and the sentence that names its source (a photo credit
  "(Example Wire and Agencies)", a caption label) is no account of its own: the next-sentence
  rule looks past it;
- the background model's "other" features (``background._other``): a source the lead also
  names, a claim, a round-up opener, the lead's weekday, a month other than the publication's.
"""

from __future__ import annotations

import datetime

import pytest

from sitrep.stages.casualties.background import (
    FigureView,
    article_view,
    background_features,
    source_key,
)
from sitrep.stages.casualties.lexicon import load_lexicon


@pytest.fixture(scope="module")
def run(casualty_run):  # loads the spaCy model (the tests are ``slow``)
    return casualty_run


def _source(figures, value):
    found = [c for c in figures if c.best == value]
    assert found, value
    return found[0].attributed_to


@pytest.mark.slow
def test_the_next_sentence_rule_looks_past_a_credit_line(run):
    _, figures = run("Two soldiers were killed when their vehicle was hit near Kafr Tala. "
                     "(Example Wire and Agencies) "
                     "The vehicle was struck by a guided missile on Friday, the Defence Ministry said.")
    source = _source(figures, 2)
    assert source is not None and "Ministry" in source


@pytest.mark.slow
def test_a_credit_line_alone_gives_no_source(run):
    _, figures = run("Two soldiers were killed when their vehicle was hit near Kafr Tala. "
                     "(Example Wire and Agencies)")
    assert _source(figures, 2) is None


@pytest.mark.slow
def test_a_sentence_with_a_verb_is_not_skipped(run):
    # the next sentence is an account of something else: no source, and nothing after it is read
    _, figures = run("Two soldiers were killed when their vehicle was hit near Kafr Tala. "
                     "The town lies on the main road. "
                     "The vehicle was struck on Friday, the Defence Ministry said.")
    assert _source(figures, 2) is None


def test_source_key_is_the_actor_else_the_head_word():
    assert source_key("the Syrian Observatory", None) == source_key("the observatory", None) == "observatory"
    assert source_key("SOHR", "sohr") == "sohr"
    assert source_key("", None) == ""


@pytest.mark.slow
def test_other_features_tell_the_leads_source_and_day_from_others(nlp):
    lex = load_lexicon()
    doc = nlp("Strikes kill 12 in Kafr Tala. Strikes killed 12 people in Kafr Tala on Friday, the monitor said. "
              "On Thursday 30 people were killed in Binnish, Example Agency claimed. "
              "Elsewhere on Friday shelling killed 4 people in Taftanaz, the monitor said. "
              "In March a strike killed 40 people in Binnish.")
    sents = list(doc.sents)
    assert len(sents) == 5
    views = [FigureView(i, "killed", v, sents[i].start_char, "incident", {}) for i, v in enumerate((12, 12, 30, 4, 40))]
    keys = [frozenset(), frozenset({"monitor"}), frozenset({"agency"}), frozenset({"monitor"}), frozenset()]
    article = article_view(sents, lex, views, keys)
    assert article.lead_sources == {"monitor"} and article.lead_days == {"friday"}
    feats = [background_features(sents, views, i, lex=lex, published=datetime.date(2016, 10, 14), article=article)
             for i in range(5)]
    assert not any(k.startswith("oth:") for k in feats[0])  # the headline is never moved
    assert feats[1]["oth:source_lead"] and feats[1]["oth:day_lead"]
    assert feats[2]["oth:claim"] and "oth:source_lead" not in feats[2] and "oth:day_lead" not in feats[2]
    assert "oth:other_month" not in feats[1]
    assert feats[3]["oth:roundup_opener"] and feats[3]["oth:source_lead"] and feats[3]["oth:day_lead"]
    assert feats[4]["oth:other_month"] and "oth:day_lead" not in feats[4]
