"""Build the stage sequence and run documents through it.

I/O stays out: ``Pipeline.analyze`` takes documents and yields analyses; the caller
(``sitrep.workflow``) reads from and writes to the store. ``build_pipeline`` is the
one way to build it: ``sitrep run``/``analyze``, ``sitrep eval`` and the benchmarks all
call it, so what is measured is what users run.

- ``only`` names the stages wanted; the stages they depend on are added (a stage
  depends on every earlier stage that writes a field it ``reads``), so the records a
  wanted stage writes are the same as in the full pipeline. (``dependencies=False``
  builds only the named stages, for direct use of their objects.)
- ``options`` passes keyword options to a stage's factory:
  ``{"events": {"use_model": False}}``.
- ``resources`` (:class:`~sitrep.resources.Resources`) holds what stages share, built
  once and handed to every stage: give one to use a custom KB, gazetteer or model.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import PipelineError
from .nlp import DEFAULT_MODEL
from .records import Analysis, Document
from .resources import Resources
from .stages import STAGES
from .stages.base import Stage, StageFactory, check_declared, pipe
from .versioning import digest

log = logging.getLogger(__name__)


def _factory(path: str) -> StageFactory:
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]


@dataclass(slots=True)
class Pipeline:
    """The configured stages plus the resources they share."""

    model: str
    stages: list[Stage]
    resources: Resources
    #: how it was built (``build_pipeline(model, only=..., options=...)`` rebuilds it in a worker)
    only: tuple[str, ...] | None = None
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: a text has been run through every stage once (``warm_up``)
    warm: bool = False

    @property
    def version(self) -> str:
        """A short hash of every stage's name and (derived) version: recorded on each analyzed
        document; when it changes, ``sitrep analyze`` redoes the documents."""
        return digest(list(self.parts))

    @property
    def stage_names(self) -> tuple[str, ...]:
        """The names of the stages this pipeline runs, in order (``parse`` first)."""
        return tuple(s.name for s in self.stages)

    @property
    def parts(self) -> tuple[str, ...]:
        """``name@version`` of each stage, in order (what the version is a hash of)."""
        return tuple(f"{s.name}@{s.version}" for s in self.stages)

    @property
    def description(self) -> str:
        """``name@version`` of each stage, in order (what the version is made of)."""
        return ", ".join(self.parts)

    def stage(self, name: str) -> Stage:
        """The stage called ``name``; ``PipelineError`` when this pipeline lacks it."""
        for stage in self.stages:
            if stage.name == name:
                return stage
        have = ", ".join(s.name for s in self.stages)
        raise PipelineError(f"This pipeline has no {name!r} stage (it has: {have}); "
                            f"build it with build_pipeline(only=[{name!r}]).")

    def analyze(self, documents: Iterable[Document], *, keep_doc: bool = False) -> Iterator[Analysis]:
        """Run every stage over ``documents``; yields analyses in input order.

        The spaCy ``Doc`` is dropped from each analysis unless ``keep_doc`` (it is never
        stored and cannot be pickled to another process).
        """
        stream: Iterable[Analysis] = (Analysis(document=d) for d in documents)
        for stage in self.stages:
            stream = pipe(stage, stream)
        for analysis in stream:
            yield analysis if keep_doc else analysis.without_doc()


    def warm_up(self) -> None:
        """Run one short project-written text through every stage, once per pipeline object.

        What the stages load or build on first use (models read lazily, matchers, caches of
        the spaCy vocabulary) is then done here: a worker does it when it starts, not inside
        its first batch, and outside any ``memory_zone`` (whose strings are dropped when it
        ends). Records do not depend on it: no stage keeps state between documents.
        """
        if self.warm:
            return
        document = Document(id="sitrep-warm-up", sha256="sitrep-warm-up", text=WARM_UP_TEXT)
        for _ in self.analyze([document]):
            pass
        self.warm = True

    @contextlib.contextmanager
    def memory_zone(self) -> Iterator[None]:
        """Analyze inside this block and the strings spaCy adds to its vocabulary meanwhile are
        dropped when it ends (spaCy's ``Language.memory_zone``), so a worker's memory does not
        grow with the corpus. No spaCy ``Doc`` made inside may be used after the block:
        ``analyze`` without ``keep_doc`` returns none. Warms the pipeline first (``warm_up``).
        """
        self.warm_up()
        with self.resources.nlp.memory_zone():
            yield


#: written for sitrep (not taken from any data set): one sentence for each stage to act on
WARM_UP_TEXT = (
    "BERLIN, 2 March 2024 (Example Wire) - Police in the town of Lindenau said on Tuesday that "
    "three people were killed and 12 were wounded when a car bomb exploded near a market. "
    '"We condemn this cowardly attack," the interior minister told reporters.'
)


def stage_names() -> list[str]:
    """Every stage name, in pipeline order."""
    return [name for name, _ in STAGES]


def parse_stages(spec: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """The stage names asked for in ``spec`` (``"events,place"`` or a list), checked; None when
    ``spec`` is None or blank (the full pipeline).

    ``PipelineError`` names the known stages when one is unknown.

    >>> parse_stages("place, events")
    ('place', 'events')
    """
    if spec is None:
        return None
    parts = spec.split(",") if isinstance(spec, str) else list(spec)
    names = tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))
    if not names:
        if isinstance(spec, str) and not spec.strip():
            return None
        raise PipelineError(f"No stage named; stages are: {', '.join(stage_names())}.")
    unknown = [n for n in names if n not in stage_names()]
    if unknown:
        raise PipelineError(f"Unknown stage(s) {', '.join(unknown)}; stages are: {', '.join(stage_names())}.")
    return names


def _declared(path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    cls = _factory(path)
    return tuple(getattr(cls, "reads", ())), tuple(getattr(cls, "writes", ()))


def with_dependencies(only: Iterable[str]) -> list[str]:
    """``only`` plus, transitively, every earlier stage writing a field a wanted stage reads
    (``parse`` always), in pipeline order.

    >>> with_dependencies(["time"])
    ['parse', 'time']
    """
    names = stage_names()
    unknown = sorted(set(only) - set(names))
    if unknown:
        raise PipelineError(f"Unknown stage(s) {', '.join(unknown)}; stages are: {', '.join(names)}.")
    declared = {name: _declared(path) for name, path in STAGES}
    wanted = set(only) | {"parse"}
    for i in range(len(names) - 1, -1, -1):  # from the last stage back: dependencies come earlier
        name = names[i]
        if name not in wanted:
            continue
        reads = set(declared[name][0])
        wanted.update(n for n in names[:i] if reads & set(declared[n][1]))
    return [n for n in names if n in wanted]


def build_pipeline(
    model: str = DEFAULT_MODEL,
    *,
    only: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    resources: Resources | None = None,
    dependencies: bool = True,
) -> Pipeline:
    """Build the stages named in ``STAGES`` (or ``only`` and what they need) on shared resources.

    ``dependencies=False`` builds ``parse`` and the ``only`` stages alone: for using a
    stage's objects directly (``sitrep eval`` on short texts), not for analyzing documents.
    """
    resources = resources or Resources(model)
    settings = {k: dict(v) for k, v in (options or {}).items()}
    if only is None:
        names = stage_names()
    elif dependencies:
        names = with_dependencies(only)
    else:
        names = [n for n in stage_names() if n in set(only) | {"parse"}]
    unknown = sorted(set(settings) - set(names))
    if unknown:
        raise PipelineError(f"Options given for stage(s) not in the pipeline: {', '.join(unknown)}.")
    stages: list[Stage] = []
    for name, path in STAGES:
        if name in names:
            stage = _factory(path).from_resources(resources, **settings.get(name, {}))
            check_declared(stage)
            stages.append(stage)
    pipeline = Pipeline(model=resources.model, stages=stages, resources=resources,
                        only=tuple(only) if only is not None else None, options=settings)
    log.info("pipeline built: %s", ", ".join(names))
    return pipeline
