"""The generic victims' state under ``territory.VICTIMS_NOT_DOERS`` (issue 13, branch events64)."""

from __future__ import annotations

import pytest

from sitrep.stages.events import territory
from sitrep.stages.events.territory import victim_state


def test_victims_not_doers_defaults_off() -> None:
    assert territory.VICTIMS_NOT_DOERS is False


@pytest.mark.parametrize(("place", "theatre", "placed", "doers", "want"), [
    ("RUS", "SYR", True, {"RUS"}, "RUS"),   # off: the event place's state, a doer's or not
    (None, "SYR", True, {"SYR"}, "SYR"),    # off: the theatre
    (None, None, False, set(), None),
])
def test_victim_state_off_reads_place_then_theatre(monkeypatch: pytest.MonkeyPatch, place: str | None,
                                                   theatre: str | None, placed: bool, doers: set[str],
                                                   want: str | None) -> None:
    monkeypatch.setattr(territory, "VICTIMS_NOT_DOERS", False)
    assert victim_state(place, theatre, placed, doers) == want


@pytest.mark.parametrize(("place", "theatre", "placed", "doers", "want"), [
    # a Russian strike placed (mis-geocoded or not) in Russia, in a report on Syria: the theatre
    ("RUS", "SYR", True, {"RUS"}, "SYR"),
    # the theatre read from actors only is not trusted for the victims: no country
    ("RUS", "SYR", False, {"RUS"}, None),
    # the theatre is itself a doer's state: no country
    (None, "SYR", True, {"SYR", "RUS"}, None),
    # no doer's state in play: unchanged
    ("SYR", "SYR", True, {"RUS"}, "SYR"),
    (None, "IRQ", True, {"USA"}, "IRQ"),
    (None, None, False, {"USA"}, None),
])
def test_victim_state_on_passes_over_a_doers_state(monkeypatch: pytest.MonkeyPatch, place: str | None,
                                                   theatre: str | None, placed: bool, doers: set[str],
                                                   want: str | None) -> None:
    monkeypatch.setattr(territory, "VICTIMS_NOT_DOERS", True)
    assert victim_state(place, theatre, placed, doers) == want


#: a report on Syria's war (its theatre read from places), then the state's own forces' strike
WAR_REPORT = ("Fighting raged in Aleppo and Idlib on Sunday. Rebels held positions near Homs. "
              "Syrian government forces shelled a village near Homs on Monday, killing ten people.")


def _shelled(nlp) -> tuple[list[str], list[str]]:
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document
    from sitrep.resources import Resources

    pipeline = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    analysis = next(iter(pipeline.analyze([Document(id="d", sha256="d", text=WAR_REPORT)])))
    [event] = [e for e in analysis.events if e.trigger == "shelled"]
    return event.actors, event.recipients


def test_stage_victims_of_the_doers_own_state(nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(territory, "VICTIMS_NOT_DOERS", False)
    assert _shelled(nlp) == (["SYR_MIL"], ["SYR_CVL"])
    monkeypatch.setattr(territory, "VICTIMS_NOT_DOERS", True)
    # the doer's state and the theatre are one: the generic victims take no country
    assert _shelled(nlp) == (["SYR_MIL"], ["CVL"])
