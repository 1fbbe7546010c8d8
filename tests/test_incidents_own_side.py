"""A party is never the recipient of its own attack (``Settings.rollup_own_side``, ``rollup.own_side``;
branch selfrec1) on project-written toy reports: an event that codes its doer's own side as hit (the
government "hit" by its air force's barrel bomb, a doer read as its own target) loses that recipient; the
same party an actor in one report and hit in another is kept (the roll-up cannot tell which misread it);
a battle is left to the battle rule; off, nothing moves; linking report by report equals a rebuild."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from incident_helpers import (
    Line,
    held_parties,
    report,
    stepwise_equals_rebuild,
)

from sitrep.incidents.build import build_incidents
from sitrep.incidents.inputs import DocumentInput
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import linker_version
from sitrep.store import Store

OFF = dataclasses.replace(load_settings(), rollup_own_side=False)
ON = dataclasses.replace(OFF, rollup_own_side=True)



def _barrel_bomb(doc: str = "a", published: str = "2030-05-07") -> DocumentInput:
    """The air force's barrel bomb, its event coding the government (the air force's own state) as hit."""
    return report(doc, doc.upper(), published, [
        Line("An air force helicopter dropped a barrel bomb on a government-held bakery in Qarat Amal on Monday, "
             "killing four civilians.", "dropped", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"],
             recipients=["SYR_GOV", "CIVILIANS"])])


def _car_bomb() -> list[DocumentInput]:
    """A car bomb whose event reads its doer as its own target too."""
    return [report("a", "A", "2030-05-07", [
        Line("A rebel car bomb exploded beside a rebel checkpoint in Qarat Amal on Monday, killing three "
             "civilians.", "exploded", place="Qarat Amal", day="2030-05-06", actors=["REBELS"],
             recipients=["REBELS", "CIVILIANS"])])]


SENTENCE = "Russian jets struck rebel positions at Qarat Amal on Monday, witnesses said."


def _misread_doer() -> list[DocumentInput]:
    """Two outlets' reports of one strike, the second misreading its target as the doer: the rebels are an
    actor by one report and hit by the other, never by one event."""
    return [report("a", "A", "2030-05-07", [Line(SENTENCE, "struck", place="Qarat Amal", day="2030-05-06",
                                                 actors=["RUS_AF"], recipients=["REBELS"])]),
            report("b", "B", "2030-05-07", [Line(SENTENCE, "struck", place="Qarat Amal", day="2030-05-06",
                                                 actors=["REBELS"])])]


def test_own_side_a_government_hit_by_its_own_air_force_is_no_recipient() -> None:
    assert held_parties([_barrel_bomb()], ON) == (["SYR_AF"], ["CIVILIANS"])
    assert held_parties([_barrel_bomb()], OFF) == (["SYR_AF"], ["CIVILIANS", "SYR_GOV"])


def test_own_side_a_doer_read_as_its_own_target_is_no_recipient() -> None:
    assert held_parties(_car_bomb(), ON) == (["REBELS"], ["CIVILIANS"])
    assert held_parties(_car_bomb(), OFF) == (["REBELS"], ["CIVILIANS", "REBELS"])


def test_own_side_keeps_a_party_one_report_gives_as_doer_and_another_as_hit() -> None:
    assert build_incidents(_misread_doer(), ON).incidents[0].documents == ["a", "b"]  # one incident
    assert held_parties(_misread_doer(), ON) == held_parties(_misread_doer(), OFF) == (["REBELS", "RUS_AF"], ["REBELS"])


def test_own_side_leaves_a_battle_to_the_battle_rule() -> None:
    clashes = [report("a", "A", "2030-05-07", [
        Line("Clashes among rebel factions shook Qarat Amal on Monday, killing two civilians.", "Clashes",
             place="Qarat Amal", day="2030-05-06", actors=["REBELS"], recipients=["REBELS", "CIVILIANS"])])]
    no_battles = dataclasses.replace(ON, rollup_battles=False)
    assert held_parties(clashes, no_battles) == (["REBELS"], ["CIVILIANS", "REBELS"])


def test_own_side_switch_moves_the_stored_incidents_version() -> None:
    assert linker_version(ON) != linker_version(OFF)


def test_own_side_incremental_equals_rebuild_with_the_switch_on(tmp_path: Path) -> None:
    with Store(tmp_path / "own_side.db") as store:
        incidents = stepwise_equals_rebuild(store, [_barrel_bomb(), _barrel_bomb("b", "2030-05-08")], ON)
    strike = next(i for i in incidents if "a" in i.documents)
    assert strike.recipients == ["CIVILIANS"] and strike.actors == ["SYR_AF"]
