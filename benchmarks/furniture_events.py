"""Furniture run into one-line FA-KES bodies (issue 13, branches furniture1/2): events removed and lost by wave.

Runs the FA-KES events gold's ``tune`` half through ingest and the pipeline twice, with
``sitrep.ingest.runon.RUN_ON`` off and on (nothing refitted, nothing chosen), and reports per wave
of ``events_side_missing.WAVES``: the false (unmatched) predicted events the switch removes, the
true (matched) ones it loses, and their difference d; the per-wave mean and sd of d; the
``sitrep eval events`` figures both ways; and the removals by kind and outlet. The check half is
not run here. ``--sample N`` prints N removals on development rows (``unit_id % 4 == 0``, the events
check articles left out; odd rows are never read) for reading by hand; only kinds, outlets and
judgements go into docs/benchmarks.md.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/furniture_events.py``
(two runs of the tune half, a few minutes). Writes ``benchmarks/results/furniture_events.json``.
``--framing``: the framing task's stages on the tune articles, off and on: framing evidence inside the
detected spans, and framing records that change in articles without a detected span (furniture2).
The pooled totals (false removed, true lost) are the sums of the per-wave lists.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections import Counter
from typing import Any

from common import REPO, fakes_csv, switch_runs  # noqa: E402  (puts the repository's src on sys.path)
from events_side_missing import WAVES  # noqa: E402

from sitrep.evaluation import build_for, get_task  # noqa: E402
from sitrep.evaluation.runner import GoldText  # noqa: E402
from sitrep.ingest import runon  # noqa: E402
from sitrep.pipeline import build_pipeline  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    match_events,
    read_article_gold,
    read_texts,
    score_articles,
)

GOLD = REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl"
OUT = REPO / "benchmarks" / "results" / "furniture_events.json"


def _counts(articles: list[Any], analyses: list[Any]) -> list[tuple[int, int]]:
    """Per article: (unmatched predicted events, matched predicted events)."""
    out = []
    for article, analysis in zip(articles, analyses, strict=True):
        matched = len(match_events(article.events, analysis.events))
        out.append((len(analysis.events) - matched, matched))
    return out


def _both_ways(pipeline: Any, docs: list[GoldText]) -> dict[bool, list[Any]]:
    """The analyses of ``docs`` with the run-on detector off and on (``runon.RUN_ON`` restored)."""
    return switch_runs(runon, "RUN_ON", pipeline, docs)


def _runs() -> tuple[list[Any], dict[bool, list[Any]]]:
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    pipeline = build_for(get_task("events"))
    runs = _both_ways(pipeline, docs)
    return articles, runs


def by_wave(articles: list[Any], runs: dict[bool, list[Any]]) -> dict[str, Any]:
    if sum(WAVES) != len(articles):
        raise SystemExit(f"the tune half has {len(articles)} articles, WAVES counts {sum(WAVES)}")
    wave = [w for w, size in enumerate(WAVES) for _ in range(size)]
    off, on = _counts(articles, runs[False]), _counts(articles, runs[True])
    removed, lost = [0] * len(WAVES), [0] * len(WAVES)
    for w, (f0, m0), (f1, m1) in zip(wave, off, on, strict=True):
        removed[w] += f0 - f1
        lost[w] += m0 - m1
    d = [r - t for r, t in zip(removed, lost, strict=True)]
    return {"false_removed": removed, "true_lost": lost, "d": d, "mean": statistics.mean(d),
            "sd": statistics.stdev(d), "passes_mean_gt_sd": statistics.mean(d) > statistics.stdev(d)}


def removals(analyses: list[Any], articles: list[Any]) -> dict[str, int]:
    outlets = {json.loads(line)["document"]: json.loads(line)["outlet"] for line in GOLD.open()}
    kinds: Counter[str] = Counter()
    for article, analysis in zip(articles, analyses, strict=True):
        for span in analysis.document.removed:
            if span.kind in ("headline", "link-label", "caption"):
                kinds[f"{span.kind} / {outlets[article.document]}"] += 1
    return dict(sorted(kinds.items()))


def sample(n: int, seed: int) -> None:
    """Print ``n`` seeded removals on development rows (``unit_id % 4 == 0``, events check left out)."""
    import csv

    check = {json.loads(line)["unit_id"] for line in GOLD.open() if json.loads(line)["split"] == "check"}
    found = []
    with fakes_csv().open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if int(row["unit_id"]) % 4 or row["unit_id"] in check:
                continue  # odd rows are held out (skipped by id), the check articles are not studied
            text = row["article_content"]
            found += [(row["unit_id"], row["source"], s.kind, text[s.start:s.end]) for s in runon.run_on_furniture(text)]
    print(len(found), "removals;", Counter(k for _, _, k, _ in found))
    for unit, outlet, kind, text in random.Random(seed).sample(found, min(n, len(found))):
        print(f"{unit} {outlet} {kind}: {text[:240]}")


def _overlaps(start: int, end: int, spans: list[Any]) -> bool:
    return any(start < s.end and s.start < end for s in spans)


def framing() -> dict[str, Any]:
    """Framing on the tune articles, ``RUN_ON`` off and on (the framing task's stages: parse, actors,
    quotes, framing): the framing evidence sentences and the framing records whose evidence touches a
    span the detector finds, and the framing records that change in articles where it finds none."""
    articles = read_article_gold(GOLD, split="tune")
    texts = read_texts(articles, fakes_csv())
    docs = [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)]
    spans = [runon.run_on_furniture(t) for t in texts]
    pipeline = build_pipeline(only=["framing"])
    runs = _both_ways(pipeline, docs)
    out: dict[str, Any] = {}
    for on, analyses in runs.items():
        inside = [(e, f) for a, found in zip(analyses, spans, strict=True) for f in a.framings
                  for e in f.evidence if _overlaps(e.start, e.end, found)]
        out["on" if on else "off"] = {"framings": sum(len(a.framings) for a in analyses),
                                      "evidence_in_spans": len(inside),
                                      "framings_with_evidence_in_spans": len({id(f) for _, f in inside})}
    changed = [a.document for a, x, y, found in zip(articles, runs[False], runs[True], spans, strict=True)
               if not found and [f.to_dict() for f in x.framings] != [f.to_dict() for f in y.framings]]
    out["articles_with_spans"] = sum(1 for found in spans if found)
    out["changed_without_spans"] = changed
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--framing", action="store_true", help="the framing check instead of the events run")
    args = parser.parse_args()
    if args.framing:
        print(json.dumps(framing(), indent=1))
        return
    if args.sample:
        sample(args.sample, args.seed)
        return
    articles, runs = _runs()
    result = {"waves": by_wave(articles, runs),
              "off": score_articles(articles, runs[False])["tune"], "on": score_articles(articles, runs[True])["tune"],
              "removals_tune": removals(runs[True], articles)}
    print(json.dumps(result, indent=1))
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
