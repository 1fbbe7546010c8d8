"""The learned record check over an article's events (issue 13, branch events46;
``sitrep.stages.events.record_model``, measured by ``benchmarks/events_record_model.py``). The
article and its events are written for these tests."""

from __future__ import annotations

import json

import pytest

from sitrep.records import Event, EventPlace, Evidence
from sitrep.stages.events import record_model
from sitrep.stages.events.record_model import (
    RecordModel,
    article_features,
    in_scope,
    select,
)

TEXT = ("Rebels shelled the town of Arden on Monday. "
        "The army said it repelled the attack. "
        "The shelling killed 4 people, a monitor said. "
        "Officials will meet next week.")


def _sentence(n: int) -> tuple[int, int]:
    starts = [0]
    for i, ch in enumerate(TEXT):
        if ch == "." and i + 2 < len(TEXT):
            starts.append(i + 2)
    start = starts[n]
    end = TEXT.index(".", start) + 1
    return start, end


def _event(eid: str, sent: int, word: str, category: str, *, actors: tuple[str, ...] = (),
           recipients: tuple[str, ...] = (), place: str | None = None, status: str = "asserted") -> Event:
    start, end = _sentence(sent)
    at = TEXT.index(word, start)
    return Event(id=eid, document="d1", category=category, status=status,  # type: ignore[arg-type]
                 evidence=Evidence(start, end, TEXT[start:end]), trigger=word, actors=list(actors),
                 recipients=list(recipients), place=EventPlace(place) if place else None,
                 trigger_start=at, trigger_end=at + len(word))


@pytest.fixture
def events() -> list[Event]:
    return [
        _event("e1", 0, "shelled", "ASSAULT", actors=("REB",), place="Arden"),
        _event("e2", 1, "repelled", "ASSAULT", actors=("MIL",)),
        _event("e3", 2, "shelling", "ASSAULT", place="Arden", status="reported"),
        _event("e4", 3, "meet", "CONSULT", status="future"),
    ]


def test_the_switch_ships_off_and_the_model_file_ships_for_the_option():
    """The module switch stays off (the default pipeline never reads the model); the model file
    ships for the events stage's opt-in ``record_check`` option (branch record2), in scope after_lead."""
    assert record_model.USE is False
    assert record_model.RECORD is None
    model = RecordModel.load(record_model.MODEL_FILE)
    assert model is not None and model.scope == "after_lead"


def test_features_read_what_the_article_told_before(events):
    f1, f2, f3, f4 = article_features(events, TEXT)
    assert f1["earlier=0"] == 1.0 and "new_actor=True" not in f1 and f1["rank=0"] == 1.0
    # the second attack brings a doer the first did not have
    assert f2["earlier=1"] == 1.0 and f2["new_actor=True"] == 1.0
    # the third: two attacks before it, nothing new (the same place, no doer), a figure, a determiner
    assert f3["earlier=2"] == 1.0 and f3["new_any=False"] == 1.0 and f3["new_place=False"] == 1.0
    assert f3["figure=True"] == 1.0 and f3["determiner=True"] == 1.0 and f3["status=reported"] == 1.0
    # another category starts its own count
    assert f4["earlier=0"] == 1.0 and f4["catstatus=CONSULT|future"] == 1.0
    assert f4["rank=4"] == 1.0 and f4["relpos=3"] == 1.0  # the fourth sentence with an event, of four


def test_features_do_not_depend_on_the_order_given(events):
    assert article_features(list(reversed(events)), TEXT) == list(reversed(article_features(events, TEXT)))


def test_scopes(events):
    f1, f2, f3, f4 = article_features(events, TEXT)
    assert [in_scope("all", f) for f in (f1, f2, f3, f4)] == [True] * 4
    assert [in_scope("repeats", f) for f in (f1, f2, f3, f4)] == [False, True, True, False]
    assert [in_scope("after_lead", f) for f in (f1, f2, f3, f4)] == [False, True, True, True]


def test_a_model_drops_only_below_its_threshold_and_inside_its_scope(events):
    # a model that finds a repeat with nothing new unlikely to be a record
    model = RecordModel({"new_any=False": -4.0}, 1.0, 0.5, "all")
    assert [e.id for e in select(events, TEXT, model)] == ["e1", "e2", "e4"]
    lead_only = RecordModel({"rank=0": -4.0}, 1.0, 0.5, "after_lead")
    assert [e.id for e in select(events, TEXT, lead_only)] == ["e1", "e2", "e3", "e4"]
    keep_all = RecordModel({"new_any=False": -4.0}, 1.0, 0.0, "all")
    assert select(events, TEXT, keep_all) == events


def test_without_a_model_every_event_is_kept_and_the_hook_records(events, monkeypatch):
    monkeypatch.setattr(record_model, "RECORD", [])
    monkeypatch.setattr(record_model, "_LOADED", {record_model.MODEL_FILE: None})
    assert select(events, TEXT) == events
    assert [(d, e) for d, e, _ in record_model.RECORD] == [("d1", "e1"), ("d1", "e2"), ("d1", "e3"), ("d1", "e4")]


def test_the_model_file_round_trips(tmp_path):
    path = tmp_path / "record_model.json"
    path.write_text(json.dumps({"features": ["a", "b"], "weights": [0.5, -1.0], "intercept": 0.25,
                                "threshold": 0.3, "scope": "repeats"}), encoding="utf-8")
    model = RecordModel.load(path)
    assert model == RecordModel({"a": 0.5, "b": -1.0}, 0.25, 0.3, "repeats")
    assert RecordModel.load(tmp_path / "absent.json") is None


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def test_the_stage_applies_the_check_only_with_the_switch(analyze, monkeypatch):
    text = ("Government jets bombed a market in the town of Arden on Tuesday, killing 12 people. "
            "The bombing of the market was condemned by the opposition.")
    off = [e.id for e in analyze(text).events]
    assert off  # the stage finds the attack
    drop_all = RecordModel({}, -10.0, 0.5, "all")
    monkeypatch.setattr(record_model, "_LOADED", {record_model.MODEL_FILE: drop_all})
    assert [e.id for e in analyze(text).events] == off  # the switch is off: the model is not read
    monkeypatch.setattr(record_model, "USE", True)
    assert analyze(text).events == []
    monkeypatch.setattr(record_model, "_LOADED", {record_model.MODEL_FILE: None})
    assert [e.id for e in analyze(text).events] == off  # no model: every event kept


def test_the_study_reports_each_wave_with_the_scorers_own_figures():
    """The study's per-wave report (``WAVE_KEYS``, off and on) names figures the scorer returns, and
    the bar's pooled figures (``KEYS``) too: a renamed scorer key fails here, not after a run."""
    import events_record_model as study

    from sitrep.stages.events.article_scorer import score_articles

    metrics = score_articles([], [])["all"]
    assert set(study.WAVE_KEYS) <= set(metrics)
    assert set(study.KEYS) <= set(metrics)
    assert {"actor_accuracy", "recipient_accuracy", "event_precision", "event_recall"} <= set(study.WAVE_KEYS)


def test_the_studys_plover_clause_holds_within_its_tolerance_on_each_figure():
    """Clause (3) of the record-check bar (branch record1): category accuracy, actor F1 and recipient
    F1 of PLOVER dev (tune part) each may fall by at most ``PLOVER_TOLERANCE``, no more."""
    import events_record_model as study
    from events_side_missing import PLOVER_KEYS

    off = {"category_accuracy": 0.85, "actor_f1": 0.89, "recipient_f1": 0.75, "n": 81}
    assert all(study.plover_holds({"off": off, "on": dict(off)}).values())
    slightly = dict(off, actor_f1=off["actor_f1"] - study.PLOVER_TOLERANCE / 2)
    assert all(study.plover_holds({"off": off, "on": slightly}).values())
    fallen = dict(off, recipient_f1=off["recipient_f1"] - 0.01)
    assert study.plover_holds({"off": off, "on": fallen}) == {
        "category_accuracy": True, "actor_f1": True, "recipient_f1": False}
    assert set(study.PLOVER_GUARDS) <= set(PLOVER_KEYS)
