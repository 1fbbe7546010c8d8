"""The learned doer of an event the rules leave without one (issue 13, branch events66;
``doer_model.LEARNED_DOERS``, off: it failed its bar). Sentences written for these tests; the
pipeline tests run actors, time, place and events, so they load the spaCy model."""

from __future__ import annotations

import pytest
from event_helpers import assert_round_trips, assert_shipped_model_reachable

from sitrep.stages.events import doer_model
from sitrep.stages.events.doer_model import DoerCandidate, DoerModel


def test_the_switch_ships_off():
    assert doer_model.LEARNED_DOERS is False
    assert doer_model.RECORDER is None


def test_the_model_file_round_trips(tmp_path):
    assert_round_trips(doer_model, DoerModel({"d:kind=military": 0.5, "d:top=T": -0.25}, bias=-0.5, threshold=0.35),
                       tmp_path)


def test_the_shipped_model_loads_with_doer_features_and_a_reachable_threshold():
    model = assert_shipped_model_reachable(doer_model)
    assert all(name.startswith("d:") for name in model.weights)


def test_the_best_party_is_taken_only_at_the_threshold():
    model = DoerModel({"d:kind=military": 2.0, "d:kind=media": -2.0}, bias=-0.5, threshold=0.6)
    army = DoerCandidate("SYR_MIL", 4, ("d:kind=military",))
    agency = DoerCandidate("SANA", 9, ("d:kind=media",))
    assert model.choose([agency, army]) is army  # 0.82
    assert model.choose([agency]) is None  # 0.08 < 0.6


TEXT = "Heavy clashes broke out on Monday near Hama in Syria, with the Syrian army and the Free Syrian Army trading fire."


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _event(analysis, trigger):
    (ev,) = [e for e in analysis.events if e.trigger == trigger]
    return ev


@pytest.mark.slow
def test_candidates_are_the_sentences_parties_with_their_parse_path(analyze, monkeypatch):
    recorded: dict[str, list[DoerCandidate]] = {}
    monkeypatch.setattr(doer_model, "RECORDER", recorded.__setitem__)
    analysis = analyze(TEXT)
    clashes = _event(analysis, "clashes")
    assert clashes.actors == []  # the rules read no doer
    cands = recorded[clashes.id]
    assert [c.actor for c in cands] == ["SYR_MIL", "FSA"]
    army = cands[0]
    assert army.token < cands[1].token
    assert "d:kind=military" in army.features and "d:cat=ASSAULT" in army.features
    assert "d:side=after" in army.features and "d:prep=with" in army.features
    assert any(f.startswith("d:path=") and f != "d:path=none" for f in army.features)
    # an event whose recipients are both parties is offered neither as its doer
    broke = _event(analysis, "broke")
    assert set(broke.recipients) == {"SYR_MIL", "FSA"} and recorded[broke.id] == []


@pytest.mark.slow
def test_the_switch_gives_the_models_choice_only_when_on(analyze, monkeypatch):
    monkeypatch.setattr(doer_model, "load_model", lambda: DoerModel({"d:kind=armed_group": 3.0}, -1.0, 0.5))
    monkeypatch.setattr(doer_model, "LEARNED_DOERS", False)
    assert _event(analyze(TEXT), "clashes").actors == []
    monkeypatch.setattr(doer_model, "LEARNED_DOERS", True)
    on = analyze(TEXT)
    assert _event(on, "clashes").actors == ["FSA"]
    assert _event(on, "broke").actors == []  # no candidate: nothing given
    monkeypatch.setattr(doer_model, "load_model", lambda: DoerModel({"d:kind=armed_group": 3.0}, -1.0, 0.99))
    assert _event(analyze(TEXT), "clashes").actors == []  # 0.88 < 0.99
