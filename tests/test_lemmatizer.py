"""The remembering lemmatizer gives every token the lemma spaCy's rule lemmatizer gives it (issue
16, speed): on project-written text, through ``pipe`` and single calls, inside and after spaCy's
``memory_zone``, with a bounded memo, and with lemmas the attribute ruler set left alone."""

from __future__ import annotations

import pytest

from sitrep.lemmatizer import speed_up

SENTENCES = [
    "The ministry said on Tuesday that 12 people were killed when the convoy was hit near Idlib.",
    "Rebels denied firing the shells; residents fled north, carrying their children.",
    "GOVERNMENT FORCES SHELLED TOWNS AS TALKS STALLED",
    "She'd have gone if he'd asked her, but he didn't, and I'm sure you'd've done the same.",
    "The bigger bombs fell faster than the biggest ones had fallen before.",
    "Zorvanite militiamen were reportedly regrouping in Qelbarra's outskirts.",  # invented words
    "Does he have it?  Has she?  Did they do it again, or do they only say so?\n\n",
]


def _texts() -> list[str]:
    return SENTENCES + [s.lower() for s in SENTENCES] + [s.upper() for s in SENTENCES]


def _lemmas(docs) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[t.lemma_ for t in doc] for doc in docs]


@pytest.mark.slow
def test_same_lemmas_as_stock_spacy(nlp) -> None:
    from sitrep.lemmatizer import _MemoLemmatizer
    from sitrep.nlp import load_stock_nlp

    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, _MemoLemmatizer)
    stock = load_stock_nlp()
    assert not isinstance(stock.get_pipe("lemmatizer"), _MemoLemmatizer)
    texts = _texts()
    expected = _lemmas(stock.pipe(texts))
    assert _lemmas(nlp.pipe(texts)) == expected  # the memo filled ...
    assert _lemmas(nlp.pipe(texts)) == expected  # ... and read
    assert _lemmas(nlp(t) for t in texts) == expected  # single calls (Language.__call__)
    assert len(lemmatizer._sitrep_memo) > 20


@pytest.mark.slow
def test_memory_zone_forgets_what_it_remembered(nlp) -> None:
    from sitrep.nlp import load_stock_nlp

    stock = load_stock_nlp()
    lemmatizer = nlp.get_pipe("lemmatizer")
    new = "The Vorquisharian brigadiers were outflanking Dalmuthering's gunboats."  # invented words
    expected = _lemmas([stock(new)])
    before = dict(lemmatizer._sitrep_memo)
    with nlp.memory_zone():
        assert _lemmas([nlp(new)]) == expected
        assert len(lemmatizer._sitrep_memo) > len(before)
    # the zone's strings are gone from the vocabulary: so are the lemmas remembered in it
    assert lemmatizer._sitrep_memo == before
    assert _lemmas([nlp(new)]) == expected


def test_bounded_memo_and_ruler_lemmas(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy
    from spacy.tokens import Doc

    import sitrep.lemmatizer as module

    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    from spacy.lookups import Lookups

    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["ed", ""], ["ing", ""]]})
    lookups.add_table("lemma_index", {"noun": {"bomb": True}, "verb": {"kill": True}})
    lookups.add_table("lemma_exc", {"noun": {"men": ["man"]}})
    lemmatizer.initialize(lookups=lookups)

    def doc(preset: str = "") -> Doc:
        words = ["bombs", "killed", "men", "killing", "bombs", "men", "ran"]
        d = Doc(nlp.vocab, words=words, pos=["NOUN", "VERB", "NOUN", "VERB", "NOUN", "NOUN", "VERB"],
                morphs=["Number=Plur", "VerbForm=Fin|Tense=Past", "Number=Plur", "VerbForm=Ger",
                        "Number=Plur", "Number=Plur", "Tense=Past|VerbForm=Fin"])
        if preset:
            d[0].lemma_ = preset  # a lemma set before the lemmatizer (the attribute ruler's)
        return d

    expected = [t.lemma_ for t in lemmatizer(doc())]
    preset = [t.lemma_ for t in lemmatizer(doc("BOMB"))]
    assert expected[:4] == ["bomb", "kill", "man", "kill"]
    monkeypatch.setattr(module, "MEMO_SIZE", 2)
    assert speed_up(nlp)
    assert speed_up(nlp)  # twice: left as it is
    assert [t.lemma_ for t in lemmatizer(doc())] == expected
    assert len(lemmatizer._sitrep_memo) == 2
    assert [t.lemma_ for t in lemmatizer(doc())] == expected
    assert [t.lemma_ for t in lemmatizer(doc("BOMB"))] == preset == ["BOMB"] + expected[1:]
    assert len(lemmatizer(Doc(nlp.vocab, words=[]))) == 0


def test_speed_up_leaves_other_pipelines() -> None:
    import spacy

    assert not speed_up(spacy.blank("en"))
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not speed_up(nlp)
