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


# --- the second sample (branch agree4): the near-stratum draw and its exclusions, on made-up rows ---

def _row(date: str, unit: int = 2) -> dict[str, str]:
    return {"date": date, "unit_id": str(unit), "source": "outlet", "location": "town"}


#: made-up rows: 1-2 one day apart, 1-3 three days, 1-4 four days, 5 has no date, 6 an unreadable one
ROWS = {1: _row("3/10/2016"), 2: _row("3/11/2016"), 3: _row("3/13/2016"), 4: _row("3/14/2016"),
        5: _row(""), 6: _row("sometime"), 7: _row("3/10/2016"), 8: _row("3/10/2016")}


def test_inter_coder_pairs_near_pool_keeps_tune_pairs_at_most_three_days_apart() -> None:
    refs = [(1, 2, "tune"), (1, 3, "tune"), (1, 4, "tune"), (1, 5, "tune"), (1, 6, "tune"), (7, 8, "check"),
            (2, 3, "tune")]
    pool = icp.near_pool(refs, ROWS, exclude_pairs=set(), exclude_rows=set())
    # 1/4 is four days apart, 1/5 and 1/6 have no readable date, 7/8 is a check pair
    assert pool == [0, 1, 6]
    # 2/3 is two days apart
    assert icp.near_pool(refs, ROWS, exclude_pairs=set(), exclude_rows=set(), max_days=2) == [0, 6]
    assert icp.near_pool(refs, ROWS, exclude_pairs=set(), exclude_rows=set(), max_days=1) == [0]


def test_inter_coder_pairs_near_pool_leaves_out_drawn_pairs_and_named_rows() -> None:
    refs = [(1, 2, "tune"), (1, 3, "tune"), (2, 3, "tune"), (7, 8, "tune")]
    pool = icp.near_pool(refs, ROWS, exclude_pairs={(1, 2)}, exclude_rows={3})
    # 1/2 was drawn before, 1/3 and 2/3 hold a named row: only 7/8 is left
    assert pool == [3]


def test_inter_coder_pairs_named_rows_reads_every_way_a_guide_names_a_row() -> None:
    guide = ("A line from the file: {\"a\": \"FA-KES-Dataset.csv#row94\"}. Relabel: 112/328 now same. "
             "Rows 14, 37 and 102 were read; row 5 too. The 2026-12-03 wave, 10 % tolerance, 3,000 buses, "
             "a toll of 900/1200 and 24 hours are no rows.")
    assert icp.named_rows(guide) == {94, 112, 328, 14, 37, 102, 5}
    assert icp.named_rows("no row is named here: 12 dead on 3 March") == set()


def test_inter_coder_pairs_section_is_the_text_under_one_heading() -> None:
    text = ("## Chapter\n### Follow-up: [branch one] x\nrow 3\n### Follow-up: [branch two] y\nrows 4 and 5\n"
            "#### detail\nrow 6\n## Next chapter\nrow 7\n")
    two = icp.section(text, "[branch two]")
    assert icp.named_rows(two) == {4, 5, 6}
    assert icp.named_rows(icp.section(text, "[branch one]")) == {3}
    assert icp.section(text, "[branch three]") == ""


def test_inter_coder_pairs_wilson_and_pair_f1_by_hand() -> None:
    assert icp.wilson(0, 0) is None
    lo, hi = icp.wilson(6, 8)  # type: ignore[misc]
    assert (round(lo, 3), round(hi, 3)) == (0.409, 0.929)
    lo, hi = icp.wilson(0, 3)  # type: ignore[misc]
    assert lo == 0.0 and round(hi, 3) == 0.562
    # tp 3, fp 1, fn 0: F1 = 6 / 7
    assert icp.pair_f1([True, True, True, False, False], [True, True, True, True, False]) == pytest.approx(6 / 7)
    assert icp.pair_f1([False, False], [True, False]) == 0.0


def test_inter_coder_pairs_target_calls_by_the_interval() -> None:
    assert icp.call(0.85, (0.889, 1.0)) == "below"
    assert icp.call(0.85, (0.5, 0.8)) == "above"
    assert icp.call(0.70, (0.41, 0.93)) == "at"
    assert icp.call(0.10, (0.2, 0.5), at_most=True) == "above"
    assert icp.call(0.10, (0.0, 0.05), at_most=True) == "below"
    assert icp.call(0.10, (0.0, 0.35), at_most=True) == "at"
    assert icp.call(0.70, None) == "undefined"


def test_inter_coder_pairs_f1_interval_is_seeded_and_holds_the_point() -> None:
    gold = [c.same for c in A]
    other = [c.same for c in B]
    first = icp.f1_interval(gold, other, draws=300)
    assert first == icp.f1_interval(gold, other, draws=300)
    assert first[0] <= icp.pair_f1(gold, other) <= first[1]
    assert icp.f1_interval(gold, gold, draws=300) == (1.0, 1.0)
    calls = icp.target_calls(A, _keyed(B))
    assert calls["contested_right"] == [1, 2] and calls["false_flags"] == [1, 1]
