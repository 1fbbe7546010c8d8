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

The readers walk the parse as token indices (``tokens.Columns``: heads, children and subtrees
built once per document), not as spaCy ``Token`` objects (issue 12: the stage's cost).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon
from .tokens import Columns, columns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: dependencies of a clause or a phrase that describes a noun: a relative clause, a participle,
#: an apposition (the first two frame their head noun, the third stands beside it)
_DESCRIBING = ("relcl", "acl", "appos")

#: dependencies that carry a modifier up to the head it modifies (the preposition or the mark)
_ATTACH = ("prep", "mark", "advmod", "npadvmod")


def _chain(cols: Columns, p: int, n: int | None, lex: CasualtyLexicon) -> tuple[set[int], set[int]]:
    """Token indices a modifier of the count's clause may hang on: the predicate ``p``, the counted
    noun ``n`` and its number ("so far 90 children killed": the parse hangs "so far" on "90"), and
    the heads up the predicate's chain until a reporting verb (a sibling clause is never on the
    chain); and that reporting verb's index when it is a plain saying (no auxiliary: "says",
    "said"; "medics have recorded 30 deaths so far" runs the recording, not the count's scope),
    else empty."""
    dep, children = cols.dep, cols.children
    out = {p} | ({n} | {c for c in children[n] if dep[c] == "nummod"} if n is not None else set())
    pos, lemma = cols.pos, cols.lemma
    for a in cols.ancestors(p):
        if pos[a] in ("VERB", "AUX") and lemma[a] in lex.reporting_verbs:  # "said", not "reports of"
            plain = not any(dep[c] in ("aux", "auxpass") for c in children[a])
            return out, ({a} if plain else set())
        out.add(a)
    return out, set()


def _carries_count(cols: Columns, clause: int, lex: CasualtyLexicon) -> bool:
    """The clause or phrase headed by ``clause`` holds a count of its own: a number or a number
    word that is no date ("that has killed 300,000 since 2011"; "that began in 2011" holds none)."""
    like_num, lower, ent_type = cols.like_num, cols.lower, cols.ent_type
    return any((like_num[t] or lex.number_word(lower[t])) and ent_type[t] not in ("DATE", "TIME")
               for t in cols.subtree(clause))


def _toll_of(cols: Columns, clause: int, kind: str, lex: CasualtyLexicon) -> bool:
    """The clause tells a toll of ``kind`` ("that has killed …", "in which … have died", "which has
    left … dead", "that has claimed … lives"); "which has displaced millions" is no killed toll."""
    lemma = cols.lemma
    for t in cols.subtree(clause):
        word = lemma[t]
        if kind in (lex.transitive.get(word), lex.intransitive.get(word), lex.states.get(word),
                    lex.casualty_nouns.get(word)):
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
    cols = columns(pred.doc)
    dep, head = cols.dep, cols.head
    p, n = pred.i, (node.i if node is not None else None)
    for i in _indices(sent):
        if dep[i] not in _DESCRIBING or i in out:
            continue
        inside = set(cols.subtree(i))
        if p in inside or (n is not None and n in inside) or not _carries_count(cols, i, lex):
            continue
        frame = set(cols.subtree(head[i]))
        whole = dep[i] != "appos" and p not in frame and _toll_of(cols, i, kind, lex)
        out |= frame if whole else inside
    return frozenset(out)


def _indices(tokens: Iterable[Token] | Iterable[int]) -> range | list[int]:
    """The token indices of a sentence (a span's range, without building its tokens), of a list
    of tokens, or of a list of indices (kept as they are)."""
    start, end = getattr(tokens, "start", None), getattr(tokens, "end", None)
    if isinstance(start, int) and isinstance(end, int):
        return range(start, end)
    if isinstance(tokens, range):
        return tokens
    return [t if isinstance(t, int) else t.i for t in tokens]


def _attach(cols: Columns, i: int) -> int:
    """The head a modifier word hangs on: a preposition's or an adverb's head; for the mark of
    a clause ("since strikes began"), the head of that clause's verb."""
    head = cols.head
    if cols.dep[i] == "mark":
        return head[head[i]]
    return head[i]


def _since(cols: Columns, i: int, lex: CasualtyLexicon) -> bool:
    """ "since 2011", "since the start of …", "since strikes began"; not "since Tuesday", "since
    dawn"."""
    lower, dep = cols.lower, cols.dep
    if lower[i] != "since" or dep[i] not in ("prep", "mark"):
        return False
    root = i if dep[i] == "prep" else cols.head[i]
    after = {lower[t] for t in cols.subtree(root) if t > i}
    return not after & (lex.weekdays | lex.times_of_day)


def _war_object(cols: Columns, i: int, lex: CasualtyLexicon, foreign: frozenset[int]) -> bool:
    """A preposition of extent whose object is a war noun ("in the conflict", "in the five-year
    war") or a period noun of a war ("in four years of war"); not a war that frames a count of
    its own (``foreign``)."""
    dep, lower, lemma, children = cols.dep, cols.lower, cols.lemma, cols.children
    if dep[i] != "prep" or lower[i] not in lex.war_scope_preps:
        return False
    for obj in (c for c in children[i] if dep[c] == "pobj" and c not in foreign):
        if lemma[obj] in lex.war_words:
            return True
        if lower[obj] in lex.period_units and any(
                lower[g] == "of" and any(lemma[w] in lex.war_words for w in children[g]) for g in children[obj]):
            return True
    return False


def _years(cols: Columns, i: int, lex: CasualtyLexicon) -> bool:
    """A preposition of extent over a counted span of years or months ("over five years", "in a
    year", "in more than two years"); weeks and days are an offensive's, not a war's."""
    dep, lower, like_num, children = cols.dep, cols.lower, cols.like_num, cols.children
    if dep[i] != "prep" or lower[i] not in lex.war_scope_preps:
        return False
    return any(dep[c] == "pobj" and lex.period_units.get(lower[c]) in ("Y", "M")
               and any(dep[g] in ("nummod", "det") and (like_num[g] or lower[g] in ("a", "one")) for g in children[c])
               for c in children[i])


def _adverbial(cols: Columns, ii: Sequence[int], k: int, chain: set[int], lex: CasualtyLexicon) -> bool:
    """A running adverbial starting at token ``ii[k]`` ("so far", "to date", "this year") with one
    of its words hanging on the count's clause."""
    lower, dep = cols.lower, cols.dep
    for ph in lex.running_adverbials:
        span = ii[k:k + len(ph)]
        if tuple(lower[t] for t in span) == ph and all(t == span[0] + j for j, t in enumerate(span)) \
                and any(dep[t] in _ATTACH and _attach(cols, t) in chain for t in span):
            return True
    return False


def may_have_modifier(sent: Span, lex: CasualtyLexicon) -> bool:
    """A cheap test before the parse is walked: the sentence has a word every form needs ("since",
    a war noun, a period unit, the last word of a running adverbial)."""
    cols = columns(sent.doc)
    return any(cols.derived("war scope words", lex, lambda: _needed_words(cols, lex))[sent.start:sent.end])


def _needed_words(cols: Columns, lex: CasualtyLexicon) -> list[bool]:
    """Per token of a document: a word ``may_have_modifier`` looks for (built once per document)."""
    lasts = {ph[-1] for ph in lex.running_adverbials}
    return [w == "since" or w in lex.period_units or w in lasts or lemma in lex.war_words
            for w, lemma in zip(cols.lower, cols.lemma, strict=True)]


def war_scope_modifier(pred: Token, node: Token | None, tokens: Iterable[Token] | Iterable[int],
                       lex: CasualtyLexicon, foreign: frozenset[int] = frozenset()) -> str | None:
    """The form of the closed class (``since``, ``war``, ``years``, ``running``) that modifies the
    count's clause, or None. ``tokens``: the sentence (its tokens or their indices) up to a
    superlative or an ordinal after the count (``scope._before_comparison``: "the deadliest since
    2015" dates the comparison); ``foreign``: the words of other nouns' describing clauses with a
    count (``foreign_phrases``)."""
    cols = columns(pred.doc)
    chain, reporter = _chain(cols, pred.i, node.i if node is not None else None, lex)
    ii = [i for i in _indices(tokens) if i not in foreign]
    dep, head, p = cols.dep, cols.head, pred.i
    for k, i in enumerate(ii):
        if _adverbial(cols, ii, k, chain | reporter, lex):  # a saying is a point in time: "says … this year" runs the count
            return "running"
        if dep[i] not in _ATTACH or _attach(cols, i) not in chain:
            continue
        if _since(cols, i, lex) and not (dep[i] == "mark" and head[i] == p):
            return "since"  # (the count's own clause as the since-clause dates an earlier incident)
        if _war_object(cols, i, lex, foreign):
            return "war"
        if _years(cols, i, lex):
            return "years"
    return None
