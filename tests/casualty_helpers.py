"""Shared helpers of the casualty-source tests."""

from __future__ import annotations


def source_text(figures, kind: str, value: int) -> str | None:
    """The source text of the last figure of ``kind`` with best value ``value`` (there must be one)."""
    found = [c for c in figures if c.kind == kind and c.best == value]
    assert found, (kind, value, [(c.kind, c.best) for c in figures])
    return found[-1].source_text



def on_its_event(found: list[tuple[str, bool]]) -> bool:
    """``figure_scopes``' answer for a single incident's toll: found, every reading an incident
    figure, and at least one on an event."""
    return bool(found) and all(scope == "incident" for scope, _ in found) and any(on for _, on in found)


def a_running_total(found: list[tuple[str, bool]]) -> bool:
    """``figure_scopes``' answer for a war or period total: found, every reading a war total, none on an event."""
    return bool(found) and all(scope == "war_total" and not on for scope, on in found)
