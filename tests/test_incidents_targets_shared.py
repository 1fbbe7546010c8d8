"""The benchmark option that weighs one linker input (``common.weighted_input`` for
``incidents_scale.py --input``) (issue 11, incidents63; its input ``targets_shared`` failed its bar and
was removed: prune4).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from conftest import REPO
from incident_helpers import Line, report

from sitrep.incidents.features import (
    Scorer,
)
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.settings import load_settings

S = load_settings()


def _strike(doc_id: str, published: str, recipients: list[str]) -> Mention:
    """A report of a strike on an invented town whose event was done to ``recipients``."""
    words = "Jets struck positions in Qarat Amal, the monitor said."
    line = Line(words, "struck", actors=["SYR_AF"], recipients=recipients, place="Qarat Amal")
    return mentions([report(doc_id, doc_id.upper(), published, [line])], S)[0]


@pytest.fixture()
def common() -> Any:
    sys.path.insert(0, str(REPO / "benchmarks"))
    import common as module

    return module


def test_incidents_weighted_input_weighs_one_input_and_leaves_the_rest(common: Any) -> None:
    """``NAME=W`` gives a copy of the settings whose model weighs ``NAME`` W, every other weight and
    the shipped settings unchanged; a name that is no input here is refused."""
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


