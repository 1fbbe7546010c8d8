"""Shared fixtures.

Tests that need the gold sets or the seed articles read them from
``../shared/data`` (next to the repository) and are skipped with a clear reason
when it is absent, as it is on a user's machine.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared")) / "data"
SEEDS = SHARED / "corpus" / "seeds"

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"needs the shared datasets at {SHARED} (absent on this machine)"
)


@pytest.fixture(scope="session")
def nlp():
    from sitrep.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def parse(nlp):
    """``parse(text, published=None, doc_id="t")`` -> an Analysis after the parse stage."""
    from sitrep.records import Document
    from sitrep.stages.base import Analysis
    from sitrep.stages.parse import ParseStage

    stage = ParseStage(nlp)

    def _parse(text: str, published: str | None = None, doc_id: str = "t", **meta):
        document = Document(id=doc_id, sha256=doc_id, text=text, published=published, **meta)
        return stage(Analysis(document=document))

    return _parse
