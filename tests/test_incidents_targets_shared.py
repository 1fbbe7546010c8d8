"""The stacked report input ``targets_shared`` (switched off) and the benchmark options that measure
a switched-off input both ways (``incidents_contested_oof.py --input-on``, ``common.weighted_input``
for ``incidents_switch_cost.py`` and ``incidents_scale.py --input``) (issue 11, incidents63).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from incident_helpers import Line, assert_stacked_input_off, report

from sitrep.incidents.features import (
    INPUTS_ENV,
    STACKED_SWITCHED_OFF,
    Scorer,
)
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.settings import load_settings

S = load_settings()
TARGETS_SHARED = STACKED_SWITCHED_OFF["targets_shared"][1]


def _strike(doc_id: str, published: str, recipients: list[str]) -> Mention:
    """A report of a strike on an invented town whose event was done to ``recipients``."""
    words = "Jets struck positions in Qarat Amal, the monitor said."
    line = Line(words, "struck", actors=["SYR_AF"], recipients=recipients, place="Qarat Amal")
    return mentions([report(doc_id, doc_id.upper(), published, [line])], S)[0]


def test_incidents_targets_shared_is_one_victim_party_named_by_both_events() -> None:
    """Both events done to the rebels: 1, in either order; rebels against civilians, or one event
    naming no recipient: 0."""
    first = _strike("a", "2030-05-06", ["REBELS"])
    second = _strike("b", "2030-05-07", ["REBELS"])
    assert first.targets and first.targets == second.targets
    assert TARGETS_SHARED(first, second, S) == TARGETS_SHARED(second, first, S) == 1.0
    other = _strike("c", "2030-05-07", ["CIVILIANS"])
    assert not (other.targets & first.targets)
    assert TARGETS_SHARED(first, other, S) == 0.0
    assert TARGETS_SHARED(first, _strike("d", "2030-05-07", []), S) == 0.0


def test_incidents_targets_shared_leaves_out_a_bare_state_name() -> None:
    """A party either report names only by the bare name of the state (``state_names``) is no
    shared victim: the same targets with it named so by one report give 0."""
    first = _strike("a", "2030-05-06", ["REBELS"])
    second = _strike("b", "2030-05-07", ["REBELS"])
    party = next(iter(first.targets))
    assert TARGETS_SHARED(dataclasses.replace(first, state_names=frozenset({party})), second, S) == 0.0
    assert TARGETS_SHARED(first, dataclasses.replace(second, state_names=frozenset({party})), S) == 0.0
    assert TARGETS_SHARED(first, dataclasses.replace(second, state_names=frozenset({"XYZ"})), S) == 1.0


def test_incidents_targets_shared_is_off_unless_the_environment_names_it() -> None:
    """Off (the default), the input is no column of the fit and the shipped linker does not weigh
    it; named in ``SITREP_INCIDENT_INPUTS``, it is a stacked report column whose source is no
    mention column; the fit holds its sign >= 0."""
    assert_stacked_input_off("targets_shared")


@pytest.fixture()
def common() -> Any:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import common as module

    return module


def test_incidents_weighted_input_weighs_one_input_and_leaves_the_rest(common: Any) -> None:
    """``NAME=W`` gives a copy of the settings whose model weighs ``NAME`` W, every other weight and
    the shipped settings unchanged; a name that is no input here (a switched-off one not named in
    the environment) is refused."""
    assert S.model.weights["toll_agree"] == 0.0
    on = common.weighted_input(S, "toll_agree=0.75")
    assert on.model.weights["toll_agree"] == 0.75 and S.model.weights["toll_agree"] == 0.0
    assert {k: v for k, v in on.model.weights.items() if k != "toll_agree"} == \
        {k: v for k, v in S.model.weights.items() if k != "toll_agree"}
    assert on.model.threshold == S.model.threshold and on.model.bias == S.model.bias
    with pytest.raises(SystemExit, match="no linker input"):
        common.weighted_input(S, "no_such_input=1")


def test_incidents_weighted_input_at_zero_links_as_the_shipped_model(common: Any) -> None:
    """The A/A arm of the cost run: weight 0 computes nothing more and links as the shipped model;
    a non-zero weight is computed by the scorer (the report score of a pair moves)."""
    a = report("a", "A", "2030-05-06", [Line("Jets struck the mill of Qarat Amal.", "struck", place="Qarat Amal")])
    b = report("b", "B", "2030-05-06", [Line("Jets struck the mill of Qarat Amal.", "struck", place="Qarat Amal")])
    found = mentions([a, b], S)
    same = common.weighted_input(S, "toll_agree=0")
    assert [sorted(m.id for m in g.mentions) for g in link(found, same)] == \
        [sorted(m.id for m in g.mentions) for g in link(found, S)]
    assert len(Scorer(same)._report) == len(Scorer(S)._report)
    assert len(Scorer(common.weighted_input(S, "lead_fine_differ=-1"))._report) == len(Scorer(S)._report) + 1


@pytest.fixture()
def oof() -> Any:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import incidents_contested_oof as module

    return module


def test_incidents_contested_oof_input_on_runs_the_child_with_the_input(oof: Any, monkeypatch: pytest.MonkeyPatch,
                                                                         tmp_path: Path) -> None:
    """``--input-on NAME``: one child run of the script with the environment naming the input and the
    folds fitting the default features plus it, the same folds and settings; its figures returned."""
    seen: dict[str, Any] = {}
    child = {"config": {"features": "f,g,targets_shared"}, "splits": [{"f1": 0.5}], "f1": {"mean": 0.5},
             "contested_right": {"mean": 0.7}, "false_flags": {"mean": 0.0}, "causes": {},
             "fold_weights_mean": {"targets_shared": 0.4}}

    def fake_run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        seen["command"], seen["env"] = command, kwargs["env"]
        return subprocess.CompletedProcess(command, 0, json.dumps(child), "")

    monkeypatch.setattr(oof.subprocess, "run", fake_run)
    monkeypatch.delenv(INPUTS_ENV, raising=False)
    args = argparse.Namespace(db="x.db", pairs="p.jsonl", folds=5, repeats=5, rounds=3, features=None,
                              linker="l.json", set=["MAX_VERSION_RATIO=inf"], pairs_out=str(tmp_path / "rows"))
    got = oof.input_on(args, "targets_shared", ("f", "g"))
    command = seen["command"]
    assert command[command.index("--features") + 1] == "f,g,targets_shared"
    assert command[command.index("--repeats") + 1] == "5" and command[command.index("--set") + 1] == "MAX_VERSION_RATIO=inf"
    assert command[command.index("--pairs-out") + 1] == str(tmp_path / "rows") + ".on"
    assert "--input-on" not in command and seen["env"][INPUTS_ENV] == "targets_shared"
    assert got["splits"] == [{"f1": 0.5}] and got["fold_weights_mean"] == {"targets_shared": 0.4}
    assert oof.mean_weights([{"x": 1.0, "y": 0.0}, {"x": 0.0, "y": 0.5}]) == {"x": 0.5, "y": 0.25}
    assert oof.mean_weights([]) == {}
