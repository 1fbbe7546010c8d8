"""Ranking misses on gold spans by the document's evidence (TUNING halves only).

Run (from the repository root; needs ../shared/data/geo):

    OMP_NUM_THREADS=1 python benchmarks/place_ranking_misses.py [--show N]

Each located gold span of the first (tuning) half of GeoWebNews and LGL is resolved as
``benchmarks/geo_bench.py`` and ``benchmarks/place_misses.py`` resolve it (the place stage's
resolver, the other gold spans as context). A *ranking miss* is a span the learned ranking model
decided (not a rule) whose chosen entry lies farther than 161 km from the gold point while one of
its candidates lies within 161 km. Each is sorted by what the rest of the document offers:

- ``alone``: no other name of the document resolved to a place of level >= 3 (a district, a town);
  only the prior can decide;
- ``right nearer``: the right candidate lies nearer the document's other resolved places of level
  >= 3 than the chosen one (``within 400 km`` counts those of them within 400 km);
- ``chosen nearer``: the chosen one lies nearer (or as near: the other places are themselves wrong,
  or lie far from the gold point).

A second breakdown sorts the same misses by what the chosen entry is to the right one
(``relation``): a place the span reaches only by one of its alternate names; a division against a
town of its name ("Wales" the nation against a town in England); a capital that lost to a namesake;
a more or a less populous namesake. Misses whose right candidate a rule removed before the model
decided (a province named like its city, "New York") are counted apart (``rule removed the right``).

This is the breakdown of the 2026-12-04 evening and late follow-ups of issue 14 in
docs/benchmarks.md, as a script (the second breakdown: the 2026-12-05 morning follow-up).
``--split heldout`` is not offered: the method reads misses on the tuning halves only.
"""

from __future__ import annotations

import argparse
from collections import Counter

from common import shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.stages.place.gazetteer import Entry, haversine_km, load_gazetteer  # noqa: E402
from sitrep.stages.place.normalize import fold  # noqa: E402
from sitrep.stages.place.ranking import same_name  # noqa: E402
from sitrep.stages.place.resolver import Resolution, Resolver, Span  # noqa: E402
from sitrep.stages.place.scorer import KM, load_corpus, located_spans  # noqa: E402

#: the "right nearer" misses whose right candidate lies this close to one of the other places
NEAR_KM = 400.0


def nearest_km(entry: Entry, points: list[tuple[float, float]]) -> float:
    return min(haversine_km(entry.lat, entry.lon, lat, lon) for lat, lon in points)


def classify(key: str, chosen: Entry, right: list[Entry], keys: list[str], res: list[Resolution]) -> str:
    """``alone``, ``right nearer``, ``right nearer, within 400 km`` or ``chosen nearer`` for one miss."""
    points = [(r.entry.lat, r.entry.lon) for k, r in zip(keys, res, strict=True)
              if k != key and r.entry is not None and not r.contained and r.entry.level >= 3]
    if not points:
        return "alone"
    best = min(nearest_km(e, points) for e in right)
    if best < nearest_km(chosen, points):
        return "right nearer, within 400 km" if best <= NEAR_KM else "right nearer"
    return "chosen nearer"


#: kinds of entry that are divisions or regions rather than towns
DIVISION_KINDS = frozenset({"country", "continent", "admin1", "admin2", "region"})


def relation(text: str, chosen: Entry, right: list[Entry]) -> str:
    """What the chosen entry is to the right candidates of a span spelled ``text`` (first match):
    ``alternate name`` (the span spells a right candidate's name, not the chosen one's),
    ``division vs town`` (one is a division, the others are towns, or the reverse),
    ``capital lost`` (a right candidate is a capital, the chosen one is not), ``bigger namesake``
    (the chosen one is more populous than every right one), else ``smaller namesake``."""
    if not same_name(text, chosen.name) and any(same_name(text, e.name) for e in right):
        return "alternate name"
    if all((chosen.kind in DIVISION_KINDS) != (e.kind in DIVISION_KINDS) for e in right):
        return "division vs town"
    if any(e.capital for e in right) and not chosen.capital:
        return "capital lost"
    if chosen.population > max(e.population for e in right):
        return "bigger namesake"
    return "smaller namesake"


def analyse(show: int) -> None:
    gaz = load_gazetteer()
    resolver = Resolver(gaz, demonyms=True, contain_unknown="all")
    geo = shared_dir() / "geo"
    for corpus, path in {"GeoWebNews": geo / "GWN.xml", "LGL": geo / "lgl.xml"}.items():
        articles = load_corpus(path, gaz)
        by_class: Counter[str] = Counter()
        by_relation: Counter[str] = Counter()
        examples: dict[str, Counter[str]] = {}
        for art in articles[: len(articles) // 2]:
            gold = located_spans(art)
            resolver.record = []
            res = resolver.resolve(art.text, [Span(t.start, t.end, t.text) for t in gold])
            decided = {i: cands for i, cands, rows in resolver.record if rows}
            keys = [fold(t.text) for t in gold]
            for i, (t, r) in enumerate(zip(gold, res, strict=True)):
                assert t.lat is not None and t.lon is not None
                if i not in decided or r.entry is None or r.contained:
                    continue
                if haversine_km(r.entry.lat, r.entry.lon, t.lat, t.lon) <= KM:
                    continue
                right = [e for e in decided[i] if haversine_km(e.lat, e.lon, t.lat, t.lon) <= KM]
                if not right:
                    if any(haversine_km(e.lat, e.lon, t.lat, t.lon) <= KM for e in resolver.candidates(t.text)):
                        by_relation["rule removed the right"] += 1
                        examples.setdefault("rule removed the right", Counter())[t.text] += 1
                    continue
                cls = classify(keys[i], r.entry, right, keys, res)
                by_class[cls] += 1
                rel = relation(t.text, r.entry, right)
                by_relation[rel] += 1
                examples.setdefault(cls, Counter())[t.text] += 1
                examples.setdefault(rel, Counter())[t.text] += 1
        print(f"\n{corpus} tuning half: {sum(by_class.values())} ranking misses: {dict(sorted(by_class.items()))}")
        print(f"  by relation: {dict(sorted(by_relation.items()))}")
        for cls, names in sorted(examples.items()):
            if show:
                print(f"  {cls}: {', '.join(f'{k} ×{v}' for k, v in names.most_common(show))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print up to N span texts per class")
    analyse(parser.parse_args().show)


if __name__ == "__main__":
    main()
