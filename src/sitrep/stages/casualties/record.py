"""What the casualty extractor takes besides the parse: ``EventAnchor``.

The ``Casualty`` record itself lives in ``sitrep.records`` with every other record type.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...records import CASUALTY_KINDS, CASUALTY_SCOPES, VICTIMS, Casualty

__all__ = ["CASUALTY_KINDS", "CASUALTY_SCOPES", "VICTIMS", "Casualty", "EventAnchor"]


@dataclass(frozen=True, slots=True)
class EventAnchor:
    """The parts of an event the casualty extractor reads: trigger offsets, category, status."""

    id: str
    start: int
    end: int
    category: str
    status: str = "asserted"
