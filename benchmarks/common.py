"""What the benchmark scripts share: the repository's ``src`` on ``sys.path`` (the scripts run
from a checkout, installed or not), the shared datasets folder, and the coordinate search the
rule-fitting scripts run.

Import it first: ``from common import REPO, shared_dir`` (scripts run as ``python
benchmarks/<name>.py``, so this folder is on ``sys.path``).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))


def script_module(name: str) -> Any:
    """The module of ``scripts/<name>.py`` (the scripts are no package): loaded once and kept in
    ``sys.modules`` under ``<name>``, so its dataclasses and pickles resolve."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def shared_dir() -> Path:
    """``../shared/data`` (or ``$SITREP_SHARED/data``); exits with the reason when absent."""
    from sitrep.datasets import shared_data_dir
    from sitrep.errors import SitrepError

    try:
        return shared_data_dir(REPO)
    except SitrepError as exc:
        raise SystemExit(str(exc)) from exc


def fakes_csv() -> Path:
    """The FA-KES corpus file in the shared datasets."""
    return shared_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv"


def is_fakes_dev(row: dict[str, str]) -> bool:
    """An FA-KES development row: even ``unit_id``. Rows with an odd ``unit_id`` are held out:
    no benchmark reads, labels, tunes or measures on them."""
    unit = row.get("unit_id", "")
    return unit.isdigit() and int(unit) % 2 == 0


def fakes_dev_rows(path: Path | None = None) -> list[dict[str, str]]:
    """The development rows of FA-KES (even ``unit_id``), in file order."""
    import csv

    with (path or fakes_csv()).open(encoding="utf-8", errors="replace", newline="") as fh:
        return [row for row in csv.DictReader(fh) if is_fakes_dev(row)]


def write_fakes_dev_csv(folder: Path) -> Path:
    """A CSV of the FA-KES development rows only, written to ``folder`` (a temporary folder:
    the corpus never enters the repository), for benchmarks that ingest the CSV itself."""
    import csv

    rows = fakes_dev_rows()
    out = folder / "FA-KES-dev.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out


def coordinate_search(start: Any, grid: Mapping[str, Sequence[Any]], score: Callable[[Any], dict[str, Any]],
                      objective: Callable[[dict[str, Any]], Any], keys: Sequence[str],
                      passes: int = 2) -> tuple[Any, dict[str, Any], list[dict[str, Any]]]:
    """Coordinate search over a frozen dataclass of settings: each field of ``grid`` in turn, each
    of its values tried from the best settings so far and kept when ``objective`` of its
    ``score`` is higher; at most ``passes`` passes, fewer when a pass changes nothing.
    Returns the best settings, their metrics and the trail of every setting tried (its fields
    and its metrics under ``keys``). Progress is printed as the search goes."""
    best, best_metrics = start, score(start)
    trail = [{"rule": dataclasses.asdict(best), "tune": {k: best_metrics[k] for k in keys}}]
    print("start", objective(best_metrics), dataclasses.asdict(best), flush=True)
    for _ in range(passes):
        changed = False
        for name, values in grid.items():
            for value in values:
                if getattr(best, name) == value:
                    continue
                rule = dataclasses.replace(best, **{name: value})
                metrics = score(rule)
                trail.append({"rule": dataclasses.asdict(rule), "tune": {k: metrics[k] for k in keys}})
                print(f"{name}={value}", objective(metrics), flush=True)
                if objective(metrics) > objective(best_metrics):
                    best, best_metrics, changed = rule, metrics, True
        if not changed:
            break
    return best, best_metrics, trail
