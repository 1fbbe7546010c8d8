"""Shared helpers of the place-stage tests."""

from __future__ import annotations

from sitrep.stages.place.resolver import Span


def spans_of(text: str, names: list[str]) -> list[Span]:
    """Spans for the given names, each at its first occurrence after the previous one."""
    out, at = [], 0
    for name in names:
        at = text.index(name, at)
        out.append(Span(at, at + len(name), name))
        at += len(name)
    return out
