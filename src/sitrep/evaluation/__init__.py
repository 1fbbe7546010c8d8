"""Evaluation: every ``sitrep eval`` task measured through the pipeline users run.

:func:`run_task` builds the pipeline with ``build_pipeline(only=task.stages)`` (the
stages the task scores and those they read from) and hands it to the task, which
runs the gold through it (:mod:`.runner`) and passes the predictions to the stage's
pure ``score(gold, predicted)``. The tasks are in :mod:`.tasks`; each stage keeps
only its gold reader and its scorer (``sitrep.stages.<stage>.scorer``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..nlp import DEFAULT_MODEL
from ..pipeline import Pipeline, build_pipeline
from .runner import DocumentRun, GoldText, run_documents
from .tasks import TASKS, Task

__all__ = ["TASKS", "DocumentRun", "GoldText", "Task", "build_for", "get_task", "run_documents", "run_task"]


def get_task(name: str) -> Task:
    """The task called ``name``; ``EvalError`` naming the known ones otherwise."""
    try:
        return TASKS[name]
    except KeyError:
        known = ", ".join(sorted(TASKS)) or "none"
        raise EvalError(f"Unknown eval task {name!r}. Known tasks: {known}.") from None


def build_for(task: Task, *, model: str = DEFAULT_MODEL,
              options: Mapping[str, Mapping[str, Any]] | None = None) -> Pipeline:
    """The pipeline ``task`` runs on: ``build_pipeline`` with the stages it scores."""
    return build_pipeline(model, only=task.stages, options=options, dependencies=task.dependencies)


def run_task(name: str, path: str | Path, *, model: str = DEFAULT_MODEL,
             options: Mapping[str, Mapping[str, Any]] | None = None,
             pipeline: Pipeline | None = None, limit: int | None = None,
             split: str | None = None) -> dict[str, Any]:
    """Score sitrep on the gold set at ``path`` for task ``name``; metrics as plain numbers.

    ``pipeline`` reuses a pipeline already built (it must hold the task's stages);
    ``limit`` scores only the first ``limit`` gold items (for quick checks); ``split``
    scores one half of a gold set that has halves (``tune`` / ``check``).
    """
    task = get_task(name)
    path = Path(path)
    if not path.exists():
        raise EvalError(f"Gold set {str(path)!r} does not exist.")
    if split is not None and not task.splits:
        raise EvalError(f"The {name} task's gold has no halves; leave out --split.")
    built = pipeline or build_for(task, model=model, options=options)
    if task.splits:
        return task.evaluate(path, built, limit, split)  # type: ignore[call-arg]
    return task.evaluate(path, built, limit)
