"""The place stage's learned decisions: candidate ranking, acceptance, toponym-or-not.

Every decision weight lives in ``data/place_model.json``, written by
``scripts/train_place.py`` (``make models``) from training data only (the
tuning halves of GeoWebNews and LGL, and hand-labelled spans of FA-KES
development rows); nothing here is an inline number. The file records, for
each model, the feature names, the fitted weights, the data it was fitted on
and the date.

Three small linear models:

``rank``
    scores each gazetteer candidate of a span; the highest score wins. Features
    (``CANDIDATE_FEATURES``): kind and population of the candidate, whether the
    span spells its primary name, the qualifier after the span ("Homs, Syria"),
    the document's evidence (countries and provinces its other places resolve
    to, its dateline, the distance to its other places), whether the candidate
    was found only through a transliteration skeleton, and whether it lies
    abroad from the country the document is about; ``names`` (log of the name
    keys the gazetteer lists for it: a world city has names in many languages)
    measures prominence beyond population. A small town with a major namesake
    in another country ("Geneva" in New York state against the Swiss city) has
    the ``rival_*`` features (``_rival_features``): how much smaller it is, the
    evidence for it that comes only from the document's world cities and
    capitals (one "New York"), and the share of the document's countries that
    are not its own; so the fitted weights, not a rule per name, decide how
    much evidence a small namesake needs; ``rival_country_named`` is the document's evidence
    for the famous namesake's own country (a "Damascus" in Maryland in a report that names
    Syria and its places). Fitted as a pairwise
    logistic regression (correct candidate against each wrong one).
``accept``
    the probability that the winning candidate is right (within 161 km), from
    its rank score, its margin over the runner-up and the document evidence for
    it: the stage keeps a resolution only above ``accept_threshold``, so a
    same-named place abroad with no evidence is left unresolved rather than
    guessed.
``toponym``
    the probability that a span found by NER or the gazetteer patterns is a
    place at all (``toponym.py`` computes its features from the NER label, the
    actor stage's decision for the span, the gazetteer and the context).
"""

from __future__ import annotations

import functools
import json
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import SitrepError
from .gazetteer import Entry, haversine_km
from .normalize import mentions_admin_word, primary_key

if TYPE_CHECKING:  # pragma: no cover
    from .resolver import Span, _Context

MODEL_PATH = Path(__file__).resolve().parent / "data" / "place_model.json"

#: the features of one candidate, in the order of the weight vector
CANDIDATE_FEATURES: tuple[str, ...] = (
    "kind_country", "kind_continent", "kind_admin1", "kind_admin2", "kind_city", "kind_region",
    "logpop_country", "logpop_admin1", "logpop_admin2", "logpop_city",
    "capital", "pop_1m", "pop_100k", "curated_city", "curated_prior",
    "same_name", "admin_word_admin",
    "qualifier_contains", "qualifier_conflict",
    "ctx_country_gated", "ctx_admin1", "shared_admin1", "near_local",
    "near50", "near150", "near400", "dateline_country", "abroad_minor", "abroad_major", "top_country", "fuzzy",
    "type_prior", "names", "rival_gap", "rival_major_admin1", "rival_major_near",
    "rival_foreign_share", "rival_country_named", "country_alias",
)
#: the features of the winning candidate that decide whether to keep it
ACCEPT_FEATURES: tuple[str, ...] = (
    "score", "margin", "major", "ctx_country", "ctx_admin1", "abroad_minor", "abroad_major", "fuzzy", "same_name",
    "logpop", "single", "runner_near",
)


#: ``rival_country_named`` counts the document's evidence for a famous namesake's country up to
#: this much (the evidence of two towns named in that country; ``_Context.countries`` units)
RIVAL_COUNTRY_CAP = 2.0

class PlaceModelError(SitrepError):
    """The place model file is missing or does not match this code."""


def _major(entry: Entry) -> bool:
    return entry.kind in ("country", "continent", "region") or entry.capital or entry.population >= 100_000


def _contains(outer: Entry, inner: Entry) -> bool:
    if outer.kind == "continent":
        return False
    if outer.kind == "country":
        return inner.country == outer.country and inner is not outer
    if outer.kind == "admin1":
        return inner.country == outer.country and inner.admin1_code == outer.admin1_code and inner is not outer
    return False


def type_prior(entry: Entry) -> float:
    """The hand-written feature-type and population prior the learned model starts from (one feature).

    A country beats a village named after it, a capital beats a town, a curated
    entry has its own prior. Its weight, like every other, is fitted.
    """
    if entry.prior is not None:
        return entry.prior
    pop = math.log10(entry.population + 10)
    base = {"country": 100.0 + pop, "continent": 98.0, "admin1": 45.0 + 4.0 * pop, "admin2": 22.0 + 3.0 * pop,
            "region": 70.0}.get(entry.kind)
    if base is not None:
        return base
    prominence = (8.0 if entry.capital else 0.0) + (
        7.0 if entry.population >= 1_000_000 else 5.0 if entry.population >= 100_000 else 0.0)
    city = 8.0 * pop + prominence
    return max(50.0, city) if entry.curated else city


def province_named_like_its_city(entry: Entry, cands: Sequence[Entry]) -> bool:
    """A province sharing its name with its main city ("Aleppo", "Moscow") among the candidates."""
    return entry.kind in ("admin1", "region") and entry.level == 2 and any(
        c.kind == "city" and c.country == entry.country and c.admin1_code == entry.admin1_code
        and (c.population >= 100_000 or c.population * 10 >= entry.population) for c in cands
    )


def same_name(text: str, name: str) -> bool:
    """Does the span spell the entry's primary name (up to folding and St./Saint)?"""
    a = primary_key(text)
    return bool(a) and a == primary_key(name)


def candidate_features(entry: Entry, span: Span, qualifier: Entry | None, ctx: _Context | None,
                       cands: Sequence[Entry], *, fuzzy: bool = False) -> list[float]:
    """The ``CANDIDATE_FEATURES`` of one candidate of a span.

    Example: for "Homs" in a report about Syria, the Syrian city gets ``kind_city``, its
    ``logpop_city``, ``same_name`` and (in the context pass) ``ctx_country_gated``; a
    namesake abroad gets ``abroad_minor`` instead.
    """
    f = dict.fromkeys(CANDIDATE_FEATURES, 0.0)
    _entry_features(f, entry, span, qualifier, fuzzy)
    f["country_alias"] = float(country_alias(entry, span, cands))
    if ctx is not None:
        _document_features(f, entry, ctx, cands)
    return list(f.values())


def _entry_features(f: dict[str, float], entry: Entry, span: Span, qualifier: Entry | None, fuzzy: bool) -> None:
    """What the candidate is and what the span's own text says about it."""
    kind = entry.kind
    logpop = math.log10(entry.population + 10)
    if f"kind_{kind}" in f:
        f[f"kind_{kind}"] = 1.0
    if f"logpop_{kind}" in f:
        f[f"logpop_{kind}"] = logpop
    f["capital"] = float(entry.capital)
    f["pop_1m"] = float(entry.population >= 1_000_000)
    f["pop_100k"] = float(entry.population >= 100_000)
    f["curated_city"] = float(entry.curated and kind == "city")
    f["curated_prior"] = entry.prior / 100.0 if entry.prior is not None else 0.0
    f["same_name"] = float(same_name(span.text, entry.name))
    if mentions_admin_word(span.text) and kind in ("admin1", "admin2", "region"):
        f["admin_word_admin"] = 1.0
    if qualifier is not None:
        if _contains(qualifier, entry):
            f["qualifier_contains"] = 1.0
        elif entry is not qualifier and kind != "country":
            f["qualifier_conflict"] = 1.0
    f["fuzzy"] = float(fuzzy)
    f["type_prior"] = type_prior(entry) / 10.0
    f["names"] = entry.names


def country_alias(entry: Entry, span: Span, cands: Sequence[Entry]) -> bool:
    """Is ``entry`` a place other than a country that the span reaches only by an alternate name,
    while the span spells the primary name of a country among the candidates ("Iraq": GeoNames
    lists it among the names of the Iranian city Arak; "Mexico" for Mexico City)?"""
    return (entry.kind != "country" and not same_name(span.text, entry.name)
            and any(c.kind == "country" and same_name(span.text, c.name) for c in cands))


def _document_features(f: dict[str, float], entry: Entry, ctx: _Context, cands: Sequence[Entry]) -> None:
    """What the document's other places, dateline and countries say about the candidate."""
    kind, major = entry.kind, _major(entry)
    # country evidence alone never makes a village beat a well-known namesake ("Damascus" in a
    # document about Washington politics): it counts for major places, or when no candidate is major
    gate = major or not any(_major(c) for c in cands)
    if entry.country and gate:
        f["ctx_country_gated"] = min(ctx.countries.get(entry.country, 0.0), 3.0)
    if entry.country and entry.admin1_code and kind != "country":
        f["ctx_admin1"] = min(ctx.admin1.get((entry.country, entry.admin1_code), 0.0), 2.0)
        f["shared_admin1"] = float(min(ctx.shared.get((entry.country, entry.admin1_code), 0), 3))
    if ctx.local_points and kind in ("city", "admin2") and not major:
        near = {k for k, lat, lon in ctx.local_points
                if k != ctx.own and abs(lat - entry.lat) < 1.0 and haversine_km(entry.lat, entry.lon, lat, lon) < 40}
        f["near_local"] = float(min(len(near), 2))
    if ctx.points and kind in ("city", "admin2", "region") and entry.level >= 3:
        nearest = min(haversine_km(entry.lat, entry.lon, lat, lon) for lat, lon in ctx.points)
        f["near50"], f["near150"], f["near400"] = float(nearest < 50), float(nearest < 150), float(nearest < 400)
    if ctx.anchor_country and entry.country == ctx.anchor_country:
        f["dateline_country"] = 1.0
    top = ctx.top_country()
    if top is not None and entry.country != top and not ctx.countries.get(entry.country or "", 0.0):
        # a place in a country the document never mentions, while it is about another
        f["abroad_major" if major else "abroad_minor"] = 1.0
    if top is not None and entry.country == top and gate:
        f["top_country"] = 1.0
    _rival_features(f, entry, ctx, cands)


def major_namesakes(cands: Sequence[Entry]) -> list[tuple[str | None, float]]:
    """(country, log10 population) of the major candidates a minor namesake can be measured against."""
    return [(c.country, math.log10(c.population + 10)) for c in cands
            if _major(c) and c.kind in ("city", "admin1", "admin2", "region")]


def famous_rival_gap(entry: Entry, cands: Sequence[Entry],
                     majors: list[tuple[str | None, float]] | None = None) -> float:
    """How much smaller (orders of magnitude of population, at least 0) a minor town or district is
    than the most populous major namesake among the candidates in another country (0 when the entry
    is major itself or has no such namesake: "Geneva" in New York state against the Swiss city, not
    Louisville, Ohio against Louisville, Kentucky, which the province and distance features settle).
    ``majors``: ``major_namesakes(cands)`` when the caller has it already."""
    if entry.kind not in ("city", "admin2") or _major(entry):
        return 0.0
    own = math.log10(entry.population + 10)
    gaps = [logpop - own for country, logpop in (major_namesakes(cands) if majors is None else majors)
            if country != entry.country]
    return max(0.0, *gaps) if gaps else 0.0


def _rival_features(f: dict[str, float], entry: Entry, ctx: _Context, cands: Sequence[Entry]) -> None:
    """The document's evidence for a minor place against its famous namesake abroad, by its strength:
    the part of its province evidence that comes only from the document's world cities and capitals
    (New York City for a town of New York state) has a weight of its own (``rival_major_admin1``), so
    has nearness to those alone (``rival_major_near``), and so has the share of the document's
    country evidence that lies in other countries than the place's (``rival_foreign_share``: a
    local story names its own country's places, an international one many countries). The
    evidence *for* the famous namesake's country is ``rival_country_named`` (the dateline left
    out, as below): a same-named place abroad from a country the document talks about needs
    more evidence of its own."""
    majors = ctx.namesakes.get(id(cands))
    if majors is None:  # once per span and pass, not once per candidate
        majors = ctx.namesakes[id(cands)] = major_namesakes(cands)
    gap = famous_rival_gap(entry, cands, majors)
    if not gap:
        return
    f["rival_gap"] = gap
    if entry.country and entry.admin1_code:
        local = min(ctx.admin1_local.get((entry.country, entry.admin1_code), 0.0), 2.0)
        f["rival_major_admin1"] = max(0.0, f["ctx_admin1"] - local)
    if f["near400"] and not any(haversine_km(entry.lat, entry.lon, lat, lon) < 400 for lat, lon in ctx.local_resolved):
        f["rival_major_near"] = 1.0
    # over the places the text names: the dateline says where the outlet is, not what the story is about
    # (and the gold spans the weights are fitted on have no dateline)
    total = sum(ctx.countries.values()) - ctx.dateline_weight
    if total > 0:
        own = ctx.countries.get(entry.country or "", 0.0)
        if entry.country and entry.country == ctx.anchor_country:
            own -= ctx.dateline_weight
        f["rival_foreign_share"] = 1.0 - own / total
    rivals = {country for country, _logpop in majors if country and country != entry.country}
    if rivals:
        named = max(ctx.countries.get(c, 0.0) - (ctx.dateline_weight if c == ctx.anchor_country else 0.0)
                    for c in rivals)
        f["rival_country_named"] = min(max(named, 0.0), RIVAL_COUNTRY_CAP)


@dataclass(slots=True)
class LinearModel:
    """Named weights (and a bias) over a fixed feature list."""

    features: tuple[str, ...]
    weights: list[float]
    bias: float = 0.0
    threshold: float = 0.5
    trained_on: str = ""
    date: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def score(self, x: Sequence[float]) -> float:
        if len(x) != len(self.weights):
            raise ValueError(f"{len(x)} feature values for {len(self.weights)} weights")
        # the products summed left to right from 0, as a generator over ``zip`` would (the same bits)
        total: float = sum(map(operator.mul, self.weights, x))
        return self.bias + total

    def probability(self, x: Sequence[float]) -> float:
        """The logistic of the score."""
        z = self.score(x)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def as_dict(self) -> dict[str, Any]:
        kept = [(f, round(w, 5)) for f, w in zip(self.features, self.weights, strict=True)]
        return {
            "features": [f for f, _w in kept], "weights": dict(kept),
            "bias": round(self.bias, 5), "threshold": self.threshold, "trained_on": self.trained_on,
            "date": self.date, **({"extra": self.extra} if self.extra else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], expected: tuple[str, ...], name: str) -> LinearModel:
        features = tuple(data["features"])
        if features != expected:
            raise PlaceModelError(
                f"{MODEL_PATH}: the {name!r} model was fitted on features {features}, this code computes "
                f"{expected}; retrain it with `python scripts/train_place.py` (make models)."
            )
        weights = [float(data["weights"][f]) for f in features]
        return cls(features, weights, float(data.get("bias", 0.0)), float(data.get("threshold", 0.5)),
                   str(data.get("trained_on", "")), str(data.get("date", "")), dict(data.get("extra", {})))


@dataclass(slots=True)
class PlaceModel:
    rank: LinearModel
    accept: LinearModel
    toponym: LinearModel | None = None
    #: the toponym-or-not model of gazetteer n-gram spans (source ``"gazetteer"``: mostly surnames and
    #: words, a different population from NER's places), fitted on those spans alone
    ngram: LinearModel | None = None

    def toponym_for(self, source: str) -> LinearModel | None:
        """The toponym-or-not model for a span found by ``source`` (``toponym.SOURCES``)."""
        return self.ngram if source == "gazetteer" else self.toponym

    def accept_features(self, best: Entry, score: float, margin: float, feats: Sequence[float],
                        single: bool, runner: Entry | None = None) -> list[float]:
        """``ACCEPT_FEATURES`` of a span's winning candidate (``runner``: the second best)."""
        named = dict(zip(CANDIDATE_FEATURES, feats, strict=True))
        # a runner-up within 161 km (a province and its capital) makes a small margin harmless
        near = runner is not None and haversine_km(best.lat, best.lon, runner.lat, runner.lon) <= 161.0
        return [
            score, min(margin, 20.0), float(_major(best)), named["ctx_country_gated"], named["ctx_admin1"],
            named["abroad_minor"], named["abroad_major"], named["fuzzy"], named["same_name"],
            math.log10(best.population + 10), float(single), float(near),
        ]


#: weights that reproduce the hand-written scoring this model replaced (used only to
#: bootstrap training: the first context pass of ``scripts/train_place.py``)
BOOTSTRAP_RANK: dict[str, float] = {
    **dict.fromkeys(CANDIDATE_FEATURES, 0.0),
    "type_prior": 10.0, "same_name": 14.0, "admin_word_admin": 30.0, "province_named_city": -40.0,
    "qualifier_contains": 80.0, "qualifier_conflict": -20.0,
    "ctx_country_gated": 6.0, "ctx_admin1": 10.0, "shared_admin1": 8.0, "near_local": 8.0,
    "near50": 4.0, "near150": 3.0, "near400": 3.0, "fuzzy": -10.0,
}


def bootstrap_model() -> PlaceModel:
    """The hand-written weights, scaled by 1/10 so that score margins are in the fitted model's range."""
    rank = LinearModel(CANDIDATE_FEATURES, [BOOTSTRAP_RANK[f] / 10.0 for f in CANDIDATE_FEATURES])
    accept = LinearModel(ACCEPT_FEATURES, [1.0, *[0.0] * (len(ACCEPT_FEATURES) - 1)], bias=-3.8)  # score 3.8: p 0.5
    return PlaceModel(rank, accept)


def read_model(path: Path = MODEL_PATH) -> PlaceModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PlaceModelError(f"Cannot read {path}: {exc}. Rebuild it with `make models`.") from exc
    toponym = ngram = None
    if "toponym" in data:
        from .toponym import TOPONYM_FEATURES

        toponym = LinearModel.from_dict(data["toponym"], TOPONYM_FEATURES, "toponym")
        if "toponym_ngram" in data:
            ngram = LinearModel.from_dict(data["toponym_ngram"], TOPONYM_FEATURES, "toponym_ngram")
    return PlaceModel(
        LinearModel.from_dict(data["rank"], CANDIDATE_FEATURES, "rank"),
        LinearModel.from_dict(data["accept"], ACCEPT_FEATURES, "accept"),
        toponym, ngram,
    )


@functools.lru_cache(maxsize=1)
def load_model() -> PlaceModel:
    """The shipped model, read once per process."""
    return read_model()
