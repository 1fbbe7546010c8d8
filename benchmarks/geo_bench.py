"""Geoparsing benchmark: sitrep's place stage vs geotext on GeoWebNews and LGL.

Run (from the repository root; needs ../shared/data/geo, or SITREP_SHARED=/path/to/shared, and `pip install geotext==0.4.0`):

    OMP_NUM_THREADS=1 python benchmarks/geo_bench.py [--out benchmarks/results/geo_bench.json]

sitrep runs through the evaluation runner, as ``sitrep eval geo`` does: the pipeline
``build_pipeline(only=["place"])`` builds (parse, actors, place), each article ingested
as ``sitrep run`` reads a CSV row (offsets mapped back into the gold text).

For each corpus and each split it reports, for sitrep and for geotext, in one run:

- acc@161 km and exact GeoNames-id accuracy *given the gold spans* (``n`` located
  gold toponyms); geotext has no resolver of its own: the name it matches
  inside a gold span is looked up in sitrep's gazetteer, restricted to the
  country geotext's own index gives for it, and the most prominent entry wins
  (no document context);
- end-to-end precision/recall/F1 from raw text (matching rules in
  ``sitrep.stages.place.scorer``): sitrep runs ingest and the pipeline up to its
  place stage; geotext's city and country matches (its own regex, located in the
  text) are resolved as above;
- documents per second of each system end to end (sitrep: ingest + spaCy parse +
  actors + place stages, excluding model and gazetteer loading; geotext:
  extraction + lookup).

Splits (the honesty rule, see docs/benchmarks.md): articles in file order, the
first half (``dev``) is the only part rules were tuned on; the second half
(``heldout``) is reported as the held-out figure; ``all`` is both.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Sequence
from pathlib import Path

from common import REPO, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.evaluation import build_for, get_task, run_documents  # noqa: E402
from sitrep.evaluation.tasks import geo_texts, resolve_gold_spans  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402
from sitrep.stages.place.gazetteer import Entry, Gazetteer  # noqa: E402
from sitrep.stages.place.resolver import prior  # noqa: E402
from sitrep.stages.place.scorer import (  # noqa: E402
    E2EScores,
    GoldArticle,
    PointPrediction,
    load_corpus,
    located_spans,
    point_predictions,
    score_e2e,
    score_gold_spans,
)

#: geotext's own candidate pattern (geotext 0.4.0, GeoText.__init__), used to locate its matches
GEOTEXT_RE = re.compile(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*")


def run_places(pipeline: Pipeline, articles: Sequence[GoldArticle]) -> list[list[PointPrediction]]:
    """sitrep's places per article, through the evaluation runner."""
    run = run_documents(pipeline, geo_texts(articles))
    return [point_predictions(a.places) for a in run.analyses]


class GeotextBaseline:
    """geotext's matches, each resolved to the most prominent gazetteer entry in geotext's country."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        from geotext import GeoText

        self.GeoText = GeoText
        self.index = GeoText("").index
        self.gaz = gazetteer

    def entry(self, name: str) -> Entry | None:
        low = name.lower()
        country = self.index.countries.get(low) or self.index.cities.get(low)
        if country is None:
            return None
        cands = [e for e in self.gaz.lookup(name) if e.country == country]
        if low in self.index.countries:
            cands = [e for e in cands if e.kind == "country"] or cands
        return max(cands, key=prior) if cands else None

    def resolve_span(self, text: str) -> Entry | None:
        found = self.GeoText(text)
        for name in [*found.cities, *found.countries]:
            entry = self.entry(name)
            if entry is not None:
                return entry
        return None

    def places(self, text: str) -> list[PointPrediction]:
        out = []
        for m in GEOTEXT_RE.finditer(text):
            name = m.group(0).strip()
            low = name.lower()
            if low in self.index.countries or low in self.index.cities:
                entry = self.entry(name)
                if entry is not None:
                    out.append(PointPrediction(m.start(), m.start() + len(name), entry.lat, entry.lon))
        return out


def geotext_gold_spans(articles: Sequence[GoldArticle], base: GeotextBaseline) -> list[list[Entry | None]]:
    return [[base.resolve_span(g.text) for g in located_spans(art)] for art in articles]


def e2e(articles: Sequence[GoldArticle], predictions: Sequence[Sequence[PointPrediction]]) -> dict[str, float]:
    scores = E2EScores()
    for art, preds in zip(articles, predictions, strict=True):
        score_e2e(art, preds, scores)
    return scores.as_dict()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "geo_bench.json")
    args = parser.parse_args()
    geo = shared_dir() / "geo"
    corpora = {"GeoWebNews": geo / "GWN.xml", "LGL": geo / "lgl.xml"}
    pipeline = build_for(get_task("geo"))
    gaz = pipeline.stage("place").gaz  # type: ignore[attr-defined]
    base = GeotextBaseline(gaz)
    results: dict[str, dict] = {}
    run_places(pipeline, load_corpus(corpora["LGL"], gaz)[:2])  # warm up the caches once
    for corpus, path in corpora.items():
        articles = load_corpus(path, gaz)
        t = time.perf_counter()
        sys_preds = run_places(pipeline, articles)
        sys_secs = time.perf_counter() - t
        t = time.perf_counter()
        geo_preds = [base.places(a.text) for a in articles]
        geo_secs = time.perf_counter() - t
        half = len(articles) // 2
        # each half resolved on its own (every article is resolved alone anyway)
        sys_spans = resolve_gold_spans(articles[:half], pipeline) + resolve_gold_spans(articles[half:], pipeline)
        geo_spans = geotext_gold_spans(articles, base)
        for split, part in {"dev": slice(0, half), "heldout": slice(half, None), "all": slice(None)}.items():
            arts = articles[part]
            results[f"{corpus}/{split}"] = {
                "sitrep": {**score_gold_spans(arts, sys_spans[part]).as_dict(), **e2e(arts, sys_preds[part])},
                "geotext": {**score_gold_spans(arts, geo_spans[part]).as_dict(), **e2e(arts, geo_preds[part])},
                "articles": len(arts),
            }
        results[f"{corpus}/speed"] = {
            "sitrep_docs_per_s": round(len(articles) / sys_secs, 2),
            "geotext_docs_per_s": round(len(articles) / geo_secs, 2),
        }
    print(f"{'corpus/split':22} {'system':8} {'acc161':>7} {'exact':>7} {'n':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for key, row in results.items():
        if key.endswith("/speed"):
            print(f"{key:22} docs/s: sitrep {row['sitrep_docs_per_s']}, geotext {row['geotext_docs_per_s']}")
            continue
        for system in ("sitrep", "geotext"):
            r = row[system]
            print(f"{key:22} {system:8} {r['acc161']:7.3f} {r['exact_accuracy']:7.3f} {r['n']:5d} "
                  f"{r['e2e_precision']:6.3f} {r['e2e_recall']:6.3f} {r['e2e_f1']:6.3f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
