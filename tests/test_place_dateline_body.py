"""Place stage: a capitals dateline that is not at the very start of the text (after a headline the
text runs on from, a photo credit, on its own line after a byline) is proposed as a toponym span by
ingest's own dateline pattern (``ingest.plaintext.dateline``), its place part with its offsets, and
resolved like any other span (issue 14, 2026-12-05 midday 2). Capitals before a colon are a
speaker label, not a dateline ("... crash. BEIRUT: ..." as "... president. OBAMA: ...", 2026-12-05
afternoon). The opposite class: an all-capitals word after a headline that is no dateline ("BREAKING —", "UPDATE:", an acronym, a person's name in
capitals) and the dateline of a place the gazetteer lacks give no place. A capital in a dateline
is where the report is filed from, not its government ("MANILA, Philippines –"). Sentences written for
these tests ("Zorblatt" is an invented name); none is taken from an evaluation set."""

from __future__ import annotations

import pytest

from sitrep.records import Analysis, Document


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    """The real parse, actors and place stages on one written text."""
    from sitrep.nlp import load_nlp
    from sitrep.pipeline import build_pipeline
    from sitrep.stages.base import pipe
    from sitrep.stages.place.stage import PlaceStage

    pipeline = build_pipeline(only=["actors"])
    place = PlaceStage(load_nlp(pipeline.model))

    def places(text: str) -> list[tuple[str, int, int, str]]:
        stream = iter([Analysis(document=Document(id="t", sha256="t", text=text))])
        for stage in pipeline.stages:
            stream = pipe(stage, stream)
        out = place(next(stream))
        return [(p.text, p.start, p.end, p.country or "") for p in out.places]

    return places


@pytest.fixture(scope="module")
def stage():  # type: ignore[no-untyped-def]
    from sitrep.nlp import load_nlp
    from sitrep.pipeline import build_pipeline
    from sitrep.stages.place.stage import PlaceStage

    return PlaceStage(load_nlp(build_pipeline(only=["actors"]).model))


@pytest.mark.parametrize(("text", "name"), [
    ("Council delays vote on budget. TORRINGTON — The City Council put off a vote on Monday.", "TORRINGTON"),
    ("Photo by Jane Roe/Staff. MANILA, Philippines – Churches opened their doors on Sunday.", "MANILA"),
    ("Fire destroys barn\nBy Jane Roe\nHUDSON, N.Y. (AP) -- A fire destroyed a barn on Monday.", "HUDSON"),
])
def test_a_dateline_inside_the_text_is_a_span_with_its_offsets(stage, text, name):  # type: ignore[no-untyped-def]
    start = text.index(name)
    assert (start, start + len(name), False) in stage._datelines(text)


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Council delays vote on budget. TORRINGTON — The City Council of the Connecticut city put off a vote "
     "on Monday.", "TORRINGTON", "US"),
    ("Photo by Jane Roe/Staff. MANILA, Philippines – Churches opened their doors on Sunday.", "MANILA", "PH"),
])
def test_a_dateline_after_a_headline_is_a_place(run, text, name, country):  # type: ignore[no-untyped-def]
    start = text.index(name)
    assert (name, start, start + len(name), country) in run(text)


@pytest.mark.parametrize("text", [
    "Storm hits the coast. BREAKING — A storm hit the coast on Monday, officials said.",
    "Storm hits the coast. UPDATE: A storm hit the coast on Monday, officials said.",
    "Storm hits the coast. JOHN SMITH — A storm hit the coast on Monday, he said.",
])
def test_capitals_after_a_headline_that_are_no_dateline_give_no_span(stage, text):  # type: ignore[no-untyped-def]
    assert stage._datelines(text) == []


@pytest.mark.parametrize("text", [
    "Storm hits the coast. BREAKING — A storm hit the coast on Monday, officials said.",
    "Storm hits the coast. UPDATE: A storm hit the coast on Monday, officials said.",
    "Storm hits the coast. JOHN SMITH — A storm hit the coast on Monday, he said.",
    "Storm hits the coast. NATO — The alliance said a storm hit its base on Monday.",
    "Interview with the president. OBAMA: We will not send troops, he told reporters on Monday.",
    "Council delays vote on budget. ZORBLATT — The City Council put off a vote on Monday.",
])
def test_no_place_from_capitals_that_are_no_known_dateline(run, text):  # type: ignore[no-untyped-def]
    """No dateline, an organisation, a person, or a dateline the gazetteer lacks: no place, no guess."""
    assert [p for p in run(text) if p[0].isupper()] == []


@pytest.mark.parametrize("text", [
    "Two hurt in crash . BEIRUT: Two men were hurt when their car hit a wall on Monday.",
    "Interview with the president. OBAMA: We will not send troops, he told reporters on Monday.",
])
def test_capitals_before_a_colon_after_a_headline_are_a_label_not_a_dateline(stage, text):  # type: ignore[no-untyped-def]
    """The layout cannot tell "BEIRUT:" from "OBAMA:": both are speaker labels
    (``ingest.plaintext.speaker_label``), never a dateline span."""
    assert stage._datelines(text) == []


def test_a_sentence_opening_in_capitals_without_a_dash_is_no_dateline(stage):  # type: ignore[no-untyped-def]
    assert stage._datelines("Police said so. BEIRUT police arrested two men on Monday.") == []
