"""Modality benchmark: is each labelled event's factual status right?

Data: ``benchmarks/data/modality_labels.jsonl`` — statuses labelled by hand before any
measurement. Items from the seed articles (``../shared/data/corpus/seeds``) and the
FA-KES corpus (``../shared/data/corpus/fakes/FA-KES-Dataset.csv``) are references only:
file name or ``unit_id`` plus the trigger's character offsets and the trigger word (the
text is read at run time); sitrep's own sentences are stored verbatim.

For each item the full sitrep pipeline runs on the item's document through the
evaluation runner (ingest as ``sitrep run`` reads a CSV row, then the built pipeline;
FA-KES rows with their ``date`` as publication date, seeds and own sentences without
one; offsets mapped back to the labelled text). Only FA-KES development rows (even
``unit_id``) are labelled: held-out rows are never read. The predicted status is that of
the exported event whose trigger covers the labelled offset; when no event covers it,
the stage's modality analysis is run on the labelled token itself (``modality.assess``)
and the item is counted as "no event" in the coverage figure.

Reports the confusion matrix (gold rows × predicted columns), status accuracy, the
number of hypothetical/future/negated items *exported* as asserted (target 0) and the
event coverage. Writes ``benchmarks/results/modality.json``.

Usage: ``SITREP_SHARED=/path/to/shared python benchmarks/modality.py``.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

from common import REPO, from_raw, is_fakes_dev, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation.runner import GoldText, run_documents  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import EVENT_STATUSES, Analysis, Document, Event  # noqa: E402
from sitrep.stages.events.lexicon import Code  # noqa: E402
from sitrep.stages.events.modality import assess  # noqa: E402
from sitrep.stages.events.stage import published_date  # noqa: E402
from sitrep.stages.events.triggers import Trigger  # noqa: E402

LABELS = REPO / "benchmarks" / "data" / "modality_labels.jsonl"
OUT = REPO / "benchmarks" / "results" / "modality.json"
NON_FACTUAL = {"hypothetical", "future", "negated"}


def load_items(shared: Path) -> tuple[list[dict], dict[str, Document]]:
    items = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    fakes: dict[str, dict] = {}
    with (shared / "corpus" / "fakes" / "FA-KES-Dataset.csv").open(encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            if is_fakes_dev(row):  # held-out rows (odd unit_id) are never read
                fakes.setdefault(row["unit_id"], row)
    docs: dict[str, Document] = {}
    for item in items:
        if item["source"] == "seed":
            key = "seed:" + item["file"]
            if key not in docs:
                text = (shared / "corpus" / "seeds" / item["file"]).read_text(encoding="utf-8")
                docs[key] = Document(id=key, sha256=key, text=text)
        elif item["source"] == "fakes":
            key = "fakes:" + item["unit_id"]
            if key not in docs:
                row = fakes[item["unit_id"]]
                docs[key] = Document(id=key, sha256=key, text=row["article_content"], published=row["date"])
        else:
            key = "own:" + item["id"]
            docs[key] = Document(id=key, sha256=key, text=item["text"])
        item["doc"] = key
        text = docs[key].text
        if text[item["start"]:item["end"]] != item["trigger"]:
            raise SystemExit(f"{item['id']}: offsets do not point at {item['trigger']!r}; "
                             f"the source file changed")
    return items, docs


def covering_event(events: list[Event], text: str, start: int) -> Event | None:
    """The event whose trigger words include the token at ``start`` (same sentence)."""
    for ev in events:
        if not (ev.evidence.start <= start < ev.evidence.end):
            continue
        for word in re.findall(r"\w[\w'-]*", ev.trigger):
            for m in re.finditer(re.escape(word), text[ev.evidence.start:ev.evidence.end]):
                s = ev.evidence.start + m.start()
                if s <= start < s + len(word):
                    return ev
    return None


LOST = "lost in ingest"


def fallback_status(analysis: Analysis, ingested: Document | None, item: dict) -> str:
    """The stage's modality analysis on the labelled token itself (no event covers it); a
    token ingest removed (a header line) or a document it kept out is ``LOST`` (a miss)."""
    if ingested is None or analysis.doc is None:
        return LOST
    start = from_raw(ingested.char_map, item["start"])
    span = analysis.doc.char_span(start, start + len(item["trigger"]), alignment_mode="expand")
    if span is None or not len(span) or ingested.text[start:start + len(item["trigger"])] != item["trigger"]:
        return LOST
    token = span[0]
    kind = "noun" if token.pos_ in ("NOUN", "PROPN") else "verb"
    trig = Trigger(token, [token], Code("NONE", None, "none"), kind)
    return assess(trig, published_date(analysis.document.published)).status


def run() -> dict:
    shared = shared_dir()
    items, docs = load_items(shared)
    pipeline = build_pipeline()
    keys = list(docs)
    run = run_documents(pipeline, [GoldText(k, d.text, d.published) for k, d in docs.items()], keep_doc=True)
    by_doc = {k: (a, ingested) for k, a, ingested in zip(keys, run.analyses, run.documents, strict=True)}
    confusion: Counter[tuple[str, str]] = Counter()
    rows = []
    exported_asserted = 0
    covered = 0
    for item in items:
        analysis, ingested = by_doc[item["doc"]]
        ev = covering_event(analysis.events, analysis.text, item["start"])
        if ev is not None:
            covered += 1
            predicted = ev.status
            if item["status"] in NON_FACTUAL and ev.status == "asserted":
                exported_asserted += 1
        else:
            predicted = fallback_status(analysis, ingested, item)
        confusion[(item["status"], predicted)] += 1
        rows.append({"id": item["id"], "source": item["source"], "gold": item["status"], "predicted": predicted,
                     "event": ev is not None, "category": ev.category if ev else None})
    n = len(items)
    accuracy = sum(v for (g, p), v in confusion.items() if g == p) / n
    result = {
        "n": n,
        "status_accuracy": round(accuracy, 4),
        "non_factual_exported_as_asserted": exported_asserted,
        "event_coverage": round(covered / n, 4),
        "lost_in_ingest": sum(1 for r in rows if r["predicted"] == LOST),
        # how many labelled triggers of each gold status an exported event covers (the rest are scored by the
        # stage's modality analysis on the token itself)
        "event_coverage_by_status": {g: f"{sum(r['event'] for r in rows if r['gold'] == g)}/"
                                        f"{sum(r['gold'] == g for r in rows)}" for g in EVENT_STATUSES},
        # the same by where the item comes from (seed articles, FA-KES development rows, sitrep's own sentences)
        "event_coverage_by_source": {s: f"{sum(r['event'] for r in rows if r['source'] == s)}/"
                                        f"{sum(r['source'] == s for r in rows)}" for s in ("seed", "fakes", "own")},
        "confusion": {g: {p: confusion[(g, p)] for p in EVENT_STATUSES} for g in EVENT_STATUSES},
        "misses": [r for r in rows if r["gold"] != r["predicted"]],
    }
    return result


def main() -> None:
    result = run()
    print(f"modality set: n={result['n']}  status accuracy={result['status_accuracy']:.3f}  "
          f"non-factual exported as asserted={result['non_factual_exported_as_asserted']}  "
          f"event coverage={result['event_coverage']:.3f}  lost in ingest={result['lost_in_ingest']}")
    header = "gold \\ predicted".ljust(16) + "".join(s[:10].rjust(12) for s in EVENT_STATUSES)
    print(header)
    for g in EVENT_STATUSES:
        print(g.ljust(16) + "".join(str(result["confusion"][g][p]).rjust(12) for p in EVENT_STATUSES))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
