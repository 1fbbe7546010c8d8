"""The actor resolution stage and the helpers other stages use.

- :class:`ActorStage` (``name = "actors"``), registered after ``parse``;
- :func:`resolve_text` resolves a short text ("American warplanes", "the U.N.");
- :func:`mention_at` returns the mention covering a character span;
- :func:`unknown_actors` lists provisional actors with mention counts;
- :func:`is_locative` / :func:`is_agentive` tell a place from a metonymic actor.
"""

from __future__ import annotations

from .api import UnknownActor, mention_at, mentions_in, resolve_text, unknown_actors
from .rules import is_agentive, is_locative
from .stage import ActorStage

__all__ = [
    "ActorStage", "UnknownActor", "is_agentive", "is_locative", "mention_at", "mentions_in",
    "resolve_text", "unknown_actors",
]
