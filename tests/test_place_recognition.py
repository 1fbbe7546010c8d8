"""Toponym recognition beyond NER's GPE/LOC: gazetteer n-grams judged by the toponym model.

Examples are written for these tests; none is taken from an evaluation set.
"""

from __future__ import annotations

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
