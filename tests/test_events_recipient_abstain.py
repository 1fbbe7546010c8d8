"""The learned recipient's abstain gate (issue 13, branch events53; ``recipient_model.ABSTAIN_GATE``) and
how its study counts a withheld recipient (``benchmarks/events_recipient_abstain.py``). Sentences
written for these tests; the pipeline tests load the spaCy model."""

from __future__ import annotations

import json

import pytest

from sitrep.stages.events import recipient_model
from sitrep.stages.events.recipient_model import RecipientCandidate, RecipientModel


def _cand(actor: str, token: int, *features: str) -> RecipientCandidate:
    return RecipientCandidate(actor, token, tuple(features))


def test_the_gate_ships_off_and_the_shipped_file_has_no_gate():
    assert recipient_model.ABSTAIN_GATE is False
    assert recipient_model.EVENT_RECORDER is None
    model = recipient_model.load_model()
    assert model is not None and model.gate_threshold == 0.0


def test_the_gate_abstains_only_below_its_threshold():
    model = RecipientModel({"kind=victim": 3.0}, 0.0, 0.5, gate={"g:family=fight": -4.0, "g:family=attack+harm": 2.0},
                           gate_bias=0.0, gate_threshold=0.5)
    victims = _cand("SYR_CVL", 4, "kind=victim")
    assert model.choose([victims]) is victims  # no event features: the gate is not asked
    assert model.choose([victims], ("g:family=attack+harm",)) is victims  # 0.88 >= 0.5
    assert model.choose([victims], ("g:family=fight",)) is None  # 0.018 < 0.5: abstain
    assert model.abstains(("g:family=fight",)) and not model.abstains(("g:family=attack+harm",))
    no_gate = RecipientModel(model.weights, 0.0, 0.5, gate=model.gate)  # threshold 0.0: no gate
    assert no_gate.choose([victims], ("g:family=fight",)) is victims


def test_the_model_file_keeps_the_gate_and_an_old_file_reads_without_one(tmp_path):
    gated = RecipientModel({"path=a": 0.5}, -1.0, 0.45, gate={"g:fight=True": -2.0}, gate_bias=0.25, gate_threshold=0.4)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(gated.to_json()), encoding="utf-8")
    assert recipient_model.load_model.__wrapped__(path) == gated
    plain = RecipientModel({"path=a": 0.5}, -1.0, 0.45)
    assert set(plain.to_json()) == {"bias", "threshold", "weights"}  # the shipped format, unchanged
    path.write_text(json.dumps(plain.to_json()), encoding="utf-8")
    loaded = recipient_model.load_model.__wrapped__(path)
    assert loaded == plain and not loaded.abstains(("g:fight=True",))


@pytest.mark.parametrize(("category", "fight", "harm", "expected"), [
    ("ASSAULT", True, True, "fight"), ("ASSAULT", False, True, "attack+harm"), ("ASSAULT", False, False, "attack"),
    ("COERCE", False, True, "coercive"), ("ACCUSE", False, False, "non-violent")])
def test_the_family_of_an_event(category, fight, harm, expected):
    assert recipient_model.family(category, fight, harm) == expected


def test_the_study_counts_a_withheld_recipient_as_the_scorer_does():
    from events_recipient_abstain import gain_at
    from events_recipient_model import Case

    c = [_cand("SYR_CVL", 3, "kind=victim")]
    cases = [
        Case(0, "none", c, [False], True, right_before=True, one_gold=False),  # the coder has none: +1 withheld
        Case(0, "right", c, [True], True, right_before=False, one_gold=True),  # a right one withheld: -1
        Case(0, "wrong", c, [False], True, right_before=False, one_gold=True),  # wrong either way: 0
        Case(0, "free", c, [False], False, right_before=False, one_gold=False),  # unmatched: not counted
    ]
    cand_p = {(x.event, 0): 0.9 for x in cases}
    low = dict.fromkeys(("none", "right", "wrong", "free"), 0.1)
    assert gain_at(cases, cand_p, low, 0.5, 0.3) == 0  # +1 - 1 + 0
    assert gain_at(cases, cand_p, {**low, "right": 0.8}, 0.5, 0.3) == 1  # the gate lets the right one through
    assert gain_at(cases, cand_p, low, 0.5, 0.0) == 0  # 0.0: no gate
    assert gain_at(cases, {k: 0.4 for k in cand_p}, low, 0.5, 0.3) == 0  # the model adds nothing anyway


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


@pytest.mark.slow
def test_with_the_switch_a_gate_that_abstains_withholds_the_learned_recipient(analyze, monkeypatch):
    text = "The air strikes left 12 villagers dead in Maarat al-Numan in Syria on Monday."
    shipped = recipient_model.load_model()
    assert shipped is not None
    seen: dict[str, tuple[str, ...]] = {}
    monkeypatch.setattr(recipient_model, "EVENT_RECORDER", seen.__setitem__)
    (ev,) = [e for e in analyze(text).events if e.category == "ASSAULT"]
    assert ev.recipients == ["SYR_CVL"]  # the learned recipient, the gate off
    (features,) = seen.values()
    assert "g:cat=ASSAULT" in features and "g:fight=False" in features and "g:tk=noun" in features
    closed = RecipientModel(shipped.weights, shipped.bias, shipped.threshold, gate={"g:cat=ASSAULT": -5.0},
                            gate_threshold=0.5)
    monkeypatch.setattr(recipient_model, "load_model", lambda *a, **k: closed)
    (ev,) = [e for e in analyze(text).events if e.category == "ASSAULT"]
    assert ev.recipients == ["SYR_CVL"]  # the switch off: the file's gate is not read
    monkeypatch.setattr(recipient_model, "ABSTAIN_GATE", True)
    (ev,) = [e for e in analyze(text).events if e.category == "ASSAULT"]
    assert ev.recipients == []
