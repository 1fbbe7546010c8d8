"""Span and dependency helpers shared by the attribution rules, and their constants."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from .attribution import Char, Options
from .lexicon import (
    AS_VERBS,
    BELIEF_VERBS,
    EVIDENCE_VERBS,
    NOT_REPORTING,
    OBJECT_VERBS,
    PHRASAL,
    QUOTE_ONLY_VERBS,
    SPEECH_VERBS,
    TITLE_SMALL_WORDS,
)
from .marks import QuotedSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

CLAUSE_DEPS = ("ccomp",)
SPEAKER_STOP_DEPS = ("relcl", "acl", "appos", "advcl", "parataxis")
BOUNDARY = {",", "—", "–", ":", ";", "--"}
QUOTE_CHARS = "\"“”‘’'«»„"
#: token texts that are quotation marks (NYT-style '' and `` included)
QUOTE_TOKENS = frozenset(QUOTE_CHARS) | {"''", "``"}
#: a dateline opening a story: "LOS ANGELES, Feb. 2 (UPI) — ", "BEIRUT (AP) — "
DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(?:,[^—–\n]{0,40})?\s*(?:\([^)\n]{1,30}\))?\s*[—–-]{1,2}\s+")
#: dependency links a quotation may follow up to the verb that says it
GOVERN_DEPS = frozenset(["dobj", "pobj", "prep", "attr", "oprd", "ccomp", "xcomp", "pcomp", "conj", "acomp", "npadvmod"])
#: relative pronouns: the source is the noun the relative clause hangs on
RELATIVES = frozenset(["who", "which", "that"])
#: quotations at most this many words, with no cue, are scare quotes or titles
SCARE_MAX_WORDS = 7


def chars(first: Token, last: Token) -> Char:
    return first.idx, last.idx + len(last.text)


def trim(text: str, span: Char) -> Char:
    s, e = span
    while s < e and (text[s].isspace() or text[s] in ",;:—–-*"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-*"):
        e -= 1
    return s, e


def is_cue_verb(tok: Token, opts: Options) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].text in ("-", "–"):
        return False  # "Turkish-backed", "self-described"
    lemma = tok.lemma_.lower()
    if lemma in SPEECH_VERBS or lemma in EVIDENCE_VERBS or lemma in QUOTE_ONLY_VERBS:
        return True
    if opts.stance and (lemma in OBJECT_VERBS or lemma in PHRASAL):
        return True
    if opts.stance and lemma in AS_VERBS:
        return any(c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i for c in tok.children)
    if lemma in BELIEF_VERBS and not opts.beliefs:
        # a belief counts only with a clause: "officials think (that) …"
        return any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)
    if opts.beliefs and lemma in BELIEF_VERBS:
        return True
    # any other verb whose subject "recognized / learned / resents that …": a that-clause
    # after a verb with a named or pronoun subject reports what the subject holds
    return opts.stance and lemma not in NOT_REPORTING and _takes_that_clause(tok)


def _takes_that_clause(tok: Token) -> bool:
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or subj.pos_ not in ("PROPN", "PRON", "NOUN"):
        return False
    for c in tok.children:
        if c.dep_ == "ccomp" and c.i > tok.i and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark":
            return True
    return False


def speaker_span(tok: Token) -> Char:
    """The noun phrase headed by ``tok``, without relative clauses or appositions."""
    left = tok.left_edge
    right = tok
    for child in tok.rights:
        if child.dep_ in SPEAKER_STOP_DEPS or (child.dep_ == "punct" and child.text in ",—(–"):
            break
        right = child.right_edge
    doc = tok.doc
    # never across a dateline dash, a colon or a line break ("WASHINGTON (AP) — Trump …")
    for t in doc[left.i : tok.i]:
        if t.text in ("—", "–", "--", ":") or "\n" in t.text:
            left = doc[t.i + 1]
    for t in doc[tok.i + 1 : right.i + 1]:
        if t.text in ("—", "–", "--", ":") or "\n" in t.text:
            right = doc[t.i - 1]
            break
    while left.i < tok.i and (left.is_punct or left.text in QUOTE_TOKENS or left.is_space):
        left = doc[left.i + 1]
    while right.i > tok.i and (right.is_punct or right.text in QUOTE_TOKENS):
        right = doc[right.i - 1]
    return chars(left, right)


def np_between(doc: Doc, lo: int, hi: int) -> Char | None:
    """Tokens [lo, hi) as a speaker noun phrase, or None if they are not one."""
    toks = [t for t in doc[lo:hi] if not (t.is_punct and t.text in "*_")]
    if not toks or len(toks) > 20:
        return None
    if any(t.pos_ in ("VERB",) and t.dep_ not in ("amod", "compound") and t.tag_ != "VBN" for t in toks):
        return None
    if any(t.text in BOUNDARY or t.text in QUOTE_TOKENS or t.text == "." for t in toks):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in toks):
        return None
    if toks[0].pos_ in ("ADP", "SCONJ", "CCONJ") and toks[0].lower_ not in ("of",):
        return None
    return chars(toks[0], toks[-1])


_TITLE_SMALL = TITLE_SMALL_WORDS


def is_title(span: Span) -> bool:
    """A short Title Case quotation: a name of a work, plan or operation ("Long Road Home")."""
    words = [t.text for t in span if t.is_alpha]
    if not words or len(words) > SCARE_MAX_WORDS or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words) and len(words) > 1


def left_name(v: Token) -> Char | None:
    """A proper name written right before a cue the parser gave no subject ("… John Kerry described")."""
    doc = v.doc
    j = v.i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or doc[j].pos_ != "PROPN":
        return None
    end = doc[j]
    while j - 1 >= 0 and (
        doc[j - 1].pos_ == "PROPN"
        or doc[j - 1].is_space
        or (doc[j - 1].lower_ == "of" and j - 2 >= 0 and doc[j - 2].text[:1].isupper())
        or (doc[j - 1].text[:1].isupper() and doc[j - 1].pos_ == "NOUN")
    ):
        j -= 1
    return chars(doc[j], end)


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """(subject token, passive?) of ``verb``, following xcomp/advcl/conj heads."""
    cur = verb
    for _ in range(4):
        subjects = [c for c in cur.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            # two subjects: a dateline ("LONDON (Reuters) - Trump said") and the real one,
            # the one nearest before the verb
            before = [c for c in subjects if c.i < cur.i]
            return (before[-1] if before else subjects[0]), False
        if any(c.dep_ in ("nsubjpass", "expl") for c in cur.children):
            # "was first reported by BuzzFeed": the agent is the source
            agent = next((c for c in cur.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            return pobj, pobj is None
        if cur.dep_ in ("advcl", "xcomp", "conj", "pcomp") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return None, False


def quote_at(quotes: list[QuotedSpan], starts: list[int], pos: int) -> QuotedSpan | None:
    """The quotation that contains character ``pos``."""
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and quotes[i].start <= pos < quotes[i].end:
        return quotes[i]
    return None
