"""sitrep: news reports about a conflict in, a sourced structured record out.

The public API (pinned by ``tests/test_public_api.py``)::

    from sitrep import Store, IngestOptions, ingest, analyze, build_pipeline
    with Store("sitrep.db") as store:
        ingest(store, ["articles/"])
        analyze(store)

Heavy modules (spaCy, the stages) load on first use, never at import.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Store": "sitrep.store",
    "IngestOptions": "sitrep.ingest",
    "read_inputs": "sitrep.ingest",
    "ingest": "sitrep.workflow",
    "analyze": "sitrep.workflow",
    "build_pipeline": "sitrep.pipeline",
    "Pipeline": "sitrep.pipeline",
    "load_nlp": "sitrep.nlp",
    "run_eval": "sitrep.eval",
    "write_report": "sitrep.report",
    "write_jsonl": "sitrep.export",
    "write_csv": "sitrep.export",
    "SitrepError": "sitrep.errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
