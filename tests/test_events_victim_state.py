"""The generic victims' state (``EventStage._victims``): the event place's state, else the document's
theatre, whether or not it is a doer's state."""

from __future__ import annotations

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


def test_stage_victims_take_the_theatre_even_when_it_is_the_doers_state(nlp) -> None:
    assert _shelled(nlp) == (["SYR_MIL"], ["SYR_CVL"])
