"""The clustering switch ``cannot_link`` (issue 11, ``incidents58``): two reports that blocking
compared, that got no edge, and whose best mention pair scores under ``LinkModel.align_threshold``
never end in one incident through a third report.

Project-written reports only (``incident_helpers``). The three reports below are a chain: a
market strike (a), a vague air strike report (b) and a rebel shelling (c) in one town on one day;
b resembles both, a and c do not tell one event. The settings raise the report threshold and the
align threshold a little so that, with the shipped weights, a-b and b-c are linked and a-c is
compared but not linked, its best mention pair under the align threshold.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from incident_helpers import Line, incident_state, report, store_report

from sitrep.incidents import clustering
from sitrep.incidents.clustering import Edge, apart_pairs, cluster, sentence_groups
from sitrep.incidents.features import Scorer
from sitrep.incidents.linker import Candidate, candidates, cannot_links, link, new_edges
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import update_incidents
from sitrep.store import Store

S = load_settings()
AT = dataclasses.replace(S, model=dataclasses.replace(S.model, threshold=0.96, align_threshold=0.4))
REPO = Path(__file__).resolve().parents[1]


def _items() -> list[object]:
    return [
        report("a", "One", "2030-05-07", [Line(
            "Warplanes struck the crowded vegetable market of Qarat Amal on Monday, killing 20 people, One said.",
            "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"])]),
        report("b", "Two", "2030-05-07", [Line(
            "An air strike hit Qarat Amal on Monday, Two said.", "strike", place="Qarat Amal", day="2030-05-06")]),
        report("c", "Three", "2030-05-07", [Line(
            "Rebels shelled an army checkpoint at Qarat Amal with mortars, killing two soldiers, Three said.",
            "shelled", mode="heavy-weapons", place="Qarat Amal", actors=["REBELS"])]),
    ]


@pytest.fixture
def switched() -> Iterator[None]:
    clustering.CANNOT_LINK[0] = True
    try:
        yield
    finally:
        clustering.CANNOT_LINK[0] = False


def _documents(groups: list) -> list[list[str]]:
    return sorted(sorted({m.document for m in g.news}) for g in groups)


def test_the_example_is_a_chain_with_a_compared_unlinked_pair() -> None:
    news = [m for m in mentions(_items(), AT) if m.role == "news"]
    found = {c.documents: c for c in candidates(news, (), Scorer(AT))}
    assert set(found) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert found[("a", "c")].report < AT.model.threshold  # compared, not linked
    assert found[("a", "c")].mention < AT.model.align_threshold
    assert found[("a", "b")].report >= AT.model.threshold and found[("b", "c")].report >= AT.model.threshold


def test_off_by_default_the_chain_joins_all_three_and_no_cannot_link_is_made() -> None:
    assert clustering.CANNOT_LINK == [False]
    news = [m for m in mentions(_items(), AT) if m.role == "news"]
    assert all(e.score >= 0 for e in new_edges(news, (), Scorer(AT)))
    assert _documents(link(mentions(_items(), AT), AT)) == [["a", "b", "c"]]


def test_on_the_cannot_link_keeps_a_and_c_apart_and_b_goes_with_its_best_link(switched: None) -> None:
    news = [m for m in mentions(_items(), AT) if m.role == "news"]
    made = [e for e in new_edges(news, (), Scorer(AT)) if e.score < 0]
    assert len(made) == 1 and made[0].score < AT.model.align_threshold - 1
    assert apart_pairs(made, {m.id: m.document for m in news}) == {frozenset("ac")}
    # b's link with a scores higher than its link with c: a and b first, then c is kept out
    assert _documents(link(mentions(_items(), AT), AT)) == [["a", "b"], ["c"]]


def test_cannot_links_only_for_compared_pairs_without_an_edge_under_the_level() -> None:
    found = [Candidate("m1", "m2", ("a", "b"), 0.9, 0.05), Candidate("m1", "m3", ("a", "c"), 0.2, 0.1),
             Candidate("m4", "m3", ("a", "c"), 0.2, 0.25), Candidate("m2", "m3", ("b", "c"), 0.2, 0.6)]
    edges = [Edge("m1", "m2", 0.045)]  # a-b linked (say, by another rule): no cannot-link
    got = cannot_links(found, edges, 0.3)
    assert got == [Edge("m4", "m3", 0.25 - 1.0)]  # a-c's best pair; b-c's best is over the level
    assert cannot_links(found, edges, 0.2) == []


def test_cluster_honours_report_pairs_given_apart() -> None:
    news = [m for m in mentions(_items(), AT) if m.role == "news"]
    ids = {m.document: m.id for m in news}
    edges = [Edge(*sorted((ids["a"], ids["b"])), 0.9), Edge(*sorted((ids["b"], ids["c"])), 0.8)]
    groups = sentence_groups(news, AT)
    assert [sorted(m.document for m in c) for c in cluster(groups, edges, AT)] == [["a", "b", "c"]]
    kept = cluster(groups, edges, AT, {frozenset("ac")})
    assert sorted(sorted(m.document for m in c) for c in kept) == [["a", "b"], ["c"]]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_incremental_linking_equals_a_rebuild_with_the_switch_on(tmp_path: Path, switched: None,
                                                                  order: tuple[int, ...]) -> None:
    """The three reports added one at a time, in every order (the cannot-link stored with the
    first two of a and c, the joining report b before or after), give the incidents a rebuild gives."""
    items = _items()
    store = Store(tmp_path / "inc.db")
    for i in order:
        store_report(store, items[i])
        update_incidents(store, settings=AT)
    stepwise = incident_state(store)
    update_incidents(store, settings=AT, rebuild_all=True)
    assert incident_state(store) == stepwise
    together = [sorted(i["documents"]) for i in stepwise[0].values() if len(i["documents"]) > 1]
    assert together == [["a", "b"]]
    store.close()


def test_cannot_link_is_named_by_the_environment() -> None:
    code = "from sitrep.incidents import clustering; print(clustering.CANNOT_LINK[0], clustering.REPORT_SHARE[0])"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    on = subprocess.run([sys.executable, "-c", code], env={**env, "SITREP_INCIDENT_CLUSTERING": "cannot_link"},
                        capture_output=True, text=True, check=True)
    assert on.stdout.split() == ["True", "False"]
