"""War-wide and period tolls told as events: no records (issue 13; issue 12's "war totals on events").

"The civil war has so far killed some 450,000", "about 170,000 have died since the first
protests": the coder does not code war-wide and war-long tolls (coding guide section 1), but the
events stage reads their verbs ("killed", "died", "backed") as events whenever the war-frame cues
(``war_frame``) miss the sentence. The casualties stage already tells such a figure apart: its
scope rules and its learned scope model (``casualties.scope_model``) give it the scope
``war_total``. The events stage runs before the casualties stage and cannot read its records, so
this reading runs the casualties extractor itself on the document (the shipped lexicon and scope
model, the events just built as anchors; no quotes: the quotes stage runs later) and reads the
scope it gives each figure.

An event is no record when its only substance is such a toll: its sentence holds a figure scoped
``war_total``, and the event has no doer of its own (no actor), no stated day (its date is not
day-precise) and no place finer than the country (no place, or one at the gazetteer's country
level). An event with any of these is kept: a named doer's strike, a dated raid or a town's
siege told beside a running toll is the article's own event (branch events71: on the tune half,
the events with a finer place beside a war total were the coder's incidents more often).

Behind the switch ``USE`` (off by default; docs/benchmarks.md, [branch events71]).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ...records import Analysis, Casualty, Event, Place

#: on/off switch of the reading (off by default: it failed its bar or has not been measured)
USE = False
#: the casualty scopes that make a sentence a war-wide or period toll
TOLL_SCOPES = frozenset({"war_total"})
#: the gazetteer's level of a country (``Place.level``)
COUNTRY_LEVEL = 1
#: the casualties module the reading runs. It is imported by name at run time, not by an
#: ``import`` statement: the events stage's code version (``versioning.code_fingerprint``, a
#: static closure of imports) then does not follow the casualties package while the switch is
#: off; with it on, the stage's version adds ``reader_digest`` (that module's closure and the
#: scope model file).
READER = "sitrep.stages.casualties.stage"


def _casualties(name: str) -> ModuleType:
    return importlib.import_module(f"sitrep.stages.casualties.{name}")


@functools.cache
def _scope_model() -> Any:
    return _casualties("scope_model").load_scope_model()


@functools.cache
def _lexicon() -> Any:
    return _casualties("lexicon").load_lexicon()


def reader_digest() -> str:
    """What the reading's output depends on outside the events package (for the events stage's
    version when the switch is on): the casualties stage module's code closure with its word
    lists, and the scope model file."""
    from ...versioning import code_fingerprint, digest, files_digest

    return digest([code_fingerprint(READER), files_digest([_casualties("scope_model").MODEL_PATH])])


def toll_figures(analysis: Analysis, events: Sequence[Event]) -> list[Casualty]:
    """The figures of the analysis's parse that the casualties extractor scopes as a toll
    (``TOLL_SCOPES``), with the shipped scope model and ``events`` as anchors."""
    from .stage import published_date

    extract, event_anchors = _casualties("extract").extract, importlib.import_module(READER).event_anchors
    assert analysis.doc is not None
    model = _scope_model()
    found = extract(analysis.doc, document=analysis.document.id, lexicon=_lexicon(),
                    anchors=event_anchors(events, analysis.text), mentions=analysis.mentions,
                    actors=analysis.actors, times=analysis.times,
                    published=published_date(analysis.document.anchor_date), places=analysis.places,
                    scope=model.decide if model is not None else None, text=analysis.text)
    return [c for c in found.casualties if c.scope in TOLL_SCOPES]


def finer_than_country(event: Event, places: Sequence[Place]) -> bool:
    """Has the event a place finer than the country? A resolved place above the country level,
    or a finer name the gazetteer does not hold (no place record at its offsets)."""
    if event.place is None:
        return False
    levels = {p.start: p.level for p in places}
    if event.place.start is None or event.place.start not in levels:
        return True
    return levels[event.place.start] != COUNTRY_LEVEL


def only_a_toll(event: Event, tolls: Sequence[Casualty], places: Sequence[Place]) -> bool:
    """Is the event's only substance a toll of its sentence (module docstring)?"""
    if event.actors or (event.date is not None and event.date.precision == "day"):
        return False
    if not any(event.evidence.start <= c.start < event.evidence.end for c in tolls):
        return False
    return not finer_than_country(event, places)


def drop_tolls(events: list[Event], analysis: Analysis) -> list[Event]:
    """The events without those whose only substance is a war-wide or period toll."""
    bare = [ev for ev in events if not ev.actors and not (ev.date is not None and ev.date.precision == "day")]
    if not bare:
        return events
    tolls = toll_figures(analysis, events)
    if not tolls:
        return events
    return [ev for ev in events if not only_a_toll(ev, tolls, analysis.places)]
