"""``benchmarks/record_digest.py --code-versions-out`` (issue 16, speed12): two databases that differ
only in the documents' ``pipeline_version`` have the same digests with the option and different ones
without it; any other difference still shows. Project-written rows, no corpus."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import record_digest


def _db(path: Path, version: str, text: str = "A market was shelled.") -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE documents (id TEXT, text TEXT, pipeline_version TEXT, analyzed_at TEXT)")
    con.execute("CREATE TABLE events (document TEXT, start INTEGER)")
    con.execute("INSERT INTO documents VALUES ('d1', ?, ?, ?)", (text, version, version + "-time"))
    con.execute("INSERT INTO events VALUES ('d1', 2)")
    con.commit()
    con.close()
    return path


def test_versions_left_out_only_with_the_option(tmp_path):
    a = _db(tmp_path / "a.db", "111111111111")
    b = _db(tmp_path / "b.db", "222222222222")
    c = _db(tmp_path / "c.db", "222222222222", text="A market was shelled twice.")
    out = record_digest.VOLATILE | record_digest.CODE_VERSIONS
    plain_a, plain_b = record_digest.table_digests(a, tmp_path), record_digest.table_digests(b, tmp_path)
    assert plain_a["documents"] != plain_b["documents"] and plain_a["events"] == plain_b["events"]
    assert record_digest.table_digests(a, tmp_path, out) == record_digest.table_digests(b, tmp_path, out)
    assert record_digest.table_digests(c, tmp_path, out)["documents"] != record_digest.table_digests(a, tmp_path, out)[
        "documents"]
