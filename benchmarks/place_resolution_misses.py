"""Every gold span resolved more than 161 km off, by class (TUNING halves only).

Run (from the repository root; needs ../shared/data/geo):

    OMP_NUM_THREADS=1 python benchmarks/place_resolution_misses.py [--show N] [--json F]

Each located gold span of the first (tuning) half of GeoWebNews and LGL is resolved as
``benchmarks/geo_bench.py`` resolves it (the place stage's resolver on the shipped gazetteer and
model, the other gold spans as context, ``contain_unknown="all"``). A *miss* is a span whose
resolution is None or lies farther than 161 km from the gold point (what acc@161 counts wrong).
Each miss gets one class (first match, in this order):

- ``right entity, point off``: the span resolved to the gold GeoNames feature itself (same id), but
  the gazetteer's point for it lies more than 161 km from the gold point (a country or a large
  province whose point is not GeoNames' own);
- ``demonym``: the span is an adjective of place or a demonym ("Syrian": ``Gazetteer.demonym``)
  that is no place name itself;
- ``coverage: no candidate``: the gazetteer has no entry for the name, not even by a weak
  lookup (transliteration, small places' alternate names) or inside a longer name; the span fell
  back to a container (``contained``) or stayed unresolved;
- ``coverage: namesakes only``: the name has candidates, none within 161 km of the gold point;
- ``rule removed the right``: a candidate within 161 km existed, a rule took it out before the
  model decided (the province named like its city, a qualifier, "X district of Y", the fuzzy
  distance guard);
- ``rule chose``: the explicit US-state-over-country rule decided (no model rows);
- ``contained``: a right candidate existed but the span was placed at its container;
- ``ranked below``: the learned ranking model put a wrong candidate first while a right one was
  among the candidates. These are split further by what the winning candidate *is* to the right
  one (``relation``, as ``place_ranking_misses.py``) and by which block of features gave the
  winner its margin (``what wins``: the largest block of the weighted feature difference winner -
  best right candidate; blocks in ``BLOCKS``) and by the side the document's evidence takes
  (``document``: the document blocks together favour the right one, the winner, or neither).

For the coverage classes, the gold entry is looked up by its GeoNames id in the gazetteer (present
under another name, or absent), and LGL's own gold feature class / code (``fclass``/``fcode``) and
the gazetteer population of the gold entry (when present) are counted.

``--split heldout`` is not offered: the method reads misses on the tuning halves only.
"""

from __future__ import annotations

import argparse
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from common import by_geonames_id, shared_dir  # noqa: E402  (puts the repository's src on sys.path)
from place_ranking_misses import relation  # noqa: E402

from sitrep.stages.place.gazetteer import Entry, Gazetteer, haversine_km, load_gazetteer  # noqa: E402
from sitrep.stages.place.normalize import fold  # noqa: E402
from sitrep.stages.place.ranking import CANDIDATE_FEATURES  # noqa: E402
from sitrep.stages.place.resolver import Resolver, Span  # noqa: E402
from sitrep.stages.place.scorer import KM, load_corpus, located_spans  # noqa: E402

#: the ranking features grouped by the kind of evidence they carry (``what wins``)
BLOCKS: dict[str, tuple[str, ...]] = {
    "prior: kind and population": ("kind_country", "kind_continent", "kind_admin1", "kind_admin2", "kind_city",
                                   "kind_region", "logpop_country", "logpop_admin1", "logpop_admin2",
                                   "logpop_city", "pop_1m", "pop_100k", "type_prior", "names",
                                   "curated_city", "curated_prior"),
    "prior: capital": ("capital",),
    "name": ("same_name", "admin_word_admin", "country_alias", "fuzzy"),
    "qualifier": ("qualifier_contains", "qualifier_conflict"),
    "document: country": ("ctx_country_gated", "dateline_country", "abroad_minor", "abroad_major", "top_country"),
    "document: province": ("ctx_admin1", "shared_admin1"),
    "document: distance": ("near_local", "near50", "near150", "near400"),
    "prior: gap to a famous namesake": ("rival_gap",),
    "rival features": ("rival_major_admin1", "rival_major_near", "rival_foreign_share",
                       "rival_country_named"),
}
_BLOCK_OF = {f: b for b, fs in BLOCKS.items() for f in fs}
assert set(_BLOCK_OF) == set(CANDIDATE_FEATURES), "every ranking feature belongs to one block"


def lgl_feature_classes(path: Path) -> dict[tuple[str, int, int], str]:
    """(docid, start, end) -> the gold GeoNames "fclass.fcode" of LGL's toponyms."""
    out: dict[tuple[str, int, int], str] = {}
    for art in ET.parse(path).getroot().findall("article"):
        for t in art.find("toponyms") or []:
            gaz = t.find("gaztag")
            if gaz is not None:
                key = (art.get("docid", ""), int(t.findtext("start") or 0), int(t.findtext("end") or 0))
                out[key] = f"{gaz.findtext('fclass') or '?'}.{gaz.findtext('fcode') or '?'}"
    return out


def block_margins(weights: list[float], chosen: list[float], right: list[float]) -> Counter[str]:
    """Per feature block, the weighted difference winner - right candidate."""
    by_block: Counter[str] = Counter()
    for name, w, a, b in zip(CANDIDATE_FEATURES, weights, chosen, right, strict=True):
        by_block[_BLOCK_OF[name]] += w * (a - b)
    return by_block


def what_wins(weights: list[float], chosen: list[float], right: list[float]) -> str:
    """The feature block that contributes most to the winner's score over the right candidate's."""
    return max(block_margins(weights, chosen, right).items(), key=lambda kv: (kv[1], kv[0]))[0]


#: the blocks that read the document (the rest read the candidate and the span's own text)
DOCUMENT_BLOCKS = ("document: country", "document: province", "document: distance", "rival features")


def document_side(weights: list[float], chosen: list[float], right: list[float]) -> str:
    """Which side the document's evidence (``DOCUMENT_BLOCKS`` together) takes: ``for the right one``,
    ``for the winner`` or ``none`` (it adds nothing to either side)."""
    margins = block_margins(weights, chosen, right)
    total = sum(margins[b] for b in DOCUMENT_BLOCKS)
    if abs(total) < 1e-9:
        return "none"
    return "for the winner" if total > 0 else "for the right one"


def population_band(population: int) -> str:
    for floor, label in ((1_000_000, ">=1M"), (100_000, "100k-1M"), (10_000, "10k-100k"), (2_000, "2k-10k"),
                         (1, "1-2k")):
        if population >= floor:
            return label
    return "0/unknown"


def coverage_detail(gaz: Gazetteer, geonames_id: int | None, fclass: str | None) -> str:
    """The gold entry in the gazetteer by id: ``in gazetteer <kind> <band>`` or ``absent <fclass>``."""
    entry = by_geonames_id(gaz, geonames_id) if geonames_id else None
    if entry is not None:
        return f"in gazetteer under another name: {entry.kind} {population_band(entry.population)}"
    return f"absent: {fclass or 'no feature class given'}"


def classify_article(resolver: Resolver, gaz: Gazetteer, art: Any, fclasses: dict[tuple[str, int, int], str],
                     corpus: str) -> list[dict[str, Any]]:
    """The misses of one article, one dict per miss."""
    gold = located_spans(art)
    resolver.record = []
    res = resolver.resolve(art.text, [Span(t.start, t.end, t.text) for t in gold])
    decided = {i: (cands, rows) for i, cands, rows in resolver.record if rows}
    weights = resolver.model.rank.weights
    out = []
    for i, (t, r) in enumerate(zip(gold, res, strict=True)):
        assert t.lat is not None and t.lon is not None
        if r.entry is not None and haversine_km(r.entry.lat, r.entry.lon, t.lat, t.lon) <= KM:
            continue
        fclass = fclasses.get((art.id, t.start, t.end)) if corpus == "LGL" else None
        miss: dict[str, Any] = {"corpus": corpus, "article": art.id, "start": t.start, "end": t.end,
                                "text": t.text, "chosen": r.entry.name if r.entry else None,
                                "chosen_country": r.entry.country if r.entry else None,
                                "chosen_admin1": r.entry.admin1_code if r.entry else None,
                                "km": round(haversine_km(r.entry.lat, r.entry.lon, t.lat, t.lon)) if r.entry else None,
                                "contained": r.contained, "fclass": fclass}

        def near(e: Entry, lat: float = t.lat, lon: float = t.lon) -> bool:
            return haversine_km(e.lat, e.lon, lat, lon) <= KM

        found = resolver.candidates(t.text)
        every = [*found, *resolver.weak_candidates(t.text), *resolver.embedded_candidates(t.text)]
        if r.entry is not None and t.geonames_id is not None and r.entry.geonames_id == t.geonames_id:
            miss["class"] = "right entity, point off"
            miss["detail"] = f"{r.entry.kind} {population_band(r.entry.population)}"
        elif gaz.demonym(t.text) is not None and not any(fold(e.name) == fold(t.text) for e in found):
            miss["class"] = "demonym"
        elif not every:
            miss["class"] = "coverage: no candidate"
            miss["detail"] = coverage_detail(gaz, t.geonames_id, fclass)
        elif not any(near(e) for e in every):
            miss["class"] = "coverage: namesakes only"
            miss["detail"] = coverage_detail(gaz, t.geonames_id, fclass)
        elif i in decided and any(near(e) for e in decided[i][0]) and not r.contained:
            cands, rows = decided[i]
            right = [j for j, e in enumerate(cands) if near(e)]
            chosen = next(j for j, e in enumerate(cands) if e is r.entry)
            best_right = max(right, key=lambda j: resolver.model.rank.score(rows[j]))
            miss["class"] = "ranked below"
            miss["relation"] = relation(t.text, r.entry, [cands[j] for j in right])  # type: ignore[arg-type]
            miss["what_wins"] = what_wins(weights, rows[chosen], rows[best_right])
            miss["document"] = document_side(weights, rows[chosen], rows[best_right])
            miss["right"] = f"{cands[best_right].name}, {cands[best_right].country}"
            miss["margin"] = round(resolver.model.rank.score(rows[chosen]) - resolver.model.rank.score(rows[best_right]), 2)
        elif r.contained:
            miss["class"] = "contained"
        elif i not in decided and found and r.entry is not None:
            miss["class"] = "rule chose"
        else:
            miss["class"] = "rule removed the right"
        out.append(miss)
    return out


def analyse(show: int) -> dict[str, Any]:
    gaz = load_gazetteer()
    resolver = Resolver(gaz, demonyms=True, contain_unknown="all")
    geo = shared_dir() / "geo"
    report: dict[str, Any] = {}
    for corpus, path in {"GeoWebNews": geo / "GWN.xml", "LGL": geo / "lgl.xml"}.items():
        fclasses = lgl_feature_classes(path) if corpus == "LGL" else {}
        articles = load_corpus(path, gaz)
        tune = articles[: len(articles) // 2]
        misses = [m for art in tune for m in classify_article(resolver, gaz, art, fclasses, corpus)]
        n = sum(len(located_spans(a)) for a in tune)
        classes = Counter(m["class"] for m in misses)
        print(f"\n{corpus} tuning half: {n} located gold spans, {len(misses)} resolved > 161 km off or unresolved "
              f"(acc@161 {1 - len(misses) / n:.4f})")
        for cls, k in classes.most_common():
            print(f"  {cls}: {k}")
            sub = [m for m in misses if m["class"] == cls]
            for key in ("detail", "relation", "what_wins", "document"):
                counts = Counter(m[key] for m in sub if key in m)
                if counts:
                    print(f"    by {key}: {dict(counts.most_common())}")
            if show:
                names = Counter(m["text"] for m in sub)
                print(f"    e.g. {', '.join(f'{k} ×{v}' for k, v in names.most_common(show))}")
        report[corpus] = {"spans": n, "misses": misses, "classes": dict(classes)}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print up to N span texts per class")
    parser.add_argument("--json", type=Path, help="write every miss (no article text) to this file")
    args = parser.parse_args()
    report = analyse(args.show)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
