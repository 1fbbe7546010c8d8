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

__all__ = ["DB_TASKS", "TASKS", "Task", "get_task", "run_eval"]

#: tasks that score what ``sitrep run`` stored in a database (``--db``), not texts they run:
#: task name -> "module:function" taking ``(path, db, limit)``
DB_TASKS: dict[str, str] = {
    "incidents": "sitrep.incidents.evaluate:evaluate",
}


def run_eval(name: str, path: str | Path, *, model: str = DEFAULT_MODEL,
             options: Mapping[str, Mapping[str, Any]] | None = None,
             limit: int | None = None, split: str | None = None,
             db: str | Path | None = None) -> dict[str, Any]:
    """Metrics of sitrep on the gold set at ``path`` for task ``name`` (see ``run_task``);
    a database task (``DB_TASKS``) scores the database ``db``."""
    if name in DB_TASKS:
        return _run_db_task(name, Path(path), db, limit)
    if name not in TASKS:  # name the database tasks too, not only the runner's
        from .errors import EvalError

        raise EvalError(f"Unknown eval task {name!r}. Known tasks: {', '.join(sorted([*TASKS, *DB_TASKS]))}.")
    return run_task(name, path, model=model, options=options, limit=limit, split=split)


def _run_db_task(name: str, path: Path, db: str | Path | None, limit: int | None) -> dict[str, Any]:
    import importlib

    from .errors import EvalError

    if not path.exists():
        raise EvalError(f"Gold set {str(path)!r} does not exist.")
    if db is None or not Path(db).exists():
        raise EvalError(f"The {name!r} task scores a database: give the one `sitrep run` filled with --db PATH.")
    module, _, attr = DB_TASKS[name].partition(":")
    result: dict[str, Any] = getattr(importlib.import_module(module), attr)(path, db=Path(db), limit=limit)
    return result
