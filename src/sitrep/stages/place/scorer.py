"""``sitrep eval geo FILE.xml``: geoparsing scores on GeoWebNews or LGL XML.

Both formats are read (detected from the first article's markup):

- GeoWebNews (Gritta et al. 2019): ``<article file>`` with ``<text>`` and
  ``<toponym>`` elements carrying ``type``, ``modifierType``, ``start``/``end``,
  ``geonamesID``, ``latitude``/``longitude``;
- LGL (Lieberman et al. 2010): ``<article docid>`` with ``<text>``, ``<dltime>``
  and ``<toponym>`` elements carrying ``start``/``end``/``phrase`` and a
  ``gaztag`` (GeoNames id, lat, lon) when resolved.

Metrics (returned keys):

``acc161``
    Given the gold spans: share of gold toponyms that have coordinates whose
    resolution (each span resolved in its article, with the other gold spans as
    context, by a resolver on the place stage's gazetteer) lies within 161 km of the gold
    point. An unresolved span counts as wrong. ``n`` is their number. Two
    resolver settings differ from the stage's: adjectives of place ("Syrian")
    resolve to their place, and a span the gazetteer lacks (a street, a river)
    falls back to its container, the town of its own phrase or else the document's
    main city (the stage does this only for facilities), since a gold span is known
    to be a toponym.
``exact_accuracy``
    Same spans, restricted to those with a gold GeoNames id: share resolved to
    exactly that id.
``e2e_precision``, ``e2e_recall``, ``e2e_f1``
    From raw text: each article goes through ingest and the pipeline the place
    stage needs (parse, actors, place), by the evaluation runner. Gold toponyms are
    sorted into *required* (has coordinates: literal and associative toponyms,
    metonyms included, as the GWN pragmatic guide asks), *optional* (GWN
    adjectival modifiers such as "Syrian" in "Syrian forces" and toponyms
    embedded in an organisation's name, which sitrep deliberately does not
    report as places; LGL toponyms without coordinates, and LGL adjectives of
    place, i.e. phrases that are a demonym in sitrep's tables and not the name
    of a place such as "Georgian"), *negative* (GWN
    Demonym, Language, Homonym and Non_Toponym: not places) and *neutral* (GWN
    expression spans and other coordinate-less annotations). Each system place
    is matched to an unmatched *required* gold toponym whose span overlaps it:
    a true positive when it lies within 161 km of the gold point, else a false
    positive (and the gold stays missed unless another place hits it). A
    system place overlapping no required toponym but an optional or neutral
    one is not counted; otherwise it is a false positive. Recall = matched
    required / all required.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from ...errors import EvalError
from ...records import Place
from ...scoring import f1
from .gazetteer import Gazetteer, haversine_km
from .normalize import fold

Role = Literal["required", "optional", "negative", "neutral"]
KM = 161.0
_GWN_NEGATIVE = {"Demonym", "Language", "Homonym", "Non_Toponym"}
_GWN_EMBEDDED = {"Embedded_Literal", "Embedded_Non_Lit"}


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    role: Role
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(slots=True)
class GoldArticle:
    id: str
    text: str
    published: str | None = None
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _gwn_article(el: ET.Element) -> GoldArticle:
    art = GoldArticle(id=el.get("file", ""), text=el.findtext("text") or "")
    for t in el.find("toponyms") or []:
        lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
        kind = t.findtext("type") or ""
        role: Role
        if lat is not None and lon is not None:
            role = "optional" if (t.findtext("modifierType") == "Adjective" or kind in _GWN_EMBEDDED) else "required"
        else:
            role = "negative" if kind in _GWN_NEGATIVE else "neutral"
        start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
        art.toponyms.append(GoldToponym(start, end, art.text[start:end], role, lat, lon, _int(t.findtext("geonamesID"))))
    return art


def _lgl_article(el: ET.Element) -> GoldArticle:
    published = (el.findtext("dltime") or "")[:10] or None
    art = GoldArticle(id=el.get("docid", ""), text=el.findtext("text") or "", published=published)
    for t in el.find("toponyms") or []:
        gaz = t.find("gaztag")
        lat = _float(gaz.findtext("lat")) if gaz is not None else None
        lon = _float(gaz.findtext("lon")) if gaz is not None else None
        geonames_id = _int(gaz.get("geonameid")) if gaz is not None else None
        start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
        role: Role = "required" if lat is not None and lon is not None else "optional"
        art.toponyms.append(GoldToponym(start, end, art.text[start:end], role, lat, lon, geonames_id))
    return art


def lgl_adjectives_optional(articles: list[GoldArticle], gaz: Gazetteer) -> list[GoldArticle]:
    """LGL annotates adjectives of place ("Georgian", "Sudanese") as toponyms; like GWN's
    adjectival modifiers they are optional end to end (resolved in the gold-span scores).
    Which phrases are adjectives of place is read from ``gaz`` (the stage's gazetteer)."""
    for art in articles:
        for t in art.toponyms:
            if t.role == "required" and gaz.demonym(t.text) is not None and not any(
                fold(e.name) == fold(t.text) for e in gaz.lookup(t.text)
            ):
                t.role = "optional"
    return articles


def load_corpus(path: Path, gazetteer: Gazetteer | None = None) -> list[GoldArticle]:
    """Read a GeoWebNews or LGL XML file (format detected from its markup), in file order.

    LGL adjectives of place become optional (see :func:`lgl_adjectives_optional`), read
    from ``gazetteer`` (default: the shipped one, loaded once per process)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvalError(f"Cannot read {path} as GeoWebNews/LGL XML: {exc}.") from exc
    articles = root.findall("article")
    if not articles:
        raise EvalError(f"{path} has no <article> elements; expected GeoWebNews or LGL XML.")
    first = articles[0]
    if first.find("toponyms/toponym/gaztag") is not None or first.get("docid") is not None:
        if gazetteer is None:
            from .gazetteer import load_gazetteer

            gazetteer = load_gazetteer()
        return lgl_adjectives_optional([_lgl_article(a) for a in articles], gazetteer)
    if first.get("file") is not None or first.find("toponyms/toponym/extractedName") is not None:
        return [_gwn_article(a) for a in articles]
    raise EvalError(f"{path}: unknown geo XML flavour (neither GeoWebNews nor LGL markup).")


# ------------------------------------------------------------------ gold spans
@dataclass(slots=True)
class SpanScores:
    n: int = 0
    hits161: int = 0
    n_exact: int = 0
    exact: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # article, gold text, predicted name

    def as_dict(self) -> dict[str, Any]:
        return {
            "acc161": round(self.hits161 / self.n, 4) if self.n else 0.0,
            "exact_accuracy": round(self.exact / self.n_exact, 4) if self.n_exact else 0.0,
            "n": self.n,
        }


class Located(Protocol):
    """A resolved gold span: a gazetteer entry or anything with its point and id."""

    name: str
    lat: float
    lon: float
    geonames_id: int | None


def located_spans(article: GoldArticle) -> list[GoldToponym]:
    """The gold toponyms with coordinates, in order: what the gold-span scores count."""
    return [t for t in article.toponyms if t.located]


def score_gold_spans(articles: Iterable[GoldArticle],
                     resolved: Iterable[Sequence[Located | None]]) -> SpanScores:
    """Accuracy within 161 km and exact id of the resolutions of every located gold span
    (``resolved``: per article, one entry or None per :func:`located_spans` item)."""
    scores = SpanScores()
    for art, entries in zip(articles, resolved, strict=True):
        gold = located_spans(art)
        for g, entry in zip(gold, entries, strict=True):
            scores.n += 1
            hit = entry is not None and haversine_km(entry.lat, entry.lon, g.lat, g.lon) <= KM  # type: ignore[arg-type]
            scores.hits161 += hit
            if g.geonames_id is not None:
                scores.n_exact += 1
                scores.exact += entry is not None and entry.geonames_id == g.geonames_id
            if not hit:
                scores.misses.append((art.id, g.text, entry.name if entry else "-"))
    return scores


# ------------------------------------------------------------------ end to end
@dataclass(slots=True)
class PointPrediction:
    """A system toponym from raw text: span plus point (None when unresolved)."""

    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class E2EScores:
    tp: int = 0
    fp: int = 0
    required: int = 0
    matched: int = 0

    def as_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.matched / self.required if self.required else 0.0
        f = f1(p, r)  # precision counts system places, recall counts required gold toponyms
        return {"e2e_precision": round(p, 4), "e2e_recall": round(r, 4), "e2e_f1": round(f, 4)}


def score_e2e(article: GoldArticle, predictions: Sequence[PointPrediction], scores: E2EScores) -> None:
    """Add one article's end-to-end counts to ``scores`` (matching rules in the module docstring)."""
    required = [t for t in article.toponyms if t.role == "required"]
    scores.required += len(required)
    matched: set[int] = set()
    for p in sorted(predictions, key=lambda p: p.start):
        overlapping = [t for t in article.toponyms if t.start < p.end and p.start < t.end]
        open_required = [i for i, t in enumerate(required) if i not in matched and t.start < p.end and p.start < t.end]
        if open_required:
            hit = next(
                (i for i in open_required if p.lat is not None
                 and haversine_km(p.lat, p.lon, required[i].lat, required[i].lon) <= KM),  # type: ignore[arg-type]
                None,
            )
            if hit is None:
                scores.fp += 1
            else:
                matched.add(hit)
                scores.tp += 1
        elif any(t.role == "required" for t in overlapping):
            scores.fp += 1  # a second system place on an already matched toponym
        elif any(t.role in ("optional", "neutral") for t in overlapping):
            continue
        else:
            scores.fp += 1
    scores.matched += len(matched)


def point_predictions(places: Sequence[Place]) -> list[PointPrediction]:
    """The place stage's records as end-to-end predictions."""
    return [PointPrediction(p.start, p.end, p.lat, p.lon) for p in places]


def score(articles: Sequence[GoldArticle], resolved: Sequence[Sequence[Located | None]],
          predictions: Sequence[Sequence[PointPrediction]]) -> dict[str, Any]:
    """Gold-span accuracy of ``resolved`` and end-to-end P/R/F1 of ``predictions`` (both one
    list per article, in order)."""
    result = score_gold_spans(articles, resolved).as_dict()
    e2e = E2EScores()
    for article, predicted in zip(articles, predictions, strict=True):
        score_e2e(article, predicted, e2e)
    return {**result, **e2e.as_dict()}
