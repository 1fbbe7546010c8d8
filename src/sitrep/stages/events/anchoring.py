"""Date and place of an event, from the time and place stages.

``time_for_span`` / ``place_for_span`` (owned by those stages) pick the expression
governing the event's clause, else the closest one in its sentence. Failing that, a
date falls back to the document's publication date with precision ``"document"``, and
a place to the dateline when the place stage resolved that dateline word.
"""

from __future__ import annotations

from ...records import EventDate, EventPlace, Place
from ..base import Analysis
from ..place import place_for_span
from ..time import time_for_span


def event_date(analysis: Analysis, span: tuple[int, int]) -> EventDate | None:
    """The event's date: governing time expression, else the publication date ("document")."""
    found = time_for_span(analysis, *span) if analysis.times else None
    if found is not None and found.value:
        return EventDate(found.value, found.precision, found.text)
    if analysis.document.published:
        return EventDate(analysis.document.published, "document", None)
    return None


def event_place(analysis: Analysis, span: tuple[int, int]) -> EventPlace | None:
    """The event's place: governing toponym in its clause/sentence, else the dateline's."""
    chosen: Place | None = place_for_span(analysis, *span) if analysis.places else None
    if chosen is None and analysis.document.dateline:
        line = analysis.document.dateline.lower()
        chosen = next((p for p in analysis.places if p.text.lower() in line), None)
    return _as_event_place(chosen) if chosen is not None else None


def _as_event_place(place: Place) -> EventPlace:
    return EventPlace(place.name, place.lat, place.lon, place.country, place.geonames_id, place.text,
                      place.start, place.end)
