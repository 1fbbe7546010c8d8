"""The reciprocal frame of a fight, read from the parse around the trigger (issue 13, branch events48): a
library of the study ``benchmarks/events_strict_sides.py``.

The code lives in ``src/sitrep/stages/events/fight_frame.py`` (moved to src by branch battle2, into the
events stage by branch battle3, which records the sides a fight names: ``Event.fight_sides``); this module
re-exports it for the study and its tests.

(``fill_sides``, which filled a fight's missing sides from the frame behind the switches
``RECIPROCAL_SIDES``, ``RECIPROCAL_RECIPIENTS`` and ``RECIPROCAL_PARTICIPANTS``, failed its bar and was
removed on 2026-12-07, branch prune1; it last exists in commit ``cdd3c16e55``.)
"""

from __future__ import annotations

import common  # noqa: F401  (puts the repository's src on sys.path)

from sitrep.stages.events.fight_frame import (  # noqa: E402
    OUTSIDE_PHRASE,
    SIDE_PREPS,
    Frame,
    phrase_tokens,
    reciprocal_frame,
)

__all__ = ["OUTSIDE_PHRASE", "SIDE_PREPS", "Frame", "phrase_tokens", "reciprocal_frame"]
