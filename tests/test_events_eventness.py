"""The eventness model (issue 13: a learned check that a proposed trigger is an event).

The model is fitted by ``scripts/train_eventness.py`` on NGEC synthetic stories; it is not
shipped because no threshold helped on the FA-KES tune half (docs/benchmarks.md). These tests
pin what the code does with and without a model file: no file, or threshold 0, keeps every
candidate; a model with a threshold drops the candidates it scores below it. Sentences and
weights are written for these tests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sitrep.stages.events.eventness import (
    MODEL_FILE,
    THRESHOLD_FILE,
    EventnessModel,
    context_features,
    eventness_features,
    save_model,
)
from sitrep.stages.events.lexicon import load_lexicon
from sitrep.stages.events.triggers import find_triggers


def test_no_model_file_means_no_model(tmp_path):
    assert EventnessModel.load(tmp_path / "absent.json") is None


def test_the_model_is_not_shipped_so_the_stage_keeps_every_candidate():
    # shipped only with a threshold chosen on the FA-KES tune half; the choice was "none"
    assert not MODEL_FILE.exists() and not THRESHOLD_FILE.exists()


def test_saved_weights_load_back_with_their_threshold(tmp_path):
    path, tpath = tmp_path / "m.json", tmp_path / "t.json"
    save_model({"t=shell": 1.5, "dep=ROOT": -0.25, "zero": 0.0}, 0.1, {"trained_by": "test"}, path)
    tpath.write_text(json.dumps({"threshold": 0.4}), encoding="utf-8")
    model = EventnessModel.load(path, tpath)
    assert model is not None
    assert model.weights == {"t=shell": 1.5, "dep=ROOT": -0.25}  # zero weights are not written
    assert model.bias == pytest.approx(0.1) and model.threshold == pytest.approx(0.4)
    assert EventnessModel.load(path, tmp_path / "no-threshold.json").threshold == 0.0  # type: ignore[union-attr]


def test_threshold_zero_keeps_without_scoring():
    none: Any = None  # nothing is read when the threshold is 0
    assert EventnessModel({}, -100.0, 0.0).keeps(none, none, "ASSAULT", 0.5)


@pytest.mark.slow
def test_a_model_with_a_threshold_drops_what_it_scores_below(nlp):
    doc = nlp("Rebels shelled the town on Monday.")
    sent = next(iter(doc.sents))
    triggers = {t.anchor.lemma_: t for t in find_triggers(sent, load_lexicon())}
    shell = triggers["shell"]
    feats = eventness_features(shell, sent, "ASSAULT", 0.9)
    assert {"t=shell", "dep=ROOT", "cat=ASSAULT", "kind=verb", "prob=4"} <= set(feats)
    model = EventnessModel({"t=shell": 3.0, "t=vow": -3.0}, 0.0, 0.5)
    assert model.probability(shell, sent, "ASSAULT", 0.9) > 0.9
    assert model.keeps(shell, sent, "ASSAULT", 0.9)
    # the same candidate under weights that score it low is dropped; a lower threshold keeps it
    against = EventnessModel({"t=shell": -3.0, "dep=ROOT": -1.0}, 0.0, 0.5)
    assert not against.keeps(shell, sent, "ASSAULT", 0.9)
    assert EventnessModel(against.weights, 0.0, 0.01).keeps(shell, sent, "ASSAULT", 0.9)


@pytest.mark.slow
def test_context_features_say_what_the_sentence_does_with_the_trigger(nlp):
    lex = load_lexicon()
    sent = next(iter(nlp('The monitor said "the jets will bomb the town" on Monday.').sents))
    bomb = next(t for t in find_triggers(sent, lex) if t.anchor.lemma_ == "bomb")
    feats = context_features(bomb, sent, "future", ("future:will",))
    assert {"status=future", "cue=future", "modal=will", "quoted"} <= set(feats)
    assert any(k.startswith("under_reporting=") for k in feats)
    plain = next(iter(nlp("Government jets bombed the town on Monday.").sents))
    bombed = next(t for t in find_triggers(plain, lex) if t.anchor.lemma_ == "bomb")
    feats = context_features(bombed, plain, "asserted")
    assert "quoted" not in feats and not any(k.startswith("under_reporting") for k in feats)
    assert feats["status=asserted"] == 1.0 and feats["tense=VBD"] == 1.0


@pytest.mark.slow
def test_a_model_marked_context_reads_the_status(nlp, tmp_path):
    sent = next(iter(nlp("Rebels shelled the town on Monday.").sents))
    shell = next(t for t in find_triggers(sent, load_lexicon()) if t.anchor.lemma_ == "shell")
    path = tmp_path / "m.json"
    save_model({"status=hypothetical": -6.0}, 1.0, {"context": True}, path)
    model = EventnessModel.load(path, tmp_path / "none.json")
    assert model is not None and model.context
    assert model.probability(shell, sent, "ASSAULT", 0.9, "asserted") > 0.7
    assert model.probability(shell, sent, "ASSAULT", 0.9, "hypothetical") < 0.01
    # a model without the flag ignores status features
    assert EventnessModel(model.weights, 1.0).probability(shell, sent, "ASSAULT", 0.9, "hypothetical") > 0.7
