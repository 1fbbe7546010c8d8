"""Vague counts: a number times a vague unit (issue 12; branches casualties38 and casualties41).

The number reader (``numbers``) already gives the lexicon's ACLED values to a vague word standing
alone ("dozens" -> 12, "scores" -> 20, "hundreds" -> 100, "tens of thousands" -> 10000): the
values of ``lexicon.yaml``'s ``vague`` table, the convention of ``docs/coding-guide-casualties.md``
(``value`` the ACLED number, ``low`` / ``high`` null, ``approximate`` true). One reading it missed,
behind ``UNIT_MULTIPLES`` (on; ``benchmarks/casualties_vague_counts.py``):

* **a number times a vague unit** ("two dozen", "3 dozen", "four score"): a number followed by a
  singular word of the ``vague`` table below 1,000 (the table's units, "dozen" 12 and "score" 20)
  multiplies it, as "hundred" and "thousand" do (``multipliers``); it was read as two counts,
  the number and the unit alone ("two dozen people" gave 2 and 12).

Things are never counted: a partitive whose noun does not count people ("dozens of villages",
"hundreds of times", "millions of dollars", "scores of reports") is refused before any reading
(``figures.counts_people``).

(casualties38's second reading, the counted noun of a vague partitive, and its headline guard,
``VAGUE_COUNTS`` and ``HEADLINE_GUARD``, failed their bar and were removed by branch prune3; the
code last exists at ``cdd3c16e55``: docs/benchmarks/casualties.md, "casualties38".)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import CasualtyLexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: switch (casualties41): a number times a vague unit ("two dozen" -> 24). On: it passed the lead's
#: rare-class bar, written before its one run (``benchmarks/casualties_vague_counts.py``;
#: docs/benchmarks.md, "casualties41")
UNIT_MULTIPLES = True
#: a vague unit multiplies a number before it only below this value ("two dozen"; never "two
#: thousands", which the multipliers read)
UNIT_BELOW = 1000


def vague_unit(doc: Doc, end: int, lex: CasualtyLexicon) -> int | None:
    """The value of a singular vague unit at token ``end`` that multiplies the number before it
    ("two dozen" -> 12 at "dozen"), when ``UNIT_MULTIPLES`` is on; else ``None``."""
    if not UNIT_MULTIPLES or end >= len(doc):
        return None
    word = doc[end].lower_
    value = lex.vague.get(word)
    if value is None or value >= UNIT_BELOW or word.endswith("s"):
        return None  # plural "dozens" after a number is another count ("30 dead and dozens hurt")
    return value
