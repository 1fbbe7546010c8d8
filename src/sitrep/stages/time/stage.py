"""Stage ``time``: TIMEX3 temporal expressions normalised against the publication date.

Reads the document (its text and ``published`` date) and the spaCy ``Doc`` from
the parse stage; writes ``Analysis.times``. A document without a known date
keeps relative expressions unresolved (``value`` None, ``anchor`` None): nothing
is ever resolved against today. Absolute expressions ("September 2015") and
durations resolve regardless; underspecified ones keep TIMEX3 ``X`` placeholders
("Sept. 12" with no date known -> ``XXXX-09-12``).
"""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Any

from ...records import TIMEX_TYPES, Analysis, TimeExpr, narrow
from ...versioning import stage_version
from .calendar import parse_anchor
from .extract import extract

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from ...resources import Resources

PACKAGE = "sitrep.stages.time"


class TimeStage:
    name = "time"
    reads = ("document", "doc", "sentences")
    writes = ("times",)

    def __init__(self, nlp: Language | None = None) -> None:
        # the grammar is compiled at import of .grammar; nothing to load per stage
        self.nlp = nlp

    @classmethod
    def from_resources(cls, resources: Resources, **options: Any) -> TimeStage:
        return cls(resources.nlp, **options)

    @functools.cached_property
    def version(self) -> str:
        """Code and word lists of the package (it loads no other data)."""
        return stage_version(PACKAGE)

    def __call__(self, analysis: Analysis) -> Analysis:
        return dataclasses.replace(analysis, times=find_times(analysis))


def find_times(analysis: Analysis) -> list[TimeExpr]:
    """The ``TimeExpr`` records of one analysed document (pure)."""
    document = analysis.document
    anchor = parse_anchor(document.anchor_date)
    out: list[TimeExpr] = []
    for f in extract(document.text, anchor, analysis.doc):
        r = f.resolved
        used_anchor = anchor.iso if (anchor is not None and r.relative and r.value is not None
                                     and "X" not in r.value[:4]) else None
        out.append(TimeExpr(
            document=document.id, start=f.start, end=f.end, text=f.text,
            sentence=analysis.sentence_text(f.start, f.end), type=narrow(r.type, TIMEX_TYPES), value=r.value,
            precision=r.precision, anchor=used_anchor, fuzzy=r.fuzzy,
        ))
    return out
