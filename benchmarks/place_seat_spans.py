"""The "seat" class of issue 14: a city against the administrative area named after it (TUNING halves only).

Run (from the repository root; needs ../shared/data):

    OMP_NUM_THREADS=1 python benchmarks/place_seat_spans.py [--show N] [--fakes RECORDS.jsonl]

Every located gold span of the first (tuning) half of GeoWebNews and LGL is resolved as
``scripts/train_place.py`` records it (the shipped model, the other gold spans as context, the
resolver's last context pass). A span enters when one of its candidates is an administrative area
(first- or second-level division, region) whose seat, a same-named populated place of its country
lying in it (``ranking.seat_of``: the gazetteer's structure, no names), is among the candidates too
("Damascus": the city and its district; "Moscow": the city and Moscow Oblast; "New York": the city
and the state). It is counted by corpus, by whether the words around the span name a kind of
division (``division word``: "Idlib province", "the province of Idlib", or the span itself says so),
by what the gold says (``gold city`` / ``gold area``: the gold GeoNames id is the seat's / the
area's; without an id, by which of the two lies within 161 km of the gold point: ``city only`` /
``area only`` / ``both near`` / ``neither``) and by what the model chose (``chose city`` /
``chose area`` / ``chose other``).

``--fakes RECORDS.jsonl`` (the ``--records`` file of ``benchmarks/fakes_places.py``: FA-KES
development rows only) also counts the FA-KES place records whose span has such a pair among its
gazetteer candidates, by the level of the record (4 city, 3 district, 2 province) and by whether a
division word stands next to it. Printed text stays on the terminal.

**The bar for ``ranking.SEAT_FEATURES = "on"``** (written 2026-12-06 02:36 UTC, before any fit or
cross-validation with it; ``python scripts/train_place.py --cv 5 --seat on``): it ships on only if
(1) 5-fold cross-validation by article (the script's folds, the pooled tuning halves): the mean
per-fold gain in ranking accuracy over main is > 0 and > the sample sd of the per-fold gains;
(2) out of fold neither corpus (GeoWebNews, LGL) loses right spans; (3) FA-KES development rows
(``benchmarks/fakes_places.py --sample 100 --seed 2026``): the issue's false places stay 0 and every
changed record, read in its sentence, is no new wrong place (a city moved to its own district or
province where the text names no division counts as wrong); (4) the written tests: "Damascus" in a
Syria report is the city; "the Damascus countryside province", "Moscow Oblast" are the areas. The
same bar holds for the seat features together with a refit of ``capital`` (``--capital-rivals``),
which must also keep FA-KES "Damascus" at the city. The check halves are read once, at the end, and
are no gate.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from common import script_module, shared_dir  # noqa: E402  (puts the repository's src on sys.path)

import sitrep.stages.place.ranking as ranking  # noqa: E402
from sitrep.stages.place.gazetteer import Entry, haversine_km  # noqa: E402
from sitrep.stages.place.normalize import mentions_admin_word  # noqa: E402
from sitrep.stages.place.ranking import read_model, seat_of  # noqa: E402
from sitrep.stages.place.resolver import Resolver, Span, admin_word_near  # noqa: E402
from sitrep.stages.place.scorer import KM  # noqa: E402


def seat_pairs(cands: list[Entry]) -> list[tuple[Entry, Entry]]:
    """(area, its seat) for every area among ``cands`` whose seat is among them too."""
    out = []
    for c in cands:
        seat = seat_of(c, cands)
        if seat is not None:
            out.append((c, seat))
    return out


def gold_side(pairs: list[tuple[Entry, Entry]], geonames_id: int | None, lat: float, lon: float) -> str:
    """What the gold says of a span with seat pairs (see the module docstring)."""
    areas = {a.geonames_id for a, _s in pairs if a.geonames_id is not None}
    seats = {s.geonames_id for _a, s in pairs if s.geonames_id is not None}
    if geonames_id is not None and geonames_id in seats:
        return "gold city"
    if geonames_id is not None and geonames_id in areas:
        return "gold area"
    city = any(haversine_km(s.lat, s.lon, lat, lon) <= KM for _a, s in pairs)
    area = any(haversine_km(a.lat, a.lon, lat, lon) <= KM for a, _s in pairs)
    return {(True, True): "both near", (True, False): "city only", (False, True): "area only",
            (False, False): "neither"}[(city, area)]


def chosen_side(pairs: list[tuple[Entry, Entry]], chosen: Entry) -> str:
    if any(chosen is s for _a, s in pairs):
        return "chose city"
    if any(chosen is a for a, _s in pairs):
        return "chose area"
    return "chose other"


def tune_counts(show: int) -> Counter[tuple[str, ...]]:
    train = script_module("train_place")
    model = read_model()
    resolver = Resolver(demonyms=True, contain_unknown="all", model=model)
    counts: Counter[tuple[str, ...]] = Counter()
    shown: Counter[tuple[str, ...]] = Counter()
    for art in train.tuning_halves():
        gold = [t for t in art.toponyms if t.located]
        resolver.record = []
        resolver.resolve(art.text, [Span(t.start, t.end, t.text) for t in gold])
        for i, cands, rows in resolver.record:
            pairs = seat_pairs(cands)
            if not rows or not pairs:
                continue
            g = gold[i]
            chosen = cands[max(range(len(rows)), key=lambda k: model.rank.score(rows[k]))]
            says = mentions_admin_word(g.text) or admin_word_near(art.text, g.start, g.end)
            key = (art.id.split(":", 1)[0], "division word" if says else "no division word",
                   gold_side(pairs, g.geonames_id, g.lat, g.lon),  # type: ignore[arg-type]
                   chosen_side(pairs, chosen))
            counts[key] += 1
            if shown[key] < show:
                shown[key] += 1
                a, s = pairs[0]
                print(f"  {' / '.join(key)}: {art.id} {g.text!r}: area {a.name} ({a.kind}, {a.country}) "
                      f"seat {s.name}; chose {chosen.name} ({chosen.kind}, {chosen.country})")
    return counts


def fakes_counts(records: Path, show: int) -> Counter[tuple[str, ...]]:
    from fakes_places import _row, development_docs  # benchmarks/

    texts = {_row(d.id): d.text for d in development_docs()}
    resolver = Resolver()
    counts: Counter[tuple[str, ...]] = Counter()
    shown: Counter[tuple[str, ...]] = Counter()
    for line in records.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        text = texts[r["row"]]
        span = text[r["start"]:r["end"]]
        pairs = seat_pairs(resolver.candidates(span))
        if not pairs:
            continue
        says = mentions_admin_word(span) or admin_word_near(text, r["start"], r["end"])
        key = ("FA-KES", "division word" if says else "no division word", f"level {r['level']}")
        counts[key] += 1
        if shown[key] < show:
            shown[key] += 1
            print(f"  {' / '.join(key)}: {r['row']} {r['start']}-{r['end']} {span!r} -> {r['name']}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print this many spans of each class")
    parser.add_argument("--fakes", type=Path, help="a --records file of benchmarks/fakes_places.py")
    args = parser.parse_args()
    shared_dir()
    ranking.SEAT_FEATURES = "off"  # the shipped model as it runs
    counts = tune_counts(args.show)
    if args.fakes:
        counts.update(fakes_counts(args.fakes, args.show))
    print("corpus / text / gold / model: spans")
    for key in sorted(counts):
        print(f"{' / '.join(key)}: {counts[key]}")


if __name__ == "__main__":
    main()
