"""Build the stage sequence and run documents through it.

I/O stays out: ``analyze`` takes documents and yields analyses; the caller
(``sitrep.app``) reads from and writes to the store.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from .nlp import DEFAULT_MODEL, load_nlp
from .records import Document
from .stages import STAGES
from .stages.base import Analysis, Stage, check_declared, pipe


def _resolve(path: str):  # type: ignore[no-untyped-def]
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)


@dataclass(slots=True)
class Pipeline:
    """The configured stages plus the spaCy model they run on."""

    model: str
    stages: list[Stage]

    @property
    def version(self) -> str:
        """A short hash of the model and every stage's name and version."""
        nlp = load_nlp(self.model)
        parts = [f"{nlp.meta.get('name')}@{nlp.meta.get('version')}"]
        parts += [f"{s.name}@{s.version}" for s in self.stages]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]

    @property
    def description(self) -> str:
        return ", ".join(f"{s.name}@{s.version}" for s in self.stages)

    def analyze(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        """Run every stage over ``documents``; yields analyses in input order."""
        stream: Iterable[Analysis] = (Analysis(document=d) for d in documents)
        for stage in self.stages:
            stream = pipe(stage, stream)
        for analysis in stream:
            yield analysis.without_doc()


def build_pipeline(
    model: str = DEFAULT_MODEL,
    *,
    only: Sequence[str] | None = None,
) -> Pipeline:
    """Load the spaCy model and build the stages named in ``STAGES`` (or ``only``)."""
    nlp = load_nlp(model)
    stages: list[Stage] = []
    for name, path in STAGES:
        if only is not None and name not in only and name != "parse":
            continue
        stage = _resolve(path)(nlp)
        check_declared(stage)
        stages.append(stage)
    return Pipeline(model=model, stages=stages)
