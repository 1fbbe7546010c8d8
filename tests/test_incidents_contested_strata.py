"""``benchmarks/incidents_contested_strata.py`` (contested fields on the untargeted tune strata, out of
fold), on invented rows only.

No row here comes from FA-KES or any evaluation set; the towns, outlets and incidents are made up.
"""

from __future__ import annotations

import datetime
import json
import math

import incidents_contested_strata as strata

fit = strata.fit  # scripts/fit_incident_linker.py, put on the path by the benchmark


def _row(split: int, key: str, group: str, incident: str, gold: set[str], linked: bool, flagged: set[str],
         versions: dict[str, list[str]] | None = None, numbers: set[str] | None = None) -> strata.PairRow:
    return strata.PairRow(split, (f"X.csv#row{key}", f"X.csv#row{key}0"), group, incident, frozenset(gold), linked,
                          frozenset(flagged), versions or {}, frozenset(numbers or ()))


def test_tally_splits_misses_by_cause_and_field():
    tally = strata.Tally()
    tally.add(_row(0, "1", "untargeted", "i", {"casualties", "blame"}, False, set()))  # not linked: both fields
    tally.add(_row(0, "2", "untargeted", "j", {"blame"}, True, {"casualties"}))  # linked: missed + extra
    tally.add(_row(0, "3", "untargeted", "k", set(), True, {"blame"}))  # agreeing, flagged
    tally.add(_row(0, "4", "untargeted", "k", set(), True, set()))  # agreeing, clean
    assert (tally.differ, tally.right, tally.agree, tally.flagged) == (2, 0, 2, 1)
    assert (tally.linked_differ, tally.linked_agree, tally.extra) == (1, 2, 1)
    assert tally.causes == {("casualties", "not linked"): 1, ("blame", "not linked"): 1,
                            ("blame", "linked, flag missed"): 1, ("casualties", "extra field"): 1,
                            ("blame", "false flag"): 1}
    assert tally.fields["blame"] == [0, 1, 2] and tally.fields["casualties"] == [0, 1, 1]
    assert tally.rates() == {"contested_right": 0.0, "false_flags": 0.5}


def test_figures_met_reads_the_numbers_of_the_versions_not_of_the_document_marks():
    right = _row(0, "1", "all", "i", {"casualties"}, True, {"casualties"},
                 {"casualties": ["killed 12 (the monitor) [a]", "killed 30 (outlet x) [b]"]}, {"12", "31"})
    wrong = _row(0, "2", "all", "i", {"casualties"}, True, {"casualties"},
                 {"casualties": ["killed 7 (the monitor) [a]"]}, {"12"})
    assert strata.figures_met(right) and not strata.figures_met(wrong)


def test_majority_and_incident_counts_over_splits():
    rows = [_row(s, "1", "untargeted", "i", set(), True, {"blame"} if s < 2 else set()) for s in range(5)]
    rows += [_row(s, "2", "untargeted", "i", set(), True, {"blame"} if s < 3 else set()) for s in range(5)]
    rows += [_row(s, "3", "targeted", "j", set(), True, set()) for s in range(5)]
    votes = strata.majority(rows)
    assert votes[("X.csv#row1", "X.csv#row10")] == (False, False)  # flagged in 2 of 5
    assert votes[("X.csv#row2", "X.csv#row20")] == (False, True)  # flagged in 3 of 5
    assert strata.flagged_incidents(rows, "untargeted")["flagged_incidents"] == 1
    assert strata.flagged_incidents(rows, "all")["agreeing_incidents"] == 2
    assert strata.flagged_incidents(rows, "targeted")["flagged_incidents"] == 0


def test_upper_bound_is_clopper_pearson():
    assert math.isclose(strata.upper_bound(0, 14), 1 - 0.05 ** (1 / 14), abs_tol=1e-6)
    assert strata.upper_bound(3, 3) == 1.0
    assert 0.2 < strata.upper_bound(1, 10) < 0.45


def test_bootstrap_draws_incidents_not_pairs():
    rows = [_row(0, str(i), "untargeted", "big", {"casualties"}, True, {"casualties"}) for i in range(1, 9)]
    rows.append(_row(0, "9", "untargeted", "small", {"casualties"}, False, set()))
    out = strata.bootstrap(rows, "untargeted", draws=400)
    assert out["incidents"] == [2]
    low, high = out["contested_right_95"]
    assert low == 0.0 and high == 1.0  # a draw of "small" twice is 0, of "big" twice is 1


def test_load_rows_groups_by_the_fit_strata(tmp_path):
    day = datetime.date(2030, 5, 1)
    rows = {1: fit.RowMeta("qarat", "a", day), 2: fit.RowMeta("qarat", "b", day + datetime.timedelta(days=1)),
            3: fit.RowMeta("nabk", "c", day)}
    gold = {frozenset(("X.csv#row1", "X.csv#row2")): {"incident": "i", "versions": {"casualties": {"a": "9 dead"}}},
            frozenset(("X.csv#row1", "X.csv#row3")): {"incident": "j", "versions": {}}}
    out = tmp_path / "rows.jsonl"
    out.write_text("".join(json.dumps({"split": 0, "a": a, "b": b, "gold": ["casualties"], "linked": True,
                                       "flagged": [], "versions": {}}) + "\n"
                           for a, b in (("X.csv#row1", "X.csv#row2"), ("X.csv#row1", "X.csv#row3"))), encoding="utf-8")
    loaded = strata.load_rows(out, gold, rows)
    assert [r.group for r in loaded] == ["untargeted", "targeted"]
    assert loaded[0].gold_numbers == frozenset({"9"}) and loaded[1].incident == "j"
