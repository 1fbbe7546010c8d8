"""The contract every pipeline stage follows.

A stage is an object with a ``name``, a ``version``, the ``Analysis`` fields it
``reads`` and the fields it ``writes``, and a ``__call__`` that takes an
``Analysis`` and returns a new one (``dataclasses.replace``): data in, data out,
no I/O. The pipeline version recorded on every analyzed document is derived from
the names and versions of all stages, so changing any stage (bump its
``version``) makes ``sitrep analyze`` redo the documents.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..records import (
    Actor,
    Casualty,
    Document,
    Entity,
    Event,
    Framing,
    Mention,
    Place,
    Quote,
    ScareQuote,
    Sentence,
    TimeExpr,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@dataclass(slots=True)
class Analysis:
    """Everything known about one document as it moves through the stages."""

    document: Document
    #: the parsed spaCy Doc; transient (never stored, dropped before pickling)
    doc: Doc | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    #: casualty figures that belong to no event: background incidents, war-wide totals, and
    #: incident figures in a sentence without an event (an event's own are ``Event.casualties``)
    casualties: list[Casualty] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    scare_quotes: list[ScareQuote] = field(default_factory=list)
    framings: list[Framing] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains character ``offset`` (None outside any)."""
        starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < max(self.sentences[i].end, offset + 1):
            return self.sentences[i]
        return None

    def sentence_text(self, offset: int) -> str:
        sent = self.sentence_at(offset)
        return sent.text if sent else ""

    def without_doc(self) -> Analysis:
        return dataclasses.replace(self, doc=None)


ANALYSIS_FIELDS: frozenset[str] = frozenset(f.name for f in dataclasses.fields(Analysis))


@runtime_checkable
class Stage(Protocol):
    """A pipeline stage. See the module docstring."""

    name: str
    version: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, analysis: Analysis) -> Analysis: ...


def pipe(stage: Any, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
    """Run ``stage`` over many analyses, using its own batched ``pipe`` if it has one."""
    own = getattr(stage, "pipe", None)
    if own is not None:
        yield from own(analyses)
    else:
        for analysis in analyses:
            yield stage(analysis)


def check_declared(stage: Stage) -> None:
    """Fail early when a stage declares fields that ``Analysis`` does not have."""
    unknown = (set(stage.reads) | set(stage.writes)) - ANALYSIS_FIELDS
    if unknown:
        from ..errors import PipelineError

        raise PipelineError(
            f"Stage {stage.name!r} declares unknown Analysis fields {sorted(unknown)}; "
            f"known fields are {sorted(ANALYSIS_FIELDS)}."
        )
