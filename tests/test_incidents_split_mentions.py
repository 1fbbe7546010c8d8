"""The clustering switch ``split_mentions`` (issue 11, ``incidents60``): a report that tells two events
of one family on two stated days has its mentions split by day, so that another report's mentions of
one of its events never join its mentions of the other.

Project-written reports only (``incident_helpers``). Report "conv" tells an aid-convoy strike on
Monday; report "twin" leads with a clinic strike on Tuesday and recalls the convoy strike of Monday with
new facts; report "clin" tells the clinic strike without a stated day. The edges are given by hand (the
scores a linker could give), among them the wrong one the switch is about: a convoy sentence of "conv"
that states no day aligned with the clinic lead of "twin".
"""

from __future__ import annotations

import datetime
import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from incident_helpers import (
    Line,
    incident_state,
    report,
    store_report,
    switch_moves_version,
)

from sitrep.incidents import clustering
from sitrep.incidents.clustering import Edge, cluster, sentence_groups, told_apart
from sitrep.incidents.mentions import Mention, family_days, mentions, narrative_days
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import update_incidents
from sitrep.store import Store

S = load_settings()
REPO = Path(__file__).resolve().parents[1]
MONDAY, TUESDAY = "2030-05-06", "2030-05-07"


def _day(iso: str) -> int:
    return datetime.date.fromisoformat(iso).toordinal()


def _items() -> list[object]:
    return [
        report("conv", "One", "2030-05-07", [
            Line("Warplanes struck an aid convoy near Qarat Amal on Monday, killing 12 aid workers, One said.",
                 "struck", place="Qarat Amal", day=MONDAY),
            Line("The strikes also burned the trucks of the convoy.", "strikes", place="Qarat Amal"),
        ]),
        report("twin", "Two", "2030-05-08", [
            Line("Warplanes raided the health post of Tel Wardeh on Tuesday, killing four medics.", "raided",
                 place="Tel Wardeh", day=TUESDAY),
            Line("The raid came a day after an air strike on Monday hit an aid convoy near Qarat Amal.",
                 "strike", place="Qarat Amal", day=MONDAY),
            Line("The clinic strike was condemned by the medics' union.", "strike", place="Tel Wardeh"),
        ]),
        report("clin", "Three", "2030-05-08", [
            Line("Jets bombed a clinic in Tel Wardeh, killing four medics, Three said.", "bombed",
                 place="Tel Wardeh"),
        ]),
    ]


def _news() -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in mentions(_items(), S):
        if m.role == "news":
            out.setdefault(m.document, []).append(m)
    return {d: sorted(ms, key=lambda m: m.order) for d, ms in out.items()}


@pytest.fixture
def switched() -> Iterator[None]:
    clustering.SPLIT_MENTIONS[0] = True
    try:
        yield
    finally:
        clustering.SPLIT_MENTIONS[0] = False


def _edges(news: dict[str, list[Mention]]) -> list[Edge]:
    conv, twin, clin = news["conv"], news["twin"], news["clin"]

    def edge(x: Mention, y: Mention, score: float) -> Edge:
        a, b = sorted((x.id, y.id))
        return Edge(a, b, score)

    return [edge(conv[1], twin[0], 0.9),  # the wrong alignment: a convoy sentence with the clinic lead
            edge(conv[0], twin[1], 0.8),  # the convoy, told by both
            edge(twin[0], clin[0], 0.85), edge(twin[2], clin[0], 0.7)]  # the clinic, told by both


def _documents(clusters: list[list[Mention]]) -> list[list[str]]:
    return sorted(sorted({m.document for m in c}) for c in clusters)


def test_family_days_and_narrative_days_read_the_stated_days() -> None:
    news = _news()
    assert family_days(news["twin"]) == {"violence": frozenset({(_day(MONDAY),) * 2, (_day(TUESDAY),) * 2})}
    assert family_days(news["clin"]) == {}
    story = narrative_days(news["twin"])
    assert [story[m.id] for m in news["twin"]] == [_day(TUESDAY), _day(MONDAY), _day(MONDAY)]
    # an undated sentence takes the day of the nearest earlier stated sentence of its family
    assert narrative_days(news["conv"])[news["conv"][1].id] == _day(MONDAY)
    assert narrative_days(news["clin"]) == {}
    # the stored field carries the same reading; a report of one stated day has one family day
    assert [m.narrative_day for m in news["twin"]] == [_day(TUESDAY), _day(MONDAY), _day(MONDAY)]
    assert all(len(m.family_days) == 1 for m in news["conv"])


def test_a_first_sentence_without_a_day_takes_the_next_stated_one() -> None:
    item = report("lead", "Four", "2030-05-08", [
        Line("Medics were killed in a strike on a clinic.", "strike", place="Tel Wardeh"),
        Line("The strike on Tuesday hit the clinic in Tel Wardeh.", "strike", place="Tel Wardeh", day=TUESDAY),
    ])
    news = [m for m in mentions([item], S) if m.role == "news"]
    assert [m.narrative_day for m in sorted(news, key=lambda m: m.order)] == [_day(TUESDAY)] * 2


def test_told_apart_reads_the_other_reports_day_against_the_report_of_two_days() -> None:
    news = _news()
    twin_clinic = [news["twin"][0]]
    assert told_apart(news["conv"], twin_clinic)  # conv tells twin's Monday event, not its Tuesday one
    assert not told_apart(news["conv"], [news["twin"][1]])  # the convoy with the convoy: no split
    assert not told_apart(news["clin"], twin_clinic)  # clin states no day: nothing to read
    assert not told_apart(twin_clinic, news["conv"])  # conv tells one day only


def test_off_by_default_the_wrong_alignment_chains_the_two_incidents() -> None:
    assert clustering.SPLIT_MENTIONS == [False]
    news = _news()
    groups = sentence_groups([m for ms in news.values() for m in ms], S)
    assert _documents(cluster(groups, _edges(news), S)) == [["clin", "conv", "twin"], ["conv", "twin"]]


def test_switched_on_each_event_of_the_two_day_report_links_on_its_own(switched: None) -> None:
    news = _news()
    groups = sentence_groups([m for ms in news.values() for m in ms], S)
    clusters = cluster(groups, _edges(news), S)
    assert _documents(clusters) == [["clin", "twin"], ["conv"], ["conv", "twin"]]
    # conv and clin share no incident; twin shares one with each (its clinic with clin, its convoy with conv)
    assert not any({"conv", "clin"} <= {m.document for m in c} for c in clusters)


def test_the_same_in_any_input_order(switched: None) -> None:
    news = _news()
    flat = [m for ms in news.values() for m in ms]
    want = _documents(cluster(sentence_groups(flat, S), _edges(news), S))
    got = _documents(cluster(sentence_groups(flat[::-1], S), _edges(news)[::-1], S))
    assert got == want


def test_the_switch_is_part_of_the_linker_version() -> None:
    def switch(on: bool) -> None:
        clustering.SPLIT_MENTIONS[0] = on

    assert switch_moves_version(switch)


def test_the_study_counts_reports_of_two_days_and_misplaced_incidents() -> None:
    import incident_split_reports as study

    news = _news()
    assert study.apart_by(news["twin"], S) == {"day"}  # two stated days (and two near places)
    assert study.apart_by(news["clin"], S) == set()
    far = report("far", "Five", "2030-05-08", [
        Line("Jets struck Qarat Amal on Tuesday.", "struck", place="Qarat Amal", day=TUESDAY),
        Line("Jets also struck Marj Hilal on Tuesday.", "struck", place="Marj Hilal", day=TUESDAY),
    ])
    assert study.apart_by([m for m in mentions([far], S) if m.role == "news"], S) == {"place"}
    from sitrep.incidents.linker import Group

    # the study reads stated days only: conv's Monday lead with twin's Tuesday clinic is misplaced
    conv, twin = news["conv"], news["twin"]
    assert study.misplaced("twin", [Group((conv[0], twin[0]))]) == 1
    assert study.misplaced("twin", [Group((conv[0], twin[1])), Group((twin[0],))]) == 0
    assert study.misplaced("twin", [Group((conv[1], twin[0]))]) == 0  # conv's undated sentence: not counted


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_incremental_linking_equals_a_rebuild_with_the_switch_on(tmp_path: Path, switched: None,
                                                                  order: tuple[int, ...]) -> None:
    """The three reports added one at a time, in every order, give the incidents a rebuild gives
    (the split reads only the mentions of the re-clustered component and their own fields). The
    shipped linker aligns this example right with the switch off too (no wrong edge to refuse), so
    this pins the switch's stored state and the two incidents, not a refusal."""
    items = _items()
    store = Store(tmp_path / "inc.db")
    for i in order:
        store_report(store, items[i])  # type: ignore[arg-type]
        update_incidents(store, settings=S)
    stepwise = incident_state(store)
    update_incidents(store, settings=S, rebuild_all=True)
    assert incident_state(store) == stepwise
    together = sorted(sorted(i["documents"]) for i in stepwise[0].values() if len(i["documents"]) > 1)
    assert together == [["clin", "twin"], ["conv", "twin"]]
    store.close()


def test_split_mentions_is_named_by_the_environment() -> None:
    code = "from sitrep.incidents import clustering; print(clustering.SPLIT_MENTIONS[0], clustering.CANNOT_LINK[0])"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    on = subprocess.run([sys.executable, "-c", code], env={**env, "SITREP_INCIDENT_CLUSTERING": "split_mentions"},
                        capture_output=True, text=True, check=True)
    assert on.stdout.split() == ["True", "False"]
    off = subprocess.run([sys.executable, "-c", code], env={**env, "SITREP_INCIDENT_CLUSTERING": ""},
                         capture_output=True, text=True, check=True)
    assert off.stdout.split() == ["False", "False"]
