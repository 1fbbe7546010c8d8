"""The casualty figure record and the small inputs the extractor takes.

``Casualty`` is a typed record like every other (``sitrep.records``): document id,
character offsets into the stored text, the evidence sentence. ``EventAnchor`` is what the
extractor needs to know of an event: its id, trigger offsets, category and status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from ...records import Evidence, Record

CasualtyKind = Literal["killed", "injured", "missing", "abducted", "arrested", "displaced"]
Victims = Literal["civilians", "children", "women", "fighters", "soldiers", "police", "people"]
Scope = Literal["incident", "background", "war_total"]

CASUALTY_KINDS: tuple[str, ...] = ("killed", "injured", "missing", "abducted", "arrested", "displaced")
VICTIMS: tuple[str, ...] = ("civilians", "children", "women", "fighters", "soldiers", "police", "people")
SCOPES: tuple[str, ...] = ("incident", "background", "war_total")


@dataclass(slots=True)
class Casualty(Record):
    """A victim count ("at least 20 civilians were killed") with who reports it.

    ``best`` is the figure's value (ACLED's conservative reading: "at least 20" -> 20,
    "dozens" -> 12, the low end of a range); ``low``/``high`` only for ranges. ``scope``
    keeps war-wide totals (``war_total``) and earlier incidents brought in as context
    (``background``) apart from the reported incident's figures; only ``incident`` figures
    are attached to an ``event``. ``subset_of`` is the id of the total a figure is part of
    ("including 8 children"); ``superseded`` marks a toll the text itself updates.
    ``attributed_to`` is the source's actor id when the knowledge base knows it, else the
    source's words; ``source_start``/``source_end`` are its offsets.
    """

    TYPE: ClassVar[str] = "casualty"

    id: str
    document: str
    kind: CasualtyKind
    victims: Victims
    best: int
    start: int
    end: int
    text: str
    evidence: Evidence
    low: int | None = None
    high: int | None = None
    approximate: bool = False
    side: str | None = None
    scope: Scope = "incident"
    event: str | None = None
    subset_of: str | None = None
    superseded: bool = False
    attributed_to: str | None = None
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None


@dataclass(frozen=True, slots=True)
class EventAnchor:
    """The parts of an event the casualty extractor reads: trigger offsets, category, status."""

    id: str
    start: int
    end: int
    category: str
    status: str = "asserted"
