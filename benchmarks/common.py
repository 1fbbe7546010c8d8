"""What the benchmark scripts share: the repository's ``src`` on ``sys.path`` (the scripts run
from a checkout, installed or not) and the shared datasets folder.

Import it first: ``from common import REPO, shared_dir`` (scripts run as ``python
benchmarks/<name>.py``, so this folder is on ``sys.path``).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))


def shared_dir() -> Path:
    """``../shared/data`` (or ``$SITREP_SHARED/data``); exits with the reason when absent."""
    from sitrep.datasets import shared_data_dir
    from sitrep.errors import SitrepError

    try:
        return shared_data_dir(REPO)
    except SitrepError as exc:
        raise SystemExit(str(exc)) from exc
