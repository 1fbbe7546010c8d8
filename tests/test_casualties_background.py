"""Issue 12, follow-up of 2026-12-04 (morning): the learned background-vs-incident decision, on
texts and features written for these tests (never taken from a data set).

- the shipped model (``src/sitrep/models/casualty_background.json``, fitted by
  ``scripts/train_casualty_background.py``) is well-formed, says how it was chosen, was fitted
  on the tune half only and shipped only because its cross-validation beat the rules;
- its decision only extends the rules one way: a headline figure, a war total and a background
  figure are never moved; an incident figure moves only at or above the threshold;
- a file the script wrote with ``"shipped": false`` counts as no model;
- the features read the article: the headline's count, a year before publication, a quotation;
- end to end, a large toll of a past massacre recalled late in an article (no date cue in its
  own clause) no longer becomes the headline toll, while the article's own toll stays.
"""

from __future__ import annotations

import json

import pytest

from sitrep.stages.casualties.background import (
    BACKGROUND_MODEL_PATH,
    BackgroundModel,
    load_background_model,
)
from sitrep.stages.casualties.record import headline_toll


def test_the_shipped_model_is_well_formed_and_says_how_it_was_chosen():
    data = json.loads(BACKGROUND_MODEL_PATH.read_text(encoding="utf-8"))
    assert data["shipped"] is True
    assert len(data["features"]) == len(data["weights"]) == len(set(data["features"])) > 10
    assert "split=tune" in data["trained_on"]
    chosen, rules = data["chosen"], data["rules_leave_one_out"]
    assert chosen["main_killed_accuracy"] > rules["main_killed_accuracy"]  # why it ships
    assert chosen["scope_accuracy"] >= rules["scope_accuracy"]
    assert chosen["threshold"] == data["threshold"]
    assert any(row == chosen for row in data["cross_validation"])
    model = load_background_model()
    assert model is not None and model.threshold == data["threshold"]


def test_the_decision_only_moves_incident_figures_outside_the_headline():
    sure = BackgroundModel({"title:above_title": 10.0}, 0.0, 0.6)
    later = {"pos:sent=8+": 1.0, "title:above_title": 1.0}
    assert sure.decide("incident", later) == "background"
    assert sure.decide("incident", {**later, "pos:sent=0": 1.0}) == "incident"  # the headline's own
    assert sure.decide("war_total", later) == "war_total"
    assert sure.decide("background", {}) == "background"
    unsure = BackgroundModel({"title:above_title": 0.1}, 0.0, 0.6)
    assert unsure.decide("incident", later) == "incident"


def test_a_model_file_not_shipped_counts_as_no_model(tmp_path):
    path = tmp_path / "casualty_background.json"
    path.write_text(json.dumps({"shipped": False, "cross_validation": []}), encoding="utf-8")
    assert load_background_model(path) is None
    assert load_background_model(tmp_path / "missing.json") is None


@pytest.fixture(scope="module")
def run(casualty_run):  # loads the spaCy model (the tests are ``slow``)
    return casualty_run


def _features(doc, published):
    """The background features of each figure of a parsed text (the extractor run with a
    recording decider; no other stage's output)."""
    from sitrep.stages.casualties.extract import extract
    from sitrep.stages.casualties.lexicon import load_lexicon

    seen = []

    def record(scope, feats):
        seen.append(feats)
        return scope

    found = extract(doc, document="d1", lexicon=load_lexicon(), published=published, background=record)
    return {(c.kind, c.best): f for c, f in zip(found.casualties, seen, strict=True)}


ARTICLE = ("Air strike kills 9 in Saraqib. "
           "An air strike killed 9 civilians in the town of Saraqib on Tuesday, a monitoring group said. "
           "The strike hit a market in the centre of the town. "
           "Rescue workers searched the rubble for survivors. "
           "The town was shelled often during the war. "
           "Many of its people left for camps near the border. "
           "Residents said they had no shelter. "
           "Aid groups asked for a halt to the fighting. "
           "The Ghouta massacre killed 1400 people in 2013.")


@pytest.mark.slow
def test_features_read_the_headline_count_and_an_earlier_year(parse):
    from datetime import date

    feats = _features(parse(ARTICLE, published="2016-10-13").doc, date(2016, 10, 13))
    assert feats[("killed", 9)].get("title:same_value")
    old = feats[("killed", 1400)]
    assert old.get("tense:earlier_year") and old.get("title:above_title") and any(k.startswith("pos:sent=8") for k in old)


@pytest.mark.slow
def test_a_recalled_massacre_without_a_date_cue_is_moved_by_the_model_alone(parse):
    from datetime import date

    from sitrep.stages.casualties.extract import extract
    from sitrep.stages.casualties.lexicon import load_lexicon

    text = ARTICLE.replace(" in 2013.", ".")
    doc = parse(text, published="2016-10-13").doc
    rules = {c.best: c.scope for c in extract(doc, document="d1", lexicon=load_lexicon(),
                                              published=date(2016, 10, 13)).casualties}
    assert rules[1400] == "incident"  # nothing in its own clause dates it: the rules keep it
    model = load_background_model()
    assert model is not None
    moved = {c.best: c.scope for c in extract(doc, document="d1", lexicon=load_lexicon(),
                                              published=date(2016, 10, 13), background=model.decide).casualties}
    assert moved[1400] == "background" and moved[9] == "incident"


@pytest.mark.slow
def test_a_recalled_massacre_late_in_the_article_is_not_the_headline_toll(run):
    analysis, figures = run(ARTICLE.replace(" in 2013.", "."), published="2016-10-13")
    scopes = {c.best: c.scope for c in figures if c.kind == "killed"}
    assert scopes[9] == "incident" and scopes[1400] == "background"
    statuses = {e.id: e.status for e in analysis.events}
    assert headline_toll(figures, statuses, sentences=[(s.start, s.text) for s in analysis.sentences]) == 9
