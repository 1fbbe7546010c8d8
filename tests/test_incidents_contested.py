"""Contested fields and the casualty roll-up, read across each report (follow-up of issue 11).

A report often gives its toll, and who did it, in other sentences than the one the linker
matches ("Jets struck the market on Monday. The monitor said 30 people were killed."). What
a report says about its lead event is said about the incident that event belongs to. Every
report here is invented for the tests (places of an invented province, see
``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from incident_helpers import Figure, Line, report

from sitrep.incidents import contested as contested_module
from sitrep.incidents.build import build_incidents, records
from sitrep.incidents.contested import definite_words, named_source
from sitrep.incidents.evaluate import evaluate_inputs
from sitrep.incidents.linker import link
from sitrep.incidents.mentions import mentions
from sitrep.incidents.scorer import GoldPair
from sitrep.incidents.settings import load_settings

S = load_settings()

STRIKE_A = Line("Warplanes struck the crowded vegetable market of Qarat Amal on Monday.",
                "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"])
STRIKE_B = Line("Jets struck the crowded vegetable market of Qarat Amal on Monday, the monitor said.",
                "struck", status="reported", place="Qarat Amal", day="2030-05-06")


def _toll(figure: Figure, *, place: str | None = None, day: str | None = None) -> Line:
    """A later sentence of a report: the toll, as an event of its own."""
    where = f" in {place}" if place else ""
    return Line(f"Rescuers said the dead were pulled from the rubble{where} by evening.", "dead",
                place=place, day=day, figures=[figure])


def _shared(result, *docs: str):  # type: ignore[no-untyped-def]
    return next(i for i in result.incidents if set(docs) <= set(i.documents))


def _fields(result, *docs: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.field for c in _shared(result, *docs).contested]


def test_incidents_toll_in_another_sentence_rolls_up_to_the_lead_incident() -> None:
    """A's toll sits on its own event, not on the strike the linker matched with B: it is
    still A's version of the incident (contested, and part of the casualty roll-up)."""
    a = report("a", "One", "2030-05-07", [STRIKE_A, _toll(Figure("killed", 12, attributed_to="MONITOR"))])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", 30, attributed_to="AGENCY")])])
    result = build_incidents([a, b], S)
    incident = _shared(result, "a", "b")
    assert [c.field for c in incident.contested] == ["casualties"]
    killed = next(c for c in incident.casualties if c.kind == "killed")
    assert (killed.best, killed.low, killed.high) == (12, 12, 30)


def test_incidents_toll_of_a_far_place_does_not_roll_up() -> None:
    """A toll the report gives for another town, too far to be the same strike, stays there."""
    a = report("a", "One", "2030-05-07", [STRIKE_A, _toll(Figure("killed", 12, attributed_to="MONITOR"),
                                                          place="Marj Hilal")])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", 30, attributed_to="AGENCY")])])
    result = build_incidents([a, b], S)
    incident = _shared(result, "a", "b")
    assert incident.contested == []
    assert [(c.kind, c.best) for c in incident.casualties] == [("killed", 30)]


def test_incidents_toll_of_a_report_whose_lead_is_another_incident_does_not_roll_up() -> None:
    """When the incident holds only a report's second item, the report's other tolls belong
    to its lead event, not to this incident."""
    lead = Line("Shells hit the bakery of Marj Hilal on Monday.", "hit", place="Marj Hilal", day="2030-05-06",
                figures=[Figure("killed", 12, attributed_to="MONITOR")])
    a = report("a", "One", "2030-05-07", [lead, STRIKE_A])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", 30, attributed_to="AGENCY")])])
    result = build_incidents([a, b], S)
    assert "casualties" not in _fields(result, "a", "b")


@pytest.mark.parametrize(("a_fig", "b_fig", "b_day", "contested"), [
    # an outlet's own figure against another outlet's named source, same day: two versions
    (Figure("killed", 12), Figure("killed", 30, attributed_to="AGENCY"), "2030-05-07", True),
    # a later, higher figure without a source is the running toll (incident-guide §3)
    (Figure("killed", 12, attributed_to="AGENCY"), Figure("killed", 30), "2030-05-08", False),
    # ... but a later, lower one without a source is another version
    (Figure("killed", 30, attributed_to="AGENCY"), Figure("killed", 12), "2030-05-08", True),
])
def test_incidents_own_voice_figures_are_the_outlets_version(a_fig: Figure, b_fig: Figure, b_day: str,
                                                             contested: bool) -> None:
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=["SYR_AF"], figures=[a_fig])])
    b = report("b", "Two", b_day, [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                        day="2030-05-06", figures=[b_fig])])
    assert ("casualties" in _fields(build_incidents([a, b], S), "a", "b")) is contested


def test_incidents_report_own_toll_against_the_source_it_quotes_is_not_contested() -> None:
    """One report's unsourced 30 and the 12 it quotes are its running toll and a source's
    earlier count, not two versions."""
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               figures=[Figure("killed", 30),
                                                        Figure("killed", 12, attributed_to="MONITOR")])])
    b = report("b", "Two", "2030-05-07", [STRIKE_B])
    assert "casualties" not in _fields(build_incidents([a, b], S), "a", "b")


@pytest.mark.parametrize(("source", "words", "named"), [
    ("MONITOR", None, True),                      # a knowledge-base actor
    ("SOHR", "the Observatory", True),            # resolved to one
    ("Doctor Karim", "Doctor Karim", True),       # a name in the words
    ("UNHCR", "UNHCR", True),                     # an acronym
    ("a monitoring group", "a monitoring group", False),
    ("The sources", "The sources", False),
    (None, None, False),
])
def test_incidents_named_source(source: str | None, words: str | None, named: bool) -> None:
    figure = Figure("killed", 12, attributed_to=source)
    figure.source_text = words  # type: ignore[attr-defined]
    assert named_source(figure) is named


@pytest.mark.slow
def test_incidents_a_monitors_director_is_the_monitor() -> None:
    """The knowledge base's director of a monitor quoting its toll is the monitor revising its
    figure, not a second source (reads the shipped knowledge base)."""
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               figures=[Figure("killed", 12, attributed_to="SOHR")])])
    b = report("b", "Two", "2030-05-08", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", 30, attributed_to="rami_abdel_rahman")])])
    assert "casualties" not in _fields(build_incidents([a, b], S), "a", "b")


@pytest.mark.parametrize(("one", "two", "contested"), [
    (["SYR_AF"], ["RUS_AF"], False),   # co-belligerents (data/sides.yaml): compatible versions
    (["SYR_AF"], ["REBELS"], True),    # two sides of the war
])
def test_incidents_blame_between_co_belligerents_is_compatible(one: list[str], two: list[str],
                                                               contested: bool) -> None:
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=one)])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06", actors=two)])
    assert ("blame" in _fields(build_incidents([a, b], S), "a", "b")) is contested


def test_incidents_blame_named_in_another_sentence_of_the_report() -> None:
    """A report that names the perpetrator only in a later sentence about its lead event gives
    that version of the blame."""
    later = Line("Residents blamed rebel gunners for the raid.", "raid", place="Qarat Amal", day="2030-05-06",
                 actors=["REBELS"])
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=["SYR_AF"])])
    b = report("b", "Two", "2030-05-07", [STRIKE_B, later])
    assert "blame" in _fields(build_incidents([a, b], S), "a", "b")


def test_incidents_two_tolls_of_one_report_on_other_events_do_not_contest() -> None:
    """Two sources one report quotes on other events of its lead (another village of the day's
    raids) give tolls of other parts of its story; quoted on the incident's own sentence, they
    are two versions (incident-guide §3)."""
    rolled = report("a", "One", "2030-05-07", [
        STRIKE_A, _toll(Figure("killed", 12, attributed_to="MONITOR")),
        Line("Medics counted the wounded and the dead at the field clinic near Tel Wardeh.", "dead",
             place="Tel Wardeh", day="2030-05-06", figures=[Figure("killed", 30, attributed_to="AGENCY")])])
    quoted = report("a", "One", "2030-05-07", [
        Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
             figures=[Figure("killed", 12, attributed_to="MONITOR"), Figure("killed", 30, attributed_to="AGENCY")])])
    assert "casualties" not in _fields(build_incidents([rolled, report("b", "Two", "2030-05-07", [STRIKE_B])], S),
                                       "a", "b")
    assert "casualties" in _fields(build_incidents([quoted, report("b", "Two", "2030-05-07", [STRIKE_B])], S),
                                   "a", "b")


def test_incidents_eval_reads_contested_fields_on_the_principal_shared_incident() -> None:
    """Two reports that share their lead strike and a shelling told at more length further
    down: the pair's contested fields are those of the lead strike (the incident both give
    most weight, incident-guide §2), not of the incident with more mentions."""
    shelling = [Line("Later that day shells hit the flour mill of Marj Hilal, wounding two guards.", "hit",
                     place="Marj Hilal", day="2030-05-06"),
                Line("The flour mill of Marj Hilal burned after shells hit it again at dusk.", "hit",
                     place="Marj Hilal", day="2030-05-06")]
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               figures=[Figure("killed", 12, attributed_to="MONITOR")]), *shelling])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", 30, attributed_to="AGENCY")]), *shelling])
    shared = [i for i in build_incidents([a, b], S).incidents if {"a", "b"} <= set(i.documents)]
    assert len(shared) == 2 and max(len(i.events) for i in shared) > min(len(i.events) for i in shared)
    result = evaluate_inputs([a, b], [GoldPair("a", "b", "same", "check", ("casualties",))], S)
    assert result["check"]["contested_right"] == 1.0


@pytest.mark.parametrize(("between", "kind", "denied"), [
    (0, "none", True),
    (3, "violent", False),   # three other attacks told in between: the denial answers the last of them
    (3, "reaction", True),   # reactions to the strike in between: the denial still answers the strike
])
def test_incidents_rejection_denies_the_last_attack_told_before_it(between: int, kind: str, denied: bool) -> None:
    """"Moscow denied any role" right after the strike denies the strike; further down it
    answers the last attack the report told before it: the strike when only reactions to it
    (a warning, a call for aid) come in between, another attack when one is told in between."""
    accuse = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                                    actors=["RUS_AF"])])
    violent = [Line(f"Shells hit the {n} checkpoint outside Tel Wardeh.", "hit", place="Tel Wardeh",
                    day="2030-05-06") for n in ("north", "south", "west")]
    reaction = [Line(f"The {n} envoy warned the attack could amount to a war crime.", "warned",
                     category="THREATEN") for n in ("first", "second", "third")]
    filler = (violent if kind == "violent" else reaction)[:between]
    deny = Line("Moscow denied any role.", "denied", category="REJECT", actors=["RUS_AF"])
    other = report("b", "Two", "2030-05-07", [STRIKE_B, *filler, deny])
    assert ("blame" in _fields(build_incidents([accuse, other], S), "a", "b")) is denied


def test_incidents_a_denial_that_is_itself_negated_denies_nothing() -> None:
    """"A Russian source did not deny that strikes were carried out": the negation belongs to
    the denial, so the strike in that sentence is not Moscow's denial of it (no blame
    contested against a report that blames Russian jets)."""
    accuse = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                                    actors=["RUS_AF"])])
    sentence = "A Russian source did not deny that jets struck the market of Qarat Amal on Monday."
    undenied = Line(sentence, "deny", category="REJECT", status="negated", actors=["RUS_AF"],
                    more=[Line(sentence, "struck", status="negated", place="Qarat Amal", day="2030-05-06",
                               actors=["RUS_AF"])])
    other = report("b", "Two", "2030-05-07", [STRIKE_B, undenied])
    assert not [m for m in mentions([other], S) if m.role == "denial"]
    assert "blame" not in _fields(build_incidents([accuse, other], S), "a", "b")
    denied = Line(sentence.replace("did not deny", "denied"), "denied", category="REJECT", actors=["RUS_AF"],
                  more=[Line(sentence, "struck", status="negated", place="Qarat Amal", day="2030-05-06",
                             actors=["RUS_AF"])])
    assert [m.role for m in mentions([report("c", "Three", "2030-05-07", [STRIKE_B, denied])], S)
            if m.event.status == "negated"] == ["denial"]


def test_incidents_report_scope_reads_only_the_incidents_own_reports() -> None:
    """The roll-up reads nothing but the mentions of an incident's own reports, which an
    incremental update loads: built with every report or with those alone, the record is
    the same (the store tests pin incremental == rebuild)."""
    a = report("a", "One", "2030-05-07", [STRIKE_A, _toll(Figure("killed", 12, attributed_to="MONITOR"))])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", 30, attributed_to="AGENCY")])])
    c = report("c", "Three", "2030-05-07", [Line("Shells hit the bakery of Marj Hilal on Monday.", "hit",
                                                 place="Marj Hilal", day="2030-05-06",
                                                 figures=[Figure("killed", 50, attributed_to="AGENCY")])])
    everything = mentions([a, b, c], S)
    groups = [g for g in link(everything, S) if {m.document for m in g.news} == {"a", "b"}]
    documents = {i.document.id: i.document for i in (a, b, c)}
    full = records(groups, documents, S, everything).incidents
    alone = records(groups, documents, S, [m for m in everything if m.document in ("a", "b")]).incidents
    assert full == alone and [c.field for c in full[0].contested] == ["casualties"]


def test_incidents_a_figure_credited_to_the_outlet_itself_is_its_own_voice() -> None:
    """An outlet that names itself as the source ("the Crescent agency said") gives its own
    figure, not a source's: its later, higher toll is its running toll, not a second version."""
    from sitrep.incidents.contested import is_outlet

    credited = Figure("killed", 10, attributed_to="Crescent")
    credited.source_text = "the Crescent agency"  # type: ignore[attr-defined]
    assert is_outlet(credited, "crescent") and not is_outlet(credited, "One")
    assert not is_outlet(Figure("killed", 10, attributed_to="AGENCY"), "crescent")
    assert not is_outlet(Figure("killed", 10), "crescent")

    def pair(later: Figure) -> list[str]:
        a = report("a", "Crescent", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal",
                                                        day="2030-05-06", figures=[Figure("killed", 4)])])
        b = report("b", "Crescent", "2030-05-08", [Line(STRIKE_B.text, "struck", status="reported",
                                                        place="Qarat Amal", day="2030-05-06", figures=[later])])
        return _fields(build_incidents([a, b], S), "a", "b")

    assert "casualties" not in pair(credited)
    assert "casualties" in pair(Figure("killed", 10, attributed_to="AGENCY"))  # a source it quotes: a version


# --- night 3 (branch incidents7): one source under two names, stated days, the state as a place ---

def _monitor_pair(words: str, *, names_the_monitor: bool) -> list[str]:
    """Report a gives a first toll from an unnamed descriptor ("a monitor"), report b the
    next day the named monitor's risen toll."""
    named = " The Syrian Observatory for Human Rights expects the toll to rise." if names_the_monitor \
        else " Rescuers expect the toll to rise."
    first = Line(f"{words.capitalize()} said 29 people were killed in the market of Qarat Amal.{named}", "killed",
                 place="Qarat Amal", day="2030-05-06",
                 figures=[Figure("killed", 29, attributed_to=words, source_text=words)])
    a = report("a", "One", "2030-05-06", [STRIKE_A, first])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", 61, attributed_to="SOHR",
                                                               source_text="SOHR")])])
    return _fields(build_incidents([a, b], S), "a", "b")


@pytest.mark.parametrize("words", ["a monitor", "the war monitor", "monitors with contacts on the ground"])
def test_incidents_a_monitor_named_in_the_report_is_that_monitor_revising_its_toll(words: str) -> None:
    """'A monitor said 29' in a report that names one monitor is that monitor's figure: its
    own later 61 revises it (incident-guide §3), it is no second version."""
    assert "casualties" not in _monitor_pair(words, names_the_monitor=True)


def test_incidents_an_unnamed_descriptor_stays_the_outlets_version() -> None:
    """When the report names no monitor, the descriptor names no one: its 29 is the outlet's
    own version, and the monitor's 61 of the next day contests it."""
    assert "casualties" in _monitor_pair("a monitor", names_the_monitor=False)


def test_incidents_toll_of_other_stated_days_is_not_the_incidents_version() -> None:
    """A report's toll for the raids of another stated day ("71 killed on Sunday") is another
    part of its story: it does not contest the partner's toll of the Monday strike."""
    earlier = Line("The monitor said 71 people were killed in raids on Sunday.", "killed",
                   day="2030-05-05", figures=[Figure("killed", 71, attributed_to="MONITOR")])
    a = report("a", "One", "2030-05-07", [STRIKE_A, earlier])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", 13, attributed_to="AGENCY")])])
    assert "casualties" not in _fields(build_incidents([a, b], S), "a", "b")


def test_incidents_two_sources_of_one_report_contest_when_its_second_toll_names_no_other_place() -> None:
    """A report that quotes the monitor's 56 on the strike and an agency's 85 in a later
    sentence (an event the incident does not hold) naming no other place gives two versions
    (incident-guide §3), also when its partner repeats the monitor's figure; the same toll
    given for another village is another part of its story."""
    from sitrep.incidents.contested import casualties

    def versions(place: str | None) -> list[str] | None:
        a = report("a", "One", "2030-05-07", [
            Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"],
                 figures=[Figure("killed", 56, attributed_to="MONITOR")]),
            _toll(Figure("killed", 85, attributed_to="AGENCY"), place=place)])
        b = report("b", "Two", "2030-05-06", [Line(STRIKE_B.text, "struck", status="reported",
                                                   place="Qarat Amal", day="2030-05-06",
                                                   figures=[Figure("killed", 56, attributed_to="MONITOR")])])
        ms = mentions([a, b], S)
        held = frozenset(m.id for m in ms if "struck" in m.event.trigger)
        found = casualties(ms, {"a": "One", "b": "Two"}, held, S)
        return None if found is None else [v.value for v in found]

    assert versions(None) == ["killed 56 (MONITOR)", "killed 85 (AGENCY)"]
    assert versions("Tel Wardeh") is None


def test_incidents_the_bare_state_of_the_events_country_is_a_place_not_a_perpetrator() -> None:
    """'Syria's Aleppo bomb blast' names Syria as where, not who: the bare state of the event's
    own country is no party to blame; its forces, or another state, still are."""
    from sitrep.incidents.mentions import alpha3, state_names
    from sitrep.records import Actor

    actors = {"SYR": Actor("SYR", "Syria", "state", "SYR", None),
              "SYR_AF": Actor("SYR_AF", "Syrian Air Force", "military", "SYR", "MIL"),
              "RUS": Actor("RUS", "Russia", "state", "RUS", None)}
    assert alpha3("SY") == "SYR" and alpha3("SYR") == "SYR" and alpha3(None) is None
    assert state_names(["SYR"], actors, "SY") == frozenset({"SYR"})
    assert state_names(["SYR", "SYR_AF"], actors, "SY") == frozenset()  # its forces name the party
    assert state_names(["RUS"], actors, "SY") == frozenset()  # another state acting there
    assert state_names(["SYR"], actors, None) == frozenset()


@pytest.mark.parametrize(("low", "high", "contested"), [
    (12, 30, True),   # two versions of one toll (2.5 times)
    (10, 50, True),   # at the ratio itself: still two versions
    (3, 40, False),   # 13 times: a toll of another scope (a town's week against one strike)
    (2, 100, False),  # a nearby street's two against a hospital's hundred
    (0, 20, True),    # "no one was killed" against twenty: the ratio is no guide, they contest
])
def test_incidents_figures_far_apart_in_scale_are_tolls_of_different_scopes(low: int, high: int,
                                                                             contested: bool) -> None:
    """Two named sources' figures of one kind contest only within ``MAX_VERSION_RATIO`` of each
    other (incident-guide §3: figures over different scopes do not contest); zero always can."""
    from sitrep.incidents.contested import MAX_VERSION_RATIO

    assert 10 / 2 <= MAX_VERSION_RATIO < 40 / 3, "the examples bracket the shipped ratio"
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=["SYR_AF"],
                                               figures=[Figure("killed", low, attributed_to="MONITOR")])])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", high, attributed_to="AGENCY")])])
    assert ("casualties" in _fields(build_incidents([a, b], S), "a", "b")) is contested


# --- follow-up (2026-12-04, morning): versions read from the incident's own event ---------------


@pytest.mark.parametrize(("place", "rolled"), [
    ("Qarat Amal", True),      # the very village of the report's mention of the incident
    ("Tel Wardeh", False),     # another village of the day: another part of the story
    ("Nahr Province", False),  # a province holds many of a day's events
    (None, False),             # no place: nothing ties it to this event rather than the lead
])
def test_incidents_same_village_sentence_tells_the_incident_when_the_report_leads_with_another(
        place: str | None, rolled: bool) -> None:
    """A report that leads with another incident (yesterday's shelling of Marj Hilal) and tells
    the strike on Qarat Amal further down gives, in a later sentence naming Qarat Amal again,
    more of its version of that strike: its 85 is a second source's toll beside the monitor's
    56 (incident-guide §3: a report quoting two sources' tolls contests with any partner)."""
    from sitrep.incidents.contested import casualties, report_scope

    lead = Line("Shells hit the bakery of Marj Hilal on Sunday.", "hit", place="Marj Hilal", day="2030-05-05")
    a = report("a", "One", "2030-05-07", [
        lead, Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"],
                   figures=[Figure("killed", 56, attributed_to="MONITOR")]),
        _toll(Figure("killed", 85, attributed_to="AGENCY"), place=place)])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", 56, attributed_to="MONITOR")])])
    found = mentions([a, b], S)
    reports = {d: [m for m in found if m.document == d] for d in ("a", "b")}
    ms = [m for m in found if m.event.trigger == "struck"]
    scope = report_scope(ms, reports, S)
    assert any(m.event.trigger == "dead" for m in scope["a"]) is rolled
    assert not any(m.event.trigger == "hit" for m in scope["a"])  # the lead is another incident
    versions = casualties([m for own in scope.values() for m in own], {"a": "One", "b": "Two"},
                          frozenset(m.id for m in ms), S)
    assert (versions is not None) is rolled


@pytest.mark.parametrize(("b_targets", "contested"), [
    (["SYR_AF"], False),     # b: rebels hit the air force: one fight of the same two parties
    (["CIVILIANS"], True),   # b: rebels killed the civilians: a rival account of who did it
    ([], True),              # b names no one hit: a rival account
])
def test_incidents_one_fight_told_from_both_sides_is_no_contested_blame(b_targets: list[str],
                                                                        contested: bool) -> None:
    """Report a: the air force struck the rebels; report b: the rebels struck the air force.
    Each names the other's perpetrator in the incident, so they tell one fight between the same
    two parties (or one of them reads doer and target the other way round), not two versions of
    who did it; a report naming only the rebels and the civilians they hit does contest it."""
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=["SYR_AF"], recipients=["REBELS"])])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06", actors=["REBELS"], recipients=b_targets)])
    assert ("blame" in _fields(build_incidents([a, b], S), "a", "b")) is contested


@pytest.mark.parametrize(("words", "contested"), [
    ("the agency", False),    # the report's named agency again, by its head noun
    ("the residents", True),  # names no source of the report: the outlet's own version
])
def test_incidents_a_descriptor_with_the_head_noun_of_a_named_source_is_that_source(words: str,
                                                                                   contested: bool) -> None:
    """'The state news agency in the capital said 60 were killed ... the agency said another 40
    died': the 40 is the agency's figure (its largest, 60, is its version), not the outlet's
    own, so it does not contest the partner's 60 from the same agency."""
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=["SYR_AF"], figures=[
                                                   Figure("killed", 60, attributed_to="AGENCY",
                                                          source_text="the state news agency in the capital"),
                                                   Figure("killed", 40, attributed_to=words, source_text=words)])])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06",
                                               figures=[Figure("killed", 60, attributed_to="AGENCY")])])
    assert ("casualties" in _fields(build_incidents([a, b], S), "a", "b")) is contested


def test_incidents_source_head() -> None:
    from sitrep.incidents.contested import source_head

    assert source_head(Figure("killed", 1, source_text="the defence ministry in Moscow")) == "ministry"
    assert source_head(Figure("killed", 1, attributed_to="Monitors with contacts on the ground")) == "monitor"
    assert source_head(Figure("killed", 1)) is None


@pytest.mark.parametrize(("later", "contested"), [
    # another attack by other means (jets, not the suicide bomber): its doer did not do this one
    ("Government warplanes have bombed the outskirts of Qarat Amal for weeks.", False),
    # no means named: the report's word on who did the attack it leads with
    ("Residents of Qarat Amal blamed government forces for the attack.", True),
])
def test_incidents_blame_from_another_sentence_needs_the_incidents_means(later: str, contested: bool) -> None:
    """Two reports of a suicide bombing of a wedding; b names the rebels as the bombers. A
    later sentence of a naming government forces is a's version of who did it only when it
    does not tell an attack by other means."""
    a = report("a", "One", "2030-05-07", [
        Line("A suicide bomber struck a wedding party in Qarat Amal on Monday.", "struck", place="Qarat Amal",
             day="2030-05-06"),
        Line(later, "bombed" if "bombed" in later else "attack", place="Qarat Amal", actors=["SYR_AF"])])
    b = report("b", "Two", "2030-05-07", [
        Line("A suicide bomber struck a wedding party in Qarat Amal on Monday, the monitor said.", "struck",
             status="reported", place="Qarat Amal", day="2030-05-06", actors=["REBELS"])])
    assert ("blame" in _fields(build_incidents([a, b], S), "a", "b")) is contested


@pytest.mark.parametrize(("where", "strike_day", "toll_day", "rolled"), [
    ("Qarat Amal", "2030-05-06", "2030-05-06", True),  # the village and the day the mention states
    ("Qarat Amal", "2030-05-06", None, True),          # no day stated: the village ties it
    ("Qarat Amal", "2030-05-06", "2030-05-05", False),  # another stated day: another event
    ("Qarat Amal", None, "2030-05-06", False),  # a stated day against a mention stating none
    ("Marj Hilal", "2030-05-06", None, False),  # a town (level 4) holds many of a day's events
])
def test_incidents_a_later_sentence_is_anchored_by_village_and_stated_day(
        where: str, strike_day: str | None, toll_day: str | None, rolled: bool) -> None:
    """``report_scope`` for a report whose lead is another incident: a later sentence joins its
    mention of the incident only at the same village or neighbourhood (``ANCHOR_LEVEL``), and,
    when it states a day, on the day the mention states."""
    from sitrep.incidents.contested import ANCHOR_LEVEL, report_scope

    assert ANCHOR_LEVEL == 5, "the examples use a village (5) and a town (4)"
    lead = Line("Gunmen raided a checkpoint near Tel Wardeh on Sunday.", "raided", place="Tel Wardeh",
                day="2030-05-05")
    strike = Line(f"Warplanes struck the crowded vegetable market of {where}.", "struck", place=where,
                  day=strike_day, actors=["SYR_AF"])
    toll = Line(f"The agency said the dead in {where} numbered 85.", "dead", place=where, day=toll_day,
                figures=[Figure("killed", 85, attributed_to="AGENCY")])
    a = report("a", "One", "2030-05-07", [lead, strike, toll])
    found = mentions([a], S)
    scope = report_scope([m for m in found if m.event.trigger == "struck"], {"a": found}, S)
    assert any(m.event.trigger == "dead" for m in scope["a"]) is rolled


def _bus_bomb(doc: str, outlet: str, published: str, figure: Figure) -> object:
    return report(doc, outlet, published, [Line(
        "A car bomb hit the buses of evacuees at the Qarat Amal crossing on Saturday.", "hit",
        place="Qarat Amal", day="2030-05-04", figures=[figure])])


@pytest.mark.parametrize(("published", "contested"), [
    ("2030-05-04", ["casualties"]),  # the same day: two rival counts
    ("2030-05-05", ["casualties"]),  # the next day: still a rival count
    ("2030-05-09", []),  # five days on: the toll as it rose, not a rival version
])
def test_incidents_a_toll_given_days_later_is_the_running_toll(published: str, contested: list[str]) -> None:
    """Incident-guide §3: a later figure presented as a risen toll is not contested. A higher
    toll from another source published ``RUNNING_TOLL_DAYS`` (3) or more after the lower one is
    the count as it rose (bodies recovered, the wounded dying), not a rival version of it."""
    a = _bus_bomb("a", "One", "2030-05-04", Figure("killed", 100, attributed_to="MONITOR"))
    b = _bus_bomb("b", "Two", published, Figure("killed", 130, attributed_to="AGENCY"))
    found = mentions([a, b], S)
    assert {m.document for g in link(found, S) for m in g.mentions if len({x.document for x in g.mentions}) == 2} \
        == {"a", "b"}, "the two reports must be one incident for the test to mean anything"
    from sitrep.incidents.contested import contested as read

    assert [c.field for c in read(found, S)] == contested


def test_incidents_a_lower_toll_days_later_still_contests() -> None:
    """The running-toll rule reads only a *higher* later figure as the risen toll: a lower one
    from another source days later is a rival count (the toll does not fall)."""
    a = _bus_bomb("a", "One", "2030-05-04", Figure("killed", 130, attributed_to="MONITOR"))
    b = _bus_bomb("b", "Two", "2030-05-09", Figure("killed", 100, attributed_to="AGENCY"))
    from sitrep.incidents.contested import contested as read

    assert [c.field for c in read(mentions([a, b], S), S)] == ["casualties"]


@pytest.mark.parametrize(("words", "approximate", "expected"), [
    ("around twenty", True, True),
    ("some 20 civilians", True, True),
    ("nearly 50", True, True),
    ("dozens of civilians", True, False),  # a vague quantity, not a hedged number
    ("several dozen fighters", True, False),
    ("hundreds", True, False),
    ("20 civilians", False, False),  # exact: not hedged
])
def test_incidents_hedged_counts_are_numbers_with_a_hedge(words: str, approximate: bool, expected: bool) -> None:
    from sitrep.incidents.contested import hedged

    assert hedged(Figure("killed", 20, approximate=approximate, text=words)) is expected


@pytest.mark.parametrize(("b_figure", "contested"), [
    # "around twenty" against 12: apart by more than the hedge: two versions of the toll
    (Figure("killed", 20, attributed_to="AGENCY", approximate=True, text="around twenty"), ["casualties"]),
    # "around twenty" against 17: within the hedge (HEDGE_MARGIN, 25 %): one toll
    (Figure("killed", 17, attributed_to="AGENCY"), None),
    # vague words never contest a number
    (Figure("killed", 30, attributed_to="AGENCY", approximate=True, text="dozens"), []),
])
def test_incidents_a_hedged_count_is_a_version_read_with_its_margin(b_figure: Figure,
                                                                     contested: list[str] | None) -> None:
    """Incident-guide §3: "about N" is a count, unlike "dozens". A hedged count contests
    another figure only when the two are further apart than ``HEDGE_MARGIN`` of the larger."""
    from sitrep.incidents.contested import contested as read

    if contested is None:  # 17 exact against "around twenty" from the other report
        a = _bus_bomb("a", "One", "2030-05-04", Figure("killed", 20, attributed_to="MONITOR", approximate=True,
                                                      text="around twenty"))
        assert [c.field for c in read(mentions([a, _bus_bomb("b", "Two", "2030-05-04", b_figure)], S), S)] == []
        return
    a = _bus_bomb("a", "One", "2030-05-04", Figure("killed", 12, attributed_to="MONITOR"))
    b = _bus_bomb("b", "Two", "2030-05-04", b_figure)
    assert [c.field for c in read(mentions([a, b], S), S)] == contested


def test_incidents_a_sources_exact_count_is_its_version_over_its_hedged_one() -> None:
    """Within one report a source's exact figure is its version, a hedged one only when it gives
    none ("some 120 fighters and 60 mercenaries were killed, the ministry said": its 60, not
    the hedged 120, against another report's 60)."""
    from sitrep.incidents.contested import contested as read

    a = _bus_bomb("a", "One", "2030-05-04", Figure("killed", 60, attributed_to="MONITOR"))
    b = report("b", "Two", "2030-05-04", [Line(
        "A car bomb hit the buses of evacuees at the Qarat Amal crossing on Saturday.", "hit",
        place="Qarat Amal", day="2030-05-04",
        figures=[Figure("killed", 120, attributed_to="AGENCY", approximate=True, text="some 120"),
                 Figure("killed", 60, attributed_to="AGENCY")])])
    assert [c.field for c in read(mentions([a, b], S), S)] == []


def test_incidents_definite_words_are_common_words_after_an_article() -> None:
    """What a sentence refers back to: common words after "the" or "this" ("the convoy"),
    not a name or its adjective ("the Kurdish fighters"), not an indefinite "a convoy"."""
    assert definite_words("Witnesses said the drones fired on this convoy twice.") == {"drone", "convoy"}
    assert definite_words("The Kurdish fighters hit a convoy near This Town.") == frozenset()


#: a report that leads with another strike and tells the convoy strike further down
_CONVOY = Line("A day earlier an air strike destroyed a fuel convoy at Qarat Amal on Monday.", "strike",
               place="Qarat Amal", day="2030-05-06")
_MILL = Line("Shells hit the flour mill of Marj Hilal on Tuesday, wounding two guards.", "hit",
             place="Marj Hilal", day="2030-05-07")
_WARNING = Line("An envoy warned the raid could amount to a war crime.", "warned", category="THREATEN")
_BEHIND = Line("Rescuers said Russian warplanes came back at dusk to hit the convoy.", "hit",
               status="reported", actors=["RUS_AF"])
_DENIAL = Line("But Moscow denied any role.", "denied", category="REJECT", actors=["RUS_AF"])


@pytest.mark.parametrize(("idf", "blamed"), [(contested_module.REFER_BACK_IDF, True), (math.inf, False)])
def test_incidents_a_sentence_that_refers_back_carries_the_denial_next_to_it(
        monkeypatch: pytest.MonkeyPatch, idf: float, blamed: bool) -> None:
    """Report b leads with another strike; its convoy sentence is the incident's. Two sentences
    on, "Russian warplanes came back at dusk to hit the convoy" refers back to it, and Moscow's
    denial right after answers it: a denial by the accused, so blame is contested against a
    report that names the Russian jets. Without the refer-back reading (``inf``) the denial
    follows another violent sentence, so it is read as answering that one.

    The probe is about the contested reading, so the linker's align threshold is held at 0.5
    (main's fit before 2026-12-05 night): at a fitted 0.1 (branch incidents34's refit) the
    linker aligns "came back at dusk to hit the convoy" with report a's convoy sentence itself,
    and the denial answers it with or without the refer-back reading — the last assertion."""
    monkeypatch.setattr(contested_module, "REFER_BACK_IDF", idf)
    a = report("a", "One", "2030-05-07", [Line("Russian jets struck a fuel convoy at Qarat Amal on Monday.",
                                               "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=["RUS_AF"])])
    b = report("b", "Two", "2030-05-08", [_MILL, _CONVOY, _WARNING, _BEHIND, _DENIAL])
    held = dataclasses.replace(S, model=dataclasses.replace(S.model, align_threshold=0.5))
    assert ("blame" in _fields(build_incidents([a, b], held), "a", "b")) is blamed
    aligned = dataclasses.replace(S, model=dataclasses.replace(S.model, align_threshold=0.1))
    assert "blame" in _fields(build_incidents([a, b], aligned), "a", "b")


def test_incidents_an_accusation_about_the_incident_names_its_doer() -> None:
    """"The army blamed the rebels for the strike" right after the strike: the accused is the
    report's version of who did it, so it contests another report's Russian jets; an
    accusation told apart from the strike, after another attack, names no one for it."""
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=["RUS_AF"])])
    blame_line = Line("The army blamed the rebels for the strike.", "blamed", category="ACCUSE",
                      actors=["SYR_AF"], recipients=["REBELS"])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06"), blame_line])
    assert "blame" in _fields(build_incidents([a, b], S), "a", "b")
    apart = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                                   day="2030-05-06"), _MILL, blame_line])
    assert "blame" not in _fields(build_incidents([a, apart], S), "a", "b")


@pytest.mark.parametrize(("sentence", "denies"), [
    ("The ministry said reports of an air strike on the market of Qarat Amal were fabricated.", True),
    ("The governor said the shelling of Tel Wardeh never happened.", True),
    ("No strike took place in Qarat Amal on Monday, a spokesman said.", True),
    ("State television called the footage of the raid a hoax.", True),
    ("The video of the raid was not fake, the monitor said.", False),            # the cue is negated
    ("The opposition says the army's forces staged the attack on Qarat Amal.", False),  # carried it out
    ("Qarat Amal lies on the road to Tel Wardeh.", False),
    ("Moscow denied any role in the strike.", False),                           # who did it: blame
    ("The ministry called the accusations against its pilots false.", False),   # who did it: blame
    ("It was not immediately clear who carried out the strike.", False),
    ("The army denied that its jets struck the market.", False),
])
def test_incidents_denies_occurrence(sentence: str, denies: bool) -> None:
    """A sentence denies that an event happened when it calls the event, or the reports of it,
    untrue; a denial of who did it, a hedge, a place that "lies" somewhere and a doer who
    "staged" an attack deny nothing of the kind."""
    assert contested_module.denies_occurrence(sentence) is denies


_FABRICATED = Line("The ministry said reports of a strike on the market of Qarat Amal were fabricated.", "strike",
                   status="reported", place="Qarat Amal", day="2030-05-06", source="MINISTRY")


def _occurred(result, *docs: str):  # type: ignore[no-untyped-def]
    return next((c for c in _shared(result, *docs).contested if c.field == "occurred"), None)


def test_incidents_a_report_that_calls_the_incident_fabricated_contests_whether_it_happened() -> None:
    """Report b tells the strike as news (the monitor's word) and quotes the ministry calling
    the reports of it fabricated: whether it happened is contested against report a, with the
    ministry's version on b alone and "happened" on both."""
    a = report("a", "One", "2030-05-07", [STRIKE_A])
    b = report("b", "Two", "2030-05-07", [STRIKE_B, _FABRICATED])
    found = _occurred(build_incidents([a, b], S), "a", "b")
    assert found is not None
    versions = {v.value: v.documents for v in found.versions}
    assert versions == {"happened": ["a", "b"], "did not happen (MINISTRY)": ["b"]}


def test_incidents_a_sentence_that_calls_the_strike_fabricated_names_no_doer() -> None:
    """The sentence that calls the strike fabricated is read for whether it happened only: the
    party it names (here the ministry's forces, as an event stage may read the speaker) is not
    the report's perpetrator, so blame is not contested against report a's air force."""
    a = report("a", "One", "2030-05-07", [STRIKE_A])
    fabricated = Line(_FABRICATED.text, "strike", status="reported", place="Qarat Amal", day="2030-05-06",
                      actors=["REBELS"], source="MINISTRY")
    fields = _fields(build_incidents([a, report("b", "Two", "2030-05-07", [STRIKE_B, fabricated])], S), "a", "b")
    assert "occurred" in fields
    assert "blame" not in fields


@pytest.mark.parametrize("second", [
    # an accused party's denial of its part: a version of who did it, not of whether it happened
    Line("The army denied that its jets struck the market of Qarat Amal.", "struck", status="negated",
         place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"]),
    # a negation of something else, naming no one
    Line("It was not immediately clear who carried out the strike on Qarat Amal.", "carried out",
         status="negated", place="Qarat Amal", day="2030-05-06"),
    # a hedge
    Line("An air strike reportedly hit the market of Qarat Amal on Monday.", "air strike", status="reported",
         place="Qarat Amal", day="2030-05-06"),
])
def test_incidents_denials_of_blame_negations_and_hedges_are_not_occurrence_disputes(second: Line) -> None:
    """Whether it happened is contested only by a sentence that calls it, or its reports,
    untrue: an accused's denial of its part, "not clear who carried out" and "reportedly"
    are not such sentences, also when they are a report's only word on the incident."""
    a = report("a", "One", "2030-05-07", [STRIKE_A])
    b = report("b", "Two", "2030-05-07", [second])
    result = build_incidents([a, b], S)
    shared = [i for i in result.incidents if {"a", "b"} <= set(i.documents)]
    assert shared  # the two reports are one incident (same place and day), or nothing below is checked
    assert all(c.field != "occurred" for i in shared for c in i.contested)


def test_incidents_a_fabrication_claim_after_another_attack_answers_that_attack() -> None:
    """Report b's claim that "the reports are fabricated" follows its sentence on another
    attack (the mill at Marj Hilal, the day after): it answers that one, not the incident."""
    a = report("a", "One", "2030-05-07", [STRIKE_A])
    claim = Line("The ministry said the reports were fabricated.", "said", category="REJECT", source="MINISTRY")
    b = report("b", "Two", "2030-05-08", [STRIKE_B, _MILL, claim])
    assert _occurred(build_incidents([a, b], S), "a", "b") is None
    next_to = report("b", "Two", "2030-05-08", [STRIKE_B, claim, _MILL])
    assert _occurred(build_incidents([a, next_to], S), "a", "b") is not None


@pytest.mark.parametrize(("idf", "found"), [(contested_module.REFER_BACK_IDF, True), (math.inf, False)])
def test_incidents_a_fabrication_claim_that_refers_back_is_about_the_incident(
        monkeypatch: pytest.MonkeyPatch, idf: float, found: bool) -> None:
    """Report b's claim that "the pictures of the convoy were fabricated" comes after its
    sentence on another attack, so it does not answer the convoy strike by its position; it
    names "the convoy", a distinctive word of the incident's sentence (``REFER_BACK_IDF``), so
    it is about it. Without the refer-back reading (``inf``) it is not."""
    monkeypatch.setattr(contested_module, "REFER_BACK_IDF", idf)
    a = report("a", "One", "2030-05-07", [Line("Russian jets struck a fuel convoy at Qarat Amal on Monday.",
                                               "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=["RUS_AF"])])
    claim = Line("The ministry said the pictures of the convoy were fabricated.", "said", category="REJECT",
                 source="MINISTRY")
    b = report("b", "Two", "2030-05-08", [_CONVOY, _MILL, claim])
    assert (_occurred(build_incidents([a, b], S), "a", "b") is not None) is found


ROCKETS_B = Line("Rockets fired by rebels killed six people in Tel Wardeh on Monday, the agency said.", "killed",
                 place="Tel Wardeh", day="2030-05-06", actors=["REBELS"],
                 figures=[Figure("killed", 6, attributed_to="AGENCY")])
#: a later sentence of report a: another attack, by other means, the same day nearby
BARREL = Line("A barrel bomb dropped by a helicopter on Qarat Amal killed 15 people, the monitor said.", "killed",
              place="Qarat Amal", actors=["SYR_AF"], figures=[Figure("killed", 15, attributed_to="MONITOR")])


def _rocket_fields(later: Line) -> list[str]:
    """The contested fields of the rocket fire on Tel Wardeh, told by b and led by a, whose
    later sentence ``later`` the linker left out of the incident."""
    a = report("a", "One", "2030-05-07", [
        Line("Rebel rockets hit the Tel Wardeh district on Monday.", "hit", place="Tel Wardeh",
             day="2030-05-06", actors=["REBELS"]), later])
    b = report("b", "Two", "2030-05-07", [ROCKETS_B])
    found = mentions([a, b], S)
    held = [m for m in found if m.document == "b" or m.event.trigger == "hit"]
    reports = {d: [m for m in found if m.document == d] for d in ("a", "b")}
    return [c.field for c in contested_module.contested(held, S, reports)]


@pytest.mark.parametrize(("later", "contested"), [
    # another attack by other means the same day nearby (a barrel bomb beside the rockets):
    # its toll is not a's version of the rocket fire's
    (BARREL, False),
    # a toll that names no means is a's version of the incident it leads with
    (Line("The monitor said 15 people were killed in Tel Wardeh.", "killed", place="Tel Wardeh",
          figures=[Figure("killed", 15, attributed_to="MONITOR")]), True),
    # a toll of the same means is too
    (Line("The monitor said the rockets killed 15 people in Tel Wardeh.", "killed", place="Tel Wardeh",
          figures=[Figure("killed", 15, attributed_to="MONITOR")]), True),
])
def test_incidents_a_drawn_sentence_of_another_attack_by_other_means_is_not_the_reports_version(
        later: Line, contested: bool) -> None:
    assert ("casualties" in _rocket_fields(later)) is contested


def test_incidents_the_means_consensus_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """With ``MEANS_CONSENSUS`` off (main before 2026-12-04 late) the barrel bomb's toll is read
    as a's version of the rocket fire."""
    monkeypatch.setattr(contested_module, "MEANS_CONSENSUS", False)
    assert "casualties" in _rocket_fields(BARREL)


def test_incidents_other_attack_needs_means_on_both_sides_and_none_shared() -> None:
    a = report("a", "One", "2030-05-07", [
        Line("Rebel rockets hit the Tel Wardeh district on Monday.", "hit", place="Tel Wardeh", day="2030-05-06"),
        Line("A barrel bomb dropped by a helicopter hit Qarat Amal.", "hit", place="Qarat Amal"),
        Line("Fifteen people were killed in Qarat Amal.", "killed", place="Qarat Amal")])
    rockets, barrel, toll = mentions([a], S)
    assert rockets.means and barrel.means and not toll.means
    assert contested_module.other_attack(barrel, [rockets])
    assert not contested_module.other_attack(rockets, [rockets])
    assert not contested_module.other_attack(toll, [rockets])
    assert not contested_module.other_attack(barrel, [toll])


@pytest.mark.parametrize(("one", "two", "contested"), [
    (["REB"], ["FALCONS"], False),     # "terrorists" against a named group: an umbrella term, compatible
    (["FALCONS"], ["UAF"], False),     # "gunmen" likewise, either side
    (["REB"], ["SYR_AF"], True),       # "terrorist rockets" against government jets: rival accounts
    (["UAF"], ["RUS_AF", "FALCONS"], False),  # the umbrella reads as the named group the other gives
    (["FALCONS"], ["REBELS"], True),   # two named groups: rival accounts
    (["REB", "SYR_AF"], ["FALCONS"], False),  # one of a's parties agrees with b's: no rival account
    (["REB"], ["HEZBOLLAH"], True),    # a group on the state's side (sides.yaml) is no insurgent the umbrella names
])
def test_incidents_an_umbrella_term_agrees_with_a_named_group(one: list[str], two: list[str], contested: bool) -> None:
    """incident-guide §3, blame: "an umbrella term vs a specific group ('militants' vs a named
    faction)" is compatible; an umbrella term never agrees with a state's forces."""
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=one)])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06", actors=two)])
    assert ("blame" in _fields(build_incidents([a, b], S), "a", "b")) is contested


def test_incidents_the_umbrella_reading_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contested_module, "UMBRELLA_AGREES", False)
    a = report("a", "One", "2030-05-07", [Line(STRIKE_A.text, "struck", place="Qarat Amal", day="2030-05-06",
                                               actors=["REB"])])
    b = report("b", "Two", "2030-05-07", [Line(STRIKE_B.text, "struck", status="reported", place="Qarat Amal",
                                               day="2030-05-06", actors=["FALCONS"])])
    assert "blame" in _fields(build_incidents([a, b], S), "a", "b")


@pytest.mark.parametrize(("party", "umbrella", "group"), [
    ("REB", True, False), ("UAF", True, False), ("SYR_REB", True, False), ("IMG", True, False),
    ("ISIS", False, True), ("HTS", False, True), ("FALCONS", False, True),
    ("SYR", False, False), ("RUS", False, False),   # states' country codes
    ("REBELS", False, True), ("SYR_REBX", False, True),
])
def test_incidents_umbrella_and_named_group_parties(party: str, umbrella: bool, group: bool) -> None:
    assert contested_module.umbrella(party) is umbrella
    assert contested_module.named_group(party) is group
