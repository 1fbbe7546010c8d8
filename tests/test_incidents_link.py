"""The incident layer on project-written reports: what links, what never does, and the record.

Every report here is invented for the tests (places of an invented province, see
``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import random

import pytest
from incident_helpers import Figure, Line, report

from sitrep.incidents.build import build_incidents
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import load_settings

S = load_settings()

MARKET_A = Line("Warplanes struck the crowded vegetable market of Qarat Amal on Monday, killing twelve civilians.",
                "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"], recipients=["CIVILIANS"])
MARKET_B = Line("Jets struck the crowded vegetable market of Qarat Amal on Monday and twelve civilians were killed, "
                "the monitor said.", "struck", status="reported", place="Qarat Amal", day="2030-05-06",
                recipients=["CIVILIANS"])
RECAP = Line("Aid workers were still clearing rubble.", None)


def _docs_together(result, *doc_ids: str) -> bool:
    return any(set(doc_ids) <= set(i.documents) for i in result.incidents)


def test_incidents_link_two_outlets_reporting_one_strike() -> None:
    a = report("a", "Outlet One", "2030-05-07", [MARKET_A, RECAP])
    b = report("b", "Outlet Two", "2030-05-07", [MARKET_B])
    result = build_incidents([a, b], S)
    shared = [i for i in result.incidents if set(i.documents) == {"a", "b"}]
    assert len(shared) == 1
    incident = shared[0]
    assert incident.category == "ASSAULT"
    assert incident.outlets == ["Outlet One", "Outlet Two"]
    assert incident.independent_sources == 2
    assert incident.place is not None and incident.place.name == "Qarat Amal" and incident.place.level == 5
    assert incident.date is not None and (incident.date.start, incident.date.precision) == ("2030-05-06", "day")
    assert incident.status.asserted == 1 and incident.status.reported == 1
    assert incident.first_reported == "2030-05-07"
    assert {m.incident for m in result.members if m.document in ("a", "b")} >= {incident.id}


def test_incidents_link_is_independent_of_input_order() -> None:
    docs = [report("a", "One", "2030-05-07", [MARKET_A]), report("b", "Two", "2030-05-07", [MARKET_B]),
            report("c", "Three", "2030-05-07", [Line("Rebels shelled Tel Wardeh on Monday.", "shelled",
                                                     mode="heavy-weapons", place="Tel Wardeh", day="2030-05-06")])]
    first = build_incidents(docs, S)
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    again = build_incidents(shuffled, S)
    assert [i.to_dict() for i in first.incidents] == [i.to_dict() for i in again.incidents]


def test_incidents_link_different_days_are_different_incidents() -> None:
    monday = report("a", "One", "2030-05-07", [MARKET_A])
    wednesday = report("b", "Two", "2030-05-09", [Line(
        "Warplanes struck the crowded vegetable market of Qarat Amal on Wednesday, killing twelve civilians.",
        "struck", place="Qarat Amal", day="2030-05-08", actors=["SYR_AF"])])
    assert not _docs_together(build_incidents([monday, wednesday], S), "a", "b")


def test_incidents_link_nothing_across_more_than_the_window() -> None:
    early = report("a", "One", "2030-05-07", [MARKET_A])
    late = report("b", "Two", "2030-05-20", [Line(
        "Jets struck the crowded vegetable market of Qarat Amal, killing twelve civilians.", "struck",
        place="Qarat Amal")])
    assert not _docs_together(build_incidents([early, late], S), "a", "b")


def test_incidents_link_far_places_block_a_merge() -> None:
    here = report("a", "One", "2030-05-07", [MARKET_A])
    there = report("b", "Two", "2030-05-07", [Line(
        "Jets struck the crowded vegetable market of Marj Hilal on Monday and twelve civilians were killed.",
        "struck", place="Marj Hilal", day="2030-05-06")])
    assert not _docs_together(build_incidents([here, there], S), "a", "b")


def test_incidents_link_opposite_blame_is_one_incident_with_contested_blame() -> None:
    # the guide: the same killing blamed on government jets by one and on rebel rockets by
    # the other is one incident whose blame is contested, when nothing else conflicts
    air = report("a", "One", "2030-05-07", [MARKET_A])
    rockets = report("b", "Two", "2030-05-07", [Line(
        "Rebel rockets struck the crowded vegetable market of Qarat Amal on Monday, killing twelve civilians.",
        "struck", place="Qarat Amal", day="2030-05-06", actors=["REBELS"])])
    result = build_incidents([air, rockets], S)
    incident = next(i for i in result.incidents if set(i.documents) == {"a", "b"})
    assert [c.field for c in incident.contested] == ["blame"]


def test_incidents_link_rocket_fire_elsewhere_is_not_the_air_strike() -> None:
    air = report("a", "One", "2030-05-07", [MARKET_A])
    rockets = report("b", "Two", "2030-05-07", [Line(
        "Rebel rockets hit a school in Tel Wardeh on Monday, wounding four pupils.",
        "hit", mode="heavy-weapons", place="Tel Wardeh", day="2030-05-06", actors=["REBELS"])])
    assert not _docs_together(build_incidents([air, rockets], S), "a", "b")


def test_incidents_link_undated_report_joins_when_the_rest_agrees() -> None:
    dated = report("a", "One", "2030-05-07", [MARKET_A])
    undated = report("b", "Two", None, [Line(
        "Warplanes struck the crowded vegetable market of Qarat Amal, killing twelve civilians.",
        "struck", place="Qarat Amal", actors=["SYR_AF"])])
    assert _docs_together(build_incidents([dated, undated], S), "a", "b")


def test_incidents_link_unplaced_report_joins_when_the_rest_agrees() -> None:
    placed = report("a", "One", "2030-05-07", [MARKET_A])
    unplaced = report("b", "Two", "2030-05-07", [Line(
        "Warplanes struck the crowded vegetable market on Monday, killing twelve civilians.",
        "struck", day="2030-05-06", actors=["SYR_AF"])])
    assert _docs_together(build_incidents([placed, unplaced], S), "a", "b")


def test_incidents_link_background_mention_joins_but_founds_nothing() -> None:
    news = report("a", "One", "2030-05-07", [MARKET_A])
    later = report("b", "Two", "2030-05-14", [
        Line("Ministers met in the capital on Tuesday to discuss the truce.", "met", category="CONSULT",
             day="2030-05-13"),
        Line("Warplanes struck the crowded vegetable market of Qarat Amal on Monday last week, killing twelve "
             "civilians.", "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"]),
    ])
    result = build_incidents([news, later], S)
    recalled = [m for m in result.members if m.document == "b" and m.role == "background"]
    assert len(recalled) == 1
    home = next(i for i in result.incidents if i.id == recalled[0].incident)
    assert home.documents == ["a"] and recalled[0].event in home.historical
    alone = build_incidents([later], S)
    assert not any(m.role == "background" for m in alone.members)


def test_incidents_link_two_events_of_one_sentence_never_merge() -> None:
    two = Line("Rebels shelled Tel Wardeh on Monday hours after warplanes struck Qarat Amal.", "shelled",
               mode="heavy-weapons", place="Tel Wardeh", day="2030-05-06", actors=["REBELS"],
               more=[Line("", "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"])])
    a = report("a", "One", "2030-05-07", [two])
    b = report("b", "Two", "2030-05-07", [MARKET_B])
    groups = link(mentions([a, b], S), S)
    assert len([m for g in groups for m in g.mentions if m.document == "a"]) == 2
    for g in groups:
        assert len([m for m in g.mentions if m.document == "a"]) <= 1


def test_incidents_link_wire_copies_count_as_one_source() -> None:
    body = [MARKET_A, Line("The strike was the deadliest in the province this month, residents said, and "
                           "several buildings around the square collapsed.")]
    wire = report("a", "Agency", "2030-05-07", body)
    reprint = report("b", "Reprinter", "2030-05-07", body)
    own = report("c", "Own", "2030-05-07", [MARKET_B])
    result = build_incidents([wire, reprint, own], S)
    incident = next(i for i in result.incidents if {"a", "b", "c"} <= set(i.documents))
    assert incident.independent_sources == 2


@pytest.mark.parametrize("same", [True, False])
def test_incidents_contested_casualties_from_two_named_sources(same: bool) -> None:
    a_line = Line(MARKET_A.text, "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"],
                  figures=[Figure("killed", 12, attributed_to="MONITOR")])
    b_line = Line(MARKET_B.text, "struck", status="reported", place="Qarat Amal", day="2030-05-06",
                  figures=[Figure("killed", 12 if same else 30, attributed_to="AGENCY")])
    result = build_incidents([report("a", "One", "2030-05-07", [a_line]),
                              report("b", "Two", "2030-05-07", [b_line])], S)
    incident = next(i for i in result.incidents if set(i.documents) == {"a", "b"})
    fields = [c.field for c in incident.contested]
    assert ("casualties" in fields) is (not same)
    killed = next(c for c in incident.casualties if c.kind == "killed")
    assert (killed.best, killed.low, killed.high) == ((12, 12, 12) if same else (12, 12, 30))
    if not same:
        versions = next(c for c in incident.contested if c.field == "casualties").versions
        assert {v.outlets[0] for v in versions} == {"One", "Two"}


@pytest.mark.parametrize(("one", "two", "contested"), [
    (Figure("killed", 12, attributed_to="MONITOR"), Figure("killed", 30, attributed_to="AGENCY"), True),
    # vague words against a number contest nothing ("dozens" reads 12)
    (Figure("killed", 30, attributed_to="MONITOR"), Figure("killed", 12, attributed_to="AGENCY", approximate=True), False),
    # a sub-count (children) against a total
    (Figure("killed", 30, attributed_to="MONITOR"), Figure("killed", 8, attributed_to="AGENCY", victims="children"), False),
    # one source spelt two ways by two outlets, revising its toll
    (Figure("killed", 12, attributed_to="the state television"), Figure("killed", 30, attributed_to="state television"), False),
    # civilians and people are both totals
    (Figure("killed", 12, attributed_to="MONITOR", victims="civilians"), Figure("killed", 30, attributed_to="AGENCY"), True),
])
def test_incidents_contested_casualties_compares_like_with_like(one: Figure, two: Figure, contested: bool) -> None:
    a_line = Line(MARKET_A.text, "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"], figures=[one])
    b_line = Line(MARKET_B.text, "struck", place="Qarat Amal", day="2030-05-06", figures=[two])
    result = build_incidents([report("a", "One", "2030-05-07", [a_line]),
                              report("b", "Two", "2030-05-08", [b_line])], S)
    incident = next(i for i in result.incidents if set(i.documents) == {"a", "b"})
    assert ("casualties" in [c.field for c in incident.contested]) is contested


def test_incidents_casualty_rollup_reads_only_the_incidents_own_tolls() -> None:
    """A part of a total ("including 8 children"), a toll the report updates and a war-wide
    total never become the incident's conservative figure."""
    a_line = Line(MARKET_A.text, "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"],
                  figures=[Figure("killed", 20, attributed_to="MONITOR"),
                           Figure("killed", 8, attributed_to="MONITOR", subset_of="cas_total"),
                           Figure("killed", 5, attributed_to="MONITOR", superseded=True),
                           Figure("killed", 400000, attributed_to="MONITOR", scope="war")])
    b_line = Line(MARKET_B.text, "struck", place="Qarat Amal", day="2030-05-06",
                  figures=[Figure("killed", 24, attributed_to="AGENCY")])
    result = build_incidents([report("a", "One", "2030-05-07", [a_line]),
                              report("b", "Two", "2030-05-07", [b_line])], S)
    incident = next(i for i in result.incidents if set(i.documents) == {"a", "b"})
    killed = next(c for c in incident.casualties if c.kind == "killed")
    assert (killed.best, killed.low, killed.high) == (20, 20, 24)


def test_incidents_contested_blame_when_the_accused_denies() -> None:
    accuse = Line("Russian jets struck the crowded vegetable market of Qarat Amal on Monday, killing twelve "
                  "civilians.", "struck", place="Qarat Amal", day="2030-05-06", actors=["RUS_AF"])
    deny = Line("Jets struck the crowded vegetable market of Qarat Amal on Monday, killing twelve civilians.",
                "struck", status="reported", place="Qarat Amal", day="2030-05-06",
                more=[Line("", "struck", status="negated", actors=["RUS_AF"], place="Qarat Amal",
                           day="2030-05-06")])
    result = build_incidents([report("a", "One", "2030-05-07", [accuse]),
                              report("b", "Two", "2030-05-07", [deny])], S)
    incident = next(i for i in result.incidents if set(i.documents) == {"a", "b"})
    assert [c.field for c in incident.contested] == ["blame"]


def test_incidents_agreeing_reports_have_nothing_contested() -> None:
    result = build_incidents([report("a", "One", "2030-05-07", [MARKET_A]),
                              report("b", "Two", "2030-05-07", [MARKET_B])], S)
    incident = next(i for i in result.incidents if set(i.documents) == {"a", "b"})
    assert incident.contested == []


def test_incidents_future_and_hypothetical_events_found_no_incident() -> None:
    plan = report("a", "One", "2030-05-07", [
        Line("The army said it would strike Qarat Amal next week.", "strike", status="future", place="Qarat Amal"),
        Line("A strike on Tel Wardeh could follow.", "strike", status="hypothetical", place="Tel Wardeh")])
    result = build_incidents([plan], S)
    assert result.incidents == [] and result.members == []


def test_incidents_align_takes_the_best_pair_of_a_linked_report_pair_and_others_that_reach_the_bar() -> None:
    """Two levels: a report pair under the report threshold gives no edge; a linked one gives
    its best mention pair whatever its score, and any other pair only at the align threshold;
    a link scores the product of both levels."""
    from sitrep.incidents.linker import Candidate, align

    found = [Candidate("a1", "b1", ("a", "b"), 0.8, 0.2), Candidate("a2", "b1", ("a", "b"), 0.8, 0.1),
             Candidate("a2", "b2", ("a", "b"), 0.8, 0.6), Candidate("a1", "c1", ("a", "c"), 0.3, 0.9)]
    edges = align(found, 0.5, 0.5)
    assert [(e.a, e.b) for e in edges] == [("a2", "b2")] and edges[0].score == pytest.approx(0.8 * 0.6)
    edges = align(found, 0.5, 0.15)
    assert [(e.a, e.b) for e in edges] == [("a2", "b2"), ("a1", "b1")]
    assert align(list(reversed(found)), 0.5, 0.15) == edges  # input order does not matter


def test_incidents_align_best_threshold_drops_report_pairs_whose_best_events_do_not_match() -> None:
    """``best_threshold``: a report pair the report model links still gives no edge when even
    its best mention pair scores under it (reports alike in words about two events); at 0
    the best pair is aligned whatever its score, as before."""
    from sitrep.incidents.linker import Candidate, align

    found = [Candidate("a1", "b1", ("a", "b"), 0.8, 0.04), Candidate("a2", "b2", ("a", "b"), 0.8, 0.02),
             Candidate("c1", "d1", ("c", "d"), 0.7, 0.6)]
    assert [(e.a, e.b) for e in align(found, 0.5, 0.5)] == [("a1", "b1"), ("c1", "d1")]
    assert [(e.a, e.b) for e in align(found, 0.5, 0.5, 0.1)] == [("c1", "d1")]
    assert [(e.a, e.b) for e in align(found, 0.5, 0.5, 0.03)] == [("a1", "b1"), ("c1", "d1")]


def test_incidents_align_rescue_links_a_report_pair_below_the_threshold_by_its_best_event_alone() -> None:
    """``rescue``: a report pair under the report threshold gives one edge, its best mention pair,
    when its report probability reaches the rescue floor and that pair's mention score the rescue
    bar; never a second pair, nothing under either bar; (1.0, 1.0) is off."""
    from sitrep.incidents.linker import Candidate, align

    found = [Candidate("a1", "b1", ("a", "b"), 0.3, 0.995), Candidate("a2", "b2", ("a", "b"), 0.3, 0.97),
             Candidate("c1", "d1", ("c", "d"), 0.05, 0.999), Candidate("e1", "f1", ("e", "f"), 0.3, 0.9)]
    assert align(found, 0.5, 0.5) == [] == align(found, 0.5, 0.5, 0.0, (1.0, 1.0))
    edges = align(found, 0.5, 0.5, 0.0, (0.1, 0.99))
    assert [(e.a, e.b) for e in edges] == [("a1", "b1")] and edges[0].score == pytest.approx(0.3 * 0.995)
    assert [(e.a, e.b) for e in align(found, 0.5, 0.5, 0.0, (0.01, 0.99))] == [("a1", "b1"), ("c1", "d1")]
    assert [(e.a, e.b) for e in align(found, 0.5, 0.5, 0.0, (0.1, 0.85))] == [("a1", "b1"), ("e1", "f1")]
    # a pair the report model links is aligned as before, whatever the rescue bars
    linked = [Candidate("a1", "b1", ("a", "b"), 0.8, 0.2), Candidate("a2", "b2", ("a", "b"), 0.8, 0.6)]
    assert align(linked, 0.5, 0.5, 0.0, (0.1, 0.99)) == align(linked, 0.5, 0.5)


def test_incidents_link_model_reads_and_writes_best_threshold() -> None:
    """The shipped file's ``best_threshold`` survives a round trip; a file without it reads as 0."""
    from sitrep.incidents.settings import LinkModel

    model = load_settings().model
    assert LinkModel.from_dict(model.to_dict()) == model
    old = {k: v for k, v in model.to_dict().items() if k != "best_threshold"}
    assert LinkModel.from_dict(old).best_threshold == 0.0
    older = {k: v for k, v in model.to_dict().items() if k not in ("rescue_report", "rescue_mention")}
    assert (LinkModel.from_dict(older).rescue_report, LinkModel.from_dict(older).rescue_mention) == (1.0, 1.0)


def test_incidents_two_events_of_one_report_never_merge_through_a_third() -> None:
    """Report a tells a strike on Qarat Amal and shelling at nearby Tel Wardeh; an unplaced round-up
    sentence of c linked to both must not pull a's two events into one incident. One strike
    told twice in one report (same place, no second stated day) can still be one."""
    from sitrep.incidents.clustering import Edge, cluster, one_event, sentence_groups

    a = report("a", "One", "2030-05-07", [MARKET_A, Line("Shells hit the flour mill of Tel Wardeh on Monday.", "hit",
                                                         mode="heavy-weapons", place="Tel Wardeh", day="2030-05-06")])
    c = report("c", "Two", "2030-05-07", [Line("Attacks hit the province on Monday.", "hit", day="2030-05-06")])
    found = mentions([a, c], S)
    strike, shelling = sorted((m for m in found if m.document == "a"), key=lambda m: m.order)
    roundup = next(m for m in found if m.document == "c")
    assert not one_event(strike, shelling, S)
    edges = [Edge(*sorted((strike.id, roundup.id)), 0.9), Edge(*sorted((shelling.id, roundup.id)), 0.8)]
    clusters = cluster(sentence_groups(found, S), edges, S)
    # every mention lands in exactly one cluster (cluster's contract), never the two in the same one
    assert [sum(m.id in {x.id for x in g} for g in clusters) for m in (strike, shelling, roundup)] == [1, 1, 1]
    assert all(len({m.id for m in g} & {strike.id, shelling.id}) <= 1 for g in clusters)
    same = report("d", "One", "2030-05-07", [MARKET_A, Line("The market of Qarat Amal was struck at noon.", "struck",
                                                            place="Qarat Amal")])
    lead, detail = sorted(mentions([same], S), key=lambda m: m.order)
    assert one_event(lead, detail, S)


def test_incidents_different_means_at_two_nearby_places_are_never_candidates() -> None:
    from sitrep.incidents.blocking import compatible

    air = mentions([report("a", "One", "2030-05-07", [MARKET_A])], S)[0]
    rockets = mentions([report("b", "Two", "2030-05-07", [Line(
        "Rebel rockets hit a school in Tel Wardeh on Monday.", "hit", mode="heavy-weapons", place="Tel Wardeh",
        day="2030-05-06")])], S)[0]
    same_means = mentions([report("c", "Three", "2030-05-07", [Line(
        "Jets struck a school in Tel Wardeh on Monday.", "struck", mode="aerial", place="Tel Wardeh",
        day="2030-05-06")])], S)[0]
    assert not compatible(air, rockets, S)
    assert compatible(air, same_means, S)  # nearby, same means: the scores decide


def test_incidents_blocking_follows_the_stated_event_day_not_the_publication_day() -> None:
    """A report published three days after the first (beyond the window from its publication
    day) that dates its event back to the first's day ("on Monday", resolved by the time stage)
    is compared with it: blocking reads the event's stated day. Undated, the same report's
    publication day stands in and it is not compared; dated to another day, neither."""
    from sitrep.incidents.blocking import candidate_pairs

    first = report("a", "One", "2030-05-07", [MARKET_A])

    def later(day: str | None):  # type: ignore[no-untyped-def]
        return report("b", "Two", "2030-05-10", [Line(
            "The toll of the strike on the vegetable market of Qarat Amal rose to twenty.", "strike",
            place="Qarat Amal", day=day, actors=["SYR_AF"])])

    def compared(other) -> bool:  # type: ignore[no-untyped-def]
        news = [m for m in mentions([first, other], S) if m.role == "news"]
        return any({x.document, y.document} == {"a", "b"} for x, y in candidate_pairs(news, S))

    assert compared(later("2030-05-06"))
    assert not compared(later(None))
    assert not compared(later("2030-05-09"))
