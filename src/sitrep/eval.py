"""``sitrep eval TASK PATH``: the public entry point of the evaluation layer.

Every task runs through one runner (``sitrep.evaluation``): the pipeline is built by
``build_pipeline`` with the stages the task scores, the gold goes through it as
``sitrep run`` would take it, and the stage's pure scorer compares. See
``docs/benchmarks.md`` for the tasks and their gold sets.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .evaluation import TASKS, Task, get_task, run_task
from .nlp import DEFAULT_MODEL

__all__ = ["TASKS", "Task", "get_task", "run_eval"]


def run_eval(name: str, path: str | Path, *, model: str = DEFAULT_MODEL,
             options: Mapping[str, Mapping[str, Any]] | None = None,
             limit: int | None = None, split: str | None = None) -> dict[str, Any]:
    """Metrics of sitrep on the gold set at ``path`` for task ``name`` (see ``run_task``)."""
    return run_task(name, path, model=model, options=options, limit=limit, split=split)
