"""The learned recipient as shipped, on the newest fresh wave: on against off (issue 13, branch events51).

``events49`` ran the frozen model of ``events45`` on wave 19 (``events_recipient_frozen.py``); the
lead then switched ``recipient_model.LEARNED_RECIPIENTS`` on and refitted the model on all 150 tune
articles. This script gives the first fresh reading of the switch **as shipped**: the last wave of
``events_side_missing.WAVES`` (coded and committed before sitrep ran on it) is run once with the
switch on (main as it is) and once off, and the events whose recipient changed are listed as gained,
lost or wrong to wrong, by the kind of party given (``events_recipient_frozen.kind``) and whether the
coder has a recipient. Nothing is fitted or chosen; the model file's sha256 is recorded.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_recipient_fresh.py``
(well under a minute for a wave of eight). Writes ``benchmarks/results/events_recipient_fresh.json``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_recipient_frozen import kind, per_event, right_count  # noqa: E402
from events_side_missing import wave_of  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events import recipient_model  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    read_article_gold,
    read_texts,
    score_articles,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results" / "events_recipient_fresh.json"
KEYS = ("event_f1", "event_precision", "event_recall", "matched", "predicted_events", "gold_events",
        "actor_accuracy", "actor_strict_accuracy", "recipient_accuracy", "recipient_strict_accuracy",
        "recipient_f1", "place_accuracy", "status_accuracy", "date_accuracy", "predicted_per_gold")


def outcome(was: bool, now: bool) -> str:
    """What the switch did to one matched event's recipients (right = the coder's set exactly)."""
    if now and not was:
        return "gained"
    if was and not now:
        return "lost"
    return "wrong to wrong" if not now else "right to right"


def changes(fresh: list[Any], runs: dict[str, list[Any]]) -> tuple[dict[str, dict[str, int]], list[dict[str, Any]]]:
    off, on = per_event(fresh, runs["off"]), per_event(fresh, runs["on"])
    gold_has = {(a.document, g.id): bool(g.recipients) for a in fresh for g in a.events}
    by_doc = {a.document: k for k, a in enumerate(fresh)}
    counts: dict[str, dict[str, int]] = {}
    items = []
    for key in sorted(set(off) & set(on)):
        if off[key][1] == on[key][1]:
            continue
        result = outcome(off[key][0], on[key][0])
        ids = on[key][1]
        party = kind(ids[0], runs["on"][by_doc[key[0]]]) if ids else "none"
        cls = f"{party}, coder {'has a recipient' if gold_has[key] else 'has none'}"
        counts.setdefault(result, {}).setdefault(cls, 0)
        counts[result][cls] += 1
        items.append({"document": key[0], "gold": key[1], "outcome": result, "class": cls, "given": list(ids)})
    return counts, items


def main() -> None:
    digest = hashlib.sha256(recipient_model.MODEL_FILE.read_bytes()).hexdigest()
    articles = read_article_gold(GOLD, split="tune")
    wave = wave_of(len(articles))
    last = max(wave)
    fresh = [a for a, w in zip(articles, wave, strict=True) if w == last]
    texts = read_texts(fresh, fakes_csv())
    docs = [GoldText(a.document, t, a.published) for a, t in zip(fresh, texts, strict=True)]
    runs: dict[str, list[Any]] = {}
    saved = recipient_model.LEARNED_RECIPIENTS
    try:
        for label, on in (("on", True), ("off", False)):
            recipient_model.LEARNED_RECIPIENTS = on
            runs[label] = run_documents(build_for(get_task("events")), docs).analyses
    finally:
        recipient_model.LEARNED_RECIPIENTS = saved
    scores = {label: score_articles(fresh, an)["tune"] for label, an in runs.items()}
    counts, items = changes(fresh, runs)
    right = {label: right_count(scores[label], "recipient_accuracy") for label in ("on", "off")}
    strict = {label: right_count(scores[label], "recipient_strict_accuracy") for label in ("on", "off")}
    result = {"model_sha256": digest, "shipped_switch": saved, "wave": last, "articles": [a.document for a in fresh],
              "on": {k: scores["on"][k] for k in KEYS}, "off": {k: scores["off"][k] for k in KEYS},
              "right_recipients": right, "strict_right_recipients": strict, "gain": right["on"] - right["off"],
              "changed": counts, "items": items}
    for label in ("on", "off"):
        print(label, result[label])
    print("right recipients", right, "strict", strict, "gain", result["gain"])
    print("changed", json.dumps(counts))
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
