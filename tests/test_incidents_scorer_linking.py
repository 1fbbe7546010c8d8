"""``sitrep eval incidents``' two readings of the contested fields (issue 11, decision 4 of
``docs/decisions.md``): end to end (every same pair) and on the pairs the linker linked
(``contested_by_linking``), with the end-to-end misses split into *not linked* and *linked*.

The gold pairs and reports here are written for these tests (``incident_helpers``); none comes
from an evaluation set.
"""

from __future__ import annotations

import json
from typing import Any

from incident_helpers import rival_tolls_reports

from sitrep.incidents.evaluate import evaluate_inputs
from sitrep.incidents.scorer import GoldPair, Prediction, score
from sitrep.incidents.settings import load_settings

S = load_settings()

#: a toy gold: differing pairs linked right, not linked, linked with a wrong field; agreeing pairs
#: linked with a flag, not linked, linked clean; two different pairs; a check half with an
#: unresolved pair
GOLD = [GoldPair("r1", "r2", "same", "tune", ("casualties",)),
        GoldPair("r1", "r3", "same", "tune", ("blame",)),
        GoldPair("r2", "r3", "same", "tune", ("blame", "casualties")),
        GoldPair("r4", "r5", "same", "tune"),
        GoldPair("r4", "r6", "same", "tune"),
        GoldPair("r5", "r6", "same", "tune"),
        GoldPair("r1", "r7", "different", "tune"),
        GoldPair("r2", "r7", "different", "tune"),
        GoldPair("r8", "r9", "same", "check", ("victims",)),
        GoldPair("r8", "r10", "same", "check"),
        GoldPair("r9", "r10", "different", "check")]
PREDICTED = {("r1", "r2"): Prediction(True, frozenset({"casualties", "blame"})),
             ("r1", "r3"): Prediction(False),
             ("r2", "r3"): Prediction(True, frozenset({"victims"})),
             ("r4", "r5"): Prediction(True, frozenset({"place"})),
             ("r4", "r6"): Prediction(False),
             ("r5", "r6"): Prediction(True),
             ("r1", "r7"): Prediction(True, frozenset({"blame"})),
             ("r2", "r7"): Prediction(False),
             ("r8", "r10"): Prediction(True, frozenset({"date"})),
             ("r9", "r10"): Prediction(False)}

#: ``score(GOLD, PREDICTED)`` as main's scorer printed it before ``contested_by_linking`` was added
#: (commit fdda7b9d, ``json.dumps``): the end-to-end figures, byte for byte
BEFORE = (
    '{"all": {"pairs": 11, "unresolved": 1, "tp": 5, "fp": 1, "fn": 3, "tn": 2, "precision": 0.833, "recall": 0.625, '
    '"f1": 0.714, "contested_right": 0.25, "contested_pairs": 4, "false_flags": 0.5, "agreeing_pairs": 4, "fields": '
    '{"casualties": {"tp": 1, "fp": 0, "fn": 1}, "blame": {"tp": 0, "fp": 1, "fn": 2}, "occurred": {"tp": 0, "fp": 0, '
    '"fn": 0}, "victims": {"tp": 0, "fp": 1, "fn": 1}, "place": {"tp": 0, "fp": 1, "fn": 0}, "date": {"tp": 0, "fp": 1, '
    '"fn": 0}}}, "check": {"pairs": 3, "unresolved": 1, "tp": 1, "fp": 0, "fn": 1, "tn": 1, "precision": 1.0, '
    '"recall": 0.5, "f1": 0.667, "contested_right": 0.0, "contested_pairs": 1, "false_flags": 1.0, "agreeing_pairs": 1, '
    '"fields": {"casualties": {"tp": 0, "fp": 0, "fn": 0}, "blame": {"tp": 0, "fp": 0, "fn": 0}, "occurred": {"tp": 0, '
    '"fp": 0, "fn": 0}, "victims": {"tp": 0, "fp": 0, "fn": 1}, "place": {"tp": 0, "fp": 0, "fn": 0}, "date": {"tp": 0, '
    '"fp": 1, "fn": 0}}}, "tune": {"pairs": 8, "unresolved": 0, "tp": 4, "fp": 1, "fn": 2, "tn": 1, "precision": 0.8, '
    '"recall": 0.667, "f1": 0.727, "contested_right": 0.333, "contested_pairs": 3, "false_flags": 0.333, '
    '"agreeing_pairs": 3, "fields": {"casualties": {"tp": 1, "fp": 0, "fn": 1}, "blame": {"tp": 0, "fp": 1, "fn": 2}, '
    '"occurred": {"tp": 0, "fp": 0, "fn": 0}, "victims": {"tp": 0, "fp": 1, "fn": 0}, "place": {"tp": 0, "fp": 1, '
    '"fn": 0}, "date": {"tp": 0, "fp": 0, "fn": 0}}}}'
)


def _without_linking(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: {n: v for n, v in m.items() if n != "contested_by_linking"} for k, m in metrics.items()}


def test_scorer_linking_leaves_the_end_to_end_figures_byte_identical() -> None:
    """The new key is an addition: without it, the output is the old scorer's, byte for byte
    (key order included), and it comes after every old key."""
    got = score(GOLD, PREDICTED)
    assert json.dumps(_without_linking(got)) == BEFORE
    assert all(list(m)[-1] == "contested_by_linking" for m in got.values())


def test_scorer_linking_an_unlinked_pair_counts_end_to_end_and_as_not_linked_only() -> None:
    """Tune: 3 differing same pairs, 1 right end to end; r1/r3 is not linked: in the end-to-end
    denominator and the "not linked" misses, never in the linked-only denominator; r2/r3 is
    linked with a wrong field only: a linked miss."""
    tune = score(GOLD, PREDICTED)["tune"]
    differing = tune["contested_by_linking"]["differing"]
    assert tune["contested_pairs"] == differing["pairs"] == 3 and tune["contested_right"] == 0.333
    assert differing == {"pairs": 3, "right": 1, "missed": 2, "linked": 2, "linked_share": 0.667,
                         "linked_right": 1, "linked_right_share": 0.5, "missed_not_linked": 1, "missed_linked": 1}
    alone = score([GOLD[1]], PREDICTED)["tune"]["contested_by_linking"]["differing"]
    assert (alone["pairs"], alone["missed_not_linked"], alone["linked"], alone["linked_right_share"]) == (1, 1, 0, None)


def test_scorer_linking_a_linked_agreeing_pair_with_a_flag_is_a_linked_false_flag() -> None:
    """r4/r5 (linked, flagged) is a linked false flag; r4/r6 (not linked) counts end to end as
    an agreeing pair with no flag and is left out of the linked-only reading; r5/r6 is clean."""
    tune = score(GOLD, PREDICTED)["tune"]
    agreeing = tune["contested_by_linking"]["agreeing"]
    assert tune["false_flags"] == 0.333 and tune["agreeing_pairs"] == 3
    assert agreeing == {"pairs": 3, "flagged": 1, "linked": 2, "linked_share": 0.667, "linked_flagged": 1,
                        "linked_false_flags": 0.5, "flagged_not_linked": 0}
    check = score(GOLD, PREDICTED)["check"]["contested_by_linking"]
    # the unresolved check pair is a differing pair never linked: a "not linked" miss
    assert check["differing"]["missed_not_linked"] == 1 and check["differing"]["linked"] == 0
    assert check["agreeing"]["linked_false_flags"] == 1.0


def test_scorer_linking_counts_add_up_per_half() -> None:
    for metrics in score(GOLD, PREDICTED).values():
        d, a = metrics["contested_by_linking"]["differing"], metrics["contested_by_linking"]["agreeing"]
        assert d["missed_not_linked"] + d["missed_linked"] == d["missed"] == d["pairs"] - d["right"]
        assert d["linked_right"] + d["missed_linked"] == d["linked"] <= d["pairs"]
        assert a["flagged_not_linked"] + a["linked_flagged"] == a["flagged"]
        assert a["linked"] <= a["pairs"] == metrics["agreeing_pairs"]


def test_scorer_linking_end_to_end_from_project_reports() -> None:
    """On ``rival_tolls_reports``, linked by the shipped linker: a/b (rival tolls flagged) and c/d
    (no flag); a/e is not. Labelled here so each counts where the readings part: a/b agreeing (a
    linked false flag), c/d differing on blame (a linked miss), a/e differing (a not-linked miss:
    in the end-to-end denominator only)."""
    gold = [GoldPair("a", "b", "same", "tune"), GoldPair("c", "d", "same", "tune", ("blame",)),
            GoldPair("a", "e", "same", "tune", ("casualties",)), GoldPair("b", "c", "different", "tune")]
    tune = evaluate_inputs(rival_tolls_reports(), gold, S)["tune"]
    d, a = tune["contested_by_linking"]["differing"], tune["contested_by_linking"]["agreeing"]
    assert (tune["tp"], tune["fn"]) == (2, 1)
    assert (tune["contested_right"], tune["contested_pairs"], tune["false_flags"]) == (0.0, 2, 1.0)
    assert (d["linked"], d["missed_not_linked"], d["missed_linked"], d["linked_right_share"]) == (1, 1, 1, 0.0)
    assert (a["linked"], a["linked_flagged"], a["linked_false_flags"]) == (1, 1, 1.0)
