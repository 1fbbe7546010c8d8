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
from collections.abc import Mapping, Sequence
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
    "rival_foreign_share", "rival_country_named", "country_alias", "capital_rivals_unnamed",
    "capital_namesake_unnamed", "seat_admin", "seat_admin_word", "country_share", "nearness",
    "outlet_admin1",
)
#: features a model file may lack (fitted before they existed, or with their switch off): read with
#: weight 0, and not written while their weight is 0, so a fit with the switch off writes main's file
OPTIONAL_FEATURES: frozenset[str] = frozenset({"capital_rivals_unnamed", "capital_namesake_unnamed",
                                               "seat_admin", "seat_admin_word", "country_share", "nearness",
                                               "outlet_admin1"})

#: issue 14 ("London" in a Syria report to London, Ontario): the feature ``capital_rivals_unnamed``
#: of a national capital whose namesakes abroad all lie in countries the document gives no evidence
#: for (``capital_rivals_unnamed``). ``"off"`` (main): the feature is 0 and the shipped model has no
#: weight for it; ``"unnamed"``: it fires on that condition alone; ``"elsewhere"``: only when the
#: document's evidence names some other country (a report about Syria, not a local story that
#: names no country at all); ``"namesake"``: the feature ``capital_namesake_unnamed`` instead, on the
#: other side, the namesake abroad of a capital (``capital_namesake_unnamed``), when the document
#: names some country and not the namesake's. ``scripts/train_place.py --capital-rivals MODE`` fits
#: the weight.
CAPITAL_RIVALS_UNNAMED = "off"
CAPITAL_RIVALS_MODES = ("off", "unnamed", "elsewhere", "namesake")
#: issue 14 (``geo32``): an administrative area against the populated place named like it and seated
#: in it ("Damascus": the city against its own district; "Moscow": the city against Moscow Oblast;
#: "Homs" against Homs District), read from the gazetteer's structure, not from names
#: (``seat_of``). ``"off"`` (main): the two features are 0 and the shipped model has no weight for
#: them; ``"on"``: ``seat_admin`` on an admin area (first- or second-level division, region) whose
#: seat is among the span's candidates while the words around the span name no kind of division,
#: ``seat_admin_word`` on the same area when they do ("Damascus province", "the province of Idlib",
#: "Moscow Oblast" with the span "Moscow"); ``"major"``: the same, only for a seat that is a capital or
#: a city of 100,000 people or more (``_major``: the issue's class, "a capital or major city against the
#: area named after it", not a county seat among namesakes). ``scripts/train_place.py --seat MODE`` fits
#: their weights.
SEAT_FEATURES = "off"
SEAT_MODES = ("off", "on", "major")
#: issue 14 (``geo33``): the largest class of tune misses with a right candidate is a more populous
#: namesake winning on the prior block (kind, population, names) while the document's own evidence
#: points at the right one; the shipped evidence features are capped counts gated to major places
#: (``ctx_country_gated``) and 0/1 distance bands (``near50``/``near150``/``near400``). Two graded
#: inputs of the same evidence, for every candidate, fitted by the ranker: ``country_share`` (the
#: share of the document's country evidence, the span's own name left out as ``_Context`` always
#: does, that lies in the candidate's country; not gated) and ``nearness`` (1 - log of the distance
#: to the nearest other resolved place of the document, capped at ``NEARNESS_CAP_KM``, for the towns,
#: districts and regions the distance bands read). ``"off"`` (main): both 0, no weight in the shipped
#: model; ``"share"``, ``"nearness"``, ``"both"``: those columns. ``scripts/train_place.py --evidence
#: MODE`` fits them. The bar (written before any run, 05:23): 5-fold CV by article (the script's
#: folds) mean per-fold gain > 0 and > the sd of the per-fold gains; out of fold neither corpus loses
#: right spans; FA-KES: the issue's false places stay 0 and no changed record, read in its sentence,
#: is a new wrong place; then ``geo_bench`` tune (check read once, never a gate).
DOCUMENT_EVIDENCE = "off"
EVIDENCE_MODES = ("off", "share", "nearness", "both")
#: ``nearness`` reads distances up to this (a place farther off is as far as this)
NEARNESS_CAP_KM = 2000.0
#: issue 14 (``geo33``, second input): in 101 of LGL's 158 tune ranking misses the document gives no
#: evidence either way; the outlet's home division does (docs/benchmarks.md, geo33). ``"on"``: the
#: feature ``outlet_admin1``, the share of the outlet's *other* articles' resolved places (as the
#: resolver resolves them, no gold) that lie in the candidate's first-level division, given by the
#: caller (``Resolver.resolve(outlet=...)``; the stage passes none today). ``"off"`` (main): 0.
#: ``scripts/train_place.py --outlet on`` fits it. The bar: as ``DOCUMENT_EVIDENCE``'s (written
#: before this input's first run, 05:45).
OUTLET_EVIDENCE = "off"
OUTLET_MODES = ("off", "on")
#: a city of the area's country lies in the area (is its seat) when it shares the area's first-level
#: division code and lies within this distance of the area's point; a first-level division also
#: seats a same-named city of another division code within this distance (Moscow, a federal city,
#: inside Moscow Oblast); GeoNames puts a district's point at or near its seat (Mosul: 30 km)
SEAT_KM = 50.0
#: the features of the winning candidate that decide whether to keep it
ACCEPT_FEATURES: tuple[str, ...] = (
    "score", "margin", "major", "ctx_country", "ctx_admin1", "abroad_minor", "abroad_major", "fuzzy", "same_name",
    "logpop", "single", "runner_near",
)


#: ``rival_country_named`` counts the document's evidence for a famous namesake's country up to
#: this much (the evidence of two towns named in that country; ``_Context.countries`` units)
RIVAL_COUNTRY_CAP = 2.0

#: issue 14 (``geo30``): also measure a *major* town or district that is no capital (100,000 people
#: or more: London, Ontario; Athens, Georgia) against its namesakes abroad with the ``rival_*``
#: features, which otherwise only minor places get (``famous_rival_gap``): ``"off"``; ``"bigger"``
#: (any more populous major namesake abroad); ``"capitals"`` (only a namesake abroad that is a
#: national capital). Off: the shipped place model is fitted without it (``scripts/train_place.py
#: --rivals-of-major MODE`` fits with it); measured out of fold in docs/benchmarks.md (2026-12-06,
#: night), neither mode passed its bar.
RIVALS_OF_MAJOR_PLACES = "off"


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


def seat_of(entry: Entry, cands: Sequence[Entry]) -> Entry | None:
    """The populated place among ``cands`` (the candidates of one span, so of the same name) seated in
    the administrative area ``entry`` (see ``SEAT_KM``), or None (``entry`` is no admin area, or no
    same-named city lies in it)."""
    if entry.kind not in ("admin1", "admin2", "region") or not entry.country:
        return None
    for c in cands:
        if c.kind != "city" or c.country != entry.country:
            continue
        near = haversine_km(c.lat, c.lon, entry.lat, entry.lon) <= SEAT_KM
        same_division = bool(c.admin1_code) and c.admin1_code == entry.admin1_code
        # a district seats a city of its division near its point; a province or region either
        if (same_division and near) if entry.kind == "admin2" else (same_division or near):
            return c
    return None


def same_name(text: str, name: str) -> bool:
    """Does the span spell the entry's primary name (up to folding and St./Saint)?"""
    a = primary_key(text)
    return bool(a) and a == primary_key(name)


def candidate_features(entry: Entry, span: Span, qualifier: Entry | None, ctx: _Context | None,
                       cands: Sequence[Entry], *, fuzzy: bool = False, admin_near: bool = False) -> list[float]:
    """The ``CANDIDATE_FEATURES`` of one candidate of a span.

    Example: for "Homs" in a report about Syria, the Syrian city gets ``kind_city``, its
    ``logpop_city``, ``same_name`` and (in the context pass) ``ctx_country_gated``; a
    namesake abroad gets ``abroad_minor`` instead.
    """
    f = dict.fromkeys(CANDIDATE_FEATURES, 0.0)
    _entry_features(f, entry, span, qualifier, fuzzy)
    f["country_alias"] = float(country_alias(entry, span, cands))
    if SEAT_FEATURES != "off":
        seat = seat_of(entry, cands)
        if seat is not None and (SEAT_FEATURES == "on" or _major(seat)):
            f["seat_admin_word" if admin_near or mentions_admin_word(span.text) else "seat_admin"] = 1.0
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
    if DOCUMENT_EVIDENCE != "off" or OUTLET_EVIDENCE != "off":
        _graded_evidence(f, entry, ctx)
    if CAPITAL_RIVALS_UNNAMED == "namesake":
        f["capital_namesake_unnamed"] = float(capital_namesake_unnamed(entry, ctx.countries, cands))
    elif CAPITAL_RIVALS_UNNAMED != "off":
        f["capital_rivals_unnamed"] = float(capital_rivals_unnamed(
            entry, ctx.countries, cands, elsewhere=CAPITAL_RIVALS_UNNAMED == "elsewhere"))
    _rival_features(f, entry, ctx, cands)


def country_share(entry: Entry, countries: Mapping[str, float]) -> float:
    """The share of the document's country evidence (``_Context.countries``: the other names' places
    and the dateline, the span's own name left out) that lies in ``entry``'s country (0 when the
    document gives no country evidence)."""
    total = sum(countries.values())
    return countries.get(entry.country or "", 0.0) / total if total > 0 and entry.country else 0.0


def nearness(entry: Entry, points: Sequence[tuple[float, float]]) -> float:
    """1 at the document's other resolved places, falling with the log of the distance to the nearest
    of them to 0 at ``NEARNESS_CAP_KM`` and beyond (0 with no such place)."""
    if not points:
        return 0.0
    km = min(min(haversine_km(entry.lat, entry.lon, lat, lon) for lat, lon in points), NEARNESS_CAP_KM)
    return 1.0 - math.log10(1.0 + km) / math.log10(1.0 + NEARNESS_CAP_KM)


def _graded_evidence(f: dict[str, float], entry: Entry, ctx: _Context) -> None:
    """``country_share`` and ``nearness`` as ``DOCUMENT_EVIDENCE`` asks, ``outlet_admin1`` as
    ``OUTLET_EVIDENCE`` does."""
    if DOCUMENT_EVIDENCE in ("share", "both"):
        f["country_share"] = country_share(entry, ctx.countries)
    if DOCUMENT_EVIDENCE in ("nearness", "both") and entry.kind in ("city", "admin2", "region") and entry.level >= 3:
        f["nearness"] = nearness(entry, ctx.points)
    if OUTLET_EVIDENCE != "off" and ctx.outlet and entry.country and entry.admin1_code and entry.kind != "country":
        f["outlet_admin1"] = ctx.outlet.get((entry.country, entry.admin1_code), 0.0)


def capital_rivals_unnamed(entry: Entry, countries: Mapping[str, float], cands: Sequence[Entry], *,
                           elsewhere: bool = False) -> bool:
    """Is ``entry`` a national capital whose namesakes in other countries (towns and districts that
    are no capital: London, Ontario for London) all lie in countries the document gives no evidence
    for (``countries``: the context's evidence per country, the dateline included)? ``elsewhere``:
    and the document gives evidence for some country (the capital's own or a third)?

    The document's evidence, not the names: a local US report that names Texas or its towns gives
    Paris, Texas its country and the feature stays 0; a Syria report that says "London-based" names
    nothing of Canada. ``abroad_major`` cannot tell the two Londons apart: when the document is about
    a third country, it fires for both."""
    if not (entry.capital and entry.kind == "city"):
        return False
    rivals = [c for c in cands if c is not entry and not c.capital and c.kind in ("city", "admin2")
              and c.country != entry.country]
    if not rivals or any(countries.get(c.country or "", 0.0) > 0.0 for c in rivals):
        return False
    return not elsewhere or any(v > 0.0 for v in countries.values())


def capital_namesake_unnamed(entry: Entry, countries: Mapping[str, float], cands: Sequence[Entry]) -> bool:
    """Is ``entry`` a town or district that is no capital, named like a national capital of another
    country among the candidates (London, Ontario; Paris, Texas), in a country the document gives no
    evidence for, while the document gives evidence for some country (``countries``: the context's
    evidence per country, the dateline included)?

    A Syria report that says "London-based" names Syria, not Canada: London, Ontario gets it. A local
    Texas report names the United States through its towns: Paris, Texas does not. A local report
    that names no country at all (a town paper naming only its own streets) gives no evidence either
    way: no candidate gets it, and the prior decides as on main."""
    if entry.capital or entry.kind not in ("city", "admin2") or countries.get(entry.country or "", 0.0) > 0.0:
        return False
    if not any(c.capital and c.kind == "city" and c.country != entry.country for c in cands):
        return False
    return any(v > 0.0 for v in countries.values())


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
    With ``RIVALS_OF_MAJOR_PLACES`` on, a major town or district that is no capital is measured too
    (London, Ontario against London: about 1.3 orders of magnitude).
    ``majors``: ``major_namesakes(cands)`` when the caller has it already."""
    if entry.kind not in ("city", "admin2"):
        return 0.0
    own = math.log10(entry.population + 10)
    if _major(entry):
        if entry.capital or RIVALS_OF_MAJOR_PLACES == "off":
            return 0.0
        if RIVALS_OF_MAJOR_PLACES == "capitals":
            return max([0.0, *(math.log10(c.population + 10) - own for c in cands
                               if c.capital and c.kind == "city" and c.country != entry.country)])
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

    def probability(self, x: Sequence[float], offset: float = 0.0) -> float:
        """The logistic of the score (plus ``offset``: weights kept in ``extra``, such as the n-gram
        toponym model's context words, ``toponym.context_word_score``)."""
        z = self.score(x) + offset
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def as_dict(self) -> dict[str, Any]:
        kept = [(f, round(w, 5)) for f, w in zip(self.features, self.weights, strict=True)
                if not (f in OPTIONAL_FEATURES and round(w, 5) == 0.0)]
        return {
            "features": [f for f, _w in kept], "weights": dict(kept),
            "bias": round(self.bias, 5), "threshold": self.threshold, "trained_on": self.trained_on,
            "date": self.date, **({"extra": self.extra} if self.extra else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], expected: tuple[str, ...], name: str) -> LinearModel:
        features = tuple(data["features"])
        if features != expected and features == tuple(f for f in expected if f in features or f not in OPTIONAL_FEATURES):
            features = expected  # an optional feature the file lacks: weight 0
        if features != expected:
            raise PlaceModelError(
                f"{MODEL_PATH}: the {name!r} model was fitted on features {features}, this code computes "
                f"{expected}; retrain it with `python scripts/train_place.py` (make models)."
            )
        weights = [float(data["weights"].get(f, 0.0)) if f in OPTIONAL_FEATURES else float(data["weights"][f])
                   for f in features]
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
