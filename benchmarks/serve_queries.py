"""CPU time of the slowest `sitrep serve` queries, as they were before the 2026-12-03 afternoon
follow-up and as they are now, side by side on one database (SQL only, one connection, no server).

The "before" statements are the ones `sitrep.store.explore` ran until then (copied here as text,
to be measured against the current methods); CPU time (``time.process_time``) is reported, not
wall time, so a busy machine changes the figures less. Needs a database at schema 8 or later.

    python benchmarks/serve_queries.py --db /tmp/serve_100k.db
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sitrep.store import Store  # noqa: E402
from sitrep.store.explore import DocumentFilter, EventFilter, fts_query  # noqa: E402

OLD_EVENTS = ("SELECT e.*, x.outlet AS outlet_, x.day AS day_ FROM event_index x JOIN events e ON e.id = x.event "
              "WHERE {where} ORDER BY x.day DESC, x.event DESC LIMIT 50")
OLD_DOCS = ("SELECT d.id, d.title, d.publisher, d.published, x.outlet, x.day, d.status, d.language, d.url, d.source_path "
            "FROM document_index x JOIN documents d ON d.id = x.document WHERE x.document IN "
            "(SELECT document FROM mentions WHERE actor = ?) ORDER BY x.day DESC, x.document DESC LIMIT 50")
OLD_SEARCH = (
    "SELECT d.id, d.title, x.outlet, snippet(documents_fts, -1, '[', ']', ' … ', 24) AS snip, "
    "bm25(documents_fts, 5.0, 1.0) AS rank FROM documents_fts "
    "JOIN documents d ON d.rowid = documents_fts.rowid JOIN document_index x ON x.document = d.id "
    "WHERE documents_fts MATCH ? AND documents_fts.rowid IN (SELECT rowid FROM documents_fts WHERE "
    "documents_fts MATCH ? ORDER BY bm25(documents_fts, 5.0, 1.0) LIMIT 20 OFFSET 0) ORDER BY rank")


def cpu_ms(run, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    run()  # warm the page cache
    times = []
    for _ in range(repeat):
        t = time.process_time()
        run()
        times.append(time.process_time() - t)
    return round(1000 * statistics.median(times), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    args = ap.parse_args()
    with Store(args.db, readonly=True) as store:
        store.tune_for_reading()
        c = store.conn
        actor = c.execute("SELECT actor FROM actor_stats ORDER BY mentions DESC LIMIT 1").fetchone()[0]
        place = c.execute("SELECT place FROM event_index WHERE place IS NOT NULL LIMIT 1").fetchone()[0]
        rows: dict[str, tuple[float, float]] = {}
        rows[f"events by actor ({actor})"] = (
            cpu_ms(lambda: c.execute(OLD_EVENTS.format(where="x.event IN (SELECT event FROM event_actors WHERE actor = ?)"),
                                     (actor,)).fetchall()),
            cpu_ms(lambda: store.event_page(EventFilter(actor=actor), limit=50)))
        rows[f"events at a place ({place})"] = (
            cpu_ms(lambda: c.execute(OLD_EVENTS.format(where="json_extract(e.place, '$.name') = ? COLLATE NOCASE"),
                                     (place,)).fetchall()),
            cpu_ms(lambda: store.event_page(EventFilter(place=place), limit=50)))
        rows[f"documents by actor ({actor})"] = (
            cpu_ms(lambda: c.execute(OLD_DOCS, (actor,)).fetchall()),
            cpu_ms(lambda: store.document_page(DocumentFilter(actor=actor), limit=50)))
        for words in ("attack", "said", "attack*", "army council"):
            q = fts_query(words)
            rows[f"search documents: {words}"] = (
                cpu_ms(lambda q=q: c.execute(OLD_SEARCH, (q, q)).fetchall()),
                cpu_ms(lambda w=words: store.search(w, kinds=("document",))))
        documents = c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    print(json.dumps({"db": str(args.db), "documents": documents,
                      "cpu_ms_before_after": rows}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
