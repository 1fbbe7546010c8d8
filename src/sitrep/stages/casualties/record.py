"""What the casualty extractor takes besides the parse (``EventAnchor``), and the headline
toll of an article's figures (``headline_toll``: pure, shared by the stage's users and the
scorer).

The ``Casualty`` record itself lives in ``sitrep.records`` with every other record type.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...records import CASUALTY_KINDS, CASUALTY_SCOPES, VICTIMS, Casualty
from .lexicon import CasualtyLexicon, Phrase

__all__ = ["CASUALTY_KINDS", "CASUALTY_SCOPES", "VICTIMS", "Casualty", "EventAnchor", "headline_toll"]

#: event statuses whose figures count toward the headline toll (stated as fact)
LIVE = ("asserted", "reported")

#: a later sentence told with an additive "also" ("Jets also struck the town of X, where five were
#: killed") reports another act than the article's own and opens the round-up's part, as a round-up
#: word does (issue 12, branch mainkill1: measured against its pre-registered bar, see
#: docs/benchmarks-incoming/mainkill1.md; off unless that bar passed)
ALSO_ROUNDUP = False


def headline_toll(casualties: Sequence[Casualty], statuses: Mapping[str, str] | None = None, *,
                  openers: Sequence[Phrase] | None = None, incident_nouns: Sequence[str] = (),
                  sentences: Sequence[tuple[int, str]] = ()) -> int | None:
    """The article's headline killed toll, as issue 12 defines it: its largest ``incident``
    killed figure that no update replaced, on an event stated as fact (or on no event).

    A round-up reports other incidents after its own ("Elsewhere, a strike killed 40"): from the
    first sentence that reports another incident (``secondary_incident``: a round-up word of
    ``openers`` first, by default the shipped lexicon's ``roundup_openers`` and
    ``incident_nouns``) on, figures are left out when an earlier sentence already gives a
    candidate toll; the guide keeps the headline incident's toll even when a later one is
    larger. The sentences seen are those that hold a figure (the records carry their sentence)
    and ``sentences`` (``(start, text)`` of the article's others): a round-up word often opens a
    sentence with no count of its own ("Elsewhere in the country the army captured more
    territory …", then "The battle has cost the lives of 63 rebels").

    >>> from sitrep.records import Evidence
    >>> figure = Casualty("c", "d", "killed", "people", 9, 0, 1, "9", Evidence(0, 1, "9"))
    >>> headline_toll([figure]), headline_toll([figure], {}), headline_toll([])
    (9, 9, None)
    """
    kept = headline_candidates(casualties, statuses, openers=openers, incident_nouns=incident_nouns,
                               sentences=sentences)
    if not kept:
        return None
    return max(c.best for c in kept)


def headline_candidates(casualties: Sequence[Casualty], statuses: Mapping[str, str] | None = None, *,
                        openers: Sequence[Phrase] | None = None, incident_nouns: Sequence[str] = (),
                        sentences: Sequence[tuple[int, str]] = ()) -> list[Casualty]:
    """The figures ``headline_toll`` takes the largest of (its docstring): live ``incident`` killed
    figures no update replaced, before the round-up cut."""
    statuses = statuses or {}
    found = [c for c in casualties if c.kind == "killed" and c.scope == "incident" and not c.superseded
             and (c.event is None or statuses.get(c.event, "asserted") in LIVE)]
    if not found:
        return []
    words, nouns = default_roundup() if openers is None else (tuple(openers), frozenset(incident_nouns))
    own = [c.evidence.start for c in found if not secondary_incident(c.evidence.text, words, nouns)]
    if not own:
        return list(found)
    # the round-up's part begins at the first sentence (of any figure) after the article's own
    # toll that opens on a round-up word; that sentence and what follows report other incidents
    seen = {(c.evidence.start, c.evidence.text) for c in casualties} | set(sentences)
    cut = min((start for start, text in seen if start > min(own) and (
        secondary_incident(text, words, nouns) or (ALSO_ROUNDUP and additive_incident(text, nouns)))),
              default=None)
    return [c for c in found if cut is None or c.evidence.start < cut]


def secondary_incident(sentence: str, openers: Sequence[Phrase], incident_nouns: frozenset[str]) -> bool:
    """Whether a sentence reports another incident of a round-up: it opens on a round-up word
    ("Meanwhile, ...", "In another attack ...") and does not point back to the article's own
    ("Meanwhile the coalition said the attack killed 100": "the" + an incident noun).

    >>> secondary_incident("Elsewhere, shelling killed 4.", (("elsewhere",),), frozenset({"attack"}))
    True
    >>> secondary_incident("Shelling elsewhere killed 4.", (("elsewhere",),), frozenset({"attack"}))
    False
    >>> secondary_incident("Meanwhile a group said the attack killed 9.", (("meanwhile",),), frozenset({"attack"}))
    False
    """
    n = max((len(ph) for ph in openers), default=0)  # the opener test reads the first n words only
    first = [w.strip(",;:.\"'").lower() for w in sentence.split(maxsplit=n)[:n]]
    if not any(tuple(first[:len(ph)]) == ph for ph in openers):
        return False
    return not _points_back(sentence, incident_nouns)


def _points_back(sentence: str, incident_nouns: frozenset[str]) -> bool:
    """Whether a sentence names the article's own incident ("the" + an incident noun)."""
    words = [w.strip(",;:.\"'").lower() for w in sentence.split()]
    pairs = zip(words, words[1:], strict=False)
    return any(a in ("the", "this", "that") and b.rstrip("s") in incident_nouns for a, b in pairs)


def additive_incident(sentence: str, incident_nouns: frozenset[str]) -> bool:
    """Whether a sentence adds another act with "also" ("Jets also struck the town of X where
    five were killed", "It also reported eight killed in rebel fire"), unless it points back to
    the article's own incident ("The attack also killed 3 children": "the" + an incident noun,
    as ``secondary_incident``).

    >>> nouns = frozenset({"attack", "strike"})
    >>> additive_incident("Jets also struck the town, killing five.", nouns)
    True
    >>> additive_incident("The strike also killed 3 children.", nouns)
    False
    >>> additive_incident("Shelling killed 4.", nouns)
    False
    """
    if "also" not in (w.strip(",;:.\"'").lower() for w in sentence.split()):
        return False
    return not _points_back(sentence, incident_nouns)


@functools.cache
def _shipped_lexicon() -> CasualtyLexicon:
    """The shipped casualty lexicon, read once for the module's defaults."""
    from .lexicon import load_lexicon

    return load_lexicon()


@functools.cache
def default_roundup() -> tuple[tuple[Phrase, ...], frozenset[str]]:
    """The shipped lexicon's ``roundup_openers`` and ``incident_nouns``."""
    lex = _shipped_lexicon()
    return lex.roundup_openers, lex.incident_nouns


@dataclass(frozen=True, slots=True)
class EventAnchor:
    """The parts of an event the casualty extractor reads: trigger offsets, category, status."""

    id: str
    start: int
    end: int
    category: str
    status: str = "asserted"
