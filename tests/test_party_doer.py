"""The learned doer check of the events stage (``party_doer``; issue 13, branch events37): its
features, what it drops, its switch (off by default) and its shipped file. Project-written text."""

from __future__ import annotations

import json

import pytest

from sitrep.records import (
    Actor,
    Analysis,
    Document,
    Event,
    EventPlace,
    Evidence,
    Mention,
    Sentence,
)
from sitrep.stages.events import party_doer
from sitrep.stages.events.party_doer import (
    DoerContext,
    PartyDoerModel,
    doer_features,
    drop_unlikely,
)

TEXT = ("Rebels shelled the army base near Idlib. Twelve people were killed. "
        "Jets struck a market in Homs on Monday.")
S1 = TEXT.index("Twelve")
S2 = TEXT.index("Jets")


def _sentences() -> list[Sentence]:
    bounds = [(0, S1 - 1), (S1, S2 - 1), (S2, len(TEXT))]
    return [Sentence("d", i, a, b, TEXT[a:b]) for i, (a, b) in enumerate(bounds)]


def _event(eid: str, start: int, end: int, trigger: str, actors: list[str], recipients: list[str] | None = None,
           place: EventPlace | None = None) -> Event:
    t0 = TEXT.index(trigger, start)
    return Event(eid, "d", "ASSAULT", "asserted", Evidence(start, end, TEXT[start:end]), trigger,
                 actors=actors, recipients=recipients or [], place=place, trigger_start=t0, trigger_end=t0 + len(trigger))


def _analysis(events: list[Event]) -> Analysis:
    actors = [Actor("REB", "Syrian opposition", "armed_group", "SY"), Actor("UAF", "Armed groups", "armed_group"),
              Actor("JET", "Jets", "military")]
    mentions = [Mention("d", "REB", 0, 6, "Rebels", TEXT[:S1 - 1]),
                Mention("d", "JET", S2, S2 + 4, "Jets", TEXT[S2:])]
    doc = Document(id="d", sha256="d" * 64, text=TEXT)
    return Analysis(document=doc, sentences=_sentences(), actors=actors, mentions=mentions, events=events)


def _events() -> list[Event]:
    return [_event("e0", 0, S1 - 1, "shelled", ["REB"], ["ARMY"]),
            _event("e1", S1, S2 - 1, "killed", ["REB"]),  # carried in: no mention of its own
            _event("e2", S2, len(TEXT), "struck", ["JET", "UAF"], place=EventPlace("Homs", None, None))]


def test_switch_is_off_by_default() -> None:
    assert party_doer.PARTY_DOERS is False


def test_features_tell_own_carried_and_mentionless_doers() -> None:
    an = _analysis(_events())
    ctx = DoerContext.of(an)
    own = doer_features(an.events[0], "REB", ctx)
    carried = doer_features(an.events[1], "REB", ctx)
    generic = doer_features(an.events[2], "UAF", ctx)
    assert own["where=own"] == 1.0 and "where=carried" not in own
    assert carried["where=carried"] == 1.0 and carried["carried_back=1"] == 1.0
    assert generic["where=mentionless"] == 1.0 and "shape=title" not in generic
    assert own["shape=title"] == 1.0 and own["kind=armed_group"] == 1.0
    # the document names REB as the doer of two of its three events
    assert own["doer_share=high"] == 1.0 and own["doer_events=2"] == 1.0
    assert generic["doers=2"] == 1.0 and generic["has_place"] == 1.0


def test_drop_unlikely_drops_carried_doers_and_the_events_left_empty() -> None:
    # a hand-set model: a carried or mentionless doer is unlikely
    model = PartyDoerModel({"where=carried": -5.0, "where=mentionless": -5.0}, 2.0, 0.5)
    an = drop_unlikely(_analysis(_events()), model)
    by_id = {e.id: e for e in an.events}
    assert by_id["e0"].actors == ["REB"]  # its own doer stays
    assert "e1" not in by_id  # no doer, recipient or place left: no record
    assert by_id["e2"].actors == ["JET"]  # the generic goes; the place keeps the event
    assert by_id["e2"].evidence.start == S2  # the event keeps its sentence and offsets


def test_drop_unlikely_keeps_everything_when_every_doer_is_likely() -> None:
    model = PartyDoerModel({}, 2.0, 0.5)
    before = _analysis(_events())
    assert drop_unlikely(before, model).events == before.events


def test_shipped_model_is_fitted_on_the_tune_half() -> None:
    if not party_doer.MODEL_PATH.exists():
        pytest.skip("no shipped doer check (run scripts/train_party_doer.py)")
    data = json.loads(party_doer.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["trained_on"]["split"] == "tune"
    assert len(data["features"]) == len(data["weights"]) > 0
    assert 0.0 <= data["threshold"] <= 1.0
    model = party_doer.load_party_model()
    assert model is not None and model.threshold == data["threshold"]
