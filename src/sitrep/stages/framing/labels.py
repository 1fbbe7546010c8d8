"""Labels: the noun phrase a document uses to refer to an actor at one mention.

From the mention's tokens we climb to the agent noun it modifies ("Assad" in "the
Assad regime" -> "regime"; "Russian" in "Russian warplanes" -> "warplanes"), then
take that head's evaluative left modifiers ("so-called moderate", "terrorist-
designated", "American-backed") and a possessive conjunct ("Al Assad and his
acolytes"). Determiners are dropped. ``normalize_label`` groups spelling variants.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...lexicon import pronouns, stage_lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

_WORDS = stage_lexicon(__package__ or "sitrep.stages.framing")
#: nouns that denote an actor, so "X regime", "X's forces", "Russian jets" label X
AGENT_HEADS: frozenset[str] = _WORDS.words("words.agent_heads")

#: left-dependents of the head kept in a label (evaluative modifiers and name parts)
KEEP_LEFT: frozenset[str] = frozenset({"amod", "compound", "nmod", "advmod", "poss"})
DETERMINERS: frozenset[str] = _WORDS.words("words.determiners")
#: third-person possessives ("his", "its", "their", "her"), dropped like determiners
POSS_PRONOUNS: frozenset[str] = pronouns(case="possessive", person=3)

_SPACE = re.compile(r"\s+")
_HYPHEN = re.compile(r"\s*[-‐‑–]\s*")


#: "X-designated", "X-style": X classifies something else, it is not a reference to an actor X
CLASSIFYING_SUFFIXES: frozenset[str] = _WORDS.words("words.classifying_suffixes")
#: "anti-Assad forces", "pro-Assad militias": the phrase names the actor's opponents or allies
STANCE_PREFIXES: frozenset[str] = _WORDS.words("words.stance_prefixes")


def is_classifier(span: Span) -> bool:
    """True for "terrorist" in "terrorist-designated": a modifier, not a mention of an actor."""
    doc = span.doc
    nxt = span.end
    return (nxt + 1 < len(doc) and doc[nxt].text in HYPHENS and doc[nxt + 1].lower_ in CLASSIFYING_SUFFIXES)


def _stance_prefixed(span: Span) -> bool:
    doc = span.doc
    i = span.start
    return i >= 2 and doc[i - 1].text in HYPHENS and doc[i - 2].lower_ in STANCE_PREFIXES


def _hyphen_modifier_left(doc, left: int) -> int:  # type: ignore[no-untyped-def]
    """Extend ``left`` over a hyphenated modifier right before it ("terrorist-designated",
    "American-backed", "so-called") when the parse did not attach it."""
    if left >= 3 and doc[left - 2].text in HYPHENS and (
        doc[left - 1].tag_ in ("VBN", "VBD", "JJ") or doc[left - 1].lower_ == "called"
    ) and doc[left - 3].is_alpha:
        return left - 3
    return left


HYPHENS: frozenset[str] = frozenset({"-", "‐", "‑"})


def label_head(span: Span, others: frozenset[int] = frozenset()) -> Token:
    """The agent noun the mention names or modifies (never a token of another mention)."""
    head = span.root
    if _stance_prefixed(span):
        return head
    while (
        head.head.i not in others
        and head.dep_ in ("compound", "amod", "poss", "nmod")
        and head.head.i > head.i
        and head.head.pos_ in ("NOUN", "PROPN")
        and (head.head.lemma_.lower() in AGENT_HEADS or head.head.lower_ in AGENT_HEADS
             or (head.dep_ == "compound" and head.head.pos_ == "PROPN"))
    ):
        head = head.head
    return head


def label_span(span: Span, others: frozenset[int] = frozenset()) -> Span:
    """The referring noun phrase around a mention span, without determiners.

    ``others``: token indices of other actors' mentions; the phrase does not climb
    into them ("Turkey Russia" stays "Turkey") and takes them in only inside a
    hyphenated modifier ("American-backed forces").
    """
    doc = span.doc
    head = label_head(span, others)
    left = min(span.start, head.i)
    for child in head.lefts:
        # short evaluative modifiers only: a long, dated or numeric left subtree is parse
        # noise ("Published July 5 2015 U.S.-led coalition aircraft", "Friday Turkish military")
        edge = child.left_edge.i
        tokens = doc[edge:child.i + 1]
        if (child.dep_ in KEEP_LEFT and child.i - edge < 4 and child.i < span.start
                and not any(t.like_num or t.ent_type_ in ("DATE", "TIME") for t in tokens)
                and (not any(t.i in others for t in tokens) or any(t.text in HYPHENS for t in tokens))):
            left = min(left, edge)
    if left == span.start:
        left = _hyphen_modifier_left(doc, left)
    right = max(span.end - 1, head.i)
    for conj in head.rights:
        # "Al Assad and his acolytes": a conjunct owned by the actor itself
        # (only a bare "his/its X": "its Russian allies" names another actor)
        kids = list(conj.children)
        if (conj.dep_ == "conj" and any(c.dep_ == "poss" and c.lower_ in POSS_PRONOUNS for c in kids)
                and not any(c.dep_ in ("amod", "compound", "nmod") for c in kids) and conj.pos_ == "NOUN"):
            right = max(right, conj.i)
    while left < right and (doc[left].lower_ in DETERMINERS or doc[left].lower_ in POSS_PRONOUNS
                            or doc[left].dep_ in ("det", "predet", "punct")):
        left += 1
    while right > left and doc[right].dep_ in ("punct", "case") and not doc[right].text.isalnum():
        right -= 1
    return doc[left:right + 1]


def display_label(text: str) -> str:
    """A label as shown: one line, single spaces, tight hyphens."""
    text = _SPACE.sub(" ", text).strip()
    return _HYPHEN.sub("-", text)


def normalize_label(text: str) -> str:
    """Grouping key: lower case, no determiner or possessive 's, uniform quotes and hyphens, singular head."""
    original = text
    text = display_label(text).lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "", text)
    words = [w for w in text.split(" ") if w]
    while words and (words[0] in DETERMINERS or words[0] in POSS_PRONOUNS):
        words = words[1:]
    if words and plural_common_noun(display_label(original).split(" ")[-1]):
        words[-1] = words[-1][:-1]  # "rebels" and "rebel" are one label
    return " ".join(words)


def plural_common_noun(word: str) -> bool:
    """A lower-case word ending in a plural -s ("rebels", "forces"; not "ISIS", "US", "press")."""
    return word.islower() and len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
