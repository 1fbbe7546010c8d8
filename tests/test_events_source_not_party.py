"""``attribution.SOURCE_NOT_PARTY`` (branch events67): a party that is only the source of the report
holding an event is not that event's actor or recipient; a source named again in the event's clause
(a pronoun, its own mention) stays."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitrep.pipeline import build_pipeline
from sitrep.records import Document
from sitrep.resources import Resources
from sitrep.stages.events import attribution
from sitrep.stages.events.attribution import (
    sentence_attributions,
    source_only,
    source_phrase,
    source_tokens,
)


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_switch_is_off_by_default():
    assert attribution.SOURCE_NOT_PARTY is False


def test_trailing_source_phrase_is_the_source_only(nlp):
    doc = nlp("Jets struck the town of Ariha on Monday, the Syrian Observatory for Human Rights said.")
    sources = source_tokens(_token(doc, "struck"), sentence_attributions(doc[:]))
    words = {doc[i].text for i in sources}
    assert "Observatory" in words
    assert not words & {"Jets", "Ariha", "town", "Monday"}


def test_a_clause_on_the_source_noun_is_not_the_source(nlp):
    doc = nlp("A woman whose brother was killed in the raid said jets struck the market.")
    woman = _token(doc, "woman")
    phrase = {doc[i].text for i in source_phrase(woman)}
    assert "woman" in phrase
    assert not phrase & {"brother", "killed", "raid"}


def test_a_pronoun_in_the_event_clause_keeps_the_source(nlp):
    # the Civil Defence names itself through "its": the strike's target may be the source
    doc = nlp("The Syrian Civil Defence said one of its centres in Aleppo was hit by an air strike.")
    assert source_tokens(_token(doc, "strike"), sentence_attributions(doc[:])) == frozenset()
    plain = nlp("The Syrian Civil Defence said a school in Aleppo was hit by an air strike.")
    found = source_tokens(_token(plain, "strike"), sentence_attributions(plain[:]))
    assert "Defence" in {plain[i].text for i in found}


def test_source_only_reads_whole_mentions(nlp):
    doc = nlp("Seven children were killed in Idlib on Tuesday, SOHR head Rami Abdel Rahman said.")
    sent = doc[:]
    rami = SimpleNamespace(actor="RAMI")
    children = SimpleNamespace(actor="KIDS")
    # one mention over "SOHR head Rami Abdel Rahman", whatever the parser hung "SOHR head" on
    start = _token(doc, "SOHR").i
    mention_at = {i: rami for i in range(start, _token(doc, "Rahman").i + 1)}
    mention_at[_token(doc, "children").i] = children
    sources = source_tokens(_token(doc, "killed"), sentence_attributions(sent))
    assert _token(doc, "Rahman").i in sources
    assert source_only(["RAMI", "KIDS"], sources, sent, mention_at) == {"RAMI"}
    # a second mention of the source outside the source phrase: it is a party of the clause too
    mention_at[_token(doc, "Idlib").i] = SimpleNamespace(actor="RAMI")
    assert source_only(["RAMI", "KIDS"], sources, sent, mention_at) == set()


@pytest.fixture()
def pipeline_with(nlp, monkeypatch):
    def build(on: bool):
        monkeypatch.setattr(attribution, "SOURCE_NOT_PARTY", on)
        return build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    return build


def _events(pipeline, text: str):
    return next(iter(pipeline.analyze([Document(id="d", sha256="d", text=text)]))).events


def test_switch_keeps_a_source_named_through_a_pronoun(pipeline_with):
    text = "The Syrian Civil Defence said one of its centres in Aleppo was hit by an air strike."
    off = [e.recipients for e in _events(pipeline_with(False), text)]
    on = [e.recipients for e in _events(pipeline_with(True), text)]
    assert off == on
    assert any(off)


def test_switch_bars_a_source_that_is_only_the_source(pipeline_with):
    # the learned doer gives the agency that reports the strikes as their doer; on, it is barred
    text = "UNICEF said 22 children had been killed in air strikes on a school in rebel-held Idlib province."
    [off] = [e for e in _events(pipeline_with(False), text) if e.trigger == "air strikes"]
    [on] = [e for e in _events(pipeline_with(True), text) if e.trigger == "air strikes"]
    assert off.actors == ["UNICEF"]
    assert "UNICEF" not in on.actors
    # the event keeps its source and the rest of its reading
    assert on.attributed_to == off.attributed_to == "UNICEF"
    assert on.recipients == off.recipients
    assert on.status == off.status == "reported"
