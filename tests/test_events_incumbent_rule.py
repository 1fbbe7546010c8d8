"""The incumbent rule of the events rule searches (issue 13, ``common.incumbent_rule``): a searched
winner replaces the shipped rule only when its mean per-wave gain in the objective, paired on the
same waves, is larger than the sd of those gains; otherwise the shipped file is written back byte
for byte. The per-wave metrics here are made up; the script tests run ``events_context.py`` and
``events_place_context.py`` on the shipped rule files with their runs replaced by made-up scores.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from common import IncumbentChoice, incumbent_arg, incumbent_choice, write_choice


@dataclasses.dataclass(frozen=True)
class Rule:
    window: int = 2


def _waves(values: list[float], second: list[float] | None = None) -> list[dict[str, Any]]:
    return [{"score": v, "f1": (second[i] if second else 0.5)} for i, v in enumerate(values)]


def _objective(m: dict[str, Any]) -> tuple[float, float]:
    return (m["score"], m["f1"])


def _choose(winner: list[float], incumbent: list[float] | None, **kw: list[float]) -> IncumbentChoice:
    waves = list(range(len(winner)))
    return incumbent_choice(Rule(3), None if incumbent is None else Rule(2), _waves(winner, kw.get("winner_f1")),
                            _waves(incumbent or [], kw.get("incumbent_f1")), _objective, waves)


def test_incumbent_rule_keeps_the_incumbent_on_a_tie():
    choice = _choose([0.5, 0.6, 0.7], [0.5, 0.6, 0.7])
    assert choice.chosen_by == "incumbent" and choice.rule == Rule(2) and choice.keeps_incumbent
    assert choice.mean_gain == 0.0 and choice.sd_gain == 0.0


def test_incumbent_rule_keeps_the_incumbent_on_a_gain_within_the_spread():
    # pooled the winner is ahead (mean gain +0.005), but the per-wave gains swing by far more
    choice = _choose([0.52, 0.49, 0.52, 0.49], [0.5, 0.5, 0.5, 0.5])
    assert choice.chosen_by == "incumbent" and choice.rule == Rule(2)
    assert choice.mean_gain == pytest.approx(0.005)
    assert choice.sd_gain is not None and choice.sd_gain > choice.mean_gain
    assert choice.gains == pytest.approx((0.02, -0.01, 0.02, -0.01))


def test_incumbent_rule_replaces_the_incumbent_beyond_the_spread():
    choice = _choose([0.52, 0.53, 0.52, 0.53], [0.5, 0.5, 0.5, 0.5])
    assert choice.chosen_by == "winner" and choice.rule == Rule(3) and not choice.keeps_incumbent
    assert choice.mean_gain == pytest.approx(0.025) and choice.sd_gain is not None and choice.sd_gain < 0.025
    assert choice.waves == (0, 1, 2, 3)


def test_incumbent_rule_tie_on_the_first_component_lets_the_second_decide():
    tied = [0.5, 0.5, 0.5]
    assert _choose(tied, tied, winner_f1=[0.61, 0.62, 0.61], incumbent_f1=[0.6, 0.6, 0.6]).chosen_by == "winner"
    assert _choose(tied, tied, winner_f1=[0.62, 0.59, 0.6], incumbent_f1=[0.6, 0.6, 0.6]).chosen_by == "incumbent"


def test_incumbent_rule_without_an_incumbent_takes_the_winner():
    choice = _choose([0.1, 0.1], None)
    assert choice.chosen_by == "winner" and choice.rule == Rule(3) and choice.mean_gain is None
    assert incumbent_arg("none") is None and incumbent_arg("NONE") is None
    assert incumbent_arg("x/rule.json") == Path("x/rule.json")


def test_incumbent_rule_search_finding_the_incumbent_is_same():
    choice = incumbent_choice(Rule(2), Rule(2), [], [], _objective, [0, 1])
    assert choice.chosen_by == "same" and choice.keeps_incumbent


def test_write_choice_keeps_the_file_byte_for_byte_or_writes_the_winner(tmp_path: Path):
    target = tmp_path / "rule.json"
    original = b'{"rule": {"window": 2},  "odd spacing": true}\n'
    target.write_bytes(original)
    report = tmp_path / "report.json"
    kept = _choose([0.52, 0.49, 0.52, 0.49], [0.5, 0.5, 0.5, 0.5])
    write_choice(target, kept, target, lambda: target.write_text("WRONG"), report)
    assert target.read_bytes() == original
    assert json.loads(report.read_text())["chosen_by"] == "incumbent"
    won = _choose([0.52, 0.53, 0.52, 0.53], [0.5, 0.5, 0.5, 0.5])
    write_choice(target, won, target, lambda: target.write_text('{"rule": {"window": 3}}\n'), report)
    assert json.loads(target.read_text())["rule"] == {"window": 3}
    written = json.loads(report.read_text())
    assert written["chosen_by"] == "winner" and written["rule"] == {"window": 3}
    assert written["mean_gain"] == pytest.approx(0.025) and written["waves"] == [0, 1, 2, 3]


class _FakeRuns:
    """Made-up scores for a rule-fitting script: every rule but ``shipped`` scores ``shipped``'s
    value plus ``delta(wave)`` on each wave (pooled: the mean over the waves)."""

    shipped: Any = None
    delta: Any = None

    def __init__(self, option: str, split: str, cache: Any = None) -> None:
        self.split = split

    def _value(self, rule: Any, wave: int) -> float:
        return 0.5 if rule == self.shipped else 0.5 + self.delta(wave)

    def score(self, rule: Any, waves: Any = None) -> dict[str, Any]:
        from events_side_missing import WAVES

        values = [self._value(rule, w) for w in (range(len(WAVES)) if waves is None else waves)]
        v = sum(values) / len(values)
        return {"event_f1": 0.5, "matched": 1000, "place_accuracy": v, "actor_accuracy": v, "actor_f1": v,
                "recipient_accuracy": v, "recipient_f1": v, "status_accuracy": 0.5}

    def score_waves(self, rule: Any, waves: Any = None) -> list[dict[str, Any]]:
        from events_side_missing import WAVES

        return [self.score(rule, [w]) for w in (range(len(WAVES)) if waves is None else waves)]


@pytest.mark.parametrize("script,constant,rule_class", [
    ("events_context", "CONTEXT_RULE_FILE", "ContextRule"),
    ("events_place_context", "PLACE_CONTEXT_FILE", "PlaceContext"),
])
@pytest.mark.parametrize("steady,flag", [(False, True), (True, True), (False, False)])
def test_script_writes_the_shipped_file_back_unless_beaten(script: str, constant: str, rule_class: str, steady: bool,
                                                           flag: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    module = __import__(script)
    shipped_file: Path = getattr(module, constant)
    target = tmp_path / shipped_file.name
    shutil.copyfile(shipped_file, target)
    original = target.read_bytes()

    class Runs(_FakeRuns):
        shipped = getattr(module, rule_class).load(shipped_file)
        # steady: +0.02 on every wave (beyond the spread); else +0.02 / -0.01 in turn (pooled ahead, within it)
        delta = staticmethod(lambda w: 0.02 + 0.001 * (w % 2) if steady else (0.02 if w % 2 == 0 else -0.01))

    monkeypatch.setattr(module, "HalfRuns", Runs)
    monkeypatch.setattr(module, constant, target)
    monkeypatch.setattr(module, "REPORT", tmp_path / "report.json")
    # --incumbent none turns the rule off: the winner is written even within the spread
    monkeypatch.setattr(sys, "argv", [script, "--incumbent", str(target) if flag else "none"])
    module.main()
    report = json.loads((tmp_path / "report.json").read_text())
    if not flag:
        assert report["chosen_by"] == "winner" and report["incumbent"] is None and target.read_bytes() != original
    elif steady:
        assert report["chosen_by"] == "winner" and target.read_bytes() != original
        assert json.loads(target.read_text())["incumbent"]["chosen_by"] == "winner"
    else:
        assert report["chosen_by"] == "incumbent" and target.read_bytes() == original
        assert report["sd_gain"] > report["mean_gain"] > 0


def test_acceptance_driver_incumbent_procedure_keeps_the_previous_fit_within_the_spread():
    from events_rule_acceptance import with_incumbent
    from events_side_missing import WAVES

    last = len(WAVES) - 1
    searches: list[tuple[int, ...]] = []

    def fit(accept: str, train: list[int]) -> Rule:
        searches.append(tuple(train))
        return Rule(3) if last in train else Rule(2)  # the newest wave flips the search's choice

    def score_waves(rule: Rule, waves: list[int]) -> list[dict[str, Any]]:
        # Rule(3) is ahead by +0.02 / -0.01 in turn: pooled ahead, within the spread
        return [{"score": 0.5 + (0.0 if rule == Rule(2) else (0.02 if w % 2 == 0 else -0.01)), "f1": 0.5}
                for w in waves]

    choices: list[dict[str, Any]] = []
    procedure = with_incumbent(fit, score_waves, _objective, "previous", None, choices)
    train = [w for w in range(len(WAVES)) if w != 0]
    assert procedure("in-sample", train) == Rule(3)
    assert procedure("incumbent", train) == Rule(2)  # the previous round's fit (without the last wave) is kept
    assert choices[-1]["held"] == 0 and choices[-1]["chosen_by"] == "incumbent"
    assert searches.count(tuple(train)) == 1  # the in-sample search runs once per training set
    # a shipped incumbent equal to the winner: nothing to pair, the same rule
    shipped = with_incumbent(fit, score_waves, _objective, "shipped", Rule(3), choices)
    assert shipped("incumbent", train) == Rule(3) and choices[-1]["chosen_by"] == "same"


@pytest.mark.parametrize("script,constant", [("events_record_rule", "RECORD_RULE_FILE"),
                                             ("events_context", "CONTEXT_RULE_FILE"),
                                             ("events_place_context", "PLACE_CONTEXT_FILE")])
def test_scripts_default_incumbent_is_the_shipped_file(script: str, constant: str):
    module = __import__(script)
    assert getattr(module, constant) == module.INCUMBENT and module.INCUMBENT.exists()
