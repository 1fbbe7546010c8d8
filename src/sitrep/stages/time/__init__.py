"""The ``time`` stage: find temporal expressions and normalise them to TIMEX3 values."""

from __future__ import annotations

from .governing import time_for_span
from .stage import TimeStage, find_times

__all__ = ["TimeStage", "find_times", "time_for_span"]
