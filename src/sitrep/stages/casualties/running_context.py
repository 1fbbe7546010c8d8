"""Two readings of a running count's context (issue 12; branch casualties43), each behind a switch
(both on since their study passed its bar; off, the stage is main's before them).

The war totals the stage still attaches to an event on the tune half come in two forms the scope
rules do not read:

* ``COORDINATED_STATE``: a count coordinated with a war total whose predicate is a state the
  clause's verb leaves ("weeks of shelling had left 60 people dead and another 90 wounded"). The
  stage gives a coordinated count the scope of its partner (``extract._coordinated_with``), but
  finds the partner only through a predicate on the count's own head chain; the state ("dead")
  hangs on the verb ("left"), so the elliptical second count ("another 90 wounded", whose chain
  runs up to "left") is never paired with it. With the switch on, an earlier figure of the sentence
  whose predicate completes a verb of the count's chain (``oprd``, ``acomp``, ``xcomp``) is its
  partner too: the two counts share one clause and one time span.
* ``PERIOD_BEFORE``: a count in the perfect right after a sentence whose main clause runs a period
  up to the time of telling ("The town has been under rocket fire since the spring. Twelve people
  have been killed and 40 wounded"): the period is the count's, although it is written in the
  sentence before, and the count may be smaller than the lead's toll (so the running-count
  ratios, ``extract.ABOVE_LEAD`` and ``PERIOD_ABOVE_LEAD``, never open for it). With the switch on,
  such a count (outside the lead, nothing tying it to one incident: ``scope._tied_to_incident``) is
  a ``war_total``; the sentence before must carry no figure of its own (else it is the period's
  own count) and its main clause must be in the perfect with a war-wide modifier
  (``war_scope.war_scope_modifier``: "since <a month or a year>", "in the war", "over two years",
  "so far"; not "since Tuesday").

Both are closed grammatical readings (nothing fitted). Measured leaving one wave out on the tune
half by ``benchmarks/casualties_running_context.py`` (its bar is written there).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon
from .war_scope import may_have_modifier, war_scope_modifier

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: an earlier figure whose state predicate completes a verb of this count's chain is its partner.
#: Measured on the 279 tune articles leaving one wave out (``benchmarks/casualties_running_context.py``,
#: the rare-class bar written before the run): war totals on events 4 -> 3, no other figure moves, no
#: wave loses, probes pass — passed, so on (docs/benchmarks.md, casualties43). Off: main's pairing only.
COORDINATED_STATE = True
#: a perfect count right after a sentence that runs a war-wide period is a war total. Same study:
#: war totals on events 4 -> 2 (a count and its coordinated partner), no other figure moves, no wave
#: loses, probes pass — passed, so on; with ``COORDINATED_STATE`` 4 -> 1. Off: no ``period_before``.
PERIOD_BEFORE = True

#: the dependencies a count's chain climbs (``extract._coordinated_with``'s walk)
_CLIMB = ("conj", "acl", "amod", "oprd", "dobj", "nsubj", "nsubjpass", "pobj", "prep")
#: the dependencies of a state that completes its verb ("left 60 people dead")
_COMPLEMENT = ("oprd", "acomp", "xcomp")


def predicate_chain(pred: Token, steps: int = 6) -> set[int]:
    """Token indices of a count's predicate and the heads it climbs to (at most ``steps``)."""
    chain = {pred.i}
    tok = pred
    for _ in range(steps):
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            break
        tok = tok.head
        chain.add(tok.i)
    return chain


def state_partner(pred: Token, earlier: Sequence[Token]) -> int | None:
    """The position in ``earlier`` (the predicates of the sentence's earlier figures) of the first
    state that completes a verb on ``pred``'s chain ("left 60 people dead" for "another 90
    wounded"), else None."""
    chain = predicate_chain(pred)
    for k, other in enumerate(earlier):
        if other.i != pred.i and other.dep_ in _COMPLEMENT and other.head.i in chain:
            return k
    return None


def _perfect(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children)


def runs_a_period(sent: Span, lex: CasualtyLexicon) -> bool:
    """The sentence's main clause is in the perfect and a war-wide modifier of the closed class
    hangs on it ("has been shelled since the spring", "have fled in the war")."""
    if not may_have_modifier(sent, lex):  # the cheap column test first (both tests are pure)
        return False
    root = sent.root
    if not _perfect(root):
        return False
    return war_scope_modifier(root, None, range(sent.start, sent.end), lex) is not None


def period_sentences(sents: Sequence[Span], lex: CasualtyLexicon, with_figures: set[int]) -> set[int]:
    """Indices of the sentences after the headline that run a war-wide period
    (``runs_a_period``) and carry no figure (``with_figures``: the indices that do)."""
    return {i for i, s in enumerate(sents) if i >= 1 and i not in with_figures and runs_a_period(s, lex)}
