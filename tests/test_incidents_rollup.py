"""The incident roll-up by agreement among its reports (``incidents/rollup.py``) on
project-written toy reports: parties kept by agreement among independent sources, a single
source keeping its own, news sources never parties of the violence they report, and the
conservative toll read per source (vague own words and wire copies)."""

from __future__ import annotations

import dataclasses

from incident_helpers import Figure, Line, report

from sitrep.incidents.build import build_incidents
from sitrep.incidents.mentions import mentions
from sitrep.incidents.rollup import agreed_parties
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import linker_version

S = load_settings()
UNION = dataclasses.replace(S, rollup_agreement=False)

STRIKE = ("Warplanes struck the crowded vegetable market of Qarat Amal on Monday, killing twelve "
          "civilians.")
BODY = ("The strike was the deadliest in the province this month, residents said, and several "
        "buildings around the square collapsed.")


def _strike(*, actors: list[str], figures: list[Figure] | None = None, recipients: list[str] | None = None,
            text: str = STRIKE) -> Line:
    return Line(text, "struck", place="Qarat Amal", day="2030-05-06", actors=actors,
                recipients=["CIVILIANS"] if recipients is None else recipients, figures=figures or [])


def _incident(result, *doc_ids: str):  # type: ignore[no-untyped-def]  # a test helper
    return next(i for i in result.incidents if set(doc_ids) <= set(i.documents))


def test_rollup_a_party_only_one_intruding_report_gives_stays_out() -> None:
    """Three outlets tell one strike; two blame the air force, one names the rebels only in its
    lead: the record keeps the air force; the union roll-up kept both."""
    reports = [report("a", "One", "2030-05-07", [_strike(actors=["SYR_AF"])]),
               report("b", "Two", "2030-05-07", [_strike(actors=["SYR_AF"], text=STRIKE.replace("Warplanes", "Jets"))]),
               report("c", "Three", "2030-05-07", [_strike(actors=["REBELS"], text=STRIKE.replace("Warplanes", "Shells"))])]
    agreed = _incident(build_incidents(reports, S), "a", "b", "c")
    union = _incident(build_incidents(reports, UNION), "a", "b", "c")
    assert agreed.actors == ["SYR_AF"]
    assert set(union.actors) == {"SYR_AF", "REBELS"}
    assert agreed.recipients == ["CIVILIANS"]


def test_rollup_two_sources_two_perpetrators_both_stay() -> None:
    """Two sources, two perpetrators: no majority, so both versions stay (contested blame)."""
    found = mentions([report("a", "One", "2030-05-07", [_strike(actors=["SYR_AF"])]),
                      report("b", "Two", "2030-05-07", [_strike(actors=["REBELS"])])], S)
    assert agreed_parties(found, "actors", "ASSAULT", {}) == ["REBELS", "SYR_AF"]


def test_rollup_a_later_sentence_of_a_report_does_not_outvote_the_leads() -> None:
    """Of several sources, each report's version is its first sentence that names a party: a
    later sentence about another story adds nothing."""
    later = Line("Rebels shelled a checkpoint near Tel Wardeh.", "shelled", place="Tel Wardeh",
                 day="2030-05-06", actors=["REBELS"], recipients=["SYR_AF"])
    found = mentions([report("a", "One", "2030-05-07", [_strike(actors=["SYR_AF"]), later]),
                      report("b", "Two", "2030-05-07", [_strike(actors=["SYR_AF"]), later])], S)
    assert agreed_parties(found, "actors", "ASSAULT", {}) == ["SYR_AF"]
    assert agreed_parties(found, "recipients", "ASSAULT", {}) == ["CIVILIANS"]


def test_rollup_a_single_source_keeps_its_parties() -> None:
    """One report (or the copies of one wire text) cannot be outvoted by itself: every party of
    its mentions stays."""
    lines = [_strike(actors=["SYR_AF"]),
             Line("Russian jets joined the raid on the market, witnesses said.", "joined", status="reported",
                  place="Qarat Amal", day="2030-05-06", actors=["RUS_AF"])]
    found = mentions([report("a", "One", "2030-05-07", lines)], S)
    assert agreed_parties(found, "actors", "ASSAULT", {}) == ["RUS_AF", "SYR_AF"]
    copies = mentions([report("a", "One", "2030-05-07", lines), report("b", "Two", "2030-05-07", lines)], S)
    assert agreed_parties(copies, "actors", "ASSAULT", {"a": "a", "b": "a"}) == ["RUS_AF", "SYR_AF"]


def test_rollup_a_news_source_is_no_party_of_the_violence_but_speaks_in_a_statement() -> None:
    """A named agency of the knowledge base (SANA) read as the strike's target is left out;
    journalists (the sector ``SYR_JRN``) can be victims and stay; the agency accusing someone is
    the statement's actor."""
    strike = _strike(actors=["SYR_AF"], recipients=["CIVILIANS", "SANA", "SYR_JRN"])
    found = mentions([report("a", "One", "2030-05-07", [strike])], S)
    assert agreed_parties(found, "recipients", "ASSAULT", {}) == ["CIVILIANS", "SYR_JRN"]
    accuse = Line("The state agency accused the rebels of shelling Qarat Amal.", "accused", category="ACCUSE",
                  place="Qarat Amal", day="2030-05-06", actors=["SANA"], recipients=["REBELS"])
    said = mentions([report("b", "One", "2030-05-07", [accuse])], S)
    assert agreed_parties(said, "actors", "ACCUSE", {}) == ["SANA"]


def test_rollup_an_unresolved_name_yields_to_a_resolved_party() -> None:
    found = mentions([report("a", "One", "2030-05-07", [_strike(actors=["prov:the-raiders"])]),
                      report("b", "Two", "2030-05-07", [_strike(actors=["SYR_AF"])])], S)
    assert agreed_parties(found, "actors", "ASSAULT", {}) == ["SYR_AF"]
    alone = mentions([report("a", "One", "2030-05-07", [_strike(actors=["prov:the-raiders"])])], S)
    assert agreed_parties(alone, "actors", "ASSAULT", {}) == ["prov:the-raiders"]


def test_rollup_conservative_best_ignores_vague_own_words_below_a_named_count() -> None:
    """An outlet's own "dozens" (12) is not the conservative toll when a named source counts 30;
    the union roll-up took it."""
    dozens = Figure("killed", 12, approximate=True, text="dozens")
    named = Figure("killed", 30, attributed_to="MONITOR", source_text="the Monitor")
    reports = [report("a", "One", "2030-05-07", [_strike(actors=["SYR_AF"], figures=[dozens])]),
               report("b", "Two", "2030-05-07", [_strike(actors=["SYR_AF"], figures=[named],
                                                          text=STRIKE.replace("Warplanes", "Jets"))])]
    killed = next(c for c in _incident(build_incidents(reports, S), "a", "b").casualties if c.kind == "killed")
    assert (killed.best, killed.low, killed.high) == (30, 30, 30)
    old = next(c for c in _incident(build_incidents(reports, UNION), "a", "b").casualties if c.kind == "killed")
    assert old.best == 12


def test_rollup_vague_words_alone_still_give_the_toll() -> None:
    dozens = Figure("killed", 12, approximate=True, text="dozens")
    reports = [report("a", "One", "2030-05-07", [_strike(actors=["SYR_AF"], figures=[dozens])])]
    killed = next(c for c in build_incidents(reports, S).incidents[0].casualties if c.kind == "killed")
    assert (killed.best, killed.low, killed.high) == (12, 12, 12)


def test_rollup_wire_copies_count_once_for_low_and_high() -> None:
    """Two copies of one wire text are one source: the reprint's own figure revises the wire's
    rather than standing as a second version, so low/high span the copy group and the monitor."""
    wire = report("a", "Agency", "2030-05-07", [_strike(actors=["SYR_AF"], figures=[Figure("killed", 40)]), Line(BODY)])
    reprint = report("b", "Reprinter", "2030-05-08",
                     [_strike(actors=["SYR_AF"], figures=[Figure("killed", 20)]), Line(BODY)])
    monitor = report("c", "Own", "2030-05-08", [_strike(
        actors=["SYR_AF"], text=STRIKE.replace("Warplanes", "Jets"),
        figures=[Figure("killed", 25, attributed_to="MONITOR", source_text="the Monitor")])])
    incident = _incident(build_incidents([wire, reprint, monitor], S), "a", "b", "c")
    assert incident.independent_sources == 2
    killed = next(c for c in incident.casualties if c.kind == "killed")
    assert (killed.best, killed.low, killed.high) == (20, 20, 25)
    assert killed.sources == ["Agency", "MONITOR"]
    old = next(c for c in _incident(build_incidents([wire, reprint, monitor], UNION), "a", "b", "c").casualties
               if c.kind == "killed")
    assert (old.low, old.high) == (20, 40)


def test_rollup_switch_moves_the_stored_incidents_version() -> None:
    assert linker_version(S) != linker_version(UNION)
