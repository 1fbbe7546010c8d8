"""The learned recipient of an event the rules leave without one (issue 13, branch events45;
``recipient_model.LEARNED_RECIPIENTS``). Sentences written for these tests; the pipeline tests run
actors, time, place and events, so they load the spaCy model."""

from __future__ import annotations

import pytest
from event_helpers import assert_round_trips, assert_shipped_model_reachable

from sitrep.stages.events import recipient_model
from sitrep.stages.events.recipient_model import RecipientCandidate, RecipientModel


def test_the_switch_ships_on():
    assert recipient_model.LEARNED_RECIPIENTS is True
    assert recipient_model.RECORDER is None


def _cand(actor: str, token: int, *features: str) -> RecipientCandidate:
    return RecipientCandidate(actor, token, tuple(features))


def test_the_best_candidate_is_taken_only_at_the_threshold():
    model = RecipientModel({"path=a": 2.0, "path=b": -1.0, "kind=victim": 0.5}, bias=-1.0, threshold=0.6)
    good, weak = _cand("SYR_CVL", 7, "path=a", "kind=victim"), _cand("RUS", 3, "path=b")
    assert model.proba(good.features) == pytest.approx(1 / (1 + 2.718281828459045 ** -1.5))
    assert model.choose([weak, good]) is good
    assert model.choose([weak]) is None  # 0.12 < 0.6
    assert model.choose([]) is None
    strict = RecipientModel(model.weights, model.bias, threshold=0.9)
    assert strict.choose([weak, good]) is None  # 0.82 < 0.9


def test_a_tie_goes_to_the_earlier_party():
    model = RecipientModel({"kind=victim": 1.0}, 0.0, 0.5)
    first, second = _cand("A", 2, "kind=victim"), _cand("B", 9, "kind=victim")
    assert model.choose([second, first]) is first


def test_the_model_file_round_trips(tmp_path):
    assert_round_trips(recipient_model, RecipientModel({"path=a": 0.25, "top=H": -0.5}, bias=-0.75, threshold=0.45),
                       tmp_path)


def test_the_shipped_model_loads_with_a_threshold_it_can_reach():
    assert_shipped_model_reachable(recipient_model)


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _assault(analysis, trigger):
    (ev,) = [e for e in analysis.events if e.category == "ASSAULT" and e.trigger == trigger]
    return ev


@pytest.mark.slow
def test_people_left_dead_by_the_strikes_become_their_recipient(analyze, monkeypatch):
    text = "The air strikes left 12 villagers dead in Maarat al-Numan in Syria on Monday."
    monkeypatch.setattr(recipient_model, "LEARNED_RECIPIENTS", False)
    assert _assault(analyze(text), "air strikes").recipients == []  # off: the rules read none
    monkeypatch.setattr(recipient_model, "LEARNED_RECIPIENTS", True)
    assert _assault(analyze(text), "air strikes").recipients == ["SYR_CVL"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "trigger"), [
    ("Five civilians were killed in the shelling of Douma in Syria on Monday.", "shelling"),
    # a bare "the army" fought is a side, so an actor, as a named army is (branch bare1): "attacked" keeps a target
    ("The rebels attacked the army near Hama in Syria on Monday.", "attacked"),
])
def test_an_event_with_a_recipient_of_the_rules_is_left_alone(analyze, monkeypatch, text, trigger):
    monkeypatch.setattr(recipient_model, "LEARNED_RECIPIENTS", False)
    before = _assault(analyze(text), trigger)
    assert before.recipients
    monkeypatch.setattr(recipient_model, "LEARNED_RECIPIENTS", True)
    assert _assault(analyze(text), trigger).recipients == before.recipients


@pytest.mark.slow
def test_the_candidates_are_the_sentences_parties_but_not_the_doers(analyze, monkeypatch):
    seen: dict[str, list[RecipientCandidate]] = {}
    monkeypatch.setattr(recipient_model, "LEARNED_RECIPIENTS", False)  # the rules' own event, recorded
    monkeypatch.setattr(recipient_model, "RECORDER", seen.__setitem__)
    text = "Government jets dropped bombs near Saraqib in Syria on Monday, leaving 12 villagers dead."
    analysis = analyze(text)
    (ev,) = [e for e in analysis.events if e.category == "ASSAULT"]
    assert ev.actors and not ev.recipients
    (cands,) = seen.values()
    assert not any(c.actor in ev.actors for c in cands)
    (villagers,) = [c for c in cands if "kind=victim" in c.features]
    assert villagers.actor == "SYR_CVL"
    # the object of "leaving", the clause hanging on the trigger: up two labels to the trigger itself
    assert "path=dobj>advcl|T|" in villagers.features and "kind=victim" in villagers.features
