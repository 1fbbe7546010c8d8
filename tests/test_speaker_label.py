"""Speaker labels in capitals ("OBAMA: ...", "Q: ...", "LAVROV (through interpreter): ...") are told
by the layout, never by the name, in a transcript (two different openers, a "Q:" opener or a note in
lower case: ``TRANSCRIPT_MIN_SPEAKERS``): their tokens are no toponym span in the place stage, and
ingest does not strip one as a dateline (issue 14, 2026-12-05 afternoon). A lone opener
("BEIRUT: ...", and so "OBAMA: ...", the known limit) stays a dateline as on main. The opposite class: datelines
with a comma, a dash or an agency in brackets ("DAMASCUS, Syria (AP) —", "ALEPPO —", "BEIRUT (AP):"),
and a place before a colon inside a sentence ("in two cities: Homs and Hama"). Sentences written for
these tests; none is taken from an evaluation set."""

from __future__ import annotations

import pytest

from sitrep.ingest.plaintext import (
    TRANSCRIPT_MIN_SPEAKERS,
    dateline,
    parse_plaintext,
    speaker_label,
    speaker_labels,
)
from sitrep.records import Analysis, Document


@pytest.mark.parametrize(("text", "name"), [
    ("OBAMA: We will not send troops, he told reporters.", "OBAMA"),
    ("KERRY: We are ready to talk.", "KERRY"),
    ("Q: Will you send troops?", "Q"),
    ("JOHN KERRY: We are ready.", "JOHN KERRY"),
    ("LAVROV (through interpreter): We see no reason to hurry.", "LAVROV"),
    ("JORDAN: I was at the border that night.", "JORDAN"),  # a person named Jordan
    ("SYRIA: Government forces shelled the town.", "SYRIA"),  # a section label: a label too
])
def test_a_line_that_opens_with_capitals_before_a_colon_is_label_shaped(text, name):  # type: ignore[no-untyped-def]
    assert speaker_label(text) == (0, len(name))
    transcript = f"{text}\nMODERATOR: Thank you."  # a second, different speaker: a transcript
    assert dateline(text, transcript) is None  # ingest keeps it in the body: no dateline "Obama"
    assert text[slice(*speaker_labels(transcript)[0])] == name


def test_a_lone_opener_is_no_transcript_and_stays_a_dateline():
    """One capitals-colon opener cannot be told from an outlet's colon dateline: no label. By the same
    rule a lone "OBAMA: ..." is read as main reads it (the known limit)."""
    assert TRANSCRIPT_MIN_SPEAKERS == 2
    for text in ("BEIRUT: Government forces shelled the town on Monday.\nThe UN said so.",
                 "OBAMA: We will not send troops, he told reporters."):
        assert speaker_labels(text) == []
        assert dateline(text.split("\n")[0], text) is not None
    # the same opener repeated is still one speaker
    assert speaker_labels("KERRY: We are ready.\nKERRY: And we wait.") == []


@pytest.mark.parametrize("text", [
    "Q: Will you send troops?\nA: No.",  # two different openers
    "Q: Will you send troops? He did not answer.",  # a Q: opener alone
    "LAVROV (through interpreter): We see no reason to hurry.",  # a note in lower case
])
def test_transcript_cues(text):  # type: ignore[no-untyped-def]
    assert [text[s:e] for s, e in speaker_labels(text)][:1] in (["Q"], ["LAVROV"])


def test_ingest_strips_a_lone_colon_dateline_but_no_transcript_label():
    assert parse_plaintext("BEIRUT: Government forces shelled the town on Monday.").dateline == "Beirut"
    parsed = parse_plaintext("KERRY: We are ready to talk.\nLAVROV: We see no reason to hurry.")
    assert parsed.dateline is None and parsed.text.startswith("KERRY:")


@pytest.mark.parametrize("text", [
    "DAMASCUS, Syria (AP) — Government forces shelled the town.",
    "ALEPPO — Government forces shelled the town.",
    "AMMAN, Jordan — Talks opened on Monday.",
    "BEIRUT (AP): Talks opened on Monday.",  # an agency in brackets: a dateline's form
    "Fighting spread to two cities: Homs and Hama.",
    "Obama: We will not send troops.",  # not in capitals: the quotes stage's headline form, not this one
    "IN 2015: the year of the siege.",  # a number is no name token
])
def test_datelines_and_other_colons_are_no_label(text):  # type: ignore[no-untyped-def]
    assert speaker_label(text) is None


def test_the_datelines_stay_datelines_for_ingest():
    assert dateline("ALEPPO — Government forces shelled the town.") == ("Aleppo", len("ALEPPO — "))
    found = dateline("DAMASCUS, Syria (AP) — Government forces shelled the town.")
    assert found is not None and found[0] == "Damascus"


def test_labels_open_lines_and_sentences_not_the_middle_of_one():
    text = ("Talks stall in Geneva. LAVROV (through interpreter): We see no reason.\n"
            "Q: And the border?\nKERRY: It stays closed, said the envoy of the US: nothing moves.")
    found = [text[s:e] for s, e in speaker_labels(text)]
    assert found == ["LAVROV", "Q", "KERRY"]


@pytest.fixture(scope="module")
def places():  # type: ignore[no-untyped-def]
    """The real parse, actors and place stages on one written text: (text, country) of its places."""
    from sitrep.nlp import load_nlp
    from sitrep.pipeline import build_pipeline
    from sitrep.stages.base import pipe
    from sitrep.stages.place.stage import PlaceStage

    pipeline = build_pipeline(only=["actors"])
    place = PlaceStage(load_nlp(pipeline.model))

    def run(text: str) -> list[tuple[str, str]]:
        stream = iter([Analysis(document=Document(id="t", sha256="t", text=text))])
        for stage in pipeline.stages:
            stream = pipe(stage, stream)
        return [(p.text, p.country or "") for p in place(next(stream)).places]

    return run


@pytest.mark.slow
# (text, its speaker labels, the places it does name: kept while the labels are dropped)
@pytest.mark.parametrize(("text", "labels", "kept"), [
    ("OBAMA: We will not send troops, he told reporters on Monday.\nKERRY: We are ready to talk.",
     ("OBAMA", "KERRY"), ()),
    ("JORDAN: I was at the border that night.\nSMITH: And the guards?", ("JORDAN",), ()),
    ("Talks stall. LAVROV (through interpreter): We see no reason to hurry.", ("LAVROV",), ()),
    ("Q: Will you send troops to Syria?\nOBAMA: No. We will work with Turkey.", ("OBAMA",), ("Syria",)),
    ("Q: Were you in Homs?\nA: Yes, for a year.", ("Q", "A"), ("Homs",)),
])
def test_a_speaker_label_is_no_place(places, text, labels, kept):  # type: ignore[no-untyped-def]
    found = places(text)
    assert all(name not in labels for name, _ in found), found
    assert set(kept) <= {name for name, _ in found}, found


@pytest.mark.slow
def test_the_places_of_a_transcript_stay(places):  # type: ignore[no-untyped-def]
    found = places("Q: Will you send troops to Syria?\nOBAMA: No. We will work with Turkey.")
    assert ("Syria", "SY") in found and ("Turkey", "TR") in found


@pytest.mark.slow
@pytest.mark.parametrize(("text", "name", "country"), [
    ("ALEPPO — Government forces shelled the city on Monday.", "ALEPPO", "SY"),
    ("AMMAN, Jordan — Talks on the border opened on Monday.", "AMMAN", "JO"),
    ("Fighting spread to two cities: Homs and Hama, activists said.", "Hama", "SY"),
    ("BEIRUT: Government forces shelled the town on Monday.", "BEIRUT", "LB"),  # a lone colon opener
])
def test_datelines_and_places_before_a_colon_stay_places(places, text, name, country):  # type: ignore[no-untyped-def]
    assert (name, country) in places(text)
