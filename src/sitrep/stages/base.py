"""The contract every pipeline stage follows.

A stage is an object with a ``name``, a ``version``, the ``Analysis`` fields it
``reads`` and the fields it ``writes``, and a ``__call__`` that takes an
``Analysis`` and returns a new one (``dataclasses.replace``): data in, data out,
no I/O. Its shared dependencies (the spaCy pipeline, the knowledge base, the
gazetteer, the models) come from the pipeline's ``Resources`` through the
class method ``from_resources``; a stage never fetches them itself.

A stage's ``version`` is derived, never typed: a hash of its code and of every data
or model file it loads (``sitrep.versioning``). The pipeline version recorded on
every analyzed document is derived from all stage versions, so editing a rule, a
lexicon, the KB, the gazetteer or a model makes ``sitrep analyze`` redo the
documents analyzed before the edit (see ``docs/architecture.md``).

``Analysis`` itself lives with the other records in ``sitrep.records``; it is
re-exported here for the stages and for older imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..records import ANALYSIS_FIELDS, Analysis

if TYPE_CHECKING:  # pragma: no cover
    from ..resources import Resources

__all__ = ["ANALYSIS_FIELDS", "Analysis", "Stage", "StageFactory", "check_declared", "pipe"]


@runtime_checkable
class Stage(Protocol):
    """A pipeline stage. See the module docstring."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    @property
    def version(self) -> str: ...

    def __call__(self, analysis: Analysis) -> Analysis: ...


class StageFactory(Protocol):
    """What ``stages.STAGES`` names: a class whose ``from_resources`` builds the stage."""

    @classmethod
    def from_resources(cls, resources: Resources, **options: Any) -> Stage: ...


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
