"""The resolved spans the actor passes build: an actor at character offsets, and what was left out."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...kb.model import KBActor
from .matcher import Atom


@dataclass(slots=True)
class Found:
    """A resolved span: character offsets, the actor and how it was found."""

    start: int
    end: int
    actor: KBActor
    method: str
    surface_key: str = ""


@dataclass(slots=True)
class Resolution:
    found: list[Found] = field(default_factory=list)
    #: spans deliberately left without an actor (places, non-actor acronyms)
    blocked: list[tuple[int, int]] = field(default_factory=list)
    #: states named in a locative position ("in Syria"), in text order
    theatre: list[str] = field(default_factory=list)
    #: unmodified institutions ("the Defense Ministry") waiting for a country from context
    institutions: list[Atom] = field(default_factory=list)
