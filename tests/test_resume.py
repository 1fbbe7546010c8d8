"""Kill -9 during `sitrep run` on 200 documents: the database stays consistent and the next run resumes.

The documents are the example reports cut to their header and first two paragraphs (about
130 words, still several sentences, actors, events and quotes each): every stage writes
records for each document, and the whole test runs in a third of the time full reports take.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _make_corpus(folder: Path, n: int = 200) -> None:
    sources = sorted((REPO / "examples" / "corpus").glob("*.txt"))
    folder.mkdir()
    for i in range(n):
        text = "\n\n".join(sources[i % len(sources)].read_text().split("\n\n")[:3])
        (folder / f"doc{i:03d}.txt").write_text(f"{text}\n\nThis copy is number {i} of the test corpus.\n")


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def _check_consistent(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # analysis rows exist only for analyzed documents, and every analyzed document has them
        orphan = conn.execute(
            "SELECT COUNT(*) FROM sentences s JOIN documents d ON d.id = s.document WHERE d.status != 'analyzed'"
        ).fetchone()[0]
        assert orphan == 0
        empty = conn.execute(
            "SELECT COUNT(*) FROM documents d WHERE d.status = 'analyzed' AND NOT EXISTS "
            "(SELECT 1 FROM sentences s WHERE s.document = d.id)"
        ).fetchone()[0]
        assert empty == 0
        dup = conn.execute(
            'SELECT COUNT(*) FROM (SELECT document, "index", COUNT(*) c FROM sentences GROUP BY 1, 2 HAVING c > 1)'
        ).fetchone()[0]
        assert dup == 0
    finally:
        conn.close()


def test_resume_after_kill_9(tmp_path: Path):
    corpus, db = tmp_path / "corpus", tmp_path / "run.db"
    _make_corpus(corpus)
    cmd = [sys.executable, "-m", "sitrep", "run", str(corpus), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    analyzed = 0
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            if db.exists():
                try:
                    analyzed = _count(db, "SELECT COUNT(*) FROM documents WHERE status = 'analyzed'")
                except sqlite3.OperationalError:
                    continue
                if analyzed >= 20:
                    break
        assert proc.poll() is None, "the run finished before it could be killed; raise the corpus size"
        assert analyzed >= 20, f"only {analyzed} documents analyzed after 240 s: the run was not killed mid-way"
    finally:  # the run and its workers, at once; also when the test fails (none left for the next test)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert 20 <= _count(db, "SELECT COUNT(*) FROM documents WHERE status = 'analyzed'") < 200
    _check_consistent(db)

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert _count(db, "SELECT COUNT(*) FROM documents") == 200
    assert _count(db, "SELECT COUNT(*) FROM documents WHERE status = 'analyzed'") == 200
    _check_consistent(db)
