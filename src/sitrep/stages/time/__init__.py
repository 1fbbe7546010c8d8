"""The ``time`` stage: find temporal expressions and normalise them to TIMEX3 values."""

from __future__ import annotations

from .governing import clause_verb, time_for_span
from .stage import TimeStage, find_times

__all__ = ["TimeStage", "clause_verb", "find_times", "time_for_span"]
