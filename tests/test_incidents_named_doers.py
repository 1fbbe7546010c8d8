"""An umbrella doer of the insurgency yields to the named armed group its reports name
(``Settings.rollup_named_doers``, ``rollup.named_doers``; branch actorrec1), on project-written toy
reports: a bombing the lead gives to "terrorists" is the group's when a later sentence with no place of
its own has a named faction saying it set off the device; a round-up's group named at another town tells another
incident and is not taken; unidentified forces ("warplanes", ``UAF``) never yield; a group hit by the
attack is no doer; off, nothing moves; incremental equals rebuild (the switch's variable: `test_incidents_switches.py`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from incident_helpers import Line, report, stepwise_equals_rebuild

from sitrep.incidents.build import build_incidents
from sitrep.incidents.inputs import DocumentInput
from sitrep.incidents.rollup import insurgent_umbrella
from sitrep.incidents.settings import load_settings
from sitrep.store import Store

OFF = dataclasses.replace(load_settings(), rollup_named_doers=False)
ON = dataclasses.replace(OFF, rollup_named_doers=True)

BOMBING = "A terrorist bombing tore through a bus at the Qarat Amal depot on Monday, killing six passengers."
CLAIM = "In a statement the Nusra Front said its men had set off the device."


def held_parties(items: list[DocumentInput], settings: object) -> tuple[list[str], list[str]]:
    """The actors and recipients (sorted) of the incident that holds the first report's lead event (the
    claim, a sentence of its own, may be an incident of its own)."""
    lead = items[0].events[0].id
    held = next(i for i in build_incidents(items, settings).incidents if lead in i.events)  # type: ignore[arg-type]
    return sorted(held.actors), sorted(held.recipients)


def _claimed(doc: str = "a", published: str = "2030-05-07", claim: Line | None = None) -> DocumentInput:
    """A bombing the report's lead gives to "terrorists", its next sentence to a named group."""
    return report(doc, doc.upper(), published, [
        Line(BOMBING, "bombing", place="Qarat Amal", day="2030-05-06", actors=["SYR_REB"], recipients=["CIVILIANS"]),
        claim or Line(CLAIM, "set off", actors=["NUSRA"])])


def test_named_doers_an_umbrella_doer_yields_to_the_group_the_report_names() -> None:
    assert held_parties([_claimed()], ON) == (["NUSRA"], ["CIVILIANS"])
    assert held_parties([_claimed()], OFF) == (["SYR_REB"], ["CIVILIANS"])


def test_named_doers_a_group_named_at_another_town_tells_another_incident() -> None:
    elsewhere = Line("Jaish al-Islam gunmen lobbed mortars at Bab Sharqi on Monday.", "lobbed",
                     place="Bab Sharqi", day="2030-05-06", actors=["JAISH_AL_ISLAM"])
    assert held_parties([_claimed(claim=elsewhere)], ON) == (["SYR_REB"], ["CIVILIANS"])


def test_named_doers_the_same_town_counts() -> None:
    same = Line("Jaish al-Islam men hid the device at the Qarat Amal depot, a witness told us.", "hid",
                place="Qarat Amal", day="2030-05-06", actors=["JAISH_AL_ISLAM"])
    assert held_parties([_claimed(claim=same)], ON)[0] == ["JAISH_AL_ISLAM"]


def test_named_doers_unidentified_forces_never_yield() -> None:
    jets = report("a", "A", "2030-05-07", [
        Line("Warplanes struck the market of Qarat Amal on Monday, killing nine civilians.", "struck",
             place="Qarat Amal", day="2030-05-06", actors=["UAF"], recipients=["CIVILIANS"]),
        Line("The Nusra Front shelled the town later, a monitor said.", "shelled", actors=["NUSRA"])])
    assert not insurgent_umbrella("UAF") and insurgent_umbrella("SYR_REB") and insurgent_umbrella("REB")
    assert held_parties([jets], ON)[0] == held_parties([jets], OFF)[0]
    assert "NUSRA" not in held_parties([jets], ON)[0]


def test_named_doers_a_group_hit_by_the_attack_is_no_doer() -> None:
    hit = report("a", "A", "2030-05-07", [
        Line("Rebels attacked a Nusra Front checkpoint at Qarat Amal on Monday.", "attacked", place="Qarat Amal",
             day="2030-05-06", actors=["SYR_REB"], recipients=["NUSRA"]),
        Line("Nusra Front fighters fired back, a monitor said.", "fired", actors=["NUSRA"])])
    assert held_parties([hit], dataclasses.replace(ON, rollup_battles=False))[0] == ["SYR_REB"]


def test_named_doers_outside_violence_nothing_moves() -> None:
    statement = Line(BOMBING, "bombing", category="ACCUSE", place="Qarat Amal", day="2030-05-06",
                     actors=["SYR_REB"], recipients=["CIVILIANS"])
    item = report("a", "A", "2030-05-07", [statement, Line(CLAIM, "set off", actors=["NUSRA"])])
    assert held_parties([item], ON) == held_parties([item], OFF)
    assert "SYR_REB" in held_parties([item], ON)[0]


@pytest.mark.parametrize("settings", [ON, OFF], ids=["on", "off"])
def test_named_doers_incremental_equals_rebuild(tmp_path: Path, settings: object) -> None:
    with Store(tmp_path / "doers.db") as store:
        incidents = stepwise_equals_rebuild(store, [_claimed(), _claimed("b", "2030-05-08")], settings)
    bombing = next(i for i in incidents if "a" in i.documents and "CIVILIANS" in i.recipients)
    if settings is ON:
        assert bombing.actors == ["NUSRA"]
    else:  # the umbrella term stays beside the group another report's claim gives
        assert "SYR_REB" in bombing.actors
