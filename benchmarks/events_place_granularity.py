"""How much of the event-place gap is granularity? (issue 13, branch ``place1``) — measurement only.

For each matched event of a set (``article_scorer.match_events``), the place outcome is one of:

* ``right``: the scorer's rule (``article_scorer.place_right``: overlapping spans or a word-prefix
  name; both sides without a place is right);
* ``one null``: one side has a place, the other none;
* ``contained``: not right, but one place lies inside the other (or both are the same gazetteer
  entry under other names): both toponyms resolved with the place stage's own ``Resolver``, and
  the finer one inside the coarser one (``inside``);
* ``unresolved``: not right, and one of the two toponyms does not resolve;
* ``different``: both resolve, neither lies inside the other.

How a toponym is resolved (``Placer``): the place stage's ``Resolver`` on the toponym alone, read
in its document (so the sentence's own qualifiers count: "X district of Aleppo", "Alexandria, Va."),
with demonyms on (as for given gold spans) and no fall-back to the document's focus for an unknown
name (``contain_unknown="facilities"``, the stage's setting). The toponym is resolved alone, not
with the document's other toponyms, so that the two coders' places are resolved the same way as
sitrep's and a side's resolution does not depend on what sitrep found elsewhere in the article; a
sitrep place without offsets is resolved from its name. Containment is read off the gazetteer's
admin hierarchy as the resolver reads it (``Resolver.inside``: same country for a country, same
first-level code for a province or region, within ``PART_OF_KM`` of a town or district) and only
from a strictly finer level to a coarser one: two towns are never inside each other.

A second reading, ``in_context``, added after the first tune run (whose ``unresolved`` class was 12 %
of the matched events, mostly small towns and quarters that the resolver reads only beside the
document's other places: a transliteration or an alternate name must lie near them): each toponym is
resolved together with the toponyms the place stage found in its document (sitrep's ``places`` of the
same article, for the coders' sides too), the toponym's own entry read off. A third, ``placed``, added
after the second run (the coders' unresolved pairs are all a quarter or village the gazetteer lacks
against its city or province): in context, and a name the gazetteer lacks placed where the resolver
places given gold spans it does not know (``contain_unknown="all"``: a place resolved in the same
phrase, else the nearest one before it in its paragraph, else the document's focus) — an upper
reading, since that placing is the stage's guess. All three are reported.

Sets: ``tune`` (sitrep against the gold's tune half), ``second`` (the 24 second-coded articles of
``inter_coder_events``: B against A and sitrep against A, both samples as strata), ``check`` (the
check half, read once for the report: ``--check``). For each: counts per class, the scorer's place
figure (right / matched), "right or contained", each class's share, and 95 % intervals from a
seeded article bootstrap (2,000 draws, seed 13). ``--show`` prints the tune set's ``different``
and ``one null`` outcomes with their sentences for reading.

Usage: ``SITREP_SHARED=/path/to/shared OMP_NUM_THREADS=1 python benchmarks/events_place_granularity.py
[--check] [--show] [--json FILE]``.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import inter_coder_events as ice
from common import fakes_csv  # noqa: E402  (puts the repository's src on sys.path)

from sitrep.records import Analysis, EventPlace, Place  # noqa: E402
from sitrep.stages.events.article_scorer import (  # noqa: E402
    GoldArticle,
    GoldPlace,
    match_events,
    place_right,
    read_article_gold,
    read_texts,
    score_articles,
)
from sitrep.stages.place.gazetteer import Entry, haversine_km  # noqa: E402
from sitrep.stages.place.resolver import Resolver, Span  # noqa: E402

CLASSES = ("right", "contained", "one null", "unresolved", "different")
SEED = 13
DRAWS = 2000


@dataclass(frozen=True, slots=True)
class Outcome:
    """One matched event's place outcome: its class, how (for ``contained``: which side is finer),
    both toponyms as written, and where the gold event's sentence is."""

    document: str
    kind: str
    how: str
    gold: str | None
    predicted: str | None
    sentence: tuple[int, int]


class Placer:
    """Resolves a toponym with the place stage's ``Resolver`` (see the module's note), memoised.
    ``in_context``: resolve it together with the toponyms the place stage found in its document
    (``use``), the second reading (added after the first tune run); else alone (the first)."""

    def __init__(self, resolver: Resolver | None = None, in_context: bool = False) -> None:
        self.resolver = resolver or Resolver(contain_unknown="facilities")
        self.in_context = in_context
        self.document = ""
        self.spans: list[Span] = []
        self._seen: dict[tuple[str, str, int, int, str], Entry | None] = {}

    def use(self, document: str, text: str, places: Sequence[Place]) -> None:
        """The document the next toponyms are in, and its toponyms as the place stage found them."""
        self.document = document
        self.spans = ([Span(p.start, p.end, p.text) for p in places if text[p.start:p.end] == p.text]
                      if self.in_context else [])

    def entry(self, text: str, name: str, start: int | None, end: int | None) -> Entry | None:
        context = self.spans
        if start is None or end is None or text[start:end].strip() == "":
            text, start, end, context = name, 0, len(name), []
        key = (self.document if context else "", text[max(0, start - 200):end + 200], start, end, text[start:end])
        if key not in self._seen:
            spans = [s for s in context if (s.start, s.end) != (start, end)] + [Span(start, end, text[start:end])]
            found = self.resolver.resolve(text, spans)
            self._seen[key] = found[-1].entry if found else None
        return self._seen[key]


def same_place(a: Entry, b: Entry) -> bool:
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    return a.name == b.name and a.level == b.level and a.country == b.country


def inside(inner: Entry, outer: Entry) -> bool:
    """Does ``inner`` lie in ``outer`` (a strictly finer level, within it as the resolver reads it)?"""
    return inner.level > outer.level and Resolver.inside(inner, [outer])


def containment(gold: Entry, predicted: Entry) -> str | None:
    """``same``, ``gold finer``, ``predicted finer``, or None when neither lies inside the other."""
    if same_place(gold, predicted):
        return "same"
    if inside(gold, predicted):
        return "gold finer"
    if inside(predicted, gold):
        return "predicted finer"
    return None


def classify(predicted: EventPlace | None, gold: GoldPlace | None, text: str, placer: Placer) -> tuple[str, str]:
    """(class, how) of one matched event's place."""
    if place_right(predicted, gold):
        return "right", ""
    if predicted is None or gold is None:
        return "one null", "gold none" if gold is None else "predicted none"
    g = placer.entry(text, gold.text, gold.start, gold.end)
    p = placer.entry(text, predicted.text or predicted.name, predicted.start, predicted.end)
    if g is None or p is None:
        return "unresolved", "both" if g is None and p is None else "gold" if g is None else "predicted"
    how = containment(g, p)
    if how is not None:
        return "contained", how
    return "different", different_kind(g, p)


#: a "different" pair of one level in one first-level division at most this far apart is reported as a
#: sub-kind (the gazetteer stores many neighbourhoods as towns: Harlem and New York City are both level 4);
#: fixed before any FA-KES outcome was read, and not counted as contained
NEAR_KM = 10.0


def different_kind(g: Entry, p: Entry) -> str:
    """The level pair of a ``different`` outcome (gold/predicted), and where the two lie."""
    levels = f"{LEVELS.get(g.level, '?')}/{LEVELS.get(p.level, '?')}"
    if g.country != p.country:
        return levels + " other country"
    if not (g.admin1_code and g.admin1_code == p.admin1_code):
        return levels + " same country"
    if g.level == p.level and haversine_km(g.lat, g.lon, p.lat, p.lon) <= NEAR_KM:
        return levels + f" same province, within {NEAR_KM:g} km"
    return levels + " same province"


LEVELS = {1: "country", 2: "region", 3: "district", 4: "city", 5: "sub-city"}


def outcomes(gold: Sequence[GoldArticle], predicted: Sequence[Analysis], texts: Sequence[str],
             placer: Placer, context: Sequence[Analysis]) -> list[list[Outcome]]:
    """Per article, the outcome of each matched event (``context``: sitrep's analyses of the same
    articles, whose toponyms the in-context reading resolves with)."""
    out = []
    for art, an, text, ctx in zip(gold, predicted, texts, context, strict=True):
        placer.use(art.document, text, ctx.places)
        rows = []
        for g, p in match_events(art.events, an.events):
            kind, how = classify(p.place, g.place, text, placer)
            rows.append(Outcome(art.document, kind, how, g.place.text if g.place else None,
                                (p.place.text or p.place.name) if p.place else None, g.sentence))
        out.append(rows)
    return out


def shares(articles: Sequence[Sequence[Outcome]]) -> dict[str, float]:
    """Each class's share of the matched events, the scorer's figure and "right or contained"."""
    tally = Counter(o.kind for rows in articles for o in rows)
    n = sum(tally.values())
    out = {k: round(tally[k] / n, 4) if n else 0.0 for k in CLASSES}
    out["right_or_contained"] = round((tally["right"] + tally["contained"]) / n, 4) if n else 0.0
    return out


def bootstrap(strata: Sequence[Sequence[Sequence[Outcome]]], seed: int = SEED,
              draws: int = DRAWS) -> dict[str, list[float]]:
    """95 % percentile intervals of ``shares``, resampling articles with replacement within each stratum."""
    rng = random.Random(seed)
    values: dict[str, list[float]] = {}
    for _ in range(draws):
        pick: list[Sequence[Outcome]] = []
        for stratum in strata:
            pick += [stratum[rng.randrange(len(stratum))] for _ in range(len(stratum))]
        for k, v in shares(pick).items():
            values.setdefault(k, []).append(v)
    return ice.percentile_bounds(values)


def report(strata: Sequence[Sequence[Sequence[Outcome]]], gold: Sequence[GoldArticle],
           predicted: Sequence[Analysis]) -> dict[str, Any]:
    """Counts, shares and intervals of one pairing; the scorer's own place figure beside them (which
    the ``right`` share must equal: the classes start from the scorer's rule)."""
    flat = [rows for stratum in strata for rows in stratum]
    scorer = score_articles(gold, predicted)["all"]["place_accuracy"]
    result: dict[str, Any] = {
        "articles": len(flat), "matched": sum(len(r) for r in flat),
        "counts": {k: sum(o.kind == k for r in flat for o in r) for k in CLASSES},
        "how": dict(Counter(f"{o.kind}: {o.how}" for r in flat for o in r if o.kind != "right").most_common()),
        "scorer_place": scorer, "shares": shares(flat), "interval": bootstrap(strata)}
    if abs(result["shares"]["right"] - scorer) > 1e-3:
        raise SystemExit(f"the right share {result['shares']['right']} is not the scorer's {scorer}")
    return result


def half(split: str, placers: dict[str, Placer], show: bool = False) -> tuple[dict[str, Any], dict[str, Analysis]]:
    """sitrep against one half of the gold, in each reading; also sitrep's analyses by document."""
    articles = read_article_gold(ice.GOLD, split=split)
    texts = read_texts(articles, fakes_csv())
    run = ice.sitrep_analyses(articles, texts)
    out = {}
    for reading, placer in placers.items():
        rows = outcomes(articles, run, texts, placer, run)
        if show:
            _show(reading, rows, texts)
        out[reading] = report([rows], articles, run)
    return out, {a.document: r for a, r in zip(articles, run, strict=True)}


def _show(reading: str, rows: Sequence[Sequence[Outcome]], texts: Sequence[str]) -> None:
    for rows_, text in zip(rows, texts, strict=True):
        for o in rows_:
            if o.kind in ("different", "one null", "unresolved"):
                print(f"{reading}: {o.kind} [{o.how}] {o.document} G={o.gold!r} S={o.predicted!r}\n"
                      f"    {' '.join(text[o.sentence[0]:o.sentence[1]].split())[:300]!r}")


def second(placers: dict[str, Placer], run: dict[str, Analysis]) -> dict[str, Any]:
    """B against A and sitrep against A on the 24 second-coded articles (two strata: agree1's, agree5's)."""
    samples = [ice.load_sample(ice.draw(), ice.SECOND), ice.load_sample(ice.draw_unnamed(), ice.SECOND_UNNAMED)]
    out: dict[str, Any] = {"documents": [d.document for c in samples for d in c.drawn]}
    for reading, placer in placers.items():
        out[reading] = {}
        for name, predicted_of in (("B_vs_A", lambda c: c.as_b),
                                   ("sitrep_vs_A", lambda c: [run[a.document] for a in c.coder_a])):
            strata = [outcomes(c.coder_a, predicted_of(c), c.texts, placer, [run[a.document] for a in c.coder_a])
                      for c in samples]
            out[reading][name] = report(strata, [a for c in samples for a in c.coder_a],
                                        [p for c in samples for p in predicted_of(c)])
    return out


def _print(name: str, r: dict[str, Any]) -> None:
    s, ci = r["shares"], r["interval"]
    print(f"\n[{name}] {r['articles']} articles, {r['matched']} matched events")
    print(f"  scorer's place {r['scorer_place']}  right or contained {s['right_or_contained']} "
          f"{ci['right_or_contained']}")
    for k in CLASSES:
        print(f"  {k:<11}{r['counts'][k]:5d}  {s[k]:.4f} {ci[k]}")
    for k, n in r["how"].items():
        print(f"    {n:4d}  {k}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="the check half only (read once, for the report)")
    parser.add_argument("--show", action="store_true", help="print the tune half's non-right, non-contained outcomes")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    resolver = Resolver(contain_unknown="facilities")
    placers = {"alone": Placer(resolver), "in_context": Placer(resolver, in_context=True),
               "placed": Placer(Resolver(contain_unknown="all"), in_context=True)}
    result: dict[str, Any] = {"seed": SEED, "draws": DRAWS}
    if args.check:
        result["check"], _ = half("check", placers)
    else:
        result["tune"], run = half("tune", placers, args.show)
        result["second"] = second(placers, run)
    for reading in placers:
        for name in ("tune", "check"):
            if name in result:
                _print(f"{reading}: sitrep vs gold, {name}", result[name][reading])
        if "second" in result:
            _print(f"{reading}: second-coded 24, B vs A", result["second"][reading]["B_vs_A"])
            _print(f"{reading}: second-coded 24, sitrep vs A", result["second"][reading]["sitrep_vs_A"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
