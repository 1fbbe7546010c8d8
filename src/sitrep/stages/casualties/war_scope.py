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

A reporting verb that governs the count's clause does not scope it with its own time ("said on
Wednesday that 12 were killed": the day of the saying), but a running adverbial the parse hangs
on a plain one ("Monitor says this year 1,500 civilians killed") can only run the reported count:
a saying is a point in time, it does not run "so far" or "this year". A reporting verb with an
auxiliary is an activity that can run ("medics have recorded 30 deaths so far": the running
toll of an incident, recorded); its adverbial stays its own.

A modifier inside another noun's describing clause is not the count's (``foreign_phrases``):
"killing 12 people, in a war that has killed 300,000 since 2011", "killed 12 in Kafr Tala, a town
in a province where the war has killed 20,000": when a relative clause, a participle or an
apposition that does not hold the count's predicate carries a count of its own, none of its
words scope this one, and when it tells a toll of the count's kind the noun it describes (the war,
the province) frames that other toll and does not scope this one either.

The modifier is a feature of the learned war-total model (``war_scope=<form>``) and a strong
total cue of the rules in the lead (``scope._lead_total``), unless a day or one attack ties the
count to an incident.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon
from .tokens import columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: dependencies of a clause or a phrase that describes a noun: a relative clause, a participle,
#: an apposition (the first two frame their head noun, the third stands beside it)
_DESCRIBING = ("relcl", "acl", "appos")

#: dependencies that carry a modifier up to the head it modifies (the preposition or the mark)
_ATTACH = ("prep", "mark", "advmod", "npadvmod")


def _chain(pred: Token, node: Token | None, lex: CasualtyLexicon) -> tuple[set[int], set[int]]:
    """Token indices a modifier of the count's clause may hang on: the predicate, the counted
    noun and its number ("so far 90 children killed": the parse hangs "so far" on "90"), and the
    heads up the predicate's chain until a reporting verb (a sibling clause is never on the
    chain); and that reporting verb's index when it is a plain saying (no auxiliary: "says",
    "said"; "medics have recorded 30 deaths so far" runs the recording, not the count's scope),
    else empty."""
    out = {pred.i} | ({node.i} | {c.i for c in node.children if c.dep_ == "nummod"} if node is not None else set())
    for tok in pred.ancestors:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.reporting_verbs:  # "said", not "reports of"
            plain = not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
            return out, ({tok.i} if plain else set())
        out.add(tok.i)
    return out, set()


def _carries_count(clause: Token, lex: CasualtyLexicon) -> bool:
    """The clause or phrase holds a count of its own: a number or a number word that is no date
    ("that has killed 300,000 since 2011"; "that began in 2011" holds none)."""
    return any((t.like_num or lex.number_word(t.lower_)) and t.ent_type_ not in ("DATE", "TIME")
               for t in clause.subtree)


def _toll_of(clause: Token, kind: str, lex: CasualtyLexicon) -> bool:
    """The clause tells a toll of ``kind`` ("that has killed …", "in which … have died", "which has
    left … dead", "that has claimed … lives"); "which has displaced millions" is no killed toll."""
    for t in clause.subtree:
        lemma = t.lemma_.lower()
        if kind in (lex.transitive.get(lemma), lex.intransitive.get(lemma), lex.states.get(lemma),
                    lex.casualty_nouns.get(lemma)):
            return True
    return False


def foreign_phrases(pred: Token, sent: Iterable[Token], kind: str, lex: CasualtyLexicon,
                    node: Token | None = None) -> frozenset[int]:
    """Token indices whose words do not scope the count of ``pred``: every describing clause
    (``_DESCRIBING``) that holds neither the predicate nor the counted ``node`` (the parse may hang
    "brought the number of people killed … to 45" inside "killed …") and carries a count of its
    own; with the noun it frames when that clause tells a toll of the count's own ``kind``
    ("killing 12 in a war that has killed 300,000": the war's toll is the other count), unless
    that noun also holds the predicate or is an apposition's head ("12 people, the latest victims
    of a war that …" keeps "12 people"). "300,000 have been killed in the war, which has displaced
    millions" keeps "in the war": its clause counts another kind."""
    out: set[int] = set()
    dep = columns(pred.doc).dep
    for i in _indices(sent):
        if dep[i] not in _DESCRIBING or i in out:
            continue
        tok = pred.doc[i]
        inside = {t.i for t in tok.subtree}
        if pred.i in inside or (node is not None and node.i in inside) or not _carries_count(tok, lex):
            continue
        frame = {t.i for t in tok.head.subtree}
        whole = tok.dep_ != "appos" and pred.i not in frame and _toll_of(tok, kind, lex)
        out |= frame if whole else inside
    return frozenset(out)


def _indices(tokens: Iterable[Token]) -> range | list[int]:
    """The token indices of a sentence (a span's range, without building its tokens) or of a list."""
    start, end = getattr(tokens, "start", None), getattr(tokens, "end", None)
    if isinstance(start, int) and isinstance(end, int):
        return range(start, end)
    return [t.i for t in tokens]


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


def _war_object(tok: Token, lex: CasualtyLexicon, foreign: frozenset[int]) -> bool:
    """A preposition of extent whose object is a war noun ("in the conflict", "in the five-year
    war") or a period noun of a war ("in four years of war"); not a war that frames a count of
    its own (``foreign``)."""
    if tok.dep_ != "prep" or tok.lower_ not in lex.war_scope_preps:
        return False
    for obj in (c for c in tok.children if c.dep_ == "pobj" and c.i not in foreign):
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


def may_have_modifier(sent: Span, lex: CasualtyLexicon) -> bool:
    """A cheap test before the parse is walked: the sentence has a word every form needs ("since",
    a war noun, a period unit, the last word of a running adverbial)."""
    lasts = {ph[-1] for ph in lex.running_adverbials}
    cols = columns(sent.doc)
    return any(w == "since" or w in lex.period_units or w in lasts or lemma in lex.war_words
               for w, lemma in zip(cols.lower[sent.start:sent.end], cols.lemma[sent.start:sent.end], strict=True))


def war_scope_modifier(pred: Token, node: Token | None, tokens: Sequence[Token], lex: CasualtyLexicon,
                       foreign: frozenset[int] = frozenset()) -> str | None:
    """The form of the closed class (``since``, ``war``, ``years``, ``running``) that modifies the
    count's clause, or None. ``tokens``: the sentence up to a superlative or an ordinal after the
    count (``scope._before_comparison``: "the deadliest since 2015" dates the comparison);
    ``foreign``: the words of other nouns' describing clauses with a count (``foreign_phrases``)."""
    chain, reporter = _chain(pred, node, lex)
    tokens = [t for t in tokens if t.i not in foreign]
    for k, tok in enumerate(tokens):
        if _adverbial(tokens, k, chain | reporter, lex):  # a saying is a point in time: "says … this year" runs the count
            return "running"
        if tok.dep_ not in _ATTACH or _attach(tok).i not in chain:
            continue
        if _since(tok, lex) and not (tok.dep_ == "mark" and tok.head.i == pred.i):
            return "since"  # (the count's own clause as the since-clause dates an earlier incident)
        if _war_object(tok, lex, foreign):
            return "war"
        if _years(tok, lex):
            return "years"
    return None
