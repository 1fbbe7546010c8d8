"""The clustering switch ``report_share`` (issue 11, ``incidents49``): a merge of two clusters
needs the share of their report pairs linked directly to reach ``merge_threshold``.

Project-written reports only (``incident_helpers``); the edges are set by hand so that the
clustering alone is under test, and through the store to pin incremental = ``--rebuild``.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from incident_helpers import Line, incident_state, report, store_report

from sitrep.incidents import clustering
from sitrep.incidents.clustering import (
    Edge,
    cluster,
    report_linkage,
    report_share,
    sentence_groups,
)
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.settings import Settings, load_settings
from sitrep.incidents.update import update_incidents
from sitrep.store import Store

S = load_settings()
REPO = Path(__file__).resolve().parents[1]


def _strike(doc_id: str, outlet: str) -> object:
    return report(doc_id, outlet, "2030-05-07", [Line(
        f"Warplanes struck the crowded vegetable market of Qarat Amal on Monday, {outlet} said.", "struck",
        place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"])])


def _news(ids: str) -> dict[str, Mention]:
    found = mentions([_strike(d, f"Outlet {d}") for d in ids], S)
    return {m.document: m for m in found if m.role == "news"}


def _at(merge: float) -> Settings:
    return dataclasses.replace(S, model=dataclasses.replace(S.model, merge_threshold=merge))


@pytest.fixture
def switched() -> Iterator[None]:
    clustering.REPORT_SHARE[0] = True
    try:
        yield
    finally:
        clustering.REPORT_SHARE[0] = False


def test_report_share_counts_the_report_pairs_with_an_edge_whatever_their_scores() -> None:
    m = _news("abcd")
    best = {m["a"].id: {m["c"].id: 0.9}, m["c"].id: {m["a"].id: 0.9, m["b"].id: 0.2}, m["b"].id: {m["c"].id: 0.2}}
    xs, ys = [m["a"], m["c"]], [m["b"]]
    assert report_share(xs, ys, best) == pytest.approx(0.5)  # (c, b) linked, (a, b) not
    assert report_linkage(xs, ys, best) == pytest.approx(0.1)  # the mean best edge: (0.2 + 0) / 2
    assert report_share([m["a"], m["c"]], [m["b"], m["d"]], best) == pytest.approx(0.25)
    assert report_share([m["a"]], [m["a"]], best) == 1.0  # no pair of two reports


def test_report_share_is_off_by_default_and_then_the_clustering_is_mains() -> None:
    assert clustering.REPORT_SHARE == [False]
    m = _news("abcd")
    # a, c, d told one strike and are linked pairwise; b resembles c alone, weakly
    edges = [Edge(*sorted((m["a"].id, m["c"].id)), 0.9), Edge(*sorted((m["a"].id, m["d"].id)), 0.85),
             Edge(*sorted((m["c"].id, m["d"].id)), 0.84), Edge(*sorted((m["b"].id, m["c"].id)), 0.6)]
    groups = sentence_groups(list(m.values()), S)
    # mean best edge 0.6 / 3 = 0.2: passes a merge threshold of 0.1 and of 0.0
    joined = cluster(groups, edges, _at(0.1))
    assert [sorted(x.document for x in c) for c in joined] == [["a", "b", "c", "d"]]


def test_report_share_keeps_a_report_linked_to_one_member_from_bridging_in(switched: None) -> None:
    m = _news("abcd")
    edges = [Edge(*sorted((m["a"].id, m["c"].id)), 0.9), Edge(*sorted((m["a"].id, m["d"].id)), 0.85),
             Edge(*sorted((m["c"].id, m["d"].id)), 0.84), Edge(*sorted((m["b"].id, m["c"].id)), 0.95)]
    groups = sentence_groups(list(m.values()), S)
    # b's strongest edge goes first and joins c (one report pair needs no share); a's edge to c
    # then meets {b, c}: 1 of 2 report pairs linked; a and d join (one pair); c's edge to d meets
    # {a, d} from {b, c}: 2 of 4. At 0.5 both pass (and d's, then 2 of 3)
    kept = cluster(groups, edges, _at(0.6))
    assert sorted(sorted(x.document for x in c) for c in kept) == [["a", "d"], ["b", "c"]]
    assert [sorted(x.document for x in c) for c in cluster(groups, edges, _at(0.5))] == [["a", "b", "c", "d"]]
    assert [sorted(x.document for x in c) for c in cluster(groups, edges, _at(0.0))] == [["a", "b", "c", "d"]]


def test_report_share_is_named_by_the_environment_and_unknown_names_fail() -> None:
    code = "from sitrep.incidents import clustering; print(clustering.REPORT_SHARE[0])"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    on = subprocess.run([sys.executable, "-c", code], env={**env, "SITREP_INCIDENT_CLUSTERING": "report_share"},
                        capture_output=True, text=True, check=True)
    assert on.stdout.strip() == "True"
    off = subprocess.run([sys.executable, "-c", code], env={**env, "SITREP_INCIDENT_CLUSTERING": ""},
                         capture_output=True, text=True, check=True)
    assert off.stdout.strip() == "False"
    bad = subprocess.run([sys.executable, "-c", code], env={**env, "SITREP_INCIDENT_CLUSTERING": "report_shares"},
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "unknown switch" in bad.stderr


@pytest.mark.parametrize("merge", [1.0, 0.5])
def test_report_share_incremental_linking_equals_a_rebuild(tmp_path: Path, switched: None, merge: float) -> None:
    """Reports of one strike and of a nearby shelling added one at a time, with the switch on and
    a share level, give the incidents a rebuild gives."""
    shelling = Line("Rebels shelled the grain silos of Tel Wardeh on Monday, wounding three guards.", "shelled",
                    mode="heavy-weapons", place="Tel Wardeh", day="2030-05-06", actors=["REBELS"])
    items = [_strike("a", "One"), _strike("b", "Two"),
             report("c", "Three", "2030-05-07", [shelling]), _strike("d", "Four"),
             report("e", "Five", "2030-05-08", [Line(
                 "Jets struck the vegetable market of Qarat Amal on Monday, the monitor said.", "struck",
                 status="reported", place="Qarat Amal", day="2030-05-06"), shelling])]
    settings = _at(merge)
    store = Store(tmp_path / "inc.db")
    for item in items:
        store_report(store, item)
        update_incidents(store, settings=settings)
    stepwise = incident_state(store)
    update_incidents(store, settings=settings, rebuild_all=True)
    assert incident_state(store) == stepwise
    assert any({"a", "b", "d"} <= set(i["documents"]) for i in stepwise[0].values())
    store.close()


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
