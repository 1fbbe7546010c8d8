"""The inter-coder agreement script (``benchmarks/inter_coder_pairs.py``) on project-written pair
codings: no shared data, no gold file."""

from __future__ import annotations

import json
from pathlib import Path

import inter_coder_pairs as icp
import pytest


def _coding(n: int, same: bool, contested: tuple[str, ...] = ()) -> icp.Coding:
    return icp.Coding(f"doc#row{n}", f"doc#row{n + 100}", same, frozenset(contested))


#: ten made-up pairs: four "same" (two with contested fields), six "different"
A = [_coding(1, True, ("casualties",)), _coding(2, True), _coding(3, True, ("blame",)), _coding(4, True),
     *[_coding(n, False) for n in range(5, 11)]]
#: a second coding with one known disagreement each way: pair 4 same -> different, pair 5 different -> same;
#: and on pair 1, a flag less (casualties) and on pair 2 a flag more (blame)
B = [_coding(1, True), _coding(2, True, ("blame",)), _coding(3, True, ("blame",)), _coding(4, False),
     _coding(5, True), *[_coding(n, False) for n in range(6, 11)]]


def _keyed(codings: list[icp.Coding]) -> dict[tuple[str, str], icp.Coding]:
    return {(c.a, c.b): c for c in codings}


def test_inter_coder_pairs_self_agreement_is_perfect() -> None:
    same = [c.same for c in A]
    assert icp.kappa(same, same) == pytest.approx(1.0)
    figures = icp.versus(A, _keyed(A))
    assert figures["pairs"]["f1"] == 1.0
    assert figures["pairs"]["fp"] == figures["pairs"]["fn"] == 0
    assert figures["contested_right"] == 1.0 and figures["false_flags"] == 0.0
    lo, hi, undefined = icp.kappa_interval(same, same, draws=200)
    assert (lo, hi) == (pytest.approx(1.0), pytest.approx(1.0))
    # a resample drawing only "different" pairs (0.6 ** 10 of them) has no kappa and is left out
    assert 0 <= undefined < 10


def test_inter_coder_pairs_known_disagreement_gives_hand_computed_kappa() -> None:
    # observed agreement 8/10; both code 4 of 10 same, so chance = 0.4*0.4 + 0.6*0.6 = 0.52;
    # kappa = (0.8 - 0.52) / (1 - 0.52) = 0.28 / 0.48
    assert icp.kappa([c.same for c in A], [c.same for c in B]) == pytest.approx(0.28 / 0.48)
    assert icp.kappa([c.same for c in A], [c.same for c in B]) == pytest.approx(7 / 12)


def test_inter_coder_pairs_f1_and_fields_of_a_known_disagreement() -> None:
    figures = icp.versus(A, _keyed(B))
    # B against A: tp 3 (pairs 1-3), fp 1 (pair 5), fn 1 (pair 4): P = R = F1 = 0.75
    assert (figures["pairs"]["tp"], figures["pairs"]["fp"], figures["pairs"]["fn"]) == (3, 1, 1)
    assert figures["pairs"]["f1"] == 0.75
    # the field figures are on the three pairs both call same: A contests 1 and 3, B gets 3 right
    # (blame) and misses 1; A's agreeing pair 2 gets B's blame flag
    assert figures["both_same"] == 3
    assert (figures["contested_pairs"], figures["contested_right"]) == (2, 0.5)
    assert (figures["agreeing_pairs"], figures["false_flags"]) == (1, 1.0)
    assert figures["fields"]["casualties"] == {"tp": 0, "fp": 0, "fn": 1}
    assert figures["fields"]["blame"] == {"tp": 1, "fp": 1, "fn": 0}


def test_inter_coder_pairs_kappa_is_undefined_when_both_code_one_class() -> None:
    assert icp.kappa([False] * 5, [False] * 5) is None


def test_inter_coder_pairs_reads_only_the_kept_pairs(tmp_path: Path) -> None:
    lines = [{"a": "doc#row1", "b": "doc#row2", "label": "same", "split": "tune", "incident": "x",
              "contested": ["blame"], "versions": {"blame": {"a": "p", "b": "q"}}, "note": "n"},
             {"a": "doc#row3", "b": "doc#row4", "label": "different", "split": "tune", "incident": None,
              "contested": [], "versions": {}, "note": "m"}]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    kept = icp.read_codings(path, {("doc#row3", "doc#row4")})
    assert list(kept) == [("doc#row3", "doc#row4")]
    assert kept[("doc#row3", "doc#row4")].same is False
    both = icp.read_codings(path)
    assert both[("doc#row1", "doc#row2")].contested == frozenset({"blame"})
