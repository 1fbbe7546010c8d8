"""The incident evaluation's edges: read analysed documents, link them, score the pairs.

``evaluate_inputs`` is pure (documents, gold pairs and settings in, metrics out);
``inputs_from_store`` reads the records the linker needs from a sitrep database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from ..records import Actor, Document, Entity, Event, Place, TimeExpr
from ..store import Store
from .inputs import DocumentInput
from .contested import contested
from .linker import Group, link
from .mentions import mentions
from .scorer import GoldPair, Prediction, resolver, same_incident_pairs, score
from .settings import Settings


def inputs_from_store(store: Store, documents: Iterable[Document] | None = None) -> list[DocumentInput]:
    """Every analysed document (or the given ones) with the records the linker reads."""
    docs = list(documents) if documents is not None else store.documents(status="analyzed")
    wanted = {d.id for d in docs}
    per: dict[type[Any], dict[str, list[Any]]] = {}
    for cls in (Event, Place, Entity, TimeExpr):
        grouped: dict[str, list[Any]] = defaultdict(list)
        for record in store.records(cls):
            if record.document in wanted:
                grouped[record.document].append(record)
        per[cls] = grouped
    actors = {a.id: a for a in store.records(Actor)}
    out = []
    for d in docs:
        events = per[Event].get(d.id, [])
        ids = sorted({i for e in events for i in (*e.actors, *e.recipients)})
        out.append(DocumentInput(d, events, per[Place].get(d.id, []), per[Entity].get(d.id, []),
                                 per[TimeExpr].get(d.id, []), [actors[i] for i in ids if i in actors]))
    return out


def references(docs: Sequence[DocumentInput]) -> dict[str, str]:
    """Document reference (id, stored source path, or its ``file#rowN`` end) -> document id."""
    return resolver((d.document.id, d.document.source_path) for d in docs)


def reporting_documents(group: Group) -> set[str]:
    """The documents that give an incident as news (or deny it); background mentions do not count."""
    return {m.document for m in group.mentions if m.role != "background"}


def pair_contested(groups: Sequence[Group], a: str, b: str, settings: Settings) -> frozenset[str]:
    """The fields an incident record built from reports ``a`` and ``b`` alone would mark
    contested, for the incident they share with the most mentions (docs/incident-guide.md §3)."""
    shared = [g for g in groups if {a, b} <= reporting_documents(g)]
    if not shared:
        return frozenset()
    best = max(shared, key=lambda g: (sum(m.document in (a, b) for m in g.mentions), min(m.id for m in g.news)))
    two = [m for m in best.mentions if m.document in (a, b)]
    return frozenset(c.field for c in contested(two, settings))


def predictions(groups: Sequence[Group], gold: Sequence[GoldPair], refs: dict[str, str],
                settings: Settings) -> dict[tuple[str, str], Prediction]:
    """Same or not, and the contested fields, for every gold pair."""
    same = same_incident_pairs(reporting_documents(g) for g in groups)
    out = {}
    for pair in gold:
        a, b = refs.get(pair.a), refs.get(pair.b)
        if a is None or b is None:
            out[(pair.a, pair.b)] = Prediction(same=False, resolved=False)
        elif frozenset((a, b)) in same:
            out[(pair.a, pair.b)] = Prediction(same=True, contested=pair_contested(groups, a, b, settings))
        else:
            out[(pair.a, pair.b)] = Prediction(same=False)
    return out


def evaluate_inputs(docs: Sequence[DocumentInput], gold: Sequence[GoldPair], settings: Settings) -> dict[str, Any]:
    """Link ``docs`` and score the gold pairs (see ``scorer.score``)."""
    groups = link(mentions(docs, settings), settings)
    return score(gold, predictions(groups, gold, references(docs), settings))
