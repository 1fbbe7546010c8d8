"""The coordinate search the events rule scripts share (``benchmarks/common.coordinate_search``)
and its two acceptance rules: ``in-sample`` keeps a change that raises the pooled objective at
all; ``out-of-fold`` keeps it only when its mean per-wave gain is larger than the sd of the
per-wave gains (issue 13: rules chosen on gains the size of noise)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from common import coordinate_search, wave_gain_accepts, wave_gains


@dataclasses.dataclass(frozen=True)
class Settings:
    a: int = 0
    b: int = 0


GRID = {"a": [0, 1], "b": [0, 1]}

# per-wave objective of each setting: "a" gains on every wave (+2, +1, +2, +1), "b" gains a lot on
# one wave and loses on the others (pooled: +0.5 a wave, more than nothing, but noise)
A_GAIN = [2.0, 1.0, 2.0, 1.0]
B_GAIN = [8.0, -2.0, -2.0, -2.0]


def per_wave(s: Settings) -> list[dict[str, Any]]:
    return [{"score": 10.0 + s.a * ga + s.b * gb} for ga, gb in zip(A_GAIN, B_GAIN, strict=True)]


def pooled(s: Settings) -> dict[str, Any]:
    waves = per_wave(s)
    return {"score": sum(w["score"] for w in waves) / len(waves)}


def search(accept: str) -> Settings:
    best, _, _ = coordinate_search(Settings(), GRID, pooled, lambda m: m["score"], ("score",),
                                   accept=accept, score_waves=per_wave, quiet=True)
    return best


def test_in_sample_keeps_a_noisy_gain_out_of_fold_does_not():
    assert search("in-sample") == Settings(a=1, b=1)  # b's pooled gain (+0.5) is kept in sample
    assert search("out-of-fold") == Settings(a=1, b=0)  # a's consistent gain kept, b's noise not


def test_a_consistent_gain_is_accepted_and_a_noisy_one_is_not():
    assert wave_gain_accepts([[1.0, 1.0, 2.0, 1.0]])
    assert not wave_gain_accepts([[8.0, -2.0, -2.0, -2.0]])  # mean +0.5, sd 5
    assert not wave_gain_accepts([[0.0, 0.0, 1.0, 0.0]])  # one wave's gain: mean 0.25 < sd 0.5
    assert not wave_gain_accepts([[-1.0, -1.0, -1.0]])


def test_the_first_changed_component_decides():
    # the first component is unchanged on every wave: the tie-break decides
    assert wave_gain_accepts([[0.0, 0.0, 0.0], [0.01, 0.02, 0.01]])
    # the first component moves (noisily): the tie-break is not consulted
    assert not wave_gain_accepts([[1.0, -1.0, 0.0], [0.01, 0.02, 0.01]])
    assert not wave_gain_accepts([[0.0, 0.0], [0.0, 0.0]])  # nothing changes: not kept


def test_gains_are_paired_by_wave_for_tuple_objectives():
    cand = [{"x": 2, "y": 0.5}, {"x": 1, "y": 0.4}]
    best = [{"x": 1, "y": 0.5}, {"x": 1, "y": 0.3}]
    assert wave_gains(cand, best, lambda m: (m["x"], m["y"])) == [[1.0, 0.0], [0.0, 0.1]]
    with pytest.raises(ValueError):
        wave_gains(cand[:1], best, lambda m: m["x"])


def test_the_out_of_fold_rule_needs_per_wave_scores():
    with pytest.raises(ValueError):
        coordinate_search(Settings(), GRID, pooled, lambda m: m["score"], ("score",), accept="out-of-fold")
    with pytest.raises(ValueError):
        coordinate_search(Settings(), GRID, pooled, lambda m: m["score"], ("score",), accept="sometimes")


def test_the_trail_records_each_decision_and_its_wave_gains():
    _, _, trail = coordinate_search(Settings(), GRID, pooled, lambda m: m["score"], ("score",),
                                    accept="out-of-fold", score_waves=per_wave, quiet=True)
    tried = {(row["rule"]["a"], row["rule"]["b"]): row for row in trail[1:]}
    assert tried[(1, 0)]["kept"] and tried[(1, 0)]["wave_gains"] == A_GAIN
    assert not tried[(1, 1)]["kept"] and tried[(1, 1)]["wave_gains"] == B_GAIN


def test_the_standard_error_rule_sits_between_the_two():
    # +1 on one wave in three, 0 elsewhere over 9 waves: mean 0.33, sd 0.5, se 0.17
    gains = [[1.0, 0.0, 0.0] * 3]
    assert not wave_gain_accepts(gains)
    assert wave_gain_accepts(gains, per_mean=True)
    # a gain on one wave in nine, losses on two: mean 0, not kept by either
    assert not wave_gain_accepts([[3.0, -1.5, -1.5, 0, 0, 0, 0, 0, 0]], per_mean=True)
    assert search("out-of-fold-se") == Settings(a=1, b=0)  # b's noise (mean 0.5, se 2.5) stays out


def test_switch_runs_sets_each_value_and_restores_it(monkeypatch):
    """``common.switch_runs``: one run with the switch off, one on, the module's value restored
    afterwards, also when a run fails."""
    import types

    from common import switch_runs

    import sitrep.evaluation

    module = types.SimpleNamespace(FLAG="sentinel")
    seen = []

    def fake_run(pipeline, docs):
        seen.append(module.FLAG)
        return types.SimpleNamespace(analyses=[(pipeline, module.FLAG, d) for d in docs])

    monkeypatch.setattr(sitrep.evaluation, "run_documents", fake_run)
    runs = switch_runs(module, "FLAG", "p", ["d1", "d2"])
    assert seen == [False, True]
    assert runs == {False: [("p", False, "d1"), ("p", False, "d2")], True: [("p", True, "d1"), ("p", True, "d2")]}
    assert module.FLAG == "sentinel"

    def failing_run(pipeline, docs):
        raise RuntimeError("boom")

    monkeypatch.setattr(sitrep.evaluation, "run_documents", failing_run)
    with pytest.raises(RuntimeError):
        switch_runs(module, "FLAG", "p", ["d1"])
    assert module.FLAG == "sentinel"
