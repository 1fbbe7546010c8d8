"""Tie a loaded term (or a scare quote) to the actor it modifies, by syntax.

Rules, first match wins:

1. the term lies inside the label noun phrase of a mention ("the *so-called*
   moderate opposition", "the Assad *regime*");
2. the term's phrase is in apposition to a mention, or is the predicate noun of a
   copula whose subject is a mention ("HTS, a *terrorist* group"; "HTS is a *terrorist* group");
3. the term is a verb, or an adverb on a verb, whose subject (or passive agent) is a
   mention ("the army *liberated* Aleppo", "Russia *deliberately* targeted ...");
4. the term modifies a noun that a mention possesses or modifies ("Assad's *brutal*
   crackdown", "the *alleged* Russian strike").

Otherwise the term is not tied (``None``): we do not guess from proximity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """A mention as token spans: the mention itself and its label noun phrase."""

    actor: str
    span: Span
    label: Span
    #: the sentence the mention is in (kept: ``Span.sent`` is costly to recompute)
    sent: Span

    def covers(self, token: Token) -> bool:
        return self.span.start <= token.i < self.span.end


def _owner(token: Token, mentions: Sequence[MentionSpan]) -> str | None:
    for m in mentions:
        if m.covers(token):
            return m.actor
    return None


def _subject_actor(verb: Token, mentions: Sequence[MentionSpan]) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            found = _owner(child, mentions) or _in_subtree_head(child, mentions)
            if found:
                return found
        if child.dep_ == "agent":  # passive "by X"
            for pobj in child.children:
                found = _owner(pobj, mentions) or _in_subtree_head(pobj, mentions)
                if found:
                    return found
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject_actor(verb.head, mentions)
    return None


def _in_subtree_head(token: Token, mentions: Sequence[MentionSpan]) -> str | None:
    """The actor whose label phrase is headed by ``token`` ("the regime forces")."""
    for m in mentions:
        if m.label.root.i == token.i or m.label.start <= token.i < m.label.end:
            return m.actor
    return None


def attach(term: Span, mentions: Sequence[MentionSpan]) -> str | None:
    """The actor id ``term`` is about, or None when syntax does not say."""
    sent_start = term.sent.start
    same_sentence = [m for m in mentions if m.sent.start == sent_start]
    if not same_sentence:
        return None
    # 1. inside a label phrase (smallest phrase wins)
    inside = [m for m in same_sentence if m.label.start <= term.start and term.end <= m.label.end]
    if inside:
        return min(inside, key=lambda m: len(m.label)).actor
    root = term.root
    # 2. apposition / predicate noun
    if root.dep_ == "appos":
        found = _owner(root.head, same_sentence) or _in_subtree_head(root.head, same_sentence)
        if found:
            return found
    for child in root.children:
        if child.dep_ == "appos":
            found = _owner(child, same_sentence) or _in_subtree_head(child, same_sentence)
            if found:
                return found
    noun = root if root.pos_ in ("NOUN", "PROPN") else root.head
    if noun.dep_ in ("attr", "oprd") and noun.head.pos_ in ("AUX", "VERB"):
        found = _subject_actor(noun.head, same_sentence)
        if found:
            return found
    # 3. verbs and adverbs on verbs: their subject
    verb = root if root.pos_ == "VERB" else (root.head if root.dep_ == "advmod" and root.head.pos_ == "VERB" else None)
    if verb is not None:
        found = _subject_actor(verb, same_sentence)
        if found:
            return found
    # 4. a modifier of a noun the actor possesses or modifies
    if root.dep_ in ("amod", "advmod", "compound", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN"):
        for sibling in root.head.children:
            if sibling.dep_ in ("poss", "compound", "amod", "nmod") and sibling.i != root.i:
                found = _owner(sibling, same_sentence)
                if found:
                    return found
    return None
