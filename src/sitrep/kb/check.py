"""``sitrep kb check``: validate the knowledge base.

Checks: unique ids (within each source file), no alias claimed by two actors of
the same provenance tier without a disambiguation rule, valid kind / country /
sector codes, role dates in order and role targets that exist.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..records import ACTOR_KINDS
from .model import IGO_CODES, PROVENANCE_RANK, SECTORS, KnowledgeBase

ACTOR_KEYS = frozenset({"id", "name", "kind", "country", "sector", "aliases", "wikidata", "roles"})
ROLE_KEYS = frozenset({"title", "role", "of", "start", "end", "leader", "sector"})


@dataclass(frozen=True, slots=True)
class KBProblem:
    """One problem found in the KB: which actor, what is wrong."""

    actor: str
    problem: str

    def __str__(self) -> str:
        return f"{self.actor}: {self.problem}"


def _duplicate_ids() -> list[KBProblem]:
    import yaml

    from .load import (
        EXTRA_CURATED,
        _curated,  # the merged KB cannot show duplicates any more
        _read_text,
    )

    actors = list(_curated().get("actors") or [])
    for extra in EXTRA_CURATED:
        text = _read_text(extra)
        actors.extend((yaml.safe_load(text) or {}).get("actors") or [] if text else [])
    ids = Counter(str(a.get("id")) for a in actors)
    problems = [KBProblem(i, f"id used {n} times in the curated files") for i, n in ids.items() if n > 1]
    for a in actors:  # a stray comma in a YAML flow mapping makes a new key: catch it
        for extra in sorted(set(a) - ACTOR_KEYS):
            problems.append(KBProblem(str(a.get("id")), f"unknown field {extra!r} (a comma inside an unquoted value?)"))
        for role in a.get("roles") or []:
            for extra in sorted(set(role) - ROLE_KEYS):
                problems.append(KBProblem(str(a.get("id")), f"role has unknown field {extra!r}"))
    return problems


def check(kb: KnowledgeBase) -> list[KBProblem]:
    """All problems in ``kb`` (empty list: the KB is consistent)."""
    problems = _duplicate_ids()
    states = {a.id for a in kb.actors.values() if a.kind == "state"}
    countries = states | IGO_CODES
    from .load import _csv_rows

    iso3_codes = {row["iso3"] for row in _csv_rows("countries.csv")}
    for actor in kb.actors.values():
        if actor.kind != "state" and actor.id in iso3_codes:
            problems.append(KBProblem(actor.id, "id is a state's ISO3 code: the entry replaces the state (rename it)"))
        if actor.kind not in ACTOR_KINDS:
            problems.append(KBProblem(actor.id, f"unknown kind {actor.kind!r}"))
        if actor.country is not None and actor.country not in countries:
            problems.append(KBProblem(actor.id, f"unknown country code {actor.country!r}"))
        if actor.sector is not None and actor.sector not in SECTORS:
            problems.append(KBProblem(actor.id, f"unknown sector {actor.sector!r}"))
        if not actor.name.strip():
            problems.append(KBProblem(actor.id, "empty name"))
        for role in actor.roles:
            if role.start and role.end and role.end < role.start:
                problems.append(KBProblem(actor.id, f"role {role.title!r} ends ({role.end}) before it starts ({role.start})"))
            if actor.provenance == "curated" and role.of and role.of not in kb.actors and role.of not in IGO_CODES:
                problems.append(KBProblem(actor.id, f"role {role.title!r} is of unknown actor {role.of!r}"))
            if role.sector not in SECTORS:
                problems.append(KBProblem(actor.id, f"role {role.title!r} has unknown sector {role.sector!r}"))
    for k, claims in kb.aliases.items():
        names = [c for c in claims if c.kind == "name"]
        if all(c.exact_case for c in names) and len({c.alias for c in names}) == len(names):
            continue  # "SADR" vs "Sadr": case tells them apart
        owners = {c.actor for c in names}
        if len(owners) < 2 or k in kb.prefer:
            continue
        best = PROVENANCE_RANK.get(kb.actors[names[0].actor].provenance, 9)
        tied = sorted({c.actor for c in names if PROVENANCE_RANK.get(kb.actors[c.actor].provenance, 9) == best})
        if len(tied) > 1:
            problems.append(KBProblem(tied[0], f"alias {k!r} also claimed by {', '.join(tied[1:])} (add a disambiguation rule)"))
    return problems
