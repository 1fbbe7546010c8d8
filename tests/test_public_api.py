"""What `sitrep` exports is a decision: this test pins it."""

from __future__ import annotations

import subprocess
import sys

import sitrep

EXPECTED = {
    "__version__", "Store", "IngestOptions", "read_inputs", "ingest", "analyze", "build_pipeline", "Pipeline",
    "load_nlp", "run_eval", "write_report", "write_jsonl", "write_csv", "SitrepError",
}


def test_public_api_members():
    assert set(sitrep.__all__) == EXPECTED
    for name in EXPECTED:
        assert getattr(sitrep, name) is not None


def test_public_api_import_has_no_heavy_side_effects():
    code = "import sys, sitrep; print('spacy' in sys.modules, 'sqlite3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
