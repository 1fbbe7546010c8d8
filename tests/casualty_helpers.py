"""Shared helpers of the casualty-source tests."""

from __future__ import annotations


def source_text(figures, kind: str, value: int) -> str | None:
    """The source text of the last figure of ``kind`` with best value ``value`` (there must be one)."""
    found = [c for c in figures if c.kind == kind and c.best == value]
    assert found, (kind, value, [(c.kind, c.best) for c in figures])
    return found[-1].source_text

