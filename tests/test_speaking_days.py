"""A source's speaking day dates its statement, not the act it reports (decisions §6d rule 1; branch timeday1).

The events stage records a calendar expression that governs a reporting verb whose complement holds the event as
the day its source spoke (``EventDate.told``, ``stages.events.anchoring.speaking_day``); the incident layer, with
``Settings.rollup_speaking_days``, gives such an act no day of its own: the incident's date is null unless another
of its mentions states one, the day is no date version in a contest, and the per-event ACLED row has no
``event_date``. Off, everything is as before. Project-written sentences and toy reports only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from incident_helpers import Line, report, stepwise_equals_rebuild, store_report

from sitrep.incidents.build import build_incidents
from sitrep.incidents.contested import when
from sitrep.incidents.inputs import DocumentInput
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import (
    SPEAKING_SWITCH_VARIABLE,
    load_settings,
    speaking_days_switch,
)
from sitrep.incidents.update import linker_version
from sitrep.records import Event, EventDate
from sitrep.stages.events.acled import acled_rows
from sitrep.store import Store

OFF = dataclasses.replace(load_settings(), rollup_speaking_days=False)
ON = dataclasses.replace(OFF, rollup_speaking_days=True)

TOLD = "The monitor said on Tuesday that air strikes on Qarat Amal killed nine civilians."
OWN = "Air strikes on Qarat Amal on Monday killed nine civilians, the agency said."


def _told(doc: str = "a", published: str = "2030-05-08", day: str = "2030-05-07") -> DocumentInput:
    return report(doc, doc.upper(), published, [
        Line(TOLD, "air strikes", place="Qarat Amal", day=day, told=True, actors=["SYR_AF"],
             recipients=["CIVILIANS"])])


def _own(doc: str = "b", published: str = "2030-05-08", day: str = "2030-05-06") -> DocumentInput:
    return report(doc, doc.upper(), published, [
        Line(OWN, "Air strikes", place="Qarat Amal", day=day, actors=["SYR_AF"], recipients=["CIVILIANS"])])


def _held(items: list[DocumentInput], settings: object, doc: str = "a"):  # type: ignore[no-untyped-def]
    return next(i for i in build_incidents(items, settings).incidents if doc in i.documents)  # type: ignore[arg-type]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "told"), [
    ("The monitor reported on Tuesday that government forces shelled the village, killing five civilians.", True),
    ("On Tuesday the monitor said the air force bombed the hospital in the town.", True),
    ("Air strikes on the market on Tuesday killed eight people, a police source said.", False),
    ("A police source said air strikes on the market killed eight people on Tuesday.", False),
])
def test_speaking_days_the_events_stage_tells_a_speaking_day_from_the_acts_own(analyze_text, text: str,  # type: ignore[no-untyped-def]
                                                                              told: bool) -> None:
    analysis = analyze_text(text, ["events"], published="2030-05-08", doc_id="sd")
    assert analysis.events, "the sentence must give an event"
    for event in analysis.events:
        # the day is kept either way, with its words and their evidence; only its role differs
        assert event.date == EventDate("2030-05-07", "day", "Tuesday", told)
        assert event.evidence.text in text and event.evidence.start >= 0


def test_speaking_days_on_an_act_dated_only_by_its_speaking_day_has_no_date() -> None:
    on, off = _held([_told()], ON), _held([_told()], OFF)
    assert on.date is None  # never the speaking day, never the publication day
    assert off.date is not None and (off.date.start, off.date.precision) == ("2030-05-07", "day")
    assert on.first_reported == off.first_reported == "2030-05-08"  # when it was told stays
    assert dataclasses.replace(on, date=None) == dataclasses.replace(off, date=None)  # nothing else moves


def test_speaking_days_another_report_states_the_acts_own_day() -> None:
    items = [_told(), _own()]
    on = _held(items, ON)
    assert sorted(on.documents) == ["a", "b"]
    assert on.date is not None and (on.date.start, on.date.end, on.date.precision) == ("2030-05-06", "2030-05-06",
                                                                                       "day")
    off = _held(items, OFF)
    assert off.date is not None and (off.date.start, off.date.end) == ("2030-05-06", "2030-05-07")


def test_speaking_days_a_report_with_no_speaking_day_is_the_same_both_ways() -> None:
    assert _held([_own()], ON, "b") == _held([_own()], OFF, "b")
    undated = report("c", "C", "2030-05-08", [Line("Shelling hit Tel Wardeh.", "Shelling", place="Tel Wardeh")])
    assert _held([undated], ON, "c") == _held([undated], OFF, "c")


def test_speaking_days_are_no_date_version_in_a_contest() -> None:
    ms = mentions([_told("a", "2030-05-08", "2030-05-03"), _own("b", "2030-05-08", "2030-05-07")], OFF)
    docs = {d: [m for m in ms if m.document == d] for d in ("a", "b")}
    outlets = {"a": "A", "b": "B"}
    versions = when(docs, outlets)
    assert versions is not None and len(versions) == 2
    assert when(docs, outlets, speaking_days=True) is None


def test_speaking_days_the_per_event_acled_row_has_no_event_date_when_on() -> None:
    item = _told()
    (event,) = item.events
    off = acled_rows([event], [item.document], [])
    on = acled_rows([event], [item.document], [], speaking_days=True)
    assert off[0].event_date == "2030-05-07" and on[0].event_date is None
    assert dataclasses.replace(on[0], event_date="2030-05-07") == off[0]


def test_speaking_days_switch_reads_the_environment_and_moves_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SPEAKING_SWITCH_VARIABLE, raising=False)
    assert speaking_days_switch() == dataclasses.fields(ON)[[f.name for f in dataclasses.fields(ON)].index(
        "rollup_speaking_days")].default
    monkeypatch.setenv(SPEAKING_SWITCH_VARIABLE, "on")
    assert speaking_days_switch()
    monkeypatch.setenv(SPEAKING_SWITCH_VARIABLE, "off")
    assert not speaking_days_switch()
    assert linker_version(ON) != linker_version(OFF)


def test_speaking_days_are_stored_and_an_older_event_reads_as_the_acts_own(tmp_path: Path) -> None:
    with Store(tmp_path / "told.db") as store:
        store_report(store, _told())
        (event,) = store.records(Event)
    assert event.date == EventDate("2030-05-07", "day", "2030-05-07", True)
    from sitrep.records import from_plain

    # a date stored before the field existed
    assert from_plain(EventDate, {"value": "2030-05-07", "precision": "day", "text": "Tuesday"}).told is False


@pytest.mark.parametrize("settings", [ON, OFF], ids=["on", "off"])
def test_speaking_days_incremental_equals_rebuild(tmp_path: Path, settings: object) -> None:
    with Store(tmp_path / "told.db") as store:
        incidents = stepwise_equals_rebuild(store, [_told(), _own(), _told("c", "2030-05-09", "2030-05-08")],
                                            settings)
    held = next(i for i in incidents if "a" in i.documents)
    assert held.date is not None  # b states the strikes' own day
