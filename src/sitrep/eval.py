"""``sitrep eval TASK PATH``: the registry of evaluation tasks.

Each task is a function ``evaluate(path, *, model=DEFAULT_MODEL) -> dict`` that
reads a gold set in its public format, runs sitrep on it and returns the
metrics (plain numbers, JSON-serialisable). Scorers live next to their stage
(``sitrep.stages.<stage>.scorer``); this module only names them, lazily.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Protocol

from .errors import EvalError
from .nlp import DEFAULT_MODEL

#: task name -> "module:function"
TASKS: dict[str, str] = {
    "actors": "sitrep.stages.actors.scorer:evaluate",
    "events": "sitrep.stages.events.scorer:evaluate",
    "quotes": "sitrep.stages.quotes.scorer:evaluate",
    "time": "sitrep.stages.time.scorer:evaluate",
    "geo": "sitrep.stages.place.scorer:evaluate",
    "sentiment": "sitrep.stages.framing.scorer:evaluate",
    "incidents": "sitrep.incidents.evaluate:evaluate",
}
#: tasks that score what is stored in a database (``--db``) rather than texts they run themselves
DB_TASKS = frozenset({"incidents"})


class Evaluate(Protocol):
    def __call__(self, path: Path, *, model: str = DEFAULT_MODEL) -> dict[str, Any]: ...


def get_task(name: str) -> Evaluate:
    try:
        target = TASKS[name]
    except KeyError:
        known = ", ".join(sorted(TASKS)) or "none"
        raise EvalError(f"Unknown eval task {name!r}. Known tasks: {known}.") from None
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]


def run_eval(name: str, path: str | Path, *, model: str = DEFAULT_MODEL, db: str | Path | None = None) -> dict[str, Any]:
    path = Path(path)
    if not path.exists():
        raise EvalError(f"Gold set {str(path)!r} does not exist.")
    task = get_task(name)
    if name in DB_TASKS:
        if db is None:
            raise EvalError(f"The {name!r} task scores a database: give the one `sitrep run` filled with --db PATH.")
        return task(path, model=model, db=Path(db))  # type: ignore[call-arg]
    return task(path, model=model)
