"""The contested-reading switch ``continued`` (``contested.CONTINUED_VERSIONS``, issue 11,
``incidents51``): in a report that does not lead with an incident, the next violent sentence
after one of its mentions of it, with no other attack told in between, goes on telling it
(who carried it out, told on the day a statement came), and is read for the contested fields.

Every report here is invented for the tests (places of an invented province, see
``incident_helpers``); the incident's mentions are chosen by hand so that the reading alone is
under test, and through the store to pin incremental = ``--rebuild``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from incident_helpers import Line, report, store_report, switch_moves_version

from sitrep.incidents import contested as contested_module
from sitrep.incidents.contested import contested, continued
from sitrep.incidents.mentions import Mention, mentions
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import update_incidents
from sitrep.store import Store

S = load_settings()
REPO = Path(__file__).resolve().parents[1]

#: report b leads with a clinic strike; its second sentence tells the convoy strike of the day before
CLINIC = Line("Jets struck the clinic of Tel Wardeh late on Tuesday, killing four medics.", "struck",
              place="Tel Wardeh", day="2030-05-07")
CONVOY = Line("The raid came a day after an air strike hit an aid convoy near Qarat Amal on Monday.", "hit",
              place="Qarat Amal", day="2030-05-06")
WARNING = Line("An envoy called the raid a possible war crime.", "called", category="THREATEN")
#: who did it, told on the day the rescuers spoke, with no place of its own
BEHIND = Line("Rescuers said on Tuesday that Russian warplanes were behind the attack.", "behind",
              status="reported", day="2030-05-07", actors=["RUS_AF"])
DENIAL = Line("But Moscow denied any role.", "denied", category="REJECT", actors=["RUS_AF"])
#: another attack, in another town
MILL = Line("Shells hit the flour mill of Marj Hilal on Tuesday, wounding two guards.", "hit",
            place="Marj Hilal", day="2030-05-07")
#: report a tells the convoy strike alone and names no doer
A_CONVOY = Line("Warplanes struck an aid convoy near Qarat Amal on Monday, killing twelve.", "struck",
                place="Qarat Amal", day="2030-05-06")


@pytest.fixture
def switch(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    def set_to(value: bool) -> None:
        monkeypatch.setattr(contested_module, "CONTINUED_VERSIONS", value)
    return set_to


def _reading(b_lines: list[Line], convoy: Line = CONVOY) -> tuple[list[Mention], dict[str, list[Mention]]]:
    """The convoy incident's mentions (report a's strike, report b's convoy sentence) and every
    mention of each report."""
    a = report("a", "One", "2030-05-07", [A_CONVOY])
    b = report("b", "Two", "2030-05-08", b_lines)
    found = mentions([a, b], S)
    reports: dict[str, list[Mention]] = {}
    for m in found:
        reports.setdefault(m.document, []).append(m)
    held = [m for m in found if m.role == "news" and m.event.evidence.text in (A_CONVOY.text, convoy.text)]
    assert {m.document for m in held} == {"a", "b"}
    return held, reports


def _fields(held: list[Mention], reports: dict[str, list[Mention]]) -> dict[str, list[str]]:
    return {c.field: [v.value for v in c.versions] for c in contested(held, S, reports)}


def test_continued_is_off_by_default() -> None:
    assert contested_module.CONTINUED_VERSIONS is False


@pytest.mark.parametrize("on", [True, False])
def test_the_sentence_that_goes_on_telling_the_incident_carries_its_blame(switch, on: bool) -> None:  # type: ignore[no-untyped-def]
    """Off (main): report b's doer and Moscow's denial sit after its convoy sentence with another
    violent sentence (the doer's) between, so neither reaches the convoy incident. On: the doer's
    sentence goes on telling the convoy strike, and the denial next to it answers it."""
    switch(on)
    held, reports = _reading([CLINIC, CONVOY, WARNING, BEHIND, DENIAL])
    got = _fields(held, reports)
    if on:
        assert got["blame"] == ["RUS", "denied by RUS"]  # the Russian jets, read as their state
    else:
        assert "blame" not in got


@pytest.mark.parametrize("lines", [
    [CLINIC, CONVOY, MILL, BEHIND, DENIAL],  # another attack told in between: the doer is that story's
    [CLINIC, CONVOY, WARNING, Line("Rescuers said Russian warplanes were behind the attack on Marj Hilal.",
                                   "behind", status="reported", place="Marj Hilal", actors=["RUS_AF"]), DENIAL],
    [CLINIC, CONVOY, WARNING, Line("Rescuers said on Friday that Russian warplanes were behind the attack.",
                                   "behind", status="reported", day="2030-05-10", actors=["RUS_AF"]), DENIAL],
    [CLINIC, CONVOY, WARNING, Line("Rescuers said Russian artillery shelled the area later.", "shelled",
                                   status="reported", mode="heavy-weapons", actors=["RUS_AF"]), DENIAL],
], ids=["another attack between", "another town", "a day three days on", "other means"])
def test_a_sentence_of_another_part_of_the_story_is_not_read(switch, lines: list[Line]) -> None:  # type: ignore[no-untyped-def]
    switch(True)
    held, reports = _reading(lines)
    assert continued(held, reports, S) == []
    assert "blame" not in _fields(held, reports)


def test_a_sentence_that_goes_on_gives_no_place_date_or_victims_version(switch) -> None:  # type: ignore[no-untyped-def]
    """Report b tells the convoy strike in the province, then (read on) names a town of it far
    from report a's village: who did it and the toll may come from such a sentence, but where
    and when are the incident's own mentions' (no rival place)."""
    switch(True)
    province = Line("The raid came a day after an air strike hit an aid convoy in Nahr Province on Monday.", "hit",
                    place="Nahr Province", day="2030-05-06")
    town = Line("Rescuers said Russian warplanes struck the convoy near Marj Hilal.", "struck", status="reported",
                place="Marj Hilal", actors=["RUS_AF"])
    held, reports = _reading([CLINIC, province, town], convoy=province)
    assert [m.event.evidence.text for m in continued(held, reports, S)] == [town.text]
    assert "place" not in _fields(held, reports)


def test_continued_reads_only_reports_that_do_not_lead_with_the_incident() -> None:
    held, reports = _reading([CLINIC, CONVOY, WARNING, BEHIND, DENIAL])
    got = continued(held, reports, S)
    assert [(m.document, m.event.evidence.text) for m in got] == [("b", BEHIND.text)]
    # report b leading with the convoy strike: report_scope reads its other sentences, not this
    lead_held, lead_reports = _reading([CONVOY, CLINIC, WARNING, BEHIND, DENIAL])
    assert continued(lead_held, lead_reports, S) == []


def test_the_switch_is_part_of_the_stored_incidents_version(switch) -> None:  # type: ignore[no-untyped-def]
    assert switch_moves_version(switch)


def test_incremental_updates_equal_a_rebuild_with_the_switch_on(tmp_path: Path, switch) -> None:  # type: ignore[no-untyped-def]
    switch(True)
    items = [report("a", "One", "2030-05-07", [A_CONVOY]),
             report("b", "Two", "2030-05-08", [CLINIC, CONVOY, WARNING, BEHIND, DENIAL]),
             report("c", "Three", "2030-05-08", [Line("Jets hit a clinic in Tel Wardeh on Tuesday night.", "hit",
                                                      place="Tel Wardeh", day="2030-05-07")]),
             report("d", "Four", "2030-05-07", [Line("An aid convoy was struck from the air near Qarat Amal on "
                                                     "Monday, the monitor said.", "struck", status="reported",
                                                     place="Qarat Amal", day="2030-05-06")])]
    store = Store(tmp_path / "inc.db")
    for item in items:
        store_report(store, item)
        update_incidents(store, settings=S)
    stepwise = {i.id: i.to_dict() for i in store.incidents()}, store.incident_members()
    update_incidents(store, settings=S, rebuild_all=True)
    assert ({i.id: i.to_dict() for i in store.incidents()}, store.incident_members()) == stepwise
    shared = [i for i in stepwise[0].values() if {"a", "b"} <= set(i["documents"])]
    assert shared and any(c["field"] == "blame" for i in shared for c in i["contested"])  # the switch is at work
    store.close()


@pytest.mark.parametrize(("value", "ok"), [("continued", True), ("", True), ("no_such_switch", False)])
def test_the_environment_names_the_switch(value: str, ok: bool) -> None:
    env = {**os.environ, "SITREP_INCIDENT_CONTESTED": value, "PYTHONPATH": str(REPO / "src")}
    code = "from sitrep.incidents import contested as c; print(c.CONTINUED_VERSIONS)"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert (run.returncode == 0) is ok
    if ok:
        assert run.stdout.strip() == str(value == "continued")
    else:
        assert "unknown switch" in run.stderr


def test_the_oof_script_parses_settings_for_the_on_run() -> None:
    import incidents_contested_oof as oof
    assert oof.parse_setting("CONTINUED_VERSIONS=True") == ("CONTINUED_VERSIONS", True)
    assert oof.parse_setting("MAX_VERSION_RATIO=inf") == ("MAX_VERSION_RATIO", float("inf"))
    with pytest.raises(SystemExit):
        oof.parse_setting("NO_SUCH=1")
