"""Battles both sides fight in the incident record (``Settings.rollup_battles``, ``rollup.battle_parties``;
branch battle1, decisions §6b rule 1) on project-written toy reports: a fight the events code as one
(a fight word, or two sides each hitting the other) has every armed side as an actor and only
non-combatants as recipients; a one-sided attack keeps the side it hit as a recipient; off, nothing moves;
linking report by report equals a rebuild with the switch on."""

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
from sitrep.incidents.rollup import fight_word
from sitrep.incidents.settings import load_settings
from sitrep.incidents.update import linker_version
from sitrep.store import Store

OFF = dataclasses.replace(load_settings(), rollup_battles=False)
ON = dataclasses.replace(OFF, rollup_battles=True)



def _clashes() -> list[DocumentInput]:
    """One report of clashes near Qarat Amal, coded as the events stage often codes them: one side an
    actor, the other (and the civilians caught in it) recipients."""
    return [report("a", "A", "2030-05-07", [
        Line("Heavy clashes between the rebels and the air force shook Qarat Amal on Monday, killing two "
             "civilians.", "clashes", place="Qarat Amal", day="2030-05-06", actors=["REBELS"],
             recipients=["SYR_AF", "CIVILIANS"])])]


SENTENCE = "Rebels attacked an air force post at Qarat Amal on Monday, and the air force hit back, witnesses said."


def _two_reports(second: Line) -> list[DocumentInput]:
    first = Line(SENTENCE, "attacked", place="Qarat Amal", day="2030-05-06", actors=["REBELS"], recipients=["SYR_AF"])
    return [report("a", "A", "2030-05-07", [first]), report("b", "B", "2030-05-07", [second])]


def _answered() -> list[DocumentInput]:
    """Two outlets' reports of an attack and its answer, each coding one side's part: each side hits the other."""
    return _two_reports(Line(SENTENCE, "hit back", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"],
                             recipients=["REBELS"]))


def _strike() -> list[DocumentInput]:
    """The same two reports, the second coding only who attacked: no side is coded hitting the other back."""
    return _two_reports(Line(SENTENCE, "attacked", place="Qarat Amal", day="2030-05-06", actors=["REBELS"]))


def test_battles_fight_words_in_their_forms() -> None:
    assert all(fight_word(t) for t in ("Clashes", "fighting", "gun battle", "battles", "fought", "skirmish"))
    assert not any(fight_word(t) for t in ("attack", "struck", "shelling", "offensive"))


def test_battles_a_fight_word_makes_every_armed_side_an_actor_and_keeps_the_civilians() -> None:
    assert held_parties(_clashes(), ON) == (["REBELS", "SYR_AF"], ["CIVILIANS"])
    assert held_parties(_clashes(), OFF) == (["REBELS"], ["CIVILIANS", "SYR_AF"])


def test_battles_two_sides_hitting_each_other_are_both_actors() -> None:
    assert build_incidents(_answered(), ON).incidents[0].documents == ["a", "b"]  # one incident of both reports
    assert held_parties(_answered(), ON) == (["REBELS", "SYR_AF"], [])
    assert held_parties(_answered(), OFF) == (["REBELS", "SYR_AF"], ["REBELS", "SYR_AF"])


def test_battles_a_one_sided_attack_keeps_the_side_it_hit_as_recipient() -> None:
    assert build_incidents(_strike(), ON).incidents[0].documents == ["a", "b"]
    assert held_parties(_strike(), ON) == held_parties(_strike(), OFF) == (["REBELS"], ["SYR_AF"])


def test_battles_switch_moves_the_stored_incidents_version() -> None:
    assert linker_version(ON) != linker_version(OFF)


def test_battles_incremental_equals_rebuild_with_the_switch_on(tmp_path: Path) -> None:
    later = report("b", "B", "2030-05-08", [
        Line("Clashes between rebels and the air force went on at Qarat Amal on Monday, a monitor said.",
             "Clashes", place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"], recipients=["REBELS"])])
    with Store(tmp_path / "battles.db") as store:
        incidents = stepwise_equals_rebuild(store, [_clashes()[0], later], ON)
    battle = next(i for i in incidents if "a" in i.documents)
    assert "SYR_AF" in battle.actors and "REBELS" in battle.actors and "SYR_AF" not in battle.recipients
