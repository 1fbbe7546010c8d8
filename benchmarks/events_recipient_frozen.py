"""The frozen learned recipient on a fresh wave (issue 13, branch events49): one confirmatory run.

``events45`` fitted a learned recipient for events the rules leave without one
(``sitrep.stages.events.recipient_model``, switch ``LEARNED_RECIPIENTS``, off) and shipped its
third design fitted on all tune (``data/recipient_model.json``, sha256 prefix ``70123108fb430ae3``).
Out of fold it gained right recipients in every variant but failed its bar; it recommended the
cleaner test run here: the **frozen** model on a wave it never saw (wave 19, the last wave of
``events_side_missing.WAVES``, coded and committed before sitrep ran on it). Nothing is fitted or
chosen here: the model file is checked against its prefix and read as shipped.

The bar, decided by the lead before the draw (the brief, copied verbatim): "the frozen shipped
`recipient_model.json` (do not refit or change it; check its sha256 prefix is `70123108fb430ae3`
before the run) is switched on for wave 19 alone and compared with off. It **passes** only if, on
wave 19: right recipients gain ≥ +2 (the out-of-fold per-wave mean), event F1 and actor accuracy
unchanged, strict recipient accuracy not falling; and PLOVER dev recipient F1 not falling. One run,
no second look; report the events it changed (gained / lost / wrong to wrong) by class. If it
passes, recommend the switch on (the lead decides); if not, it stays off."

The classes of a changed event: the kind of party the model gave (``victims``: a generic people
actor from a victim noun; ``party``: an actor mention of the sentence) crossed with what the coder
has (a recipient, or none).

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_recipient_frozen.py``
(about two minutes: wave 19 twice, PLOVER dev twice). Writes
``benchmarks/results/events_recipient_frozen.json``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from common import REPO, fakes_csv  # noqa: E402  (puts the repository's src on sys.path)
from events_side_missing import plover_dev, wave_of  # noqa: E402

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.stages.events import recipient_model  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    _pairs,
    match_events,
    read_article_gold,
    read_texts,
    score_articles,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results" / "events_recipient_frozen.json"
PREFIX = "70123108fb430ae3"
KEYS = ("event_f1", "matched", "actor_accuracy", "actor_strict_accuracy", "recipient_accuracy",
        "recipient_strict_accuracy", "recipient_f1", "place_accuracy", "status_accuracy")


def right_count(scored: dict[str, Any], key: str) -> int:
    return round(scored[key] * scored["matched"])


def per_event(articles: list[Any], analyses: list[Any]) -> dict[tuple[str, str], tuple[bool, tuple[str, ...]]]:
    out: dict[tuple[str, str], tuple[bool, tuple[str, ...]]] = {}
    for art, an in zip(articles, analyses, strict=True):
        actors = {a.id: a for a in an.actors}
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in an.mentions:
            spans.setdefault(m.actor, []).append((m.start, m.end))
        for g, p in match_events(art.events, an.events):
            tp = _pairs(p.recipients, g.recipients, actors, spans)
            out[(art.document, g.id)] = (tp == len(p.recipients) == len(g.recipients), tuple(p.recipients))
    return out


def kind(actor_id: str, analysis: Any) -> str:
    """``party`` when the actor has a mention in the article, else ``victims`` (a generic people actor)."""
    return "party" if any(m.actor == actor_id for m in analysis.mentions) else "victims"


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


def newest_wave() -> tuple[int, list[Any], list[GoldText]]:
    """The last wave of ``events_side_missing.WAVES``: its number, gold articles and texts."""
    articles = read_article_gold(GOLD, split="tune")
    wave = wave_of(len(articles))
    last = max(wave)
    fresh = [a for a, w in zip(articles, wave, strict=True) if w == last]
    texts = read_texts(fresh, fakes_csv())
    return last, fresh, [GoldText(a.document, t, a.published) for a, t in zip(fresh, texts, strict=True)]


def on_and_off(docs: list[GoldText]) -> dict[str, list[Any]]:
    """The events task's analyses of ``docs`` with ``LEARNED_RECIPIENTS`` off and on (the switch restored)."""
    runs: dict[str, list[Any]] = {}
    saved = recipient_model.LEARNED_RECIPIENTS
    try:
        for label, on in (("off", False), ("on", True)):
            recipient_model.LEARNED_RECIPIENTS = on
            runs[label] = run_documents(build_for(get_task("events")), docs).analyses
    finally:
        recipient_model.LEARNED_RECIPIENTS = saved
    return runs


def main() -> None:
    digest = hashlib.sha256(recipient_model.MODEL_FILE.read_bytes()).hexdigest()
    if not digest.startswith(PREFIX):
        raise SystemExit(f"the model file is not the frozen one: {digest[:16]} != {PREFIX}")
    last, fresh, docs = newest_wave()
    runs = on_and_off(docs)
    scores = {label: score_articles(fresh, an)["tune"] for label, an in runs.items()}
    changed, items = changes(fresh, runs)
    gain = right_count(scores["on"], "recipient_accuracy") - right_count(scores["off"], "recipient_accuracy")
    plover = plover_dev(recipient_model, ("LEARNED_RECIPIENTS",), {"off": (False,), "on": (True,)})
    checks = {
        "right_recipients_gain_at_least_2": gain >= 2,
        "event_f1_unchanged": scores["on"]["event_f1"] == scores["off"]["event_f1"],
        "actor_accuracy_unchanged": scores["on"]["actor_accuracy"] == scores["off"]["actor_accuracy"],
        "strict_recipient_not_falling": scores["on"]["recipient_strict_accuracy"] >= scores["off"]["recipient_strict_accuracy"],
        "plover_recipient_f1_not_falling": plover["on"]["recipient_f1"] >= plover["off"]["recipient_f1"],
    }
    result = {"model_sha256": digest, "wave": last, "articles": [a.document for a in fresh],
              "off": {k: scores["off"][k] for k in KEYS}, "on": {k: scores["on"][k] for k in KEYS},
              "right_recipients": {"off": right_count(scores["off"], "recipient_accuracy"),
                                   "on": right_count(scores["on"], "recipient_accuracy")},
              "gain": gain, "changed": changed, "items": items, "plover_dev": plover, "checks": checks,
              "passes": all(checks.values())}
    for label in ("off", "on"):
        print(label, result[label])
    print("right recipients", result["right_recipients"], "gain", gain)
    print("changed", json.dumps(changed))
    print("checks", checks, "passes:", result["passes"])
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
