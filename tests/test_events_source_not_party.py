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
    doc = nlp("Warplanes bombed a bakery in Ariha late on Sunday, a war monitor reported.")
    sources = source_tokens(_token(doc, "bombed"), sentence_attributions(doc[:]))
    words = {doc[i].text for i in sources}
    assert "monitor" in words
    assert not words & {"Warplanes", "bakery", "Ariha", "Sunday"}


def test_a_clause_on_the_source_noun_is_not_the_source(nlp):
    doc = nlp("A man whose cousin was wounded in the shelling said warplanes bombed the bakery.")
    phrase = {doc[i].text for i in source_phrase(_token(doc, "man"))}
    assert "man" in phrase
    assert not phrase & {"cousin", "wounded", "shelling"}


def test_a_pronoun_in_the_event_clause_keeps_the_source(nlp):
    # "its depot": the raid's target may be the source itself (a nominal trigger: its verb's clause)
    doc = nlp("The White Helmets said an air raid on Tuesday destroyed its depot outside Aleppo.")
    assert source_tokens(_token(doc, "raid"), sentence_attributions(doc[:])) == frozenset()
    plain = nlp("The White Helmets said an air raid on Tuesday destroyed a bakery outside Aleppo.")
    found = source_tokens(_token(plain, "raid"), sentence_attributions(plain[:]))
    assert {"White", "Helmets"} <= {plain[i].text for i in found}


def test_source_only_reads_whole_mentions(nlp):
    doc = nlp("Nine shepherds died in shelling near Saraqeb on Friday, monitor chief Omar Haddad told reporters.")
    sent = doc[:]
    omar = SimpleNamespace(actor="OMAR")
    shepherds = SimpleNamespace(actor="SHEPHERDS")
    # one mention over "monitor chief Omar Haddad" and one word before it, as a mention may overrun the phrase
    start = _token(doc, "monitor").i - 1
    mention_at = {i: omar for i in range(start, _token(doc, "Haddad").i + 1)}
    mention_at[_token(doc, "shepherds").i] = shepherds
    sources = source_tokens(_token(doc, "died"), sentence_attributions(sent))
    assert _token(doc, "Haddad").i in sources
    assert start not in sources
    assert source_only(["OMAR", "SHEPHERDS"], sources, sent, mention_at) == {"OMAR"}
    # a second mention of the source outside the source phrase: it is a party of the clause too
    mention_at[_token(doc, "Saraqeb").i] = SimpleNamespace(actor="OMAR")
    assert source_only(["OMAR", "SHEPHERDS"], sources, sent, mention_at) == set()


@pytest.fixture()
def pipeline_with(nlp, monkeypatch):
    def build(on: bool):
        monkeypatch.setattr(attribution, "SOURCE_NOT_PARTY", on)
        return build_pipeline(only=["events"], resources=Resources(nlp=nlp))
    return build


def _events(pipeline, text: str):
    return next(iter(pipeline.analyze([Document(id="d", sha256="d", text=text)]))).events


def test_switch_keeps_a_source_named_through_a_pronoun(pipeline_with):
    text = "The White Helmets said an air raid on Tuesday destroyed its depot outside Aleppo."
    off = [e.recipients for e in _events(pipeline_with(False), text)]
    on = [e.recipients for e in _events(pipeline_with(True), text)]
    assert off == on == [["WHITE_HELMETS"]]


def test_switch_bars_a_source_that_is_only_the_source(pipeline_with):
    # the learned doer gives the agency that reports the raids as their doer; on, it is barred
    text = "UNICEF said 14 pupils had died in air raids on a village school near Maarat al-Numan."
    [off] = [e for e in _events(pipeline_with(False), text) if e.trigger == "air raids"]
    [on] = [e for e in _events(pipeline_with(True), text) if e.trigger == "air raids"]
    assert off.actors == ["UNICEF"]
    assert "UNICEF" not in on.actors
    # the event keeps its source and the rest of its reading
    assert on.attributed_to == off.attributed_to == "UNICEF"
    assert on.recipients == off.recipients
    assert on.status == off.status == "reported"
