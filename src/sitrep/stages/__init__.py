"""Pipeline stages, one module (or package) per stage, in pipeline order.

``STAGES`` names each stage's factory as ``module:callable``; the factory takes
the loaded spaCy pipeline and returns a ``Stage`` (see ``stages.base``). Stages
are imported only when a pipeline is built, never at import time.
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
