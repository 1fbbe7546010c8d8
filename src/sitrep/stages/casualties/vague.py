"""Vague counts and words for large numbers (issue 12; branch casualties38, 2026-12-06 morning).

The number reader (``numbers``) already gives the lexicon's ACLED values to a vague word standing
alone ("dozens" -> 12, "scores" -> 20, "hundreds" -> 100, "tens of thousands" -> 10000): the
values of ``lexicon.yaml``'s ``vague`` table, the convention of ``docs/coding-guide-casualties.md``
(``value`` the ACLED number, ``low`` / ``high`` null, ``approximate`` true). Two readings it misses,
switched on together by ``VAGUE_COUNTS`` (off: it failed its bar;
``benchmarks/casualties_vague_counts.py``):

* **a number times a vague unit** ("two dozen", "3 dozen", "four score"): a number followed by a
  singular word of the ``vague`` table below 1,000 (the table's units, "dozen" 12 and "score" 20)
  multiplies it, as "hundred" and "thousand" do (``multipliers``); it was read as two counts,
  the number and the unit alone ("two dozen people" gave 2 and 12). This reading alone has its
  own switch, ``UNIT_MULTIPLES`` (branch casualties41, on): it runs when either switch is on;
* **the counted noun of a vague partitive** ("dozens of dead fighters", "scores of bodies"):
  in "<vague word> of <noun>" the parse makes the vague word the head of the phrase, so the noun's
  own state word ("dead", "wounded", "who were killed") or its being a casualty noun ("bodies",
  "refugees") was never read, as it is for "30 dead fighters" or "16 bodies" where the number
  hangs on the noun. The reading (``figures._vague_noun_reading``) reads that noun as the node;
  a casualty noun alone gives only a death or a wound (``NOUN_KINDS``), never a displaced crowd.

A vague count is never the headline toll over an exact one (``exact_first``): ACLED takes the
exact figure when a report gives one, so among an article's candidate tolls a figure whose text
carries a vague word is left out when an exact figure of the same event stands beside it ("an
attack killed 9 people … scores of bodies were found after the attack" keeps 9).

Things are never counted: a partitive whose noun does not count people ("dozens of villages",
"hundreds of times", "millions of dollars", "scores of reports") is refused before any reading
(``figures.counts_people``), switch on or off.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from .lexicon import CasualtyLexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ...records import Casualty

C = TypeVar("C", bound="Casualty")

#: switch (casualties38): the two readings above. Off until it passes the lead's bar for rare
#: classes (docs/benchmarks.md, "casualties38").
VAGUE_COUNTS = False
#: the headline guard (``exact_first``), on with ``VAGUE_COUNTS`` unless this is off: kept apart so
#: that the readings can be measured without it (docs/benchmarks.md, "casualties38")
HEADLINE_GUARD = True
#: switch (casualties41): the first reading alone, a number times a vague unit ("two dozen" -> 24),
#: without the partitive reading and the headline guard; ``VAGUE_COUNTS`` (both readings and the
#: guard) implies it. On: it passed the lead's rare-class bar, written before its one run
#: (``benchmarks/casualties_vague_counts.py --switch UNIT_MULTIPLES``; docs/benchmarks.md, "casualties41")
UNIT_MULTIPLES = True
#: the kinds a casualty noun gives a vague partitive by itself: a noun that means a death or a
#: wound ("scores of bodies", "dozens of lives"); a crowd named by a displacement noun
#: ("thousands of evacuees waited", "millions of refugees") is a population, not an event, and
#: needs a predicate of its own, as the guide asks ("waited" is not displacement)
NOUN_KINDS = frozenset({"killed", "injured"})
#: a vague unit multiplies a number before it only below this value ("two dozen"; never "two
#: thousands", which the multipliers read)
UNIT_BELOW = 1000


def vague_unit(doc: Doc, end: int, lex: CasualtyLexicon) -> int | None:
    """The value of a singular vague unit at token ``end`` that multiplies the number before it
    ("two dozen" -> 12 at "dozen"), when ``UNIT_MULTIPLES`` or ``VAGUE_COUNTS`` is on; else ``None``."""
    if not (UNIT_MULTIPLES or VAGUE_COUNTS) or end >= len(doc):
        return None
    word = doc[end].lower_
    value = lex.vague.get(word)
    if value is None or value >= UNIT_BELOW or word.endswith("s"):
        return None  # plural "dozens" after a number is another count ("30 dead and dozens hurt")
    return value


def partitive_noun(doc: Doc, head: int, counted: int | None) -> int | None:
    """The counted noun of "<vague word> of <noun>" when the parse made the vague word the head
    (``counted_noun`` returns the noun and the vague word as the node), else ``None``."""
    if not VAGUE_COUNTS or counted is None or counted <= head:
        return None
    between = [t.lower_ for t in doc[head + 1:counted]]
    return counted if between[:1] == ["of"] else None


def guard_on() -> bool:
    """Whether the headline guard runs: ``VAGUE_COUNTS`` and ``HEADLINE_GUARD`` both on."""
    return VAGUE_COUNTS and HEADLINE_GUARD


def is_vague(text: str, lex: CasualtyLexicon) -> bool:
    """Whether a figure's text carries a word of the lexicon's ``vague`` table ("scores of
    bodies", "two dozen people", "About a dozen")."""
    return any(w.strip(".,;:\"'").lower() in lex.vague for w in text.split())


def exact_first(found: Sequence[C], lex: CasualtyLexicon) -> list[C]:
    """The candidate tolls without each vague one that an exact one of the same event stands
    beside, when ``VAGUE_COUNTS`` is on; else all of them. Figures on no event, and vague tolls
    of another event than every exact one, stay (the guide's headline toll is the largest of
    the headline incident: "almost a dozen" in a headline over "at least 11" of another event).
    Off with ``HEADLINE_GUARD``."""
    if not guard_on():
        return list(found)
    exact_events = {c.event for c in found if c.event is not None and not is_vague(c.text, lex)}
    return [c for c in found if c.event is None or c.event not in exact_events or not is_vague(c.text, lex)]
