"""Backing phrases on the FA-KES tune half and PLOVER GSR dev's tune part (issue 13, branch events68):
what sitrep codes and what the coder codes where a sentence holds one.

The phrase class (the only strings here): a participle "backed by" / "supported by", a compound
"X-backed" / "X-supported", "with the support / backing of", "support of ... air strikes" — one
party's backing of another. For every tune sentence holding one, each gold event and each predicted
event of the sentence whose trigger is a backing word (back, support, backing) or lies in the
sentence is listed with both categories, so the counts show which category the coder gives to the
backing and whether sitrep's backing event matches it. The ``check`` half is not read.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_backing_count.py``.
Writes ``benchmarks/results/events_backing_count.json``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from common import REPO, fakes_csv, plover_tune_gold  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events.article_scorer import read_article_gold, read_texts  # noqa: E402
from sitrep.stages.events.scorer import gold_category  # noqa: E402

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results" / "events_backing_count.json"
PHRASE = re.compile(r"\b(?:backed|supported)\s+by\b|\w-(?:backed|supported)\b|"
                    r"\bwith\s+(?:the\s+)?(?:\w+\s+){0,2}(?:support|backing)\s+(?:of|from)\b|"
                    r"\bsupport\s+of\b", re.I)
BACKING = re.compile(r"^(?:back|backed|backing|support|supported|supporting)$|-(?:backed|supported)$", re.I)


def _backing(trigger: str) -> bool:
    return any(BACKING.search(w) for w in trigger.split())


def fakes_rows() -> list[dict[str, Any]]:
    """One row per predicted or gold event in a tune sentence with a backing phrase."""
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    analyses = run_documents(build_for(get_task("events")), docs).analyses
    rows: list[dict[str, Any]] = []
    raw = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold_by_doc = {r["document"]: r for r in raw if r.get("split") == "tune"}
    for art, text, analysis in zip(articles, texts, analyses, strict=True):
        seen: set[tuple[int, int]] = set()
        for ev in gold_by_doc[art.document]["events"]:
            s, e = ev["sentence"]["start"], ev["sentence"]["end"]
            if (s, e) in seen or not PHRASE.search(text[s:e]):
                continue
            seen.add((s, e))
            golds = [(g["trigger"]["text"], g["category"]) for g in gold_by_doc[art.document]["events"]
                     if g["sentence"]["start"] == s]
            preds = [(p.trigger, str(p.category)) for p in analysis.events
                     if p.trigger_start is not None and s <= p.trigger_start < e]
            rows.append({"document": art.document, "sentence": [s, e], "phrase": PHRASE.search(text[s:e]).group(0),
                         "gold": golds, "predicted": preds})
    return rows


def plover_rows() -> list[dict[str, Any]]:
    """PLOVER GSR dev tune-part records whose text holds a backing phrase: gold and predicted."""
    records, golds = plover_tune_gold()
    analyses = run_documents(build_for(get_task("events")), golds).analyses
    return [{"id": r.get("id"), "gold": gold_category(r), "eventText": r.get("eventText"),
             "predicted": [(p.trigger, str(p.category)) for p in a.events]}
            for r, a in zip(records, analyses, strict=True) if PHRASE.search(r["text"])]


def main() -> None:
    fakes, plover = fakes_rows(), plover_rows()
    pairs: Counter[str] = Counter()
    for row in fakes:
        back_pred = [c for t, c in row["predicted"] if _backing(t)]
        back_gold = [c for t, c in row["gold"] if _backing(t)]
        pairs[f"pred {sorted(back_pred)} gold {sorted(back_gold)}"] += 1
    out = {"fakes_tune": fakes, "plover_tune": plover, "pairs": dict(pairs.most_common())}
    for k, v in pairs.most_common():
        print(v, k)
    print("PLOVER", [(r["id"], r["gold"], r["predicted"]) for r in plover])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
