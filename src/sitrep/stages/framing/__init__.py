"""Stage ``framing``: labels, target-dependent sentiment and loaded language per document and actor.

``FramingStage`` is the pipeline stage; ``compare`` holds the cross-outlet
comparisons (pure functions over framings and documents); ``scorer`` is
``sitrep eval sentiment``.
"""

from __future__ import annotations

from .stage import FramingStage

__all__ = ["FramingStage"]
