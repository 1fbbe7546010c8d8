"""What the casualty extractor takes besides the parse (``EventAnchor``), and the headline
toll of an article's figures (``headline_toll``: pure, shared by the stage's users and the
scorer).

The ``Casualty`` record itself lives in ``sitrep.records`` with every other record type.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...records import CASUALTY_KINDS, CASUALTY_SCOPES, VICTIMS, Casualty

__all__ = ["CASUALTY_KINDS", "CASUALTY_SCOPES", "VICTIMS", "Casualty", "EventAnchor", "headline_toll"]

#: event statuses whose figures count toward the headline toll (stated as fact)
LIVE = ("asserted", "reported")


def headline_toll(casualties: Sequence[Casualty], statuses: Mapping[str, str] | None = None) -> int | None:
    """The article's headline killed toll, as issue 12 defines it: its largest ``incident``
    killed figure that no update replaced, on an event stated as fact (or on no event).

    >>> from sitrep.records import Evidence
    >>> figure = Casualty("c", "d", "killed", "people", 9, 0, 1, "9", Evidence(0, 1, "9"))
    >>> headline_toll([figure]), headline_toll([figure], {}), headline_toll([])
    (9, 9, None)
    """
    statuses = statuses or {}
    values = [c.best for c in casualties if c.kind == "killed" and c.scope == "incident" and not c.superseded
              and (c.event is None or statuses.get(c.event, "asserted") in LIVE)]
    return max(values) if values else None


@dataclass(frozen=True, slots=True)
class EventAnchor:
    """The parts of an event the casualty extractor reads: trigger offsets, category, status."""

    id: str
    start: int
    end: int
    category: str
    status: str = "asserted"
