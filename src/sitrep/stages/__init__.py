"""Pipeline stages, one module (or package) per stage, in pipeline order.

``STAGES`` names each stage's class as ``module:Class``; its class method
``from_resources(resources, **options)`` builds the ``Stage`` (see ``stages.base``)
on the pipeline's shared :class:`~sitrep.resources.Resources`. Stages are imported
only when a pipeline is built, never at import time.
"""

from __future__ import annotations

#: (stage name, "module:factory") in the order the pipeline runs them
STAGES: tuple[tuple[str, str], ...] = (
    ("parse", "sitrep.stages.parse:ParseStage"),
    ("actors", "sitrep.stages.actors:ActorStage"),
    ("time", "sitrep.stages.time:TimeStage"),
    ("place", "sitrep.stages.place:PlaceStage"),
    ("events", "sitrep.stages.events:EventStage"),
    ("quotes", "sitrep.stages.quotes:QuoteStage"),
    ("casualties", "sitrep.stages.casualties:CasualtyStage"),
    ("framing", "sitrep.stages.framing:FramingStage"),
)
