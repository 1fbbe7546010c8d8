"""Wave 3 of the casualty gold: a seeded, documented SEARCH for war-wide totals on events (issue 12).

Written and committed on 2026-12-04 (afternoon, branch casualties12) before any row it selects
was read. Check shows 5 war-wide totals attached to an event; the tune half has none, so no
feature could be chosen from a tune error. This search finds tune candidates of that class
among the FA-KES development rows (even ``unit_id``) outside the gold. The rule:

1. the order is ``fakes_split.py sample 408 --seed 20261212`` (every development row, even
   ``unit_id``; a seed not used for the gold before);
2. a row is skipped when its document or its ``unit_id`` is already in the gold (as committed
   before wave 3: the first ``GOLD_ROWS_BEFORE`` lines);
3. a row is a candidate when one of its sentences matches ``CUE`` (a war-wide or multi-year
   period: "since 2011", "since the war began", "the war has killed", "over the course of the
   conflict", "N years of war" …) **and** sitrep (main's code of the day) attaches a casualty
   figure of that sentence to an event (``scope == "incident"`` and ``event`` set);
   Pass 1 (this cue alone) selected **no** row of the 177: on them sitrep puts no figure of a
   sentence with such a cue on an event. So pass 2 (``--wide``, added before any row was read)
   uses ``WIDE`` instead: a running or cumulative count without a war-wide phrase ("have been
   killed so far", "the death toll has risen to", "in total", "this year", "since January",
   "since the start of the campaign", a perfect-tense casualty verb "have been killed" /
   "has killed" / "have died" / "has lost");
4. the first ``N`` = 6 candidates in the seeded order are wave 3; all go to ``tune``.

The script prints row references and positions only, never text nor sitrep's figures, so the
rows can be labelled by ``docs/coding-guide-casualties.md`` before sitrep's output on them is
read. A candidate need not be a real war total on an event (the cue may govern another
figure of the sentence): the labels decide, and the wave is labelled fully either way.

Run: ``SITREP_SHARED=/work/shared OMP_NUM_THREADS=1 .venv/bin/python
benchmarks/casualties_wartotal_search.py [--wide] [N]`` (JSON Lines: document, unit_id, outlet, position).
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")

from casualties_fresh import unlabelled_order  # noqa: E402

from sitrep.datasets import FAKES_CSV, fakes_data_dir  # noqa: E402
from sitrep.ingest import build_document  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Analysis  # noqa: E402

SEED = 20261212
#: the gold rows committed before wave 3 (main at cdad3fa)
GOLD_ROWS_BEFORE = 229
#: war-wide or multi-year cues, fixed before any row was read
CUE = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak|onset) of|(?:march |early |mid-|late )?20(?:11|12|13|14|15)\b"
    r"|the (?:war|conflict|uprising|crisis|revolution) (?:began|started|erupted|broke out))"
    r"|\b(?:war|conflict|uprising|crisis) (?:has|had|have) (?:killed|claimed|left)"
    r"|\bover the course of the (?:war|conflict)"
    r"|\b(?:\w+|\d+)[- ]years?(?:-old)? (?:of )?(?:war|conflict|civil war)\b"
    r"|\bthroughout the (?:war|conflict)",
    re.IGNORECASE)


def iso(value: str | None) -> str | None:
    """FA-KES's "4/29/2014" as "2014-04-29" (the gold's ``published``), else None."""
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", value or "")
    return f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}" if m else None

#: pass 2: running / cumulative counts (fixed after pass 1 selected nothing, before any row was read)
WIDE = re.compile(
    r"\b(?:so far|to date|in total|in all|overall|this year|since (?:january|february|march|april|may|june|july"
    r"|august|september|october|november|december|the start|the beginning)"
    r"|(?:has|have|had) (?:been )?(?:killed|died|lost|claimed|left|wounded|injured)"
    r"|(?:toll|tally|number) (?:has |had )?(?:risen|rose|reached|climbed|stands|stood))\b",
    re.IGNORECASE)


def order() -> list[dict]:
    return [{"document": row["document"], "unit_id": str(row["unit_id"]), "outlet": row.get("outlet"),
             "date": iso(row.get("date")), "position": position}
            for position, row in unlabelled_order(SEED, GOLD_ROWS_BEFORE)]


def texts(shared: Path, wanted: set[str]) -> dict[str, str]:
    csv_path = shared / FAKES_CSV
    found: dict[str, str] = {}
    with open(csv_path, encoding="utf-8", errors="replace", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=1):
            key = f"{csv_path.name}#row{n}"
            if key in wanted:
                found[key] = row.get("article_content") or ""
    return found


def candidate(text: str, published: str | None, document: str, pipeline, cue: re.Pattern[str] = CUE) -> bool:
    if not cue.search(text):
        return False
    analysis = Analysis(document=build_document(text, kind="row", source_path=document,
                                                fields={"published": published}))
    for stage in pipeline.stages:
        analysis = stage(analysis)
    assert analysis.doc is not None
    # figures on an event live in ``Event.casualties`` (``Analysis.casualties`` holds the loose ones)
    for c in (c for ev in analysis.events for c in ev.casualties):
        if c.event is None:
            continue
        for sent in analysis.doc.sents:
            if sent.start_char <= c.start < sent.end_char and cue.search(sent.text):
                return True
    return False


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--wide"]
    cue = WIDE if "--wide" in sys.argv else CUE
    n = int(args[0]) if args else 6
    shared = fakes_data_dir(None, REPO)
    rows = order()
    body = texts(shared, {r["document"] for r in rows})
    pipeline = build_pipeline(only=["casualties"])
    picked = 0
    for r in rows:
        if candidate(body.get(r["document"], ""), r["date"], r["document"], pipeline, cue):
            print(json.dumps({k: r[k] for k in ("document", "unit_id", "outlet", "position")}), flush=True)
            picked += 1
            if picked == n:
                break


if __name__ == "__main__":
    main()
