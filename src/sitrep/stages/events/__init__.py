"""Stage ``events``: PLOVER-coded who-did-what-to-whom with date, place and factual status."""

from .stage import EventStage

__all__ = ["EventStage"]
