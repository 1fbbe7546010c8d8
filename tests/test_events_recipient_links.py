"""Whom an attack harmed, read through the harm verb the attack is tied to (``arguments.harm_objects``,
``arguments.harmed``): the object of a harm verb whose subject is the attack, a passive conjunct's own
subject, and no reading of a result verb ("left 31 civilians dead"). Sentences are written for these
tests."""

from __future__ import annotations

from sitrep.stages.events.arguments import harm_objects, harmed
from sitrep.stages.events.triggers import Trigger


def _tok(doc, word):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.lower_ == word)


def _noun_trigger(tok):  # type: ignore[no-untyped-def]
    return Trigger(tok, [tok], None, "noun" if tok.pos_ in ("NOUN", "PROPN") else "verb")  # type: ignore[arg-type]


def test_a_result_verb_is_not_read(nlp):
    doc = nlp("The raids left at least 31 civilians dead in the town.")
    assert harm_objects(_noun_trigger(_tok(doc, "raids"))) == []


def test_a_harm_verb_object_is_read(nlp):
    doc = nlp("The car bomb attack killed two policemen in the city.")
    assert [t.lower_ for t in harm_objects(_noun_trigger(_tok(doc, "attack")))] == ["policemen"]


def test_a_passive_conjunct_with_its_own_subject_keeps_it(nlp):
    doc = nlp("Five soldiers were killed and three civilians were wounded in the attack.")
    verb = _tok(doc, "wounded")
    assert [t.lower_ for t in harmed(verb)] == ["civilians"]
