"""The frozen abstain gates of the confirmatory test (issue 13, branch events55;
``benchmarks/events_recipient_gate_frozen.py``): the committed gate files, the sha256 check of the
candidate model beside a gate, and the refusal to score a gate on a wave it was fitted on."""

from __future__ import annotations

import json

import events_recipient_gate_frozen as frozen_gate
import pytest
from events_recipient_abstain import GATES

from sitrep.stages.events.recipient_model import RecipientCandidate, RecipientModel

#: the candidate models the gates were fitted beside: main at 154cea0 (A) and the lead's refit
#: with wave 21 at 092c196 (B)
SHA_A = "ffbd6bc95b962f447dc1b52bc4c29150b85d1406d9e1ee0c8348f576e0f6d956"
SHA_B = "f54e9331e2461d2d88483a6a9b717a297fd8995fc6d086a4d0e284f4359da518"


def test_parse_gate_reads_name_model_c_and_the_last_wave():
    name, path, strength, last = frozen_gate.parse_gate("A:/tmp/m.json:0.1:19")
    assert (name, str(path), strength, last) == ("A", "/tmp/m.json", 0.1, 19)
    assert frozen_gate.parse_gate("B:m.json:1.0:all")[3] is None
    with pytest.raises(ValueError):
        frozen_gate.parse_gate("B:m.json:1.0")


@pytest.mark.parametrize(("name", "sha", "fresh", "c", "threshold"), [("A", SHA_A, 19, 0.1, 0.5), ("B", SHA_B, 20, 1.0, 0.35)])
def test_the_committed_gate_files_are_frozen_before_their_fresh_wave(name, sha, fresh, c, threshold):
    spec = json.loads(frozen_gate.gate_path(name).read_text(encoding="utf-8"))
    assert spec["candidate_model_sha256"] == sha
    assert spec["command"].startswith("python benchmarks/events_recipient_gate_frozen.py fit ")
    assert (spec["candidate_C"], spec["candidate_threshold"]) == (c, threshold)
    assert spec["waves"] == list(range(fresh))  # every tune wave before the fresh one, not the fresh one
    assert spec["gate_threshold"] in GATES and spec["gate_threshold"] > 0.0
    assert spec["gate_weights"] and all(k.startswith("g:") and "=" in k for k in spec["gate_weights"])


def _write_gate(tmp_path, monkeypatch, model: RecipientModel, threshold: float) -> tuple[str, object]:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    monkeypatch.setattr(frozen_gate, "GATE_DIR", tmp_path)
    spec = {"candidate_model": str(path), "candidate_model_sha256": frozen_gate.sha256(path), "waves": [0, 1],
            "gate_threshold": threshold, "gate_bias": 0.0, "gate_weights": {"g:family=fight": -4.0}}
    frozen_gate.gate_path("T").write_text(json.dumps(spec), encoding="utf-8")
    return "T", path


def test_a_frozen_gate_reads_beside_its_own_model_only(tmp_path, monkeypatch):
    model = RecipientModel({"kind=victim": 3.0}, 0.0, 0.5)
    name, path = _write_gate(tmp_path, monkeypatch, model, 0.5)
    spec, gated = frozen_gate.frozen(name)
    assert spec["gate_threshold"] == 0.5 and gated.weights == model.weights
    victims = RecipientCandidate("SYR_CVL", 3, ("kind=victim",))
    assert gated.choose([victims], ("g:family=fight",)) is None  # 0.018 < 0.5: the gate abstains
    assert gated.choose([victims], ("g:family=attack",)) is victims  # 0.5: let through
    other = tmp_path / "other.json"
    other.write_text(json.dumps(RecipientModel({"kind=victim": 2.0}, 0.0, 0.5).to_json()), encoding="utf-8")
    with pytest.raises(SystemExit, match="not the candidate model"):
        frozen_gate.frozen(name, other)


def test_a_gate_is_never_scored_on_a_wave_it_was_fitted_on(tmp_path, monkeypatch):
    name, _ = _write_gate(tmp_path, monkeypatch, RecipientModel({"kind=victim": 3.0}, 0.0, 0.5), 0.5)
    with pytest.raises(SystemExit, match="not fresh"):
        frozen_gate.score_main(name, 1, None, plover=False)
