"""What the incident layer reads: one analysed document with its records.

The cross-document layer runs after the per-document stages. It reads, per
document, the stored ``Document`` and the records the stages wrote for it: events,
places (their level and first-level division, which the event's own ``place``
lacks), named-entity spans (names the gazetteer could not resolve, such as a city
district, still tell two reports apart) and time expressions (whose words are dates,
not names or figures). Nothing here does I/O: the store
(or a test) builds these objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..records import Actor, Document, Entity, Event, Place, TimeExpr
from ..records import Mention as ActorMention


class Figure(Protocol):
    """A victim count carried by an event (the casualties stage's record, issue 12).

    The incident layer reads only these attributes, so it works with any record that
    has them and with events that carry none.
    """

    kind: str
    best: int | None
    low: int | None
    high: int | None
    attributed_to: str | None
    #: the words that name the figure's source in the text (None when it names none)
    source_text: str | None


@dataclass(frozen=True, slots=True)
class DocumentInput:
    """One analysed document as the incident layer sees it."""

    document: Document
    events: Sequence[Event] = ()
    places: Sequence[Place] = ()
    entities: Sequence[Entity] = ()
    #: time expressions: their words are dates, not names or figures
    times: Sequence[TimeExpr] = ()
    #: the actors the events name (their kind and country tell the parties apart)
    actors: Sequence[Actor] = ()
    #: victim figures per event id, for events that do not carry them as ``Event.casualties``
    figures: Mapping[str, Sequence[Figure]] = field(default_factory=dict)
    #: the report's incident-scope figures that the casualties stage tied to no event (a toll in
    #: a headline or in a quoted source's sentence that the events stage gave no event: "The
    #: monitor said the toll reached 30"); ``contested.TIED_VERSIONS`` reads them
    loose_figures: Sequence[Figure] = ()
    #: the actors stage's mentions of actors (resolved names with offsets), read only with
    #: ``Settings.rollup_fight_frames`` (the sides a fight's sentence names: ``fight_frame``); ``actors``
    #: then holds their actors too
    mentions: Sequence[ActorMention] = ()

    def event_figures(self, event: Event) -> Sequence[Figure]:
        """The victim counts of one event: ``Event.casualties`` when the casualties stage
        ran, else those given in ``figures``, else none."""
        found = getattr(event, "casualties", None) or self.figures.get(event.id)
        return tuple(f for f in found or () if counts_for_incident(f))


def loose_figures(figures: Iterable[Figure]) -> tuple[Figure, ...]:
    """The figures of a report's stored victim counts that belong to no event and count for an
    incident (``counts_for_incident``), in text order: what ``DocumentInput.loose_figures`` holds."""
    kept = [f for f in figures if getattr(f, "event", None) is None and counts_for_incident(f)]
    return tuple(sorted(kept, key=lambda f: (_start(f), f.best or 0)))


def figure_start(figure: Figure) -> int | None:
    """The offset of the sentence that gives a figure (its evidence), None when unknown."""
    evidence = getattr(figure, "evidence", None)
    return getattr(evidence, "start", None)


def _start(figure: Figure) -> int:
    start = figure_start(figure)
    return -1 if start is None else start


def counts_for_incident(figure: Figure) -> bool:
    """Whether a figure is one of the incident's own tolls: not a war-wide or earlier total
    (``scope``), not a part of another figure ("including 8 children": the 8 would pass for
    the lowest toll) and not a toll the report itself updates ("rose to 45")."""
    return (getattr(figure, "scope", "incident") == "incident"
            and getattr(figure, "subset_of", None) is None
            and not getattr(figure, "superseded", False))
