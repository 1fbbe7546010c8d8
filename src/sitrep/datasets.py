"""Where the evaluation and training datasets are: ``$SITREP_SHARED/data``, else a
``shared/data`` folder next to (or above) the repository.

Only scripts, benchmarks and tests use them; the package itself never needs them.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import SitrepError


def shared_data_dir(start: Path | None = None) -> Path:
    """The shared data folder; raise ``SitrepError`` saying how to point at it when absent."""
    start = (start or Path.cwd()).resolve()
    candidates = [Path(os.environ["SITREP_SHARED"]) / "data"] if "SITREP_SHARED" in os.environ else []
    candidates += [p / "shared" / "data" for p in (start, *start.parents)]
    for path in candidates:
        if path.is_dir():
            return path
    raise SitrepError("shared datasets not found: set SITREP_SHARED to the folder that holds data/")


#: the FA-KES corpus inside the shared data folder
FAKES_CSV = Path("corpus") / "fakes" / "FA-KES-Dataset.csv"


def fakes_data_dir(shared: Path | None = None, start: Path | None = None) -> Path:
    """The shared data folder that holds FA-KES: ``shared`` when given, else ``shared_data_dir(start)``.

    Raise ``SitrepError`` saying how to point at it when the corpus is not there.
    """
    shared = shared if shared is not None else shared_data_dir(start)
    if not (shared / FAKES_CSV).exists():
        raise SitrepError(f"FA-KES not found at {shared / FAKES_CSV}: pass --shared DIR (the folder with corpus/fakes)")
    return shared
