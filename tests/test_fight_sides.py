"""The sides a fight's own clause names, recorded by the events stage on its own parse (``Event.fight_told``,
``Event.fight_sides``; ``stages.events.fight_frame``, branch battle3, bringing back battle2's reading) and read
from the store by the incident roll-up (``Settings.rollup_fight_frames``, ``rollup.framed_sides``), on
project-written toy reports: a fight word in any of its forms, the other side a frame names ("killed in clashes
with ..."), an attack fought off; each side the actors stage's mention of it with its offsets. Off, nothing moves;
a one-sided strike adds nobody; a side that is already the mention's own argument is not added again; an event
stored before the fields existed reads as no fight; linking report by report equals a rebuild with the switch on."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest
from incident_helpers import (
    ACTORS,
    Line,
    held_parties,
    report,
    stepwise_equals_rebuild,
    store_report,
)

from sitrep.incidents.inputs import DocumentInput
from sitrep.incidents.mentions import mentions
from sitrep.incidents.rollup import framed_sides
from sitrep.incidents.settings import (
    load_settings,
)
from sitrep.records import Event, FightSide
from sitrep.records import Mention as ActorMention
from sitrep.stages.events.fight_frame import party, read_fight
from sitrep.store import Store

OFF = dataclasses.replace(load_settings(), rollup_battles=True, rollup_fight_frames=False)
ON = dataclasses.replace(OFF, rollup_fight_frames=True)

#: the names the toy actors stage resolves, and their actors
NAMES = {"the rebels": "REBELS", "rebels": "REBELS", "the air force": "SYR_AF", "air force": "SYR_AF",
         "Falcons of the Valley": "FALCONS",
         "The Monitor": "MONITOR"}


def _named(text: str, doc: str = "d", offset: int = 0) -> list[ActorMention]:
    """The toy actors stage: every occurrence of a name of ``NAMES`` (longest first, no overlaps)."""
    out, taken = [], []
    for name in sorted(NAMES, key=len, reverse=True):
        at = text.find(name)
        while at >= 0:
            if not any(a < at + len(name) and at < b for a, b in taken):
                out.append(ActorMention(doc, NAMES[name], offset + at, offset + at + len(name), name, text))
                taken.append((at, at + len(name)))
            at = text.find(name, at + 1)
    return sorted(out, key=lambda m: m.start)


# --- the events stage's reading, on a parse of the toy sentences ---------------------------------------


def _read(nlp, text: str, trigger: str, attacks: tuple[str, ...] = ()) -> tuple[bool, list[str]]:  # type: ignore[no-untyped-def]
    at = text.index(trigger)
    spans = [(text.index(a), text.index(a) + len(a)) for a in attacks]
    armed = [m for m in _named(text) if party(ACTORS[m.actor]) is not None]
    found = read_fight(nlp(text), 0, (at, at + len(trigger)), armed, spans)
    return found.fight, [s.actor for s in found.sides]


@pytest.mark.slow
def test_fight_sides_fight_words_by_their_lemma(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _read(nlp, "The rebels clashed with the air force near Qarat Amal.", "clashed") == (True, ["REBELS", "SYR_AF"])
    assert _read(nlp, "The rebels fought the air force near Qarat Amal.", "fought") == (True, ["REBELS", "SYR_AF"])
    assert _read(nlp, "The rebels were battling near Qarat Amal.", "battling")[0]


@pytest.mark.slow
def test_fight_sides_the_other_side_and_an_attack_fought_off(nlp) -> None:  # type: ignore[no-untyped-def]
    killed = "Two men of the air force were killed in clashes with the Falcons of the Valley at Qarat Amal."
    assert _read(nlp, killed, "killed") == (True, ["FALCONS"])
    repelled = "The air force repelled an attack by the rebels on Qarat Amal."
    assert _read(nlp, repelled, "repelled", ("attack",)) == (True, ["SYR_AF", "REBELS"])
    assert _read(nlp, repelled, "repelled") == (False, [])  # no other violent event there: nothing is answered
    assert _read(nlp, "The air force struck the rebels at Qarat Amal on Monday.", "struck") == (False, [])
    assert _read(nlp, "The air force struck Qarat Amal, while the rebels were fighting the Falcons of the Valley "
                 "far to the east.", "struck") == (False, [])


@pytest.mark.slow
def test_fight_sides_read_in_a_document_parse_keep_document_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    """The stage reads a sentence of the whole document's parse (a span, no second parse): the side's
    offsets are the document's, and what it reads is what the sentence alone gives."""
    first = "The Monitor said on Tuesday that the toll was rising. "
    sentence = "Two men of the air force were killed in clashes with the Falcons of the Valley at Qarat Amal."
    doc = nlp(first + sentence)
    start = len(first)
    span = doc.char_span(start, start + len(sentence), alignment_mode="expand")
    at = start + sentence.index("killed")
    armed = [m for m in _named(sentence, offset=start) if m.actor != "MONITOR"]
    found = read_fight(span, 0, (at, at + len("killed")), armed)
    side = start + sentence.index("Falcons")
    assert found.sides == (FightSide("FALCONS", side, side + len("Falcons of the Valley"), "Falcons of the Valley"),)
    assert doc.text[found.sides[0].start:found.sides[0].end] == "Falcons of the Valley"


@pytest.mark.slow
def test_fight_sides_the_events_stage_records_them_and_keeps_its_arguments(analyze_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Heavy clashes between the Free Syrian Army and Hezbollah fighters erupted in Qusayr on Sunday. "
            "Russian jets struck a market in Idlib on Monday, killing 12 civilians.")
    analysis = analyze_text(text, ["actors", "time", "place", "events"], published="2016-10-13")
    by_trigger = {e.trigger: e for e in analysis.events}
    clash, strike = by_trigger["clashes"], by_trigger["struck"]
    assert clash.fight_told and [s.actor for s in clash.fight_sides] == ["FSA", "HEZBOLLAH"]
    assert all(text[s.start:s.end] == s.text and clash.evidence.start <= s.start < s.end <= clash.evidence.end
               for s in clash.fight_sides)
    assert not strike.fight_told and strike.fight_sides == []


# --- the incident roll-up, reading what the events stage stored (no parse) ---------------------------


def _fought(item: DocumentInput, sides: list[str], told: bool = True) -> DocumentInput:
    """``item`` with its first event's stored fight: the named sides of ``NAMES`` found in its sentence."""
    event = item.events[0]
    ev = event.evidence
    found = [FightSide(m.actor, m.start, m.end, m.text) for m in _named(ev.text, item.document.id, ev.start)
             if m.actor in sides]
    events = [dataclasses.replace(event, fight_told=told, fight_sides=found), *item.events[1:]]
    ids = sorted({a.id for a in item.actors} | set(sides))
    return dataclasses.replace(item, events=events, actors=[ACTORS[i] for i in ids])


SENTENCE = "Two men of the air force were killed in clashes with the rebels at Qarat Amal on Monday, The Monitor said."


def _killed(doc: str = "a", day: str = "2030-05-07") -> DocumentInput:
    """A report of a battle the events stage coded by its toll (the fallen a recipient, the other side
    unnamed) and whose clause's fight it recorded ("clashes with the rebels")."""
    return _fought(report(doc, doc.upper(), day, [
        Line(SENTENCE, "killed", place="Qarat Amal", day="2030-05-06", recipients=["SYR_AF"])]), ["REBELS"])



def test_fight_sides_on_the_other_side_joins_the_actors_off_nothing_moves() -> None:
    assert held_parties([_killed()], ON) == (["REBELS", "SYR_AF"], [])
    assert held_parties([_killed()], OFF) == ([], ["SYR_AF"])


def test_fight_sides_a_strike_keeps_its_recipient_both_ways() -> None:
    item = report("a", "A", "2030-05-07", [
        Line("The air force struck the rebels at Qarat Amal on Monday.", "struck", place="Qarat Amal",
             day="2030-05-06", actors=["SYR_AF"], recipients=["REBELS"])])
    assert held_parties([item], ON) == held_parties([item], OFF) == (["SYR_AF"], ["REBELS"])


def test_fight_sides_a_side_already_the_mentions_own_argument_is_not_added_again() -> None:
    item = _fought(report("a", "A", "2030-05-07", [
        Line("The air force fought the rebels and the Falcons of the Valley at Qarat Amal.", "fought",
             place="Qarat Amal", day="2030-05-06", actors=["SYR_AF"], recipients=["REBELS"])]),
        ["SYR_AF", "REBELS", "FALCONS"])
    (mention,) = mentions([item], ON)
    assert [s.actor for s in mention.fight.sides] == ["SYR_AF", "REBELS", "FALCONS"]
    # the roll-up kept only the air force: its own recipient (dropped) is not brought back by the frame
    assert framed_sides([mention], ON, frozenset({"SYR_AF"})) == ["FALCONS"]
    assert framed_sides([mention], OFF, frozenset({"SYR_AF"})) == []
    # a mention that gives no kept party is not read at all
    assert framed_sides([mention], ON, frozenset({"RUS_AF"})) == []


def test_fight_sides_are_stored_and_an_older_event_reads_as_no_fight(tmp_path: Path) -> None:
    db = tmp_path / "fights.db"
    with Store(db) as store:
        store_report(store, _killed("a"))
        (event,) = store.records(Event)
    assert event.fight_told and [(s.actor, s.text) for s in event.fight_sides] == [("REBELS", "the rebels")]
    # an event row written before migration 0014 (its columns left to their defaults)
    conn = sqlite3.connect(db)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(events)") if r[1] not in ("fight_told", "fight_sides")]
    listed = ", ".join(f'"{c}"' for c in columns)
    chosen = ", ".join("id || '_old'" if c == "id" else f'"{c}"' for c in columns)
    conn.execute(f"INSERT INTO events ({listed}) SELECT {chosen} FROM events")
    conn.commit()
    conn.close()
    with Store(db) as store:
        old = next(e for e in store.records(Event) if e.id.endswith("_old"))
    assert not old.fight_told and old.fight_sides == []


def test_fight_sides_incremental_equals_rebuild_with_the_switch_on(tmp_path: Path) -> None:
    with Store(tmp_path / "fights.db") as store:
        incidents = stepwise_equals_rebuild(store, [_killed("a"), _killed("b", "2030-05-08")], ON)
    battle = next(i for i in incidents if "a" in i.documents)
    assert sorted(battle.actors) == ["REBELS", "SYR_AF"] and battle.recipients == []
