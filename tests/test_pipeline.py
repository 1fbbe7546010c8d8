"""build_pipeline: shared resources handed to every stage, dependencies, options, fallbacks."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from sitrep.errors import PipelineError
from sitrep.kb.model import KBActor
from sitrep.pipeline import build_pipeline, with_dependencies
from sitrep.records import Document
from sitrep.resources import Resources

#: an invented armed group, so only a KB that has it can resolve it
TEXT = "The Zorbian Brigade shelled a village in northern Iraq on Monday."


@pytest.fixture(scope="module")
def custom_kb():
    from sitrep.kb.load import build

    return build([
        KBActor(id="ZORB", name="Zorbian Brigade", kind="armed_group", country=None, sector="REB",
                aliases=("Zorbian Brigade",), provenance="curated"),
        KBActor(id="TUR", name="Turkey", kind="state", country="TUR", sector=None, aliases=("Turkey",),
                provenance="pycountry"),
    ], {}, {})


def _analyze(pipeline, text: str = TEXT):
    return next(iter(pipeline.analyze([Document(id="d", sha256="d", text=text)])))


def test_pipeline_custom_kb_is_used_by_actors_and_events(nlp, custom_kb):
    custom = build_pipeline(only=["events"], resources=Resources(nlp=nlp, kb=custom_kb))
    assert custom.stage("actors").kb is custom_kb
    assert custom.stage("events").kb is custom_kb
    shipped = build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    ours, theirs = _analyze(custom), _analyze(shipped)
    # actors: the custom KB knows the group; the shipped one does not
    assert "ZORB" in {m.actor for m in ours.mentions}
    assert "ZORB" not in {m.actor for m in theirs.mentions}
    [event] = [e for e in ours.events if e.trigger == "shelled"]
    assert event.actors == ["ZORB"] and event.recipients == []
    # events: "northern Iraq" gives a foreign actor's event the recipient IRQ by territory only
    # with a KB that has Iraq (since issue 13 a place gives a recipient only to a foreign actor)
    foreign = "Turkey shelled a village in northern Iraq on Monday."
    [event] = [e for e in _analyze(custom, foreign).events if e.trigger == "shelled"]
    [shipped_event] = [e for e in _analyze(shipped, foreign).events if e.trigger == "shelled"]
    assert event.actors == ["TUR"] and event.recipients == []
    assert shipped_event.actors == ["TUR"] and shipped_event.recipients == ["IRQ"]
    # the KB is part of both stages' versions, not of the others'
    for name in ("actors", "events"):
        assert custom.stage(name).version != shipped.stage(name).version
    for name in ("parse", "time", "place"):
        assert custom.stage(name).version == shipped.stage(name).version


def test_pipeline_resolve_text_uses_the_resolver_it_is_given(nlp, custom_kb):
    from sitrep.stages.actors import ActorStage, resolve_text

    stage = ActorStage(resources=Resources(nlp=nlp, kb=custom_kb))
    actor = resolve_text("the Zorbian Brigade", resolver=stage.resolver)
    assert actor is not None and actor.id == "ZORB"
    default = resolve_text("the Zorbian Brigade")
    assert default is None or default.id != "ZORB"


def test_pipeline_resources_are_built_once_and_shared(nlp):
    resources = Resources(nlp=nlp)
    pipeline = build_pipeline(only=["events"], resources=resources)
    assert pipeline.stage("actors").kb is pipeline.stage("events").kb is resources.kb
    assert pipeline.stage("place").gaz is resources.gazetteer
    assert pipeline.resources is resources


def test_pipeline_with_dependencies_adds_the_writers_of_what_a_stage_reads():
    assert with_dependencies(["time"]) == ["parse", "time"]
    assert with_dependencies(["place"]) == ["parse", "actors", "place"]
    assert with_dependencies(["events"]) == ["parse", "actors", "time", "place", "events"]
    # quotes read the actors, which the events stage also writes (states named only by a place)
    assert with_dependencies(["quotes"])[-1] == "quotes" and "events" in with_dependencies(["quotes"])
    with pytest.raises(PipelineError, match="Unknown stage"):
        with_dependencies(["nope"])


def test_pipeline_subset_writes_what_the_full_pipeline_writes(nlp):
    resources = Resources(nlp=nlp)
    full = _analyze(build_pipeline(resources=resources))
    places = _analyze(build_pipeline(only=["place"], resources=resources))
    assert places.places == full.places and places.mentions == full.mentions
    assert not places.events  # the events stage was not built


def test_pipeline_options_reach_the_stage_and_its_version(nlp):
    resources = Resources(nlp=nlp)
    plain = build_pipeline(only=["events"], resources=resources)
    lexicon_only = build_pipeline(only=["events"], resources=resources, options={"events": {"use_model": False}})
    assert lexicon_only.stage("events").models is None
    assert lexicon_only.stage("events").version != plain.stage("events").version
    assert lexicon_only.version != plain.version
    with pytest.raises(PipelineError, match="not in the pipeline"):
        build_pipeline(only=["time"], resources=resources, options={"events": {}})


def test_pipeline_version_is_stable_and_names_every_stage(nlp):
    a, b = build_pipeline(only=["time"]), build_pipeline(only=["time"])
    assert a.version == b.version and len(a.version) == 12
    assert [s.split("@")[0] for s in a.description.split(", ")] == ["parse", "time"]
    with pytest.raises(PipelineError, match="no 'events' stage"):
        a.stage("events")


def test_pipeline_missing_event_model_falls_back_to_the_lexicon_and_says_so(
        nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture):
    from sitrep.stages.events import classifier
    from sitrep.stages.events.stage import EventStage

    monkeypatch.setattr(classifier, "MODEL_DIR", tmp_path)  # an empty folder: no model files
    with caplog.at_level(logging.WARNING, logger="sitrep.resources"):
        stage = EventStage(resources=Resources(nlp=nlp))
    assert stage.models is None
    assert any("event classifier" in r.getMessage() and "lexicon alone" in r.getMessage()
               for r in caplog.records)
    assert stage.version == EventStage(nlp, use_model=False).version  # same code, same output


def test_pipeline_missing_sentiment_model_keeps_framing_without_sentiment(
        nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture):
    from sitrep.stages.framing import sentiment

    monkeypatch.setattr(sentiment, "default_model_dir", lambda: tmp_path)
    resources = Resources(nlp=nlp)
    with caplog.at_level(logging.WARNING, logger="sitrep.resources"):
        pipeline = build_pipeline(only=["framing"], resources=resources)
    assert pipeline.stage("framing").model is None
    assert any("no sentiment" in r.getMessage() for r in caplog.records)
    analysis = _analyze(pipeline, "Russian warplanes bombed Aleppo, the Syrian Observatory said.")
    assert analysis.framings and all(f.sentiment is None for f in analysis.framings)
    assert resources.fingerprint("sentiment_model") == "sentiment_model:none"
