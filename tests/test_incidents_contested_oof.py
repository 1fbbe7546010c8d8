"""``benchmarks/incidents_contested_oof.py``: the contested fields of the tune pairs scored out of
fold, as the linker fit's cross-validation scores pair F1 (issue 11, 2026-12-05 evening).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import script_module
from incident_helpers import Line, report, rival_tolls_reports

from sitrep.incidents.scorer import GoldPair, score
from sitrep.incidents.settings import load_settings

S = load_settings()
REPO = Path(__file__).resolve().parents[1]


def _docs() -> list:  # type: ignore[type-arg]
    """``rival_tolls_reports`` (a market strike with rival named tolls, a shelling two reports
    agree on, a strike on another day elsewhere), a third report of the market that only a check
    pair holds, and a car bomb in another town two days later."""
    market = "Warplanes struck the crowded vegetable market of Qarat Amal on Monday"
    return [
        *rival_tolls_reports(),
        report("f", "F", "2030-05-07", [Line(market + ", residents said.", "struck", place="Qarat Amal",
                                             day="2030-05-06")]),
        report("g", "G", "2030-05-09", [Line("A car bomb hit a checkpoint of Marj Hilal on Wednesday.", "hit",
                                             place="Marj Hilal", day="2030-05-08")]),
    ]


PAIRS = [GoldPair("a", "b", "same", "tune", ("casualties",)), GoldPair("c", "d", "same", "tune"),
         GoldPair("a", "e", "different", "tune"), GoldPair("c", "g", "different", "tune"),
         GoldPair("a", "f", "same", "check", ("blame",))]


def test_incidents_contested_oof_in_sample_flags_the_rival_tolls_and_never_scores_check() -> None:
    """With the shipped linker (``in_sample``) the market pair is linked and its rival named tolls
    flagged; the agreeing pair gets no flag; every resolved tune pair is predicted once per split,
    and the check pair never (nor listed in the rows)."""
    import incidents_contested_oof as oof

    fit = script_module("fit_incident_linker")
    l2, mode, shipped = oof.shipped_config(oof.LINKER)
    runs, rows = oof.out_of_fold(fit, _docs(), [], PAIRS, S, shipped, l2, "uniform", folds=2, repeats=1,
                                 in_sample=True)
    assert mode in ("uniform", "design") and l2 > 0
    assert len(runs) == 1 and set(runs[0]) == {(p.a, p.b) for p in PAIRS if p.split == "tune"}
    assert runs[0][("a", "b")].same and runs[0][("a", "b")].contested == frozenset({"casualties"})
    assert runs[0][("c", "d")].same and not runs[0][("c", "d")].contested
    assert not runs[0][("a", "e")].same
    assert {(r["a"], r["b"]) for r in rows} == {("a", "b"), ("c", "d")}
    ab = next(r for r in rows if r["a"] == "a")
    assert sorted(ab["versions"]["casualties"]) == ["killed 12 (MONITOR) [a]", "killed 30 (AGENCY) [b]"]
    tune = score([p for p in PAIRS if p.split == "tune"], runs[0])["tune"]
    assert (tune["contested_right"], tune["false_flags"]) == (1.0, 0.0)


def test_incidents_contested_oof_refits_per_fold_and_summarises_the_spread() -> None:
    """Out of fold (two components, two folds: each predicted by a linker fitted on the other's
    pairs), every resolved tune pair is predicted once per split, a row is kept per same pair and
    split, and the summary's spread is over the splits' scores."""
    import incidents_contested_oof as oof

    fit = script_module("fit_incident_linker")
    l2, _, shipped = oof.shipped_config(oof.LINKER)
    runs, rows = oof.out_of_fold(fit, _docs(), [], PAIRS, S, shipped, l2, "uniform", folds=2, repeats=2)
    assert len(runs) == 2 and all(set(r) == {(p.a, p.b) for p in PAIRS if p.split == "tune"} for r in runs)
    assert len(rows) == 4
    scores = [score([p for p in PAIRS if p.split == "tune"], r)["tune"] for r in runs]
    out = oof.summary(scores)
    values = [float(s["contested_right"] or 0.0) for s in scores]
    assert out["contested_right"]["min"] == min(values) and out["contested_right"]["max"] == max(values)
    assert set(out["fields_summed_over_splits"]) >= {"casualties", "blame"}
    json.dumps(out)


def test_incidents_contested_oof_reads_the_shipped_configuration() -> None:
    """The l2 and fit weights are read from the shipped linker's own record of its fit."""
    import incidents_contested_oof as oof

    l2, mode, model = oof.shipped_config(REPO / "src" / "sitrep" / "incidents" / "data" / "linker.json")
    assert f"l2={l2}" in model.fitted_on and f"fit weights {mode}" in model.fitted_on


def test_incidents_contested_oof_counts_errors_by_cause_per_split() -> None:
    """A differing pair with no right field is a linking error when not linked and a reading
    error when linked (no field, or a wrong one); an agreeing pair with a flag is a false flag;
    right pairs and unflagged agreeing pairs are not counted; counts are per split."""
    import incidents_contested_oof as oof

    def row(split: int, a: str, gold: list[str], linked: bool, flagged: list[str]) -> dict[str, object]:
        return {"split": split, "a": f"X.csv#row{a}", "b": "X.csv#row9", "gold": gold, "linked": linked,
                "flagged": flagged}

    rows = [row(0, "1", ["casualties"], False, []), row(1, "1", ["casualties"], False, []),
            row(0, "2", ["casualties"], True, []), row(1, "2", ["casualties"], True, ["casualties"]),
            row(0, "3", ["blame"], True, ["casualties"]), row(1, "3", ["blame"], True, ["blame", "victims"]),
            row(0, "4", [], True, ["blame"]), row(1, "4", [], True, []), row(1, "5", [], False, [])]
    out = oof.causes(rows, 2)
    assert out["not linked"] == {"per_split": 1.0, "pairs": {"row1/row9": 2}}
    assert out["linked, no field flagged"] == {"per_split": 0.5, "pairs": {"row2/row9": 1}}
    assert out["linked, wrong field only"] == {"per_split": 0.5, "pairs": {"row3/row9": 1}}
    assert out["false flag"] == {"per_split": 0.5, "pairs": {"row4/row9": 1}}
    json.dumps(out)


def test_paired_differences_are_on_minus_off_split_by_split() -> None:
    import incidents_contested_oof as oof
    on = [{"f1": 0.8, "precision": 0.7, "recall": 0.9, "contested_right": 0.5, "false_flags": 0.0},
          {"f1": 0.7, "precision": 0.6, "recall": 0.8, "contested_right": 0.6, "false_flags": None}]
    off = [{"f1": 0.75, "precision": 0.6, "recall": 0.9, "contested_right": 0.6, "false_flags": 0.1},
           {"f1": 0.72, "precision": 0.6, "recall": 0.8, "contested_right": 0.6, "false_flags": 0.0}]
    got = oof.paired_differences(on, off)
    assert got["f1"]["per_split"] == [0.05, -0.02] and got["f1"]["mean"] == pytest.approx(0.015)
    assert got["contested_right"]["per_split"] == [-0.1, 0.0]
    assert got["false_flags"]["per_split"] == [-0.1, 0.0]  # no figure counts as 0
    assert got["f1"]["sd"] == pytest.approx(0.0495, abs=1e-4)


def test_chain_classes_path_and_joining_report() -> None:
    import incident_chain_classes as chains
    graph = {"a": {"c"}, "c": {"a", "b", "d"}, "b": {"c", "d"}, "d": {"b", "c"}}
    assert chains.shortest_path(graph, "a", "b") == ["a", "c", "b"]
    assert chains.shortest_path(graph, "a", "x") == []
    incidents = {"r": {1, 2, 3}, "m": {1, 2}, "o": {1}}
    lead = {"r": "r1", "m": "m1", "o": "o1"}
    group = {"o1": 0, "o2": 1, "m1": 2, "r1": 3}
    assert chains.joining_kind("r", {"r1"}, incidents, lead, group) == "roundup"
    assert chains.joining_kind("m", {"m1"}, incidents, lead, group) == "multi-incident"
    assert chains.joining_kind("o", {"o2"}, incidents, lead, group) == "background"
    assert chains.joining_kind("o", {"o1", "o2"}, incidents, lead, group) == "two groups"
    assert chains.joining_kind("o", {"o1"}, incidents, lead, group) == "lead"
    assert chains.tolls_differ(10, 20) and not chains.tolls_differ(20, 21) and not chains.tolls_differ(None, 5)


def test_the_oof_script_parses_settings_for_the_on_run() -> None:
    import incidents_contested_oof as oof
    assert oof.parse_setting("TIED_VERSIONS=True") == ("TIED_VERSIONS", True)
    assert oof.parse_setting("MAX_VERSION_RATIO=inf") == ("MAX_VERSION_RATIO", float("inf"))
    with pytest.raises(SystemExit):
        oof.parse_setting("NO_SUCH=1")


def test_incidents_contested_oof_linking_summary_reads_the_linked_pairs_per_split() -> None:
    """``contested_by_linking`` out of fold: each split's linked-only shares summarised over the
    splits, the counts averaged per split; its not-linked misses per split are ``causes``' "not
    linked" per split (the same pairs, read from the rows)."""
    import incidents_contested_oof as oof

    from sitrep.incidents.scorer import Prediction

    tune = [p for p in PAIRS if p.split == "tune"]
    linked = {("a", "b"): Prediction(True, frozenset({"casualties"})), ("c", "d"): Prediction(True, frozenset({"blame"}))}
    apart = {("a", "b"): Prediction(False), ("c", "d"): Prediction(True)}
    scores = [score(tune, linked)["tune"], score(tune, apart)["tune"]]
    out = oof.linking_summary(scores)
    assert out["differing"]["linked_share"] == {"mean": 0.5, "sd": 0.707, "min": 0.0, "max": 1.0}
    assert out["differing"]["linked_right_share"]["mean"] == 0.5  # 1.0, and no linked pair (0)
    assert out["differing"]["per_split"]["missed_not_linked"] == 0.5
    assert out["agreeing"]["linked_false_flags"]["max"] == 1.0 and out["agreeing"]["per_split"]["linked"] == 1.0
    fit = script_module("fit_incident_linker")
    l2, _, shipped = oof.shipped_config(oof.LINKER)
    runs, rows = oof.out_of_fold(fit, _docs(), [], PAIRS, S, shipped, l2, "uniform", folds=2, repeats=2)
    summary = oof.linking_summary([score(tune, r)["tune"] for r in runs])
    assert summary["differing"]["per_split"]["missed_not_linked"] == oof.causes(rows, 2)["not linked"]["per_split"]
    json.dumps(summary)
