"""Functions other stages and the CLI call: resolve a short text, find a mention, list unknowns."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ...kb.model import KBActor
from ...nlp import DEFAULT_MODEL
from ...records import Actor, Mention
from ..base import Analysis
from .matcher import ActorMatcher
from .resolve import Found, Resolver

#: which resolved span answers "who is this text about": lower is better
_PRIORITY = {"person": 0, "role": 1}


@functools.lru_cache(maxsize=2)
def _resolver(model: str) -> Resolver:
    from ...kb import load_kb
    del model  # the resolver needs no spaCy pipeline without a parse
    return Resolver(ActorMatcher(load_kb()))


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
                 model: str = DEFAULT_MODEL) -> Actor | None:
    """The actor a short text refers to ("American warplanes" -> USA_MIL), or None.

    ``date`` (ISO) resolves titles ("the Russian President"); ``context`` is a
    country hint ("Mexico", "German") used when the text names no country.
    No parse is run: capitals count as metonyms, country names as states.
    """
    resolver = _resolver(model)
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
        return None
    best = min(res.found, key=_rank)
    actor: KBActor = best.actor
    if actor.country is None and actor.provenance == "generic" and actor.sector:
        countries = [f.actor.country for f in res.found if f is not best and f.actor.country]
        country = countries[0] if countries else context_country
        if country:
            actor = kb.generic(country, actor.sector)
    return actor.to_actor()


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
