"""Per-outlet framing of five actor groups on the FA-KES development rows (Syrian-war articles, 15 outlets).

Runs the pipeline ``build_pipeline(only=["framing"])`` builds (parse, actors, time,
place, events, quotes, framing: what ``sitrep run`` runs) over the development rows
(even unit_id; held-out rows are never read), merges each group's actors
(``GROUPS`` below: rules over the KB's country / sector / kind), and prints, per
group and outlet: documents, mean target-dependent sentiment (n scored sentences),
documents negative/neutral/positive, most used labels and loaded terms; then each
outlet's most distinctive labels (log-odds, informative Dirichlet prior).
Writes counts and scores only (no article text) to ``benchmarks/results/fakes_framing.json``.

    OMP_NUM_THREADS=1 python benchmarks/fakes_framing.py [--limit N] [--out FILE.json]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from collections.abc import Callable, Iterable  # noqa: E402
from pathlib import Path  # noqa: E402

from common import REPO  # noqa: E402  (puts the repository's src on sys.path)
from fakes_corpus import read_fakes  # noqa: E402

from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.records import Actor, Framing, Label, SentimentScore  # noqa: E402
from sitrep.stages.framing.compare import (  # noqa: E402
    compare_actor,
    distinctive_labels,
    mean_label,
)

STATE_SECTORS = {"GOV", "MIL", "SPY", "COP", "LEG", "JUD"}
#: Kurdish-led forces are not counted as "the armed opposition" here
NOT_OPPOSITION = {"SDF", "YPG", "PYD", "AANES", "PKK"}


def merge_actors(framings: Iterable[Framing], groups: dict[str, str]) -> list[Framing]:
    """Re-key framings to actor groups (``groups``: actor id -> group id), merged per document.

    Actors not in ``groups`` are dropped. Labels add up, sentiment is the
    n-weighted mean (label by the outlet thresholds), loaded terms and evidence
    are concatenated (evidence deduplicated by offsets).
    """
    merged: dict[tuple[str, str], list[Framing]] = defaultdict(list)
    for f in framings:
        group = groups.get(f.actor)
        if group is not None:
            merged[(f.document, group)].append(f)
    out = []
    for (document, group), parts in merged.items():
        labels: Counter[str] = Counter()
        for f in parts:
            for lab in f.labels:
                labels[lab.text] += lab.count
        total = sum(f.sentiment.score * f.sentiment.n for f in parts if f.sentiment)
        n = sum(f.sentiment.n for f in parts if f.sentiment)
        sentiment = None
        if n:
            mean = total / n
            sentiment = SentimentScore(round(mean, 4), mean_label(mean), n)
        evidence = {(e.start, e.end): e for f in parts for e in f.evidence}
        out.append(Framing(
            document=document, actor=group,
            labels=[Label(t, c) for t, c in sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))],
            sentiment=sentiment,
            loaded_terms=sorted((t for f in parts for t in f.loaded_terms), key=lambda t: t.start),
            evidence=[evidence[k] for k in sorted(evidence)],
        ))
    return out

def _state_side(country: str) -> Callable[[Actor], bool]:
    def rule(a: Actor) -> bool:
        if a.country != country or a.kind in ("media", "ngo", "company", "ethnic_religious_group"):
            return False
        return a.kind == "state" or a.sector in STATE_SECTORS

    return rule


def _opposition(a: Actor) -> bool:
    if a.id in NOT_OPPOSITION or a.kind not in ("armed_group", "person", "party", "other"):
        return False
    # "REB" is the actors stage's generic rebel agent with no country ("opposition forces")
    return a.sector == "REB" and (a.country == "SYR" or a.id == "REB")


GROUPS: dict[str, Callable[[Actor], bool]] = {
    "Syrian government": lambda a: a.id != "SYR" and _state_side("SYR")(a),
    "armed opposition": _opposition,
    "Russia": _state_side("RUS"),
    "Turkey": _state_side("TUR"),
    "United States": _state_side("USA"),
}


def group_of(actor: Actor) -> str | None:
    for name, rule in GROUPS.items():
        if rule(actor):
            return name
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--top", type=int, default=3)
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "fakes_framing.json")
    args = ap.parse_args()
    docs = read_fakes(limit=args.limit)
    pipeline = build_pipeline(only=["framing"])
    t0 = time.perf_counter()
    analyses = list(pipeline.analyze(docs))
    seconds = time.perf_counter() - t0

    groups: dict[str, str] = {}
    for a in analyses:
        for actor in a.actors:
            g = group_of(actor)
            if g is not None:
                groups[actor.id] = g
    framings = merge_actors([f for a in analyses for f in a.framings], groups)

    result: dict = {"documents": len(docs), "seconds": round(seconds, 1), "groups": {}, "group_members": {}}
    for g in GROUPS:
        result["group_members"][g] = sorted(k for k, v in groups.items() if v == g)
    for g in GROUPS:
        rows = compare_actor(framings, docs, g)
        print(f"\n== {g}")
        print(f"{'outlet':<14} {'docs':>4} {'score':>7} {'n':>4} {'neg/neu/pos docs':>17}  labels | loaded terms")
        table = []
        for r in sorted(rows, key=lambda r: r.sentiment.score if r.sentiment else 0.0):
            s = r.sentiment
            counts = "/".join(str(r.sentiment_documents[k]) for k in ("negative", "neutral", "positive"))
            labels = ", ".join(f"{lab.text} ({lab.count})" for lab in r.labels[: args.top])
            terms = ", ".join(f"{t.text} ({t.count})" for t in r.loaded_terms[: args.top])
            print(f"{r.outlet:<14} {r.documents:>4} {s.score if s else float('nan'):>7.3f} {s.n if s else 0:>4} "
                  f"{counts:>17}  {labels} | {terms}")
            table.append({
                "outlet": r.outlet, "documents": r.documents,
                "score": s.score if s else None, "label": s.label if s else None, "n": s.n if s else 0,
                "documents_by_sentiment": r.sentiment_documents,
                "labels": [[lab.text, lab.count] for lab in r.labels[:10]],
                "loaded_terms": [[t.text, t.category, t.count] for t in r.loaded_terms[:10]],
            })
        result["groups"][g] = table

    all_framings = [f for a in analyses for f in a.framings]
    distinct = distinctive_labels(all_framings, docs, top=5, actors=set(groups))
    print("\n== most distinctive labels for the five groups' actors per outlet (z-scored log-odds vs the rest)")
    for outlet, ranked in distinct.items():
        print(f"{outlet:<14} " + ", ".join(f"{w} ({z:.1f})" for w, z in ranked))
    result["distinctive_labels"] = {k: [[w, z] for w, z in v] for k, v in distinct.items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n{len(docs)} documents in {seconds:.0f} s; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
