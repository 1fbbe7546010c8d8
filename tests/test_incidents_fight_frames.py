"""A fight read from the parse of its sentences in the incident roll-up (``Settings.rollup_fight_frames``,
``fight_frame.read_fight``, ``rollup.framed_sides``; branch battle2, decisions §6b rule 1) on project-written
toy reports: a fight word in any of its forms (by its lemma), the other side a fight word's frame names
("killed in clashes with the rebels"), an attack fought off ("repelled an attack by ..."); each side the
actors stage's mention of it, in the member's sentence. Off, nothing moves; a one-sided strike and an
intruding sentence's fight add nobody; linking report by report equals a rebuild with the switch on."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from incident_helpers import ACTORS, Line, incident_state, report

from sitrep.incidents.build import build_incidents
from sitrep.incidents.fight_frame import Side, parse_sentence, read_fight
from sitrep.incidents.inputs import DocumentInput
from sitrep.incidents.settings import (
    FIGHT_SWITCH_VARIABLE,
    fight_frames_switch,
    load_settings,
)
from sitrep.incidents.update import linker_version, update_incidents
from sitrep.records import Analysis
from sitrep.records import Mention as ActorMention
from sitrep.store import Store

#: every test but the switch test parses sentences with the spaCy model
pytestmark = pytest.mark.slow

OFF = dataclasses.replace(load_settings(), rollup_battles=True, rollup_fight_frames=False)
ON = dataclasses.replace(OFF, rollup_fight_frames=True)

#: the names the toy actors stage resolves, and their actors
NAMES = {"the rebels": "REBELS", "rebels": "REBELS", "the air force": "SYR_AF", "air force": "SYR_AF",
         "Falcons of the Valley": "FALCONS", "The Monitor": "MONITOR"}


def _named(text: str, doc: str = "d") -> list[ActorMention]:
    """The toy actors stage: each name of ``NAMES`` where it first stands in each sentence-sized stretch."""
    out, taken = [], []
    for name in sorted(NAMES, key=len, reverse=True):
        at = text.find(name)
        while at >= 0:
            if not any(a < at + len(name) and at < b for a, b in taken):
                out.append(ActorMention(doc, NAMES[name], at, at + len(name), name, text))
                taken.append((at, at + len(name)))
            at = text.find(name, at + 1)
    return sorted(out, key=lambda m: m.start)


def _read(text: str, trigger: str, attacks: tuple[str, ...] = ()) -> tuple[bool, list[str]]:
    at = text.index(trigger)
    spans = [(text.index(a), text.index(a) + len(a)) for a in attacks]
    armed = [m for m in _named(text) if m.actor in ("REBELS", "SYR_AF", "FALCONS")]
    found = read_fight(parse_sentence(text), 0, (at, at + len(trigger)), armed, spans)
    return found.fight, [s.actor for s in found.sides]


def test_fight_frames_fight_words_by_their_lemma() -> None:
    assert _read("The rebels clashed with the air force near Qarat Amal.", "clashed") == (True, ["REBELS", "SYR_AF"])
    assert _read("The rebels fought the air force near Qarat Amal.", "fought") == (True, ["REBELS", "SYR_AF"])
    assert _read("The rebels were battling near Qarat Amal.", "battling")[0]


def test_fight_frames_the_other_side_a_frame_names_with_its_mention() -> None:
    text = "Two men of the air force were killed in clashes with the Falcons of the Valley at Qarat Amal."
    fight, sides = _read(text, "killed")
    assert fight and sides == ["FALCONS"]
    found = read_fight(parse_sentence(text), 100, (100 + text.index("killed"), 100 + text.index("killed") + 6),
                       [dataclasses.replace(m, start=m.start + 100, end=m.end + 100) for m in _named(text)
                        if m.actor == "FALCONS"])
    start = 100 + text.index("Falcons")
    assert found.sides == (Side("FALCONS", start, start + len("Falcons of the Valley")),)  # offsets of its mention
    assert _read("Heavy clashes between the rebels and the air force shook Qarat Amal.", "clashes")[1] == \
        ["REBELS", "SYR_AF"]


def test_fight_frames_an_attack_fought_off_names_both_sides() -> None:
    text = "The air force repelled an attack by the rebels on Qarat Amal."
    assert _read(text, "repelled", ("attack",)) == (True, ["SYR_AF", "REBELS"])
    assert _read(text, "repelled") == (False, [])  # no other violent event there: nothing is answered


def test_fight_frames_a_one_sided_strike_tells_no_fight() -> None:
    assert _read("The air force struck the rebels at Qarat Amal on Monday.", "struck") == (False, [])
    assert _read("The air force struck Qarat Amal, while the rebels were fighting the Falcons of the Valley "
                 "far to the east.", "struck") == (False, [])


SENTENCE = "Two men of the air force were killed in clashes with the rebels at Qarat Amal on Monday, The Monitor said."


def _with_mentions(item: DocumentInput) -> DocumentInput:
    named = _named(item.document.text, item.document.id)
    ids = sorted({a.id for a in item.actors} | {m.actor for m in named})
    return dataclasses.replace(item, mentions=named, actors=[ACTORS[i] for i in ids])


def _killed(doc: str = "a", day: str = "2030-05-07") -> DocumentInput:
    """A report of a battle the events stage coded by its toll: the fallen side a recipient, the other unnamed."""
    return _with_mentions(report(doc, doc.upper(), day, [
        Line(SENTENCE, "killed", place="Qarat Amal", day="2030-05-06", recipients=["SYR_AF"])]))


def _parties(items: list[DocumentInput], settings) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    held = build_incidents(items, settings).incidents[0]
    return sorted(held.actors), sorted(held.recipients)


def test_fight_frames_on_the_other_side_joins_the_actors() -> None:
    assert _parties([_killed()], ON) == (["REBELS", "SYR_AF"], [])
    assert _parties([_killed()], OFF) == ([], ["SYR_AF"])


def test_fight_frames_a_strike_keeps_its_recipient_both_ways() -> None:
    item = _with_mentions(report("a", "A", "2030-05-07", [
        Line("The air force struck the rebels at Qarat Amal on Monday.", "struck", place="Qarat Amal",
             day="2030-05-06", actors=["SYR_AF"], recipients=["REBELS"])]))
    assert _parties([item], ON) == _parties([item], OFF) == (["SYR_AF"], ["REBELS"])


def test_fight_frames_switch_reads_the_environment_and_moves_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FIGHT_SWITCH_VARIABLE, raising=False)
    assert not fight_frames_switch() and not load_settings().rollup_fight_frames  # shipped off
    monkeypatch.setenv(FIGHT_SWITCH_VARIABLE, "frames")
    assert fight_frames_switch()
    assert linker_version(ON) != linker_version(OFF)


def _store(store: Store, item: DocumentInput) -> None:
    doc = item.document
    doc.status = "ingested"
    store.add_document(doc)
    store.save_analysis(Analysis(document=doc, events=list(item.events), places=list(item.places),
                                 entities=list(item.entities), actors=list(item.actors),
                                 mentions=list(item.mentions)), "v1")


def test_fight_frames_incremental_equals_rebuild_with_the_switch_on(tmp_path: Path) -> None:
    with Store(tmp_path / "fights.db") as store:
        _store(store, _killed("a"))
        update_incidents(store, settings=ON)
        _store(store, _killed("b", "2030-05-08"))
        assert not update_incidents(store, settings=ON).rebuilt
        stepwise = incident_state(store)
        update_incidents(store, settings=ON, rebuild_all=True)
        assert incident_state(store) == stepwise
        battle = next(i for i in store.incidents() if "a" in i.documents)
    assert sorted(battle.actors) == ["REBELS", "SYR_AF"] and battle.recipients == []
