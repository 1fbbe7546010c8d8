"""A report's toll given in a sentence with no event of its own (``contested.TIED_VERSIONS``).

The casualties stage keeps an incident-scope figure that it ties to no event (a headline's toll,
a quoted source's sentence the events stage gave no event: "The monitor said the toll reached
61."). With the switch on, such a figure is part of the report's version of the incident when its
sentence goes on from one of the version's event sentences, or comes before the report's first
event sentence while the incident holds the report's lead. Every report here is invented for the
tests (places of an invented province, see ``incident_helpers``).
"""

from __future__ import annotations

import pytest
from incident_helpers import Figure, Line, report, switch_moves_version

from sitrep.incidents import contested as contested_module
from sitrep.incidents.build import build_incidents
from sitrep.incidents.contested import tied_figures
from sitrep.incidents.inputs import loose_figures
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import load_settings

S = load_settings()

STRIKE_A = Line("Warplanes struck the crowded vegetable market of Qarat Amal on Monday.",
                "struck", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"])
STRIKE_B = Line("Jets struck the crowded vegetable market of Qarat Amal on Monday, the agency said.",
                "struck", status="reported", place="Qarat Amal", day="2030-05-06",
                figures=[Figure("killed", 30, attributed_to="AGENCY")])
#: a sentence with no event that gives a toll: a quoted source's words
QUOTED = Line("The Monitor said the toll had reached 61 by the evening.",
              figures=[Figure("killed", 61, attributed_to="MONITOR", source_text="The Monitor")])
#: the report's second item, another incident in another town
OTHER = Line("Shells hit the bakery of Marj Hilal on Tuesday.", "hit", place="Marj Hilal", day="2030-05-07")


def _shared(result, *docs: str):  # type: ignore[no-untyped-def]
    return next(i for i in result.incidents if set(docs) <= set(i.documents))


@pytest.fixture
def switch(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def set_to(value: bool) -> None:
        monkeypatch.setattr(contested_module, "TIED_VERSIONS", value)
    return set_to


def test_tied_versions_is_on_by_default() -> None:
    assert contested_module.TIED_VERSIONS is True


@pytest.mark.parametrize("on", [True, False])
def test_a_quoted_toll_after_the_version_s_event_is_a_version(switch, on: bool) -> None:  # type: ignore[no-untyped-def]
    """Report a's only toll sits in the sentence after its strike, which has no event: on, it
    contests report b's figure of another source; off (main), report a gives no figure."""
    switch(on)
    a = report("a", "One", "2030-05-07", [STRIKE_A, QUOTED])
    b = report("b", "Two", "2030-05-07", [STRIKE_B])
    incident = _shared(build_incidents([a, b], S), "a", "b")
    fields = {c.field: c for c in incident.contested}
    if on:
        values = [v.value for v in fields["casualties"].versions]
        assert values == ["killed 30 (AGENCY)", "killed 61 (MONITOR)"]
        assert fields["casualties"].versions[1].documents == ["a"]
    else:
        assert "casualties" not in fields


def test_a_headline_toll_joins_the_lead_event(switch) -> None:  # type: ignore[no-untyped-def]
    """A toll in the report's first sentence, before any event sentence, is its lead's version."""
    switch(True)
    headline = Line("Sixty-one dead in market raid, monitor says.",
                    figures=[Figure("killed", 61, attributed_to="MONITOR", source_text="monitor")])
    a = report("a", "One", "2030-05-07", [headline, STRIKE_A])
    b = report("b", "Two", "2030-05-07", [STRIKE_B])
    incident = _shared(build_incidents([a, b], S), "a", "b")
    assert [c.field for c in incident.contested] == ["casualties"]


def test_a_toll_after_another_incident_s_sentence_is_left_out(switch) -> None:  # type: ignore[no-untyped-def]
    """The quoted toll goes on from the report's second item (another town's shelling): it is
    that story's toll, not a version of the market strike's."""
    switch(True)
    a = report("a", "One", "2030-05-07", [STRIKE_A, OTHER, QUOTED])
    b = report("b", "Two", "2030-05-07", [STRIKE_B])
    incident = _shared(build_incidents([a, b], S), "a", "b")
    assert incident.contested == []


def test_tied_figures_hangs_each_figure_on_its_sentence_s_event() -> None:
    a = report("a", "One", "2030-05-07", [STRIKE_A, QUOTED, OTHER])
    ms = mentions([a], S)
    strike = next(m for m in ms if m.event.trigger == "struck")
    shelling = next(m for m in ms if m.event.trigger == "hit")
    got = {m.event.trigger: [f.best for f in m.figures] for m in tied_figures([strike], ms)}
    assert got == {"struck": [61]}
    assert {m.event.trigger: [f.best for f in m.figures] for m in tied_figures([shelling], ms)} == {"hit": []}


def test_loose_figures_keep_only_incident_figures_of_no_event() -> None:
    kept = Figure("killed", 9)
    figures = [Figure("killed", 5, event="ev_1"), Figure("killed", 900, scope="war_total"),
               Figure("killed", 3, subset_of="c_1"), Figure("killed", 12, superseded=True), kept]
    assert loose_figures(figures) == (kept,)


def test_load_inputs_reads_the_stored_loose_figures(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``update.load_inputs`` gives each report its stored incident figures of no event, and
    leaves out the war-wide totals the casualties stage also keeps apart from events."""
    from sitrep.incidents.update import load_inputs
    from sitrep.records import Casualty, Evidence
    from sitrep.stages.base import Analysis
    from sitrep.store import Store

    a = report("a", "One", "2030-05-07", [STRIKE_A, QUOTED])
    doc = a.document
    doc.status = "ingested"
    start = doc.text.index(QUOTED.text)
    sentence = Evidence(start, start + len(QUOTED.text), QUOTED.text)
    at = doc.text.index("61")
    toll = Casualty("c1", "a", "killed", "people", 61, at, at + 2, "61", sentence, attributed_to="MONITOR")
    total = Casualty("c2", "a", "killed", "people", 9000, at, at + 2, "61", sentence, scope="war_total")
    with Store(tmp_path / "t.db") as store:
        store.add_document(doc)
        store.save_analysis(Analysis(document=doc, events=list(a.events), places=list(a.places),
                                     entities=list(a.entities), actors=list(a.actors), casualties=[toll, total]), "v1")
        (item,) = load_inputs(store, ["a"])
    assert [(f.best, f.attributed_to, f.evidence.start) for f in item.loose_figures] == [(61, "MONITOR", start)]


def test_the_switch_is_part_of_the_stored_incidents_version(switch) -> None:  # type: ignore[no-untyped-def]
    """Turning the switch changes the stored records' contested fields, so the next update rebuilds."""
    assert switch_moves_version(switch)


def test_version_sites_counts_where_a_report_s_figures_sit() -> None:
    """``benchmarks/incidents_version_sites.py``: a figure on the aligned event, one on another
    event of the version, and a loose one in a quoted sentence; and which rows are reading errors."""
    import incidents_version_sites as sites

    toll = Line("Rescuers said the dead were pulled from the rubble by evening.", "dead",
                figures=[Figure("killed", 12, attributed_to="MONITOR")])
    a = report("a", "One", "2030-05-07", [STRIKE_B, toll, QUOTED])
    ms = mentions([a], S)
    strike = [m for m in ms if m.event.trigger == "struck"]
    quoted = (a.document.text.index(QUOTED.text), len(a.document.text))
    got = sites.figure_sites(strike, ms, ms, [quoted])
    assert dict(got) == {"aligned": 1, "scope": 1, "loose, quote, tied": 1}
    rows = [{"a": "x", "b": "y", "gold": ["casualties"], "flagged": [], "linked": True},
            {"a": "x", "b": "z", "gold": ["casualties"], "flagged": [], "linked": False},
            {"a": "y", "b": "z", "gold": [], "flagged": ["blame"], "linked": True},
            {"a": "w", "b": "z", "gold": ["blame"], "flagged": ["blame"], "linked": True}]
    assert sites.reading_errors(rows) == {("x", "y"): "miss", ("y", "z"): "false flag"}
