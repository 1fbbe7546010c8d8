"""The same document gives the same records whatever its batch, worker count or order, and two
identical runs give identical exports, byte for byte (the exports carry no timestamps).

Every record type is compared, internal fields included. Sentiment used to depend on the other
targets of its batch (int8 dynamic quantization scales a whole batch at once); each target now
runs alone (``sitrep.stages.framing.sentiment``).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.export import write_acled, write_csv, write_jsonl
from sitrep.pipeline import build_pipeline
from sitrep.store import TABLES, Store
from sitrep.workflow import analyze, ingest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
pytestmark = pytest.mark.slow


def _records(store: Store) -> dict[str, list[str]]:
    """Every stored record of every type, as canonical JSON, in store order."""
    return {cls.__name__: [json.dumps(r.to_dict(), sort_keys=True, ensure_ascii=False) for r in store.records(cls)]
            for cls in TABLES}


def _exports(store: Store, folder: Path) -> dict[str, bytes]:
    buffer = io.StringIO()
    write_jsonl(store, buffer)
    write_csv(store, folder)
    return {"jsonl": buffer.getvalue().encode(), **{p.name: p.read_bytes() for p in sorted(folder.iterdir())}}


def test_records_do_not_depend_on_batch_size_workers_or_order(tmp_path: Path):
    pipeline = build_pipeline()
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    runs = {"batch 1": (files, 1, 1), "batch 16": (files, 16, 1), "2 workers": (files, 3, 2),
            "reversed, batch 4": (files[::-1], 4, 1)}
    records, exports = {}, {}
    for name, (paths, batch_size, workers) in runs.items():
        with Store(tmp_path / f"{name}.db") as store:
            for path in paths:  # one ingest call per file: the order documents enter the store
                ingest(store, [path])
            summary = analyze(store, pipeline=pipeline, batch_size=batch_size, workers=workers)
            assert (summary.analyzed, summary.failed) == (len(files), 0)
            records[name] = _records(store)
            exports[name] = _exports(store, tmp_path / f"{name}-csv")
    base = records["batch 1"]
    assert base["Framing"] and base["Event"] and base["Quote"]  # the comparison has something to compare
    for name in ("batch 16", "2 workers"):
        for kind in base:
            assert records[name][kind] == base[kind], f"{kind} records differ between batch 1 and {name}"
        assert exports[name] == exports["batch 1"], f"exports differ between batch 1 and {name}"
    for kind in base:  # another order: the same records (stored in another order)
        assert sorted(records["reversed, batch 4"][kind]) == sorted(base[kind]), kind


def test_two_cli_runs_give_byte_identical_exports(tmp_path: Path):
    """Two separate `sitrep run` processes (different hash seeds, batch sizes, worker counts)."""
    outputs = []
    for name, extra in (("a", ["--batch-size", "1"]), ("b", ["--workers", "2", "--batch-size", "3"])):
        db = tmp_path / f"{name}.db"
        run = subprocess.run([sys.executable, "-m", "sitrep", "run", str(CORPUS), "--db", str(db), "-q", *extra],
                             capture_output=True, text=True, timeout=900)
        assert run.returncode == 0, run.stderr
        with Store(db, readonly=True) as store:  # the exports themselves are tested above; here the runs
            exported = _exports(store, tmp_path / f"{name}-csv")
            acled = io.StringIO()
            write_acled(store, acled)
            exported["acled"] = acled.getvalue().encode()
        outputs.append(exported)
    assert outputs[0]["jsonl"].count(b'"type": "framing"') > 10
    for key in outputs[0]:
        assert outputs[0][key] == outputs[1][key], f"{key} differs between two identical runs"
