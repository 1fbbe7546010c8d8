"""The events stage's look-ups made cheaper without changing their answers (issue 16, speed9):
the remembered lower-cased lemma, and the CAMEO pattern choice that skips patterns too small to
win. Project-written tokens and sets; the shipped lexicon's own patterns.
"""

from __future__ import annotations

import random

import spacy

from sitrep.stages.events import triggers
from sitrep.stages.events.lexicon import Code, Lexicon, Pattern, load_lexicon


def _reference_pattern(lex: Lexicon, lemma: str, left: set[str], right: set[str]) -> tuple[bool, Code | None]:
    """The choice as it was written before (every pattern tested, the first of the largest kept)."""
    best: Pattern | None = None
    for pat in lex.patterns.get(lemma, ()):
        if all(slot & left for slot in pat.before) and all(slot & right for slot in pat.after) and (
                best is None or pat.size > best.size):
            best = pat
    return (best is not None, best.code if best else None)


def _doc():
    nlp = spacy.blank("en")
    doc = nlp("Rebels Attacked the convoy and KILLED two; the UN condemned it")
    for tok, lem in zip(doc, ["Rebel", "Attack", "the", "convoy", "and", "KILL", "two", ";", "the", "UN",
                              "condemn", "it"], strict=True):
        tok.lemma_ = lem
    return doc


def test_lemma_is_the_lower_cased_lemma():
    doc = _doc()
    for _ in range(2):  # the second pass reads the memo
        assert [triggers.lemma(t) for t in doc] == [t.lemma_.lower() for t in doc]


def test_lemma_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(triggers, "_LOWER_LEMMAS", {})
    monkeypatch.setattr(triggers, "LEMMA_MEMO_SIZE", 3)
    doc = _doc()
    assert [triggers.lemma(t) for t in doc] == [t.lemma_.lower() for t in doc]
    assert len(triggers._LOWER_LEMMAS) == 3


def test_descriptors_use_the_same_lemma():
    from sitrep.stages.events import descriptors

    assert descriptors.lemma is triggers.lemma


def test_pattern_choice_on_hand_written_patterns():
    fs = frozenset
    attack, kill, none = Code("ASSAULT"), Code("ASSAULT", "kill"), None
    lex = Lexicon(patterns={"kill": [
        Pattern((fs({"army"}),), (), attack),
        Pattern((), (fs({"accident"}), fs({"in"})), none),        # size 2, suppressing
        Pattern((fs({"army", "rebel"}),), (fs({"civilian"}),), kill),  # size 2, after the first of size 2
        Pattern((), (fs({"x"}), fs({"y"}), fs({"z"})), attack),  # size 3, never matched below
    ]})
    cases = [
        (set(), set()),
        ({"army"}, set()),
        ({"army"}, {"civilian"}),
        ({"rebel"}, {"civilian", "accident", "in"}),  # two of size 2 match: the first wins
        (set(), {"accident", "in"}),
        ({"army"}, {"x", "y"}),
    ]
    for left, right in cases:
        assert lex.pattern("kill", left, right) == _reference_pattern(lex, "kill", left, right)
    assert lex.pattern("kill", {"rebel"}, {"civilian", "accident", "in"}) == (True, None)
    assert lex.pattern("bomb", {"army"}, set()) == (False, None)


def test_pattern_choice_equals_the_reference_on_the_shipped_lexicon():
    """Random context sets drawn from each lemma's own slot words (so that patterns match often)."""
    lex = load_lexicon()
    rng = random.Random(9)
    lemmas = sorted(lex.patterns)
    matched = 0
    for lemma in rng.sample(lemmas, min(300, len(lemmas))):
        words = sorted({w for p in lex.patterns[lemma] for slot in (*p.before, *p.after) for w in slot})
        for _ in range(10):
            left = set(rng.sample(words, min(len(words), rng.randint(0, 6))))
            right = set(rng.sample(words, min(len(words), rng.randint(0, 6))))
            got = lex.pattern(lemma, left, right)
            assert got == _reference_pattern(lex, lemma, left, right), lemma
            matched += got[0]
    assert matched > 100


def test_deontic_heads_are_the_reporting_and_concluding_verbs():
    from sitrep.stages.events.lexicon import CONCLUDING, REPORTING

    assert triggers._DEONTIC_HEADS == REPORTING | CONCLUDING


def test_dates_read_each_date_entity_once_in_token_order():
    from spacy.tokens import Span

    from sitrep.stages.events.modality import _dates

    nlp = spacy.blank("en")
    doc = nlp("On 3 March 2011 and again last week , on Monday , fighters attacked in March")
    doc.ents = [Span(doc, 1, 4, "DATE"), Span(doc, 6, 8, "DATE"), Span(doc, 10, 11, "DATE"),
                Span(doc, 15, 16, "DATE")]

    def reference(tokens):
        seen, out = set(), []
        for tok in tokens:
            if tok.ent_type_ == "DATE":
                for e in tok.doc.ents:
                    if e.start <= tok.i < e.end and e.start not in seen:
                        seen.add(e.start)
                        out.append(e.text)
        return out

    for tokens in (list(doc), list(reversed(doc)), [doc[2], doc[7], doc[1], doc[15]], []):
        assert _dates(tokens) == reference(tokens)
    assert _dates(list(doc)) == ["3 March 2011", "last week", "Monday", "March"]
