"""``benchmarks/prospective.py``: the statistics and the decision rule of the prospective confirmation
(issue 13, ``pro1``). Every figure here is made up; the fresh waves are scored by the script itself."""

from __future__ import annotations

import prospective as pro
import pytest


def test_one_sided_sign_test_known_values() -> None:
    """8 of 8 up is 1/256; 6 up 1 down (one tie dropped) is (1 + 7) / 128; more down than up is large."""
    assert pro.sign_p_one_sided([1, 2, 1, 3, 1, 1, 2, 5]) == pytest.approx(1 / 256)
    assert pro.sign_p_one_sided([1, 1, 1, 1, 1, 1, -1, 0]) == pytest.approx(8 / 128)
    assert pro.sign_p_one_sided([0, 0, 0]) == 1.0
    assert pro.sign_p_one_sided([-1, -1, 1]) == pytest.approx(7 / 8)


def test_one_sided_t_test_known_value() -> None:
    """gains 1..8: mean 4.5, sd sqrt(6), t = 4.5 / (sqrt(6) / sqrt(8)); its one-sided p with 7 degrees of
    freedom from scipy; equal gains give no t and p 1."""
    from scipy.stats import t as student

    t, p = pro.t_p_one_sided([1, 2, 3, 4, 5, 6, 7, 8])
    assert t == pytest.approx(4.5 / (6 ** 0.5 / 8 ** 0.5))
    assert p == pytest.approx(float(student.sf(t, 7)))
    assert pro.t_p_one_sided([2, 2, 2]) == (None, 1.0)


def test_reading_p_is_the_larger_of_sign_and_t() -> None:
    test = pro.Test("R", [1, 1, 1, 1, 1, 1, 1, 9], sign_p=1 / 256, t=1.7, t_p=0.07)
    assert test.p == 0.07


def _test(name: str, p: float) -> pro.Test:
    return pro.Test(name, [1], sign_p=p, t=None, t_p=p)


def test_holm_steps_down_and_stops_at_the_first_failure() -> None:
    """Smallest p against 0.025, the next against 0.05; a failing first step fails both."""
    assert pro.holm([_test("a", 0.02), _test("b", 0.04)]) == {"a": True, "b": True}
    assert pro.holm([_test("a", 0.03), _test("b", 0.04)]) == {"a": False, "b": False}
    assert pro.holm([_test("a", 0.001), _test("b", 0.06)]) == {"a": True, "b": False}


def _pool(f1: float, acc: float) -> dict[str, float]:
    return {"event_f1": f1, "actor_accuracy": acc, "recipient_accuracy": acc, "place_accuracy": acc,
            "status_accuracy": acc}


PLOVER = {"category_accuracy": 0.85, "actor_f1": 0.89, "recipient_f1": 0.75}


def test_guards_use_each_readings_tolerance() -> None:
    """R1 may lose up to 0.005 of an accuracy and has no event F1 guard; R2 0.002 and an F1 guard."""
    r1, r2 = pro.READINGS
    off, small_fall = _pool(0.66, 0.70), _pool(0.60, 0.696)
    assert all(pro.guards(r1, off, small_fall, PLOVER, PLOVER).values())
    g2 = pro.guards(r2, off, small_fall, PLOVER, PLOVER)
    assert not g2["event_f1"] and not g2["actor"]
    big_fall = _pool(0.70, 0.69)
    assert not pro.guards(r1, off, big_fall, PLOVER, PLOVER)["recipient"]
    worse_plover = dict(PLOVER, actor_f1=0.88)
    assert not pro.guards(r1, off, off, PLOVER, worse_plover)["plover actor_f1"]


def test_verdict_needs_holm_and_guards_and_keeps_the_stronger_when_the_two_clash() -> None:
    tests = [_test("R1", 0.001), _test("R2", 0.03)]
    ok = {"R1": {"x": True}, "R2": {"x": True}}
    assert pro.verdict(tests, ok, together_ok=True) == {"R1": True, "R2": True}
    assert pro.verdict(tests, ok, together_ok=False) == {"R1": True, "R2": False}
    assert pro.verdict(tests, {"R1": {"x": False}, "R2": {"x": True}}, True) == {"R1": False, "R2": True}
    assert pro.verdict([_test("R1", 0.03), _test("R2", 0.04)], ok, True) == {"R1": False, "R2": False}


def test_objectives_count_in_each_readings_unit() -> None:
    scored = {"matched": 40, "predicted_events": 55, "actor_strict_accuracy": 0.5, "recipient_strict_accuracy": 0.75,
              "recipient_accuracy": 0.8}
    assert pro.objective("net", scored) == 25
    assert pro.objective("strict_parties", scored) == 20 + 30
    assert pro.objective("recipients", scored) == 32
    with pytest.raises(ValueError):
        pro.objective("other", scored)


def test_switched_restores_the_switches() -> None:
    from sitrep.stages.events import carried_doer, territory

    before = (carried_doer.USE, territory.THEATRE_LOCATES)
    with pro.switched(pro.READINGS[1].switches):
        assert (carried_doer.USE, territory.THEATRE_LOCATES) == (True, True)
    assert before == (carried_doer.USE, territory.THEATRE_LOCATES)
