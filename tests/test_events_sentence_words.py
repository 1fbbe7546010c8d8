"""The category model's sentence words read once per sentence (issue 16, speed12): the features, keys,
values and order, are those of the per-trigger loop they replaced. Project-written sentences."""

from __future__ import annotations

import pytest

from sitrep.stages.events.classifier import STOP, category_features, sentence_words
from sitrep.stages.events.lexicon import load_lexicon
from sitrep.stages.events.triggers import find_triggers, lemma

SENTENCES = (
    "Rebels shelled the town on Monday and the army said it had killed twelve fighters near the river.\n\n"
    "Officials vowed to rebuild the bridge, while \"many families fled\" to the camps.\n\n"
    "Talks resumed in the capital."
)


def _before(trig, sent):  # the loop the sentence words replaced, kept as the reference
    feats = category_features(trig, sent, words=[])
    for tok in sent:
        if tok.lower_ not in STOP and not tok.is_punct and tok.is_alpha:
            feats[f"w={lemma(tok)}"] = 0.5
    return feats


@pytest.mark.slow
def test_sentence_words_give_the_same_features_in_the_same_order():
    from sitrep.nlp import load_nlp

    doc = load_nlp()(SENTENCES)
    lexicon = load_lexicon()
    triggers = 0
    for sent in doc.sents:
        words = sentence_words(sent)
        assert all(w.startswith("w=") for w in words)
        for trig in find_triggers(sent, lexicon):
            triggers += 1
            want = _before(trig, sent)
            for got in (category_features(trig, sent), category_features(trig, sent, words)):
                assert list(got.items()) == list(want.items())
    assert triggers >= 3
