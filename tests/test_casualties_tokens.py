"""The casualty readers' token columns (``casualties/tokens.py``, issue 12's speed work) hold
exactly what spaCy's token attributes return, and the readers rewritten to read them answer as
the token-by-token readings they replaced — on project-written sentences."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep.stages.casualties import tokens
from sitrep.stages.casualties.lexicon import load_lexicon
from sitrep.stages.casualties.openings import SENTENCE_ENDS, written_opening
from sitrep.stages.casualties.sources import _is_cue, _prep_source, find_sources
from sitrep.stages.casualties.tokens import Columns, columns
from sitrep.stages.casualties.war_scope import _indices

COLUMNS = {
    "lower": lambda t: t.lower_, "lemma": lambda t: t.lemma_.lower(), "text": lambda t: t.text,
    "pos": lambda t: t.pos_, "tag": lambda t: t.tag_, "dep": lambda t: t.dep_, "ent_type": lambda t: t.ent_type_,
    "idx": lambda t: t.idx, "like_num": lambda t: t.like_num, "is_title": lambda t: t.is_title,
    "is_stop": lambda t: t.is_stop, "is_alpha": lambda t: t.is_alpha, "is_punct": lambda t: t.is_punct,
    "is_upper": lambda t: t.is_upper, "is_quote": lambda t: t.is_quote,
    "ent_iob": lambda t: t.ent_iob_,
}

TEXTS = [
    "Twelve civilians died when shells hit the Example district on Tuesday, per a local monitor.",
    "At least twenty-five people, including 8 children, died in the second raid this week.",
    "The toll rose to 1,200 since 2015 , according to the Example Health Ministry.\n\nOfficials  reported dozens "
    "missing; the deadliest attack in Example-town left two hundred wounded.",
    "",
]


def _hand_doc() -> Doc:
    """A Doc built by hand (no model): tags, parts of speech, dependencies, lemmas and an entity."""
    words = ["The", "second", "Strike", "killed", "12", "people", "\n", "Monitors", "said", "so", "."]
    spaces = [True, True, True, True, True, False, False, True, True, False, False]
    return Doc(Vocab(), words=words, spaces=spaces,
               tags=["DT", "JJ", "NN", "VBD", "CD", "NNS", "_SP", "NNS", "VBD", "RB", "."],
               pos=["DET", "ADJ", "NOUN", "VERB", "NUM", "NOUN", "SPACE", "NOUN", "VERB", "ADV", "PUNCT"],
               deps=["det", "amod", "nsubj", "ROOT", "nummod", "dobj", "dep", "nsubj", "ROOT", "advmod", "punct"],
               heads=[2, 2, 3, 3, 5, 3, 5, 8, 8, 8, 8],
               lemmas=["the", "second", "Strike", "kill", "12", "people", "\n", "Monitor", "say", "so", "."],
               ents=["O", "B-ORDINAL", "O", "O", "B-CARDINAL", "O", "O", "O", "O", "O", "O"])


def _assert_columns_match(doc: Doc) -> None:
    cols = Columns(doc)
    for name, read in COLUMNS.items():
        assert getattr(cols, name) == [read(t) for t in doc], name


def test_columns_of_a_hand_built_doc_are_its_token_attributes() -> None:
    doc = _hand_doc()
    _assert_columns_match(doc)
    assert Columns(doc).ent_type[1] == "ORDINAL" and Columns(doc).pos[6] == "SPACE"


def test_span_text_is_the_span_s_text_with_or_without_the_document_text() -> None:
    doc = _hand_doc()
    for cols in (Columns(doc), Columns(doc, doc.text)):
        for start, end in ((0, 6), (3, 7), (7, 11), (5, 6), (0, len(doc))):
            assert cols.span_text(doc[start:end]) == doc[start:end].text


def test_columns_are_kept_for_the_same_doc_only() -> None:
    first, second = _hand_doc(), _hand_doc()
    assert columns(first) is columns(first)
    other = columns(second)
    assert other.doc is second and other is not columns(first)
    assert tokens._last is not None and tokens._last.doc is first


def test_indices_of_a_span_and_of_a_token_list_agree() -> None:
    doc = _hand_doc()
    assert list(_indices(doc[2:7])) == [2, 3, 4, 5, 6]
    assert _indices([doc[5], doc[1]]) == [5, 1]


def test_written_opening_reads_as_the_list_of_everything_before_it_did() -> None:
    doc = _hand_doc()
    for start in range(len(doc)):
        before = [t for t in doc[:start] if not t.is_space]
        assert written_opening(doc[start:]) == (not before or before[-1].text.endswith(SENTENCE_ENDS))


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS)
def test_columns_of_parsed_text_are_its_token_attributes(nlp, text: str) -> None:
    _assert_columns_match(nlp(text))


def _find_sources_token_by_token(sent, lex):
    """The scan ``find_sources`` made before the columns: every token through both tests."""
    out = []
    firsts = {ph[0] for ph in lex.source_preps}
    for tok in sent:
        found = None
        if tok.lower_ in firsts:
            found = _prep_source(tok, sent, lex)
        if found is None and _is_cue(tok, sent, lex):
            from sitrep.stages.casualties.sources import _reporting

            found = _reporting(tok, sent, lex)
        if found is None and tok.lower_ in firsts:
            found = _prep_source(tok, sent, lex, passive=True)
        if found is not None and not any(found.first <= s.last and s.first <= found.last for s in out):
            out.append(found)
    return out


SOURCE_TEXTS = [
    "Twelve people were killed in the shelling, the monitor said on Sunday.",
    "According to the Example Observatory, 30 fighters died, and activists reported 4 more.",
    "The group claimed the attack. A military source told reporters that 9 soldiers were wounded.",
    "Example News Agency reports.",
    "The ministry gave a toll of 34, while a video shows rescuers at work, as quoted by state media.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", SOURCE_TEXTS)
def test_find_sources_finds_what_the_token_by_token_scan_found(nlp, text: str) -> None:
    lex = load_lexicon()
    doc = nlp(text)
    for sent in doc.sents:
        found = find_sources(sent, lex)
        assert found == _find_sources_token_by_token(sent, lex)
    assert any(find_sources(sent, lex) for sent in doc.sents)


def test_quotation_marks_pair_as_the_character_by_character_scan_did() -> None:
    from sitrep.stages.casualties.sources import quotation_marks

    def scan(text: str) -> list[tuple[int, int]]:
        opens: list[int] = []
        pairs: list[tuple[int, int]] = []
        for i, ch in enumerate(text):
            if ch == "“" or (ch == '"' and not opens):
                opens.append(i)
            elif (ch == "”" or ch == '"') and opens:
                pairs.append((opens.pop(), i))
        return pairs

    for text in ['He said "ten died" and “two more” later.', '“a “nested” one” "open', '"', "no marks", "”stray“ x"]:
        assert quotation_marks(text) == scan(text)
    assert quotation_marks('a "b" c') == [(2, 4)]


def test_secondary_incident_reads_the_opener_from_the_first_words_as_before() -> None:
    from sitrep.stages.casualties.record import secondary_incident

    def whole(sentence: str, openers, nouns) -> bool:
        words = [w.strip(",;:.\"'").lower() for w in sentence.split()]
        if not any(tuple(words[:len(ph)]) == ph for ph in openers):
            return False
        return not any(a in ("the", "this", "that") and b.rstrip("s") in nouns
                       for a, b in zip(words, words[1:], strict=False))

    openers = (("elsewhere",), ("in", "another", "attack"), ("meanwhile",))
    nouns = frozenset({"attack", "strike"})
    for sentence in ["Elsewhere, shelling killed 4.", "  In another attack   on Monday, 3 died.", "In another",
                     "Meanwhile the strikes killed 9.", "", "Shelling elsewhere killed 4.", "'Meanwhile' x"]:
        for ops in (openers, (), (("in", "another", "attack", "on", "monday,"),)):
            assert secondary_incident(sentence, ops, nouns) == whole(sentence, ops, nouns)
    assert secondary_incident("In another attack on Monday, 3 died.", openers, nouns)


def _find_quantities_token_by_token(doc, lex, start, end):
    """The scan ``find_quantities`` made before the columns: every token through the test."""
    from sitrep.stages.casualties.numbers import _quantity

    out = []
    i = start
    while i < end:
        tok = doc[i]
        if not (tok.like_num or tok.lower_ in lex.vague or tok.lower_ in ("a", "an", "several", "few", "half")
                or lex.number_word(tok.lower_) or "-" in tok.text):
            i += 1
            continue
        q, nxt = _quantity(doc, i, lex)
        if q is not None:
            out.append(q)
        i = max(nxt, i + 1)
    return out


QUANTITY_TEXTS = [
    "Between 20 and 30 people died and dozens more got hurt in a 12-year-old conflict.",
    "A dozen fighters and several hundred civilians fled; half a million remain, 3-4 were hurt.",
    "The 2015 toll of two hundred and fifty rose to 1,200 at 10:30 on March 4 2016.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", QUANTITY_TEXTS)
def test_find_quantities_reads_what_the_token_by_token_scan_read(nlp, text: str) -> None:
    from sitrep.stages.casualties.numbers import find_quantities

    lex = load_lexicon()
    doc = nlp(text)
    spans = [(s.start, s.end) for s in doc.sents] + [(0, len(doc)), (3, len(doc) - 2)]
    for start, end in spans:
        assert find_quantities(doc, lex, start, end) == _find_quantities_token_by_token(doc, lex, start, end)
    assert find_quantities(doc, lex)


def test_covering_answers_as_the_test_of_every_token() -> None:
    from sitrep.stages.casualties.scope import _covering

    doc = _hand_doc()
    cols = columns(doc)
    for zone in ([doc[5], doc[0], doc[3], doc[3]], list(doc), [doc[6]], [doc[8], doc[2]], []):
        spans = [(t.idx, t.idx + len(t)) for t in zone]
        covers = _covering(cols, [t.i for t in zone])
        for offset in range(-1, len(doc.text) + 2):
            assert covers(offset) == any(s <= offset < e for s, e in spans), (zone, offset)
    assert _covering(cols, [3])(doc[3].idx) and not _covering(cols, [3])(doc[4].idx)


# -- the parse as index columns (casualties44): head, children, subtree, ancestors ------------------

def _non_projective_doc() -> Doc:
    """A hand-built parse with crossing arcs (token 1 hangs on 4 across 3's arc to 0), where a
    subtree is not a run of the text."""
    words = ["Alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    return Doc(Vocab(), words=words, heads=[0, 4, 0, 0, 0, 3], deps=["ROOT", "dep", "dep", "dep", "dep", "dep"])


def _assert_tree_matches(doc: Doc) -> None:
    cols = Columns(doc)
    assert cols.head == [t.head.i for t in doc]
    assert cols.children == [[c.i for c in t.children] for t in doc]
    for t in doc:
        assert cols.subtree(t.i) == [s.i for s in t.subtree], t.i
        assert cols.subtree(t.i) is cols.subtree(t.i)  # built once per token
        assert cols.ancestors(t.i) == [a.i for a in t.ancestors], t.i


def test_tree_columns_of_hand_built_docs_are_spacy_s_tree() -> None:
    _assert_tree_matches(_hand_doc())
    crossing = _non_projective_doc()
    _assert_tree_matches(crossing)
    assert Columns(crossing).subtree(4) == [1, 4]  # not the text between them


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS + SOURCE_TEXTS)
def test_tree_columns_of_parsed_text_are_spacy_s_tree(nlp, text: str) -> None:
    _assert_tree_matches(nlp(text))


def _zone_token_by_token(pred, node, lex):
    """The zone as ``scope.zone`` walked it through spaCy tokens before the index columns."""
    from sitrep.stages.casualties.scope import _GOVERNING_MODS, _UP

    local = {t.i: t for root in (pred, node) if root is not None for t in root.subtree}
    heads, mods, tok = [], [], pred
    for _ in range(7):
        if tok.dep_ not in _UP or tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.lemma_.lower() in lex.reporting_verbs:
            break
        heads.append(tok)
        for child in tok.children:
            if child.dep_ in _GOVERNING_MODS:
                mods.extend(child.subtree)
    seen = set(local)
    return sorted(local) + [t.i for t in heads + mods if t.i not in seen]


ZONE_TEXTS = [
    "Shelling on the Example market, which the monitor said had killed 14 people since May, went on.",
    "In the attack that killed at least 9 civilians on Sunday, rescuers pulled 3 children from a building.",
    "The conflict, which has killed over 300,000 people across five years, displaced millions so far.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", ZONE_TEXTS)
def test_zone_and_war_scope_read_as_the_token_walks_did(nlp, text: str) -> None:
    from sitrep.stages.casualties.scope import zone_indices
    from sitrep.stages.casualties.war_scope import war_scope_modifier

    lex = load_lexicon()
    doc = nlp(text)
    for pred in doc:
        for node in (None, *pred.children):
            assert zone_indices(pred, node, lex) == _zone_token_by_token(pred, node, lex)
        by_tokens = war_scope_modifier(pred, None, list(doc), lex)
        assert war_scope_modifier(pred, None, range(len(doc)), lex) == by_tokens
