"""A verbal event's place from what it is about (issue 13, event place; branch events74).

Since 12-03 a verbal event (a statement, a demand, a meeting: a category outside
``assemble.CONTEXT_CATEGORIES``) keeps only a place its own trigger governs through "in" or "at"
(``anchoring.stated_at``: "said in Geneva", "met at the UN"); the place its clause otherwise
governs ("called for the deployment of observers in Aleppo", "went to Damascus", "resolutions on
Syria which called for …") is dropped, and the candidate is only marked ``grounded`` (a place of the
conflict counts as an argument for the record rule). The hand rule was written on 19 place misses
of the first 24 articles. On the 222 tune articles of 12-06 the coder gives many such events the
place of their content (coding guide section 5 allows a place "the event governs").

With the named switch ``CONTENT_PLACES`` on, a verbal event of a category in ``CATEGORIES`` that
ends with no place of its own takes the place ``EventStage._place`` found for it and the
``stated_at`` test dropped (``Candidate.content_place``), with that toponym's offsets as evidence.
Nothing else reads it: the record rule, the roles, the backward carry and the fitted place-context
rule (which reads only ``CONTEXT_CATEGORIES``) see what they saw before, so with the switch off the
stage's output is main's byte for byte. ``CATEGORIES`` is the set chosen on the tune half by
``benchmarks/events_content_places.py`` (per category: kept when its events placed right rise on
the tune waves); measured leave one wave out there (docs/benchmarks.md, branch events74).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ...records import Place

#: the named switch (off by default; ``docs/benchmarks.md``, branch events74: failed or passed there)
CONTENT_PLACES = False
#: the verbal categories whose content place is kept (chosen on all tune by
#: ``benchmarks/events_content_places.py``; the measuring run sets every verbal category)
CATEGORIES: frozenset[str] = frozenset({"REQUEST", "CONSULT"})


def content_place(category: str, own: Place | None, content: Place | None) -> Place | None:
    """The event's place: its own; else, with ``CONTENT_PLACES`` on and ``category`` in
    ``CATEGORIES``, the place of its content (``content``: the governed place ``stated_at`` dropped)."""
    if own is not None or content is None or not CONTENT_PLACES or category not in CATEGORIES:
        return own
    return content
