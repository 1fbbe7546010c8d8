"""Date and place of an event from the time and place stages' records.

The expression inside the event's clause first, else the closest one in its sentence,
else (dates only) the document's publication date with precision ``"document"``; a
place falls back to the dateline only when the place stage resolved that dateline word.
When the time/place stages export helpers (``time_for_span`` / ``place_for_span``) they
are used first; otherwise the records in ``Analysis.times`` / ``Analysis.places`` are.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

from ...records import EventDate, EventPlace, Place, TimeExpr
from ..base import Analysis


@functools.lru_cache(maxsize=None)
def _helper(module: str, name: str) -> Callable[..., Any] | None:
    """The time/place stage's helper when that stage is installed (looked up once)."""
    try:
        return getattr(importlib.import_module(module), name, None)  # type: ignore[no-any-return]
    except ImportError:
        return None


def _root_is_verbal(analysis: Analysis, span: tuple[int, int]) -> bool:
    """Guard for place_for_span (place @ 8c45c99): its clause-head walk compares spaCy
    tokens with ``is`` and only stops at a VERB/AUX, so it never ends in a sentence whose
    root is not verbal. Reported to the place stage; until fixed, such sentences use the
    records-based fallback below."""
    doc = analysis.doc
    if doc is None:
        return True
    tok = doc.char_span(span[0], span[1], alignment_mode="expand")
    return tok is not None and len(tok) > 0 and tok.root.sent.root.pos_ in ("VERB", "AUX")


def _pick(items: list[Any], clause: tuple[int, int], sentence: tuple[int, int], at: int) -> Any:
    inside = [x for x in items if clause[0] <= x.start and x.end <= clause[1]]
    pool = inside or [x for x in items if sentence[0] <= x.start and x.end <= sentence[1]]
    if not pool:
        return None
    return min(pool, key=lambda x: abs(x.start - at))


def event_date(analysis: Analysis, span: tuple[int, int], clause: tuple[int, int],
               sentence: tuple[int, int]) -> EventDate | None:
    """The event's date: governing time expression, else the publication date ("document")."""
    at = span[0]
    helper = _helper("sitrep.stages.time", "time_for_span")
    if helper is not None and analysis.times:
        try:
            found = helper(analysis, *span)
        except TypeError:
            found = None
        if isinstance(found, TimeExpr) and found.value:
            return EventDate(found.value, found.precision, found.text)
    dated = [t for t in analysis.times if t.value and t.type in ("DATE", "TIME")]
    chosen: TimeExpr | None = _pick(dated, clause, sentence, at)
    if chosen is not None:
        return EventDate(chosen.value, chosen.precision, chosen.text)
    if analysis.document.published:
        return EventDate(analysis.document.published, "document", None)
    return None


def event_place(analysis: Analysis, span: tuple[int, int], clause: tuple[int, int],
                sentence: tuple[int, int]) -> EventPlace | None:
    """The event's place: governing toponym in its clause/sentence, else the dateline's."""
    at = span[0]
    helper = _helper("sitrep.stages.place", "place_for_span")
    if helper is not None and analysis.places and _root_is_verbal(analysis, span):
        try:
            found = helper(analysis, *span)
        except TypeError:
            found = None
        if isinstance(found, Place):
            return _as_event_place(found)
    chosen: Place | None = _pick(analysis.places, clause, sentence, at)
    if chosen is None and analysis.document.dateline:
        line = analysis.document.dateline.lower()
        chosen = next((p for p in analysis.places if p.text.lower() in line), None)
    return _as_event_place(chosen) if chosen is not None else None


def _as_event_place(place: Place) -> EventPlace:
    return EventPlace(place.name, place.lat, place.lon, place.country, place.geonames_id,
                      place.text)
