"""The war-wide scope modifier of a count: a closed grammatical class (issue 12).

A war-wide or period total is told by the temporal or scope modifier of its clause, not by its
size: "since 2011", "since the start of the uprising", "since strikes began" (a ``since`` that
names no weekday or time of day), "in the conflict", "in the five-year war", "in four years of
war", "so far in the conflict" (a war noun after a preposition of extent), "over five years", "in
a year" (a count of years or months after such a preposition), "so far", "to date", "this year"
(a running adverbial). The scope zone of ``scope.py`` reads some of these cue words where the
parse hangs them on the predicate; ``war_scope_modifier`` reads the whole class wherever it hangs
in the count's own clause: on the predicate, the counted noun or a head up the predicate's chain
(stopping at a reporting verb: "the monitor said, adding that 300,000 have died in the war" does
not date "12 were killed" before it), and not after a superlative or an ordinal that follows
the count ("the deadliest since 2015" dates the comparison).

The modifier is a feature of the learned war-total model (``war_scope=<form>``) and a strong
total cue of the rules in the lead (``scope._lead_total``), unless a day or one attack ties the
count to an incident.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: dependencies that carry a modifier up to the head it modifies (the preposition or the mark)
_ATTACH = ("prep", "mark", "advmod", "npadvmod")


def _chain(pred: Token, node: Token | None, lex: CasualtyLexicon) -> set[int]:
    """Token indices a modifier of the count's clause may hang on: the predicate, the counted
    noun, and the heads up the predicate's chain until a reporting verb (a sibling clause is
    never on the chain)."""
    out = {pred.i} | ({node.i} if node is not None else set())
    for tok in pred.ancestors:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.reporting_verbs:  # "said", not "reports of"
            break
        out.add(tok.i)
    return out


def _attach(tok: Token) -> Token:
    """The head a modifier word hangs on: a preposition's or an adverb's head; for the mark of
    a clause ("since strikes began"), the head of that clause's verb."""
    if tok.dep_ == "mark":
        return tok.head.head
    return tok.head


def _since(tok: Token, lex: CasualtyLexicon) -> bool:
    """ "since 2011", "since the start of …", "since strikes began"; not "since Tuesday", "since
    dawn"."""
    if tok.lower_ != "since" or tok.dep_ not in ("prep", "mark"):
        return False
    after = {t.lower_ for t in tok.subtree if t.i > tok.i} if tok.dep_ == "prep" else \
        {t.lower_ for t in tok.head.subtree if t.i > tok.i}
    return not after & (lex.weekdays | lex.times_of_day)


def _war_object(tok: Token, lex: CasualtyLexicon) -> bool:
    """A preposition of extent whose object is a war noun ("in the conflict", "in the five-year
    war") or a period noun of a war ("in four years of war")."""
    if tok.dep_ != "prep" or tok.lower_ not in lex.war_scope_preps:
        return False
    for obj in (c for c in tok.children if c.dep_ == "pobj"):
        if obj.lemma_.lower() in lex.war_words:
            return True
        if obj.lower_ in lex.period_units and any(
                g.lower_ == "of" and any(w.lemma_.lower() in lex.war_words for w in g.children) for g in obj.children):
            return True
    return False


def _years(tok: Token, lex: CasualtyLexicon) -> bool:
    """A preposition of extent over a counted span of years or months ("over five years", "in a
    year", "in more than two years"); weeks and days are an offensive's, not a war's."""
    if tok.dep_ != "prep" or tok.lower_ not in lex.war_scope_preps:
        return False
    return any(c.dep_ == "pobj" and lex.period_units.get(c.lower_) in ("Y", "M")
               and any(g.dep_ in ("nummod", "det") and (g.like_num or g.lower_ in ("a", "one")) for g in c.children)
               for c in tok.children)


def _adverbial(tokens: Sequence[Token], k: int, chain: set[int], lex: CasualtyLexicon) -> bool:
    """A running adverbial starting at ``tokens[k]`` ("so far", "to date", "this year") with one of
    its words hanging on the count's clause."""
    for ph in lex.running_adverbials:
        span = tokens[k:k + len(ph)]
        if tuple(t.lower_ for t in span) == ph and all(t.i == span[0].i + j for j, t in enumerate(span)) \
                and any(t.dep_ in _ATTACH and _attach(t).i in chain for t in span):
            return True
    return False


def may_have_modifier(sent: Iterable[Token], lex: CasualtyLexicon) -> bool:
    """A cheap test before the parse is walked: the sentence has a word every form needs ("since",
    a war noun, a period unit, the last word of a running adverbial)."""
    lasts = {ph[-1] for ph in lex.running_adverbials}
    return any(t.lower_ == "since" or t.lower_ in lex.period_units or t.lower_ in lasts
               or t.lemma_.lower() in lex.war_words for t in sent)


def war_scope_modifier(pred: Token, node: Token | None, tokens: Sequence[Token], lex: CasualtyLexicon) -> str | None:
    """The form of the closed class (``since``, ``war``, ``years``, ``running``) that modifies the
    count's clause, or None. ``tokens``: the sentence up to a superlative or an ordinal after the
    count (``scope._before_comparison``: "the deadliest since 2015" dates the comparison)."""
    chain = _chain(pred, node, lex)
    for k, tok in enumerate(tokens):
        if _adverbial(tokens, k, chain, lex):
            return "running"
        if tok.dep_ not in _ATTACH or _attach(tok).i not in chain:
            continue
        if _since(tok, lex) and not (tok.dep_ == "mark" and tok.head.i == pred.i):
            return "since"  # (the count's own clause as the since-clause dates an earlier incident)
        if _war_object(tok, lex):
            return "war"
        if _years(tok, lex):
            return "years"
    return None
