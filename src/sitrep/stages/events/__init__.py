"""Stage ``events``: PLOVER-coded who-did-what-to-whom with date, place and factual status.

Public API: ``EventStage`` (the pipeline stage) and ``acled_rows`` / ``AcledRow``
(ACLED-style rows for asserted and reported events, for the export).
"""

from .acled import AcledRow, acled_rows
from .stage import EventStage

__all__ = ["AcledRow", "EventStage", "acled_rows"]
