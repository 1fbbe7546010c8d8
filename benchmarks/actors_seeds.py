"""Mention-level precision and recall of the actor stage on the four seed articles.

Gold: ``tests/data/actors_seeds.yaml`` (surface form, its occurrence index in
the raw seed file, actor id; no article text). A predicted mention is correct
when it has the gold actor id and overlaps the gold span; each gold mention is
matched once.

Two modes:
- default (``ingest``): each seed goes through ``sitrep.ingest`` as ``sitrep run``
  does (header, byline, caption and footer removed, 002 unwrapped, dates read);
  predicted offsets are mapped back to the raw file with the document's
  ``char_map``; gold mentions outside the stored body (title, byline, caption,
  footer) are not counted;
- ``--raw``: the whole raw file (002 unwrapped here), publication dates from the
  gold file.

    PYTHONPATH=src python benchmarks/actors_seeds.py [--raw] [--json out.json] [--show]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "actors_seeds.yaml"
SEEDS = Path(__import__("os").environ.get("SITREP_SHARED", REPO.parent / "shared")) / "data" / "corpus" / "seeds"


def unwrap(text: str) -> str:
    """Join hard-wrapped lines inside blank-line-separated blocks (seed 002)."""
    blocks = re.split(r"\n[ \t]*\n", text)
    return "\n\n".join(re.sub(r"[ \t]*\n[ \t]*", " ", b) for b in blocks)


def seed_text(name: str, seeds: Path = SEEDS) -> str:
    raw = (seeds / name).read_text(encoding="utf-8")
    return unwrap(raw) if name.startswith("002_") else raw


def locate(text: str, surface: str, occurrence: int) -> tuple[int, int]:
    """Char span of the ``occurrence``-th (0-based) match of ``surface`` (whitespace-flexible)."""
    pattern = r"\s+".join(re.escape(w) for w in surface.split())
    matches = list(re.finditer(rf"(?<![\w]){pattern}(?![\w])", text))
    if occurrence >= len(matches):
        raise ValueError(f"{surface!r} occurrence {occurrence} not found ({len(matches)} found)")
    m = matches[occurrence]
    return m.start(), m.end()


@dataclass
class Gold:
    start: int
    end: int
    actor: str
    surface: str


def load_gold(path: Path = GOLD, seeds: Path = SEEDS) -> dict[str, tuple[str | None, str, list[Gold]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for name, spec in data["seeds"].items():
        text = seed_text(name, seeds)
        golds = []
        for surface, occ, actor in spec["mentions"]:
            s, e = locate(text, str(surface), int(occ))
            golds.append(Gold(s, e, str(actor), str(surface)))
        out[name] = (spec.get("published"), text, golds)
    return out


def score(stage, parse, gold) -> dict:
    from sitrep.records import Document
    from sitrep.stages.base import Analysis

    totals = {"tp": 0, "fp": 0, "fn": 0}
    per_seed = {}
    misses: dict[str, list] = {}
    for name, (published, text, golds) in gold.items():
        a = stage(parse(Analysis(Document(id=name[:3], sha256=name, text=text, published=published))))
        used: set[int] = set()
        tp = 0
        fps = []
        for m in a.mentions:
            hit = next((i for i, g in enumerate(golds) if i not in used and g.actor == m.actor
                        and g.start < m.end and m.start < g.end), None)
            if hit is None:
                fps.append((m.text, m.actor, m.method))
            else:
                used.add(hit)
                tp += 1
        fns = [(g.surface, g.actor) for i, g in enumerate(golds) if i not in used]
        per_seed[name] = {"tp": tp, "fp": len(fps), "fn": len(fns), "gold": len(golds)}
        misses[name] = {"false_positives": fps, "false_negatives": fns}
        totals["tp"] += tp
        totals["fp"] += len(fps)
        totals["fn"] += len(fns)
    p = totals["tp"] / max(1, totals["tp"] + totals["fp"])
    r = totals["tp"] / max(1, totals["tp"] + totals["fn"])
    f = 2 * p * r / max(1e-9, p + r)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), **totals,
            "per_seed": per_seed, "misses": misses}


def score_ingested(stage, parse, path: Path = GOLD, seeds: Path = SEEDS) -> dict:
    """Like :func:`score`, on documents read by ``sitrep.ingest`` (offsets mapped to the raw file)."""
    from sitrep.ingest import read_inputs
    from sitrep.ingest.textmap import to_raw
    from sitrep.records import Document
    from sitrep.stages.base import Analysis

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    totals = {"tp": 0, "fp": 0, "fn": 0}
    per_seed, misses = {}, {}
    for name, spec in data["seeds"].items():
        (document,) = [d for d in read_inputs([str(seeds / name)]) if isinstance(d, Document)]
        raw = document.raw_text or document.text
        covered = {to_raw(document.char_map, i) for i in range(len(document.text))}
        golds = []
        for surface, occ, actor in spec["mentions"]:
            s, e = locate(raw, str(surface), int(occ))
            if s in covered:
                golds.append(Gold(s, e, str(actor), str(surface)))
        a = stage(parse(Analysis(document)))
        used: set[int] = set()
        tp, fps = 0, []
        for m in a.mentions:
            ms, me = to_raw(document.char_map, m.start), to_raw(document.char_map, m.end - 1) + 1
            hit = next((i for i, g in enumerate(golds) if i not in used and g.actor == m.actor
                        and g.start < me and ms < g.end), None)
            if hit is None:
                fps.append((m.text, m.actor, m.method))
            else:
                used.add(hit)
                tp += 1
        fns = [(g.surface, g.actor) for i, g in enumerate(golds) if i not in used]
        per_seed[name] = {"tp": tp, "fp": len(fps), "fn": len(fns), "gold": len(golds),
                          "published": document.published}
        misses[name] = {"false_positives": fps, "false_negatives": fns}
        for k, v in (("tp", tp), ("fp", len(fps)), ("fn", len(fns))):
            totals[k] += v
    p = totals["tp"] / max(1, totals["tp"] + totals["fp"])
    r = totals["tp"] / max(1, totals["tp"] + totals["fn"])
    f = 2 * p * r / max(1e-9, p + r)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), **totals,
            "per_seed": per_seed, "misses": misses}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--show", action="store_true", help="print false positives and negatives")
    ap.add_argument("--raw", action="store_true", help="run on the raw files instead of ingested documents")
    args = ap.parse_args()
    if not SEEDS.is_dir():
        sys.exit(f"seed articles not found at {SEEDS}")
    from sitrep.pipeline import build_pipeline

    pipeline = build_pipeline(only=["actors"])  # parse + actors, as `sitrep run` builds them
    stage, parse = pipeline.stage("actors"), pipeline.stage("parse")
    if args.raw:
        result = score(stage, parse, load_gold())
    else:
        result = score_ingested(stage, parse)
    print(f"mode: {'raw files' if args.raw else 'ingested documents (sitrep.ingest)'}")
    print(f"{'seed':28} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4}")
    for name, row in result["per_seed"].items():
        print(f"{name:28} {row['gold']:5} {row['tp']:4} {row['fp']:4} {row['fn']:4}")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  f1 {result['f1']:.3f}")
    if args.show:
        for name, m in result["misses"].items():
            print(f"== {name}")
            for x in m["false_positives"]:
                print("  FP", x)
            for x in m["false_negatives"]:
                print("  FN", x)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
