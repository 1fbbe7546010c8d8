"""A digest of every stored record of a 1-worker run, as ``throughput.py`` runs it (issue 16: exact
speed changes must leave every record byte-identical).

Ingests the first ``--limit`` FA-KES development rows (bodies only, as ``throughput.py --limit``
writes them; held-out rows are never read) into a fresh SQLite database, analyzes them through
``workflow.analyze`` (batches in memory zones, the process prepared as a real run prepares it),
then hashes every row of every table, sorted, leaving out only the columns that record when
something ran (``ingested_at``, ``analyzed_at``). Writes one digest per table and one over all;
``cmp`` two outputs to compare two trees.

    OMP_NUM_THREADS=1 python benchmarks/record_digest.py --limit 100 --out FILE [--passes 2]

``--code-versions-out`` leaves out the columns that hold the code's version (``pipeline_version``,
``CODE_VERSIONS``): an exact speed change to a stage's code changes its code fingerprint, so the
documents' version string, by design, and nothing else; the run prints the versions it left out.

``--passes N`` analyzes the same rows N times in one process, each into a fresh database (the
second and later with the process already prepared and the vocabulary warm), and fails unless
every pass gives the same digests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

from common import write_fakes_dev_csv  # noqa: E402  (puts the repository's src on sys.path)
from throughput import DEFAULT_MODEL, corpus_inputs  # noqa: E402

from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.workflow import analyze, ingest  # noqa: E402

#: columns that say when, not what
VOLATILE = frozenset({"ingested_at", "analyzed_at"})
#: columns that name the code's version (``versioning.stage_version``: a fingerprint of the source),
#: left out with ``--code-versions-out``
CODE_VERSIONS = frozenset({"pipeline_version"})
#: FTS5's shadow tables (see ``table_digests``)
SHADOW = re.compile(r"_fts_(data|idx|docsize|config|content)$")


def table_digests(db: Path, folder: Path, leave_out: frozenset[str] = VOLATILE) -> dict[str, str]:
    """One sha256 per table over its rows (volatile columns left out, the temporary ``folder`` the
    inputs were written to replaced by a placeholder), rows sorted. FTS5's own shadow tables
    (``*_fts_data`` and the like) are left out: they hold row ids, which follow the order the
    documents were analyzed in, and that order follows ``ingested_at`` (one-second resolution),
    so it changes when an ingest crosses a second; the indexed text itself is digested (``*_fts``)."""
    out: dict[str, str] = {}
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")') if r[1] not in leave_out]
            if not columns or SHADOW.search(table):
                continue
            names = ", ".join(f'"{c}"' for c in columns)
            rows = sorted(json.dumps(list(r), default=repr).replace(str(folder), "<inputs>")
                          for r in con.execute(f'SELECT {names} FROM "{table}"'))
            h = hashlib.sha256("\n".join([json.dumps(columns)] + rows).encode())
            out[table] = f"{len(rows)} {h.hexdigest()}"
    finally:
        con.close()
    out["*all*"] = hashlib.sha256(json.dumps(out, sort_keys=True).encode()).hexdigest()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--code-versions-out", action="store_true",
                        help="leave out the pipeline_version column (see the module's docstring)")
    args = parser.parse_args()
    leave_out = VOLATILE | CODE_VERSIONS if args.code_versions_out else VOLATILE
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        inputs, options, docs = corpus_inputs(write_fakes_dev_csv(tmp), args.limit, tmp)
        results = []
        for p in range(args.passes):
            db = tmp / f"pass{p}.db"
            with Store(db) as store:
                ingest(store, inputs, options)
                summary = analyze(store, pipeline=build_pipeline(DEFAULT_MODEL), workers=1)
            if summary.analyzed != len(docs):
                print(f"pass {p + 1}: {summary.analyzed} of {len(docs)} analyzed", file=sys.stderr)
                return 1
            results.append(table_digests(db, tmp, leave_out))
            if args.code_versions_out:
                with sqlite3.connect(db) as con:
                    versions = sorted({r[0] for r in con.execute("SELECT DISTINCT pipeline_version FROM documents")})
                print(f"pass {p + 1}: pipeline_version left out: {', '.join(map(str, versions))}")
    if any(r != results[0] for r in results):
        differ = sorted(k for r in results[1:] for k in r if r[k] != results[0].get(k))
        print(f"the passes differ in: {', '.join(dict.fromkeys(differ))}", file=sys.stderr)
        args.out.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
        return 1
    args.out.write_text(json.dumps(results[0], indent=1, sort_keys=True) + "\n")
    print(f"{len(docs)} documents, {len(results)} pass(es), all {results[0]['*all*']} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
