"""The ``place`` stage: toponyms resolved to coordinates against an offline gazetteer.

Public API: ``PlaceStage`` (the pipeline stage), ``resolve_span`` (resolve one
given span in its document, the same code the stage runs), ``place_for_span``
(the place an event span happened at, for the events stage) and ``map_svg`` (an
offline SVG map of places, for the HTML report).
"""

from __future__ import annotations

from .link import place_for_span, resolve_span
from .mapsvg import map_svg
from .stage import PlaceStage

__all__ = ["PlaceStage", "map_svg", "place_for_span", "resolve_span"]
