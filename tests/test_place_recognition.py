"""Toponym recognition beyond NER's GPE/LOC: gazetteer n-grams judged by the toponym model.

Examples are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from sitrep.records import Actor, Mention
from sitrep.stages.place.gazetteer import load_gazetteer
from sitrep.stages.place.ranking import load_model
from sitrep.stages.place.toponym import TOPONYM_FEATURES, SpanContext, toponym_features

_F = {name: i for i, name in enumerate(TOPONYM_FEATURES)}


def _features(text: str, span: SpanContext, entities: list[SimpleNamespace], support: int = 0,
              mentions: list[Mention] | None = None, actors: dict[str, Actor] | None = None) -> list[float]:
    gaz = load_gazetteer()
    return toponym_features(span, text, entities, mentions or [], actors or {}, gaz.lookup(span.text), False,
                            {"the", "said", "was", "driving", "a", "car"}, {0}, support)


def test_entity_head_tail_and_document_support_features() -> None:
    text = "The Harlan Police Department said Mara Harlan was driving a car."
    org = SimpleNamespace(start=4, end=28, label="ORG")
    person = SimpleNamespace(start=34, end=45, label="PERSON")
    head = _features(text, SpanContext(4, 10, "Harlan", "gazetteer", None), [org, person], support=3)
    tail = _features(text, SpanContext(39, 45, "Harlan", "gazetteer", None), [org, person])
    assert text[4:10] == text[39:45] == "Harlan"
    assert head[_F["org_head"]] == 1.0 and head[_F["person_tail"]] == head[_F["org_tail"]] == 0.0
    assert tail[_F["person_tail"]] == 1.0 and tail[_F["org_head"]] == tail[_F["person_head"]] == 0.0
    assert head[_F["src_gazetteer"]] == tail[_F["src_gazetteer"]] == 1.0
    assert head[_F["doc_support"]] == 1.0 and tail[_F["doc_support"]] == 0.0


def test_toponym_model_keeps_a_supported_town_and_drops_a_surname() -> None:
    """A gazetteer town heading an organisation's name, named as a place elsewhere in the text, is a
    place; the same kind of name as the last word of a person's name is not (the n-gram model)."""
    model = load_model().toponym_for("gazetteer")
    assert model is not None and model is load_model().ngram and model.features == TOPONYM_FEATURES
    text = "The Harlan Police Department said Mara Harlan was driving a car."
    org = SimpleNamespace(start=4, end=28, label="ORG")
    person = SimpleNamespace(start=34, end=45, label="PERSON")
    actors = {"P": Actor(id="P", name="Mara Harlan", kind="person")}
    mentions = [Mention(document="d", actor="P", start=34, end=45, text="Mara Harlan", sentence="")]
    head = _features(text, SpanContext(4, 10, "Harlan", "gazetteer", None), [org, person], 2, mentions, actors)
    tail = _features(text, SpanContext(39, 45, "Harlan", "gazetteer", None), [org, person], 2, mentions, actors)
    assert model.probability(tail) < model.threshold <= model.probability(head)


@pytest.mark.slow
def test_stage_finds_towns_ner_missed_and_keeps_words_out(parse, nlp) -> None:
    from sitrep.stages.place import PlaceStage

    stage = PlaceStage(nlp)
    text = ("Flooding closed roads in Becker, Clay, Otter Tail and Wilkin counties in Minnesota on Monday. "
            "Crews from Moorhead worked through the night, the Moorhead Police Department said.")
    analysis = parse(text)
    spans = stage.find_spans(analysis)
    assert any(s.text == "Otter Tail" for s in spans)
    got = {(p.text, p.start): p for p in stage(analysis).places}
    names = {t for t, _ in got}
    assert {"Clay", "Otter Tail", "Wilkin", "Moorhead"} <= names
    assert all(p.admin1 == "Minnesota" for (t, _), p in got.items() if t in ("Clay", "Wilkin", "Moorhead"))
    assert "Police" not in names and "Department" not in names


@pytest.mark.slow
def test_person_support_counts_longer_person_names_elsewhere(parse, nlp) -> None:
    """"Harlan said" after "Mara Harlan" earlier: the name stands for that person (``person_support``);
    the span inside the full name itself does not count for itself."""
    from sitrep.stages.place import PlaceStage
    from sitrep.stages.place.resolver import Resolution, Span
    from sitrep.stages.place.toponym import person_parts

    text = "Mara Harlan runs the shelter. Harlan said the roads were closed."
    person = SimpleNamespace(start=0, end=11, label="PERSON")
    assert person_parts([person], text) == [(0, 11, frozenset({"mara", "harlan"}))]
    analysis = dataclasses.replace(parse(text), entities=[person])
    stage = PlaceStage(nlp)
    spans = [Span(6, 11, "Harlan", False, "gazetteer", None), Span(30, 36, "Harlan", False, "gazetteer", None)]
    inside, alone = stage.toponym_features(analysis, [Resolution(s, None) for s in spans])
    assert inside[_F["person_support"]] == 0.0
    assert alone[_F["person_support"]] == 0.5


def test_context_features_of_names_that_are_no_places() -> None:
    """Reporting verb, a hyphenated compound, a name followed by an organisation word, an event's
    name, and whether a candidate carries the span's name itself ("Harlan" vs "Harlan County")."""
    text = "Officials at the Harlan Latin School met the Dyfed-Harlan Trust, Harlan said, during El Harlan."
    said = _features(text, SpanContext(65, 71, "Harlan", "gazetteer", None), [])
    assert said[_F["said_near"]] == 1.0 and said[_F["org_word_after"]] == 0.0
    school = _features(text, SpanContext(17, 23, "Harlan", "gazetteer", None), [])
    assert school[_F["org_word_after"]] == 1.0 and school[_F["said_near"]] == 0.0
    hyphen = _features(text, SpanContext(51, 57, "Harlan", "gazetteer", None), [])
    assert hyphen[_F["hyphen_joined"]] == 1.0 and school[_F["hyphen_joined"]] == 0.0
    at = text.index("El Harlan")
    event = SimpleNamespace(start=at, end=at + 9, label="EVENT")
    misc = _features(text, SpanContext(at, at + 9, "El Harlan", "gazetteer", None), [event])
    assert misc[_F["in_misc"]] == 1.0 and school[_F["in_misc"]] == 0.0
    listed = "Floods hit Harlan, Otter Tail and Becker counties; Harlan residents left."
    first, second = listed.index("Harlan"), listed.rindex("Harlan")
    assert _features(listed, SpanContext(first, first + 6, "Harlan", "gazetteer", None), [])[_F["admin_list_after"]] == 1.0
    assert _features(listed, SpanContext(second, second + 6, "Harlan", "gazetteer", None), [])[_F["admin_list_after"]] == 0.0
    arabic = "Shelling hit al-Bab on Monday."
    assert _features(arabic, SpanContext(16, 19, "Bab", "gazetteer", None), [])[_F["hyphen_joined"]] == 0.0
    gaz = load_gazetteer()
    county_only = [e for e in gaz.lookup("Harlan") if e.name != "Harlan"]
    assert county_only, "the shipped gazetteer lists a Harlan County"
    x = toponym_features(SpanContext(17, 23, "Harlan", "gazetteer", None), text, [], [], {}, county_only, False,
                         set(), set())
    assert x[_F["gaz_name_exact"]] == 0.0


@pytest.mark.slow
def test_a_surname_used_alone_is_no_place_but_the_town_is(parse, nlp) -> None:
    """A surname that is also a town ("Hopkins"), used alone after the full name, is the person;
    a town the text names with a locative stays a place."""
    from sitrep.stages.place import PlaceStage

    stage = PlaceStage(nlp)
    text = ("City manager Dale Hopkins presented the budget in Moorhead on Tuesday. "
            "Hopkins said sales tax revenue fell five percent. Later, Hopkins said the city would wait.")
    names = {p.text for p in stage(parse(text)).places}
    assert "Moorhead" in names
    assert "Hopkins" not in names
