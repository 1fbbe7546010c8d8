"""A report's headline killed toll as its version in the incident roll-up (``Settings.rollup_headline``,
``rollup.headline_versions``; branch figs1) on project-written toy reports whose figures are the
casualties stage's records (``Casualty``): a part or an earlier count of the report's own toll no
longer sets the conservative best, a second named source's smaller figure stays, and a toll given
only in a sentence with no event (a title) reaches the incident that holds the report's lead."""

from __future__ import annotations

import dataclasses

from incident_helpers import Figure, Line, report

from sitrep.incidents.build import build_incidents
from sitrep.incidents.inputs import DocumentInput
from sitrep.incidents.mentions import report_headline
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import linker_version
from sitrep.records import Casualty, Evidence

OFF = dataclasses.replace(load_settings(), rollup_headline=False)
ON = dataclasses.replace(OFF, rollup_headline=True)

LEAD = ("Air strikes on the market of Qarat Amal killed at least 40 people on Monday, including "
        "15 civilians, a monitor said.")


def _casualty(f: Figure, doc: str, evidence: Evidence, event: str | None, n: int) -> Casualty:
    return Casualty(f"cas_{doc}_{n}", doc, f.kind, f.victims, f.best or 0, evidence.start, evidence.end,  # type: ignore[arg-type]
                    f.text or str(f.best), evidence, approximate=f.approximate, scope=f.scope,  # type: ignore[arg-type]
                    event=event, attributed_to=f.attributed_to, source_text=f.source_text)


def _staged(item: DocumentInput) -> DocumentInput:
    """The report with its figures as the casualties stage stores them: ``Casualty`` records on
    its events, and its sentences' figures with no event as loose ones."""
    n = iter(range(1000))
    events = [dataclasses.replace(e, casualties=[_casualty(f, e.document, e.evidence, e.id, next(n))  # type: ignore[arg-type]
                                                 for f in item.figures.get(e.id, ())]) for e in item.events]
    loose = [_casualty(f, item.document.id, f.evidence, None, next(n))  # type: ignore[arg-type, attr-defined]
             for f in item.loose_figures]
    return dataclasses.replace(item, events=events, figures={}, loose_figures=tuple(loose))


def _killed(items: list[DocumentInput], settings) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    incidents = build_incidents(items, settings).incidents
    held = next(i for i in incidents if "a" in i.documents)
    k = next(c for c in held.casualties if c.kind == "killed")
    return k.best, k.low, k.high


def _strike(text: str, figures: list[Figure], trigger: str = "killed") -> Line:
    return Line(text, trigger, place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"], recipients=["CIVILIANS"],
                figures=figures)


def _monitor(best: int, victims: str = "people") -> Figure:
    return Figure("killed", best, attributed_to="a monitor", source_text="a monitor", victims=victims)


def test_headline_a_smaller_count_of_the_headlines_source_is_no_conservative_best() -> None:
    """The report's toll is 40 fighters; a later sentence gives the same monitor's 5 civilians of
    other shelling the incident also holds: with every figure read the total (5) came before the
    part count and set the best; the headline's source's smaller figure is now left out."""
    lead = Figure("killed", 40, attributed_to="SOHR", source_text="the Observatory monitor", victims="fighters")
    later = Figure("killed", 5, attributed_to="SOHR", source_text="The Observatory", victims="civilians")
    lines = [_strike("Two days of battle around Qarat Amal killed at least 40 fighters, the Observatory monitor "
                     "reported.", [lead]),
             _strike("The Observatory said 5 civilians were also killed by shelling on Qarat Amal.", [later])]
    items = [_staged(report("a", "One", "2030-05-07", lines))]
    assert _killed(items, ON) == (40, 40, 40)
    assert _killed(items, OFF) == (5, 5, 5)


def test_headline_another_named_source_keeps_its_smaller_version() -> None:
    """A second source the report quotes by name (the state agency's 9) is a version, not a part:
    it stays as the conservative best, the headline's 40 as the high."""
    agency = Figure("killed", 9, attributed_to="SANA", source_text="the state news agency SANA")
    lines = [_strike(LEAD, [_monitor(40)]),
             _strike("The state news agency SANA said 9 people were killed at Qarat Amal.", [agency])]
    items = [_staged(report("a", "One", "2030-05-07", lines))]
    assert _killed(items, ON) == (9, 9, 40)


def test_headline_a_toll_given_in_a_sentence_with_no_event_reaches_the_lead() -> None:
    """A title's "61 killed" has no event; the lead says only "dozens": the incident that holds the
    lead reads the report's 61 with the switch, the vague dozens without it."""
    title = Line("Market air strikes kill 61 in Qarat Amal", figures=[_monitor(61)])
    dozens = Figure("killed", 12, approximate=True, text="dozens")
    lines = [title, _strike("Air strikes on the market of Qarat Amal killed dozens of people on Monday.", [dozens])]
    items = [_staged(report("a", "One", "2030-05-07", lines))]
    assert _killed(items, ON) == (61, 61, 61)
    assert _killed(items, OFF) == (12, 12, 12)


def test_headline_is_the_casualty_stages_main_killed_figure() -> None:
    """The headline is the largest killed figure on an event stated as fact: a feared toll of a
    hypothetical event is not one, and a report whose figures are not the stage's records has none."""
    feared = Figure("killed", 100)
    lines = [_strike(LEAD, [_monitor(40), _monitor(15, "civilians")]),
             Line("Residents feared new raids could kill 100 more in Qarat Amal.", "kill", status="hypothetical",
                  place="Qarat Amal", day="2030-05-06", figures=[feared])]
    staged = _staged(report("a", "One", "2030-05-07", lines))
    headline = report_headline(staged)
    assert headline is not None and headline.figure.best == 40
    assert headline.sentence == (0, len(LEAD))
    assert report_headline(report("a", "One", "2030-05-07", lines)) is None


def test_headline_switch_moves_the_stored_incidents_version() -> None:
    assert linker_version(ON) != linker_version(OFF)
