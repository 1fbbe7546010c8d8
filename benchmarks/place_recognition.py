"""End-to-end geoparsing errors by class: recognition misses, false toponyms, resolution errors
(TUNING halves of GeoWebNews and LGL only).

Run (from the repository root; needs ../shared/data/geo):

    OMP_NUM_THREADS=1 python benchmarks/place_recognition.py [--show CLASS] [--limit N]

Each article of the first (tuning) half of each file goes through parse and actors (as
``scripts/train_toponym.py`` runs them: the article's text as one document, no ingest), then
the place stage. Every *required* gold toponym (``scorer.score_e2e``'s roles: GWN adjectival
modifiers, demonyms and embedded toponyms and LGL adjectives of place are optional, not
counted) that no system place matches within 161 km is sorted into one class:

- ``resolution``: a system place overlaps it, too far from the gold point;
- ``dropped: unresolved``: the stage proposed an overlapping span, the gazetteer had nothing;
- ``dropped: acceptance``: resolved, the acceptance model found the choice too weak;
- ``dropped: toponym model``: resolved, the toponym-or-not model said "not a place";
- ``dropped: rule``: the span was proposed, then removed by a rule (metonym, news source,
  inside an organisation's name, generic word);
- ``not proposed: <why>``: no span overlapped it; ``why`` is the NER label of an entity
  overlapping the gold span (``in PERSON``, ``in ORG``, ``in NORP``, ...), else ``lower-case``
  when the gold text starts in lower case, else ``no entity``; ``+gaz`` when the gazetteer
  knows the gold text as written.

System places that overlap no required, optional or neutral toponym are counted as
``false toponym`` by how they were found (NER label or pattern). ``--show CLASS`` prints the
members of one class (gold text and a little context) for reading; the held-out halves are
never read by this script.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from common import REPO, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.stages.place.gazetteer import haversine_km  # noqa: E402
from sitrep.stages.place.scorer import (  # noqa: E402
    KM,
    E2EScores,
    GoldArticle,
    GoldToponym,
    load_corpus,
    point_predictions,
    score_e2e,
)


def tuning_halves(limit: int = 0) -> Iterator[tuple[str, Path, list[GoldArticle]]]:
    """(corpus, gold file, its tuning half — the first ``limit`` articles of it if given) for GWN and
    LGL; the held-out halves are never loaded past the split."""
    geo = shared_dir() / "geo"
    for corpus, path in {"GeoWebNews": geo / "GWN.xml", "LGL": geo / "lgl.xml"}.items():
        articles = load_corpus(path)
        yield corpus, path, articles[: len(articles) // 2][: limit or None]


def analyses(articles: list[GoldArticle]) -> Iterator[tuple[GoldArticle, Any, Any]]:
    """(article, analysis after parse and actors, place stage) for each article."""
    from sitrep.nlp import load_nlp
    from sitrep.pipeline import build_pipeline
    from sitrep.records import Document
    from sitrep.stages.base import Analysis, pipe
    from sitrep.stages.place.stage import PlaceStage

    pipeline = build_pipeline(only=["actors"])
    place = PlaceStage(load_nlp(pipeline.model))
    docs = [Document(id=f"a{i}", sha256=str(i), text=a.text, published=a.published) for i, a in enumerate(articles)]
    stream = (Analysis(document=d) for d in docs)
    for stage in pipeline.stages:
        stream = pipe(stage, stream)
    for art, analysis in zip(articles, stream, strict=True):
        yield art, analysis, place


def _over(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def classify(art: GoldArticle, analysis: Any, place: Any,
             e2e: E2EScores) -> tuple[list[tuple[str, GoldToponym]], list[tuple[str, Any]]]:
    """(class, gold) for each missed required toponym; (class, place) for each false toponym
    (and the article's end-to-end counts added to ``e2e``)."""
    out = place(analysis)
    places = out.places
    score_e2e(art, point_predictions(places), e2e)
    kept = place.find_spans(analysis)
    every = place.find_spans(analysis, keep_rejected=True)
    res = place.resolver.resolve(analysis.text, kept, dateline=analysis.document.dateline)
    probs = place.toponym_probabilities(analysis, res, place.document_anchors(analysis, kept)[1])
    misses: list[tuple[str, GoldToponym]] = []
    for g in art.toponyms:
        if g.role != "required":
            continue
        near = [p for p in places if _over(p.start, p.end, g.start, g.end)]
        if any(haversine_km(p.lat, p.lon, g.lat, g.lon) <= KM for p in near):  # type: ignore[arg-type]
            continue
        if near:
            misses.append(("resolution", g))
            continue
        hit = [(r, p) for r, p in zip(res, probs, strict=True) if _over(r.span.start, r.span.end, g.start, g.end)]
        if hit:
            r, p = hit[0]
            if r.entry is None:
                cls = "dropped: unresolved"
            elif p < place._threshold(r.span):
                cls = "dropped: toponym model"
            else:
                cls = "dropped: acceptance"
            misses.append((cls, g))
            continue
        if any(_over(s.start, s.end, g.start, g.end) for s in every):
            misses.append(("dropped: rule", g))
            continue
        ents = [e for e in analysis.entities if _over(e.start, e.end, g.start, g.end)]
        if ents:
            why = f"in {ents[0].label}"
        elif g.text[:1].islower():
            why = "lower-case"
        else:
            why = "no entity"
        gaz = "+gaz" if place.gaz.lookup(g.text) else "-gaz"
        misses.append((f"not proposed: {why} {gaz}", g))
    false: list[tuple[str, Any]] = []
    source = {(s.start, s.end): (s.source if s.source != "ner" else s.ner_label) for s in kept}
    for p in places:
        if not any(_over(p.start, p.end, t.start, t.end) for t in art.toponyms):
            false.append((f"false toponym: {source.get((p.start, p.end), '?')}", p))
    return misses, false


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", default="", help="print the members of classes starting with this")
    parser.add_argument("--limit", type=int, default=0, help="first N tuning articles of each corpus")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" / "place_recognition.json")
    args = parser.parse_args()
    result: dict[str, Any] = {}
    for corpus, _path, tune in tuning_halves(args.limit):
        counts: Counter[str] = Counter()
        shown: dict[str, list[str]] = defaultdict(list)
        required = sum(1 for a in tune for t in a.toponyms if t.role == "required")
        e2e = E2EScores()
        for art, analysis, place in analyses(tune):
            misses, false = classify(art, analysis, place, e2e)
            for cls, g in misses:
                counts[cls] += 1
                if args.show and cls.startswith(args.show):
                    ctx = art.text[max(0, g.start - 50):g.end + 30].replace("\n", " ")
                    shown[cls].append(f"{g.text!r:28} | {ctx}")
            for cls, p in false:
                counts[cls] += 1
                if args.show and cls.startswith(args.show):
                    ctx = art.text[max(0, p.start - 50):p.end + 30].replace("\n", " ")
                    shown[cls].append(f"{p.text!r:28} -> {p.name}/{p.country} | {ctx}")
        result[corpus] = {"required": required, **e2e.as_dict(),
                          "classes": dict(sorted(counts.items(), key=lambda kv: -kv[1]))}
        print(f"== {corpus} tuning half: {len(tune)} articles, {required} required toponyms; "
              f"end to end (no ingest) {e2e.as_dict()}")
        for cls, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            print(f"  {n:5d}  {cls}")
        for cls, rows in shown.items():
            print(f"-- {cls}")
            for row in rows:
                print("   ", row)
    if not args.limit:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
