"""A process is prepared once before its first batch (``workflow.prepare_process``, issue 16 speed):
the shipped warm list tokenized outside any memory zone, then what is loaded frozen for the garbage
collector. Neither may change a token or a record, and memory must stay bounded."""

from __future__ import annotations

import gc
import json

import pytest

from sitrep import workflow
from sitrep.errors import SitrepError
from sitrep.nlp import load_stock_nlp

pytestmark = pytest.mark.slow

#: written for this test: common words with attached punctuation, numbers, a hyphenated word,
#: a contraction, a quotation, and invented names the warm list cannot hold
TEXT = (
    'The army said on Monday that 12 people were killed, and the government, which denied it, '
    'called the report "false." Officials didn\'t say who fired the shells; a pro-government '
    "paper blamed the Varzekian rebels near Quelmirstadt (in the north) on 3 May 2021."
)
ATTRS = ("orth_", "whitespace_", "norm_", "lower_", "shape_", "prefix_", "suffix_", "is_alpha", "is_digit",
         "is_punct", "is_stop", "like_num", "is_oov", "lang_")


def _tokens(nlp, text):
    with nlp.memory_zone():
        return [tuple(getattr(t, a) for a in ATTRS) for t in nlp.tokenizer(text)]


def test_the_warm_list_is_a_fixed_list_of_chunks():
    data = json.loads(workflow.WARM_WORDS.read_text(encoding="utf-8"))
    words = data["words"]
    assert 1000 <= len(words) <= 20000  # bounded: warming costs a fixed amount of memory
    assert len(set(words)) == len(words)
    assert all(w and not any(c.isspace() for c in w) for w in words)
    assert "MIT" in data["source"]


def test_warming_makes_list_words_permanent_and_changes_no_token():
    cold, warm = load_stock_nlp(), load_stock_nlp()
    words = json.loads(workflow.WARM_WORDS.read_text(encoding="utf-8"))["words"]
    probe = [w for w in words if w.isalpha()][:200]
    # the measure can fail: before warming, most of these words have no lexeme
    assert sum(w in warm.vocab for w in probe) < len(probe) // 2
    assert workflow.warm_vocabulary(warm) == len(words)
    assert all(w in warm.vocab for w in probe)
    # and they stay after a memory zone, where a cold pipeline's words of the same text do not
    _tokens(warm, " ".join(probe))
    _tokens(cold, " ".join(probe))
    assert all(w in warm.vocab for w in probe)
    assert sum(w in cold.vocab for w in probe) < len(probe) // 2
    # every token attribute the same, inside a zone, warm or cold, and in a second zone
    assert _tokens(warm, TEXT) == _tokens(cold, TEXT) == _tokens(warm, TEXT)


def test_warming_inside_a_memory_zone_is_refused():
    nlp = load_stock_nlp()
    with nlp.memory_zone(), pytest.raises(SitrepError):
        workflow.warm_vocabulary(nlp)


def test_prepare_process_freezes_once_and_only_when_switched_on(monkeypatch):
    class FakeResources:
        nlp = load_stock_nlp()

    class FakePipeline:
        resources = FakeResources()
        warmed = 0

        def warm_up(self):
            self.warmed += 1

    monkeypatch.setattr(workflow, "_FROZEN", set())
    monkeypatch.setattr(workflow, "WARM_VOCABULARY", False)
    gc.unfreeze()
    try:
        monkeypatch.setattr(workflow, "FREEZE_LOADED", False)
        pipeline = FakePipeline()
        workflow.prepare_process(pipeline)
        assert gc.get_freeze_count() == 0 and pipeline.warmed == 1
        monkeypatch.setattr(workflow, "FREEZE_LOADED", True)
        workflow.prepare_process(pipeline)
        frozen = gc.get_freeze_count()
        assert frozen > 0
        # once per process: a second call freezes nothing more
        extra = [[i] for i in range(1000)]
        workflow.prepare_process(pipeline)
        assert gc.get_freeze_count() == frozen and pipeline.warmed == 3 and extra
    finally:
        gc.unfreeze()
