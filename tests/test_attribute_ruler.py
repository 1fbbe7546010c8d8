"""The table matcher gives the attribute ruler exactly the matches spaCy's Matcher gives it
(issue 16, speed): match by match on hand-built documents with every kind of pattern, and token
by token on the shipped pipeline against the pipeline as ``spacy.load`` gives it."""

from __future__ import annotations

import itertools

import pytest

from sitrep.attribute_ruler import TableMatcher, speed_up

PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "is"}], [{"TAG": "VBD", "LOWER": "was"}]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"LOWER": {"IN": ["not", "n't"]}, "TAG": "RB"}]], "attrs": {"POS": "PART"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": {"IN": ["aux", "nsubj"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": {"POS": "PROPN"}, "index": -1},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": {"REGEX": "^VB[DZ]$"}}]], "attrs": {"MORPH": "Tense=Past"}},
    # not expressible as a table: left to spaCy's Matcher, results merged
    {"patterns": [[{"TAG": "JJ", "OP": "+"}, {"TAG": "NN"}]], "attrs": {"POS": "ADJ"}},
    {"patterns": [[{"ORTH": "Mr."}]], "attrs": {"POS": "PROPN"}},
]

WORDS = ["There", "is", "n't", "a", "  ", "y'", "all", "in", "New", "York", "old", "big", "dog", "was",
         "Mr.", "not", "it", "is", "Is", "NEW", "york", "\n"]
TAGS = ["EX", "VBZ", "RB", "DT", "_SP", "PRP", "DT", "IN", "NNP", "NNP", "JJ", "JJ", "NN", "VBD",
        "NNP", "RB", "PRP", "VBZ", "VBZ", "NNP", "NN", "_SP"]
DEPS = ["expl", "ROOT", "neg", "det", "dep", "nsubj", "appos", "prep", "compound", "pobj", "amod",
        "amod", "attr", "aux", "nsubj", "neg", "nsubj", "aux", "ROOT", "compound", "dobj", ""]


def _ruler():
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(PATTERNS)
    return nlp, ruler


def _docs(vocab):
    from spacy.tokens import Doc

    n = len(WORDS)
    for size, offset in itertools.product((1, 2, 5, n), range(0, n, 3)):
        idx = [(offset + k) % n for k in range(size)]
        words = [WORDS[i] for i in idx]
        spaces = [False] * size
        yield Doc(vocab, words=words, spaces=spaces, tags=[TAGS[i] for i in idx],
                  deps=[DEPS[i] or "dep" for i in idx], heads=list(range(size)))
    # no parse at all: DEP conditions see the empty label
    yield Doc(vocab, words=WORDS, spaces=[False] * n, tags=TAGS)
    yield Doc(vocab, words=[])


def test_table_matches_equal_spacys_matcher() -> None:
    nlp, ruler = _ruler()
    table = TableMatcher(ruler)
    assert table.residual_patterns == 2 and table.table_patterns == 11
    checked = 0
    for doc in _docs(nlp.vocab):
        expected = sorted(set(ruler.match(doc)))
        assert table(doc) == expected, [t.text for t in doc]
        checked += len(expected)
    assert checked > 50  # the documents do trigger the patterns


def test_speed_up_gives_the_same_token_attributes() -> None:
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    nlp, ruler = _ruler()
    stock = [ruler(doc).to_array([TAG, POS, MORPH, LEMMA, DEP]).tolist() for doc in _docs(nlp.vocab)]
    assert speed_up(nlp)
    assert isinstance(ruler.match, TableMatcher)
    fast = [ruler(doc).to_array([TAG, POS, MORPH, LEMMA, DEP]).tolist() for doc in _docs(nlp.vocab)]
    assert fast == stock


def test_values_the_table_does_not_read_as_spacy_does_are_left_to_spacy() -> None:
    from sitrep.attribute_ruler import TABLE_ATTRS, _condition

    def col(name: str) -> int:
        return TABLE_ATTRS.index(name)

    assert _condition(col("IS_SPACE"), True, hash) == (col("IS_SPACE"), "eq", 1)
    assert _condition(col("IS_SPACE"), "yes", hash) is None
    assert _condition(col("IS_SPACE"), {"IN": ["1"]}, hash) is None
    assert _condition(col("TAG"), True, hash) is None
    assert _condition(col("TAG"), {"IN": ["NN", 3]}, hash) is None
    assert _condition(col("LOWER"), {">=": "a"}, hash) is None
    assert _condition(col("DEP"), {"REGEX": "^nsubj"}, hash) is not None


def test_speed_up_leaves_a_pipeline_without_a_ruler() -> None:
    import spacy

    assert not speed_up(spacy.blank("en"))


SENTENCES = [
    "There's no way they ain't coming back, y'all, and nothin' will stop them.",
    "The ministry said on Tuesday that 12 people were killed when the convoy was hit near Idlib.",
    "It was not clear who had fired the shells; rebels denied it.\n\nResidents   fled north.",
    "GOVERNMENT FORCES SHELL TOWN AS TALKS STALL",
    "She'd have gone if he'd asked her, but he didn't, and I'm sure you'd've done the same.",
    "Does he have it?  Has she?  Did they do it again, or do they only say so?",
    "U.S.-backed fighters said they'd taken 3 villages -- 'a big win', their spokesman wrote.",
]


@pytest.mark.slow
def test_shipped_pipeline_parses_exactly_as_stock_spacy(nlp) -> None:
    """Every token attribute of sitrep's pipeline equals spaCy's own on project-written text."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

    from sitrep.nlp import load_stock_nlp

    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, TableMatcher)
    assert ruler.match.residual_patterns < 10 < ruler.match.table_patterns
    stock = load_stock_nlp()
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    texts = SENTENCES + [s.lower() for s in SENTENCES] + [s.title() for s in SENTENCES]
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert ours.to_array(attrs).tolist() == theirs.to_array(attrs).tolist(), ours.text
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]
    stock_ruler = stock.get_pipe("attribute_ruler")
    for doc in nlp.pipe(texts):
        assert ruler.match(doc) == sorted(set(stock_ruler.match(doc)))


def test_memo_is_bounded_and_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.attribute_ruler as module

    nlp, ruler = _ruler()
    docs = list(_docs(nlp.vocab))
    unbounded = TableMatcher(ruler)
    expected = [unbounded(doc) for doc in docs]
    monkeypatch.setattr(module, "MEMO_SIZE", 3)
    small = TableMatcher(ruler)
    got = []
    for doc in docs:
        got.append(small(doc))
        assert len(small._memo) <= 3 + len(doc)  # cleared before a document once over the bound
    assert got == expected
    assert len(unbounded._memo) > 3
