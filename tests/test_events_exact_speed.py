"""Exact savings in the events stage (issue 16, ``speed15``): work done once per sentence instead of
once per trigger gives the same features, in the same order, as the code it replaced."""

from __future__ import annotations

import pytest

from sitrep.stages.events.classifier import STOP, category_features, sentence_words
from sitrep.stages.events.lexicon import load_lexicon
from sitrep.stages.events.triggers import find_triggers, lemma

TEXTS = [
    "Russian jets bombed the town of Saraqeb and killed 12 civilians, while rebels shelled the "
    "airport and attacked an army post, the Observatory said.",
    "Government forces captured the village after heavy clashes; the opposition condemned the "
    "attack and called for talks, and Turkey sent aid to the displaced.",
]


def former_sentence_loop(feats: dict[str, float], sent) -> dict[str, float]:
    """The loop ``category_features`` ran per trigger before ``speed15`` (the reference)."""
    out = dict(feats)
    for tok in sent:
        if tok.lower_ not in STOP and not tok.is_punct and tok.is_alpha:
            out[f"w={lemma(tok)}"] = 0.5
    return out


@pytest.fixture(scope="module")
def triggers(nlp):
    lexicon = load_lexicon()
    found = [(sent, trig) for text in TEXTS for sent in nlp(text).sents for trig in find_triggers(sent, lexicon)]
    assert len(found) >= 6  # several triggers share a sentence: the case the memo is for
    return found


def test_events_sentence_words_give_the_same_features_in_the_same_order(triggers):
    for sent, trig in triggers:
        words = sentence_words(sent)
        given = category_features(trig, sent, words)
        built = category_features(trig, sent)
        without_words = {k: v for k, v in built.items() if not k.startswith("w=")}
        reference = former_sentence_loop(without_words, sent)
        assert list(given.items()) == list(built.items()) == list(reference.items())
        assert any(k.startswith("w=") for k in given)


def test_events_context_builds_a_sentence_s_words_once(triggers, monkeypatch):
    from sitrep.records import Analysis, Document
    from sitrep.stages.events import stage as stage_module

    calls: list[int] = []
    real = stage_module.sentence_words

    def counted(sent):
        calls.append(sent.start)
        return real(sent)

    monkeypatch.setattr(stage_module, "sentence_words", counted)
    sent = triggers[0][0]
    context = stage_module._Context(analysis=Analysis(document=Document(id="d", sha256="d", text=sent.doc.text)),
                                    index=None, published=None, toponyms=[], dateline=None)  # type: ignore[arg-type]
    first = context.words(sent)
    assert context.words(sent) is first
    assert first == real(sent)
    assert calls == [sent.start]
