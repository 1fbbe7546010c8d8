"""Per-stage commands (actors, kb, events, quotes, compare), each over library functions."""

from __future__ import annotations
