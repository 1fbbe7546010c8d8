"""The incident evaluation: link analysed documents, score the labelled pairs.

``evaluate_inputs`` is pure (documents, gold pairs and settings in, metrics out);
``evaluate`` is the ``sitrep eval incidents`` task, which reads them from a database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..store import Store
from .contested import contested, lead_event
from .inputs import DocumentInput
from .linker import Group, link
from .mentions import Mention, mentions
from .scorer import (
    GoldPair,
    Prediction,
    read_pairs,
    resolver,
    same_incident_pairs,
    score,
)
from .settings import Settings


def references(docs: Sequence[DocumentInput], sources: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """Document reference (id, stored source path, or its ``file#rowN`` end) -> document id.

    ``sources`` adds the ``(source, document id)`` pairs the store kept for inputs whose
    body duplicated a stored document (``Store.document_sources``)."""
    refs = resolver((d.document.id, d.document.source_path) for d in docs)
    for source, doc_id in resolver_pairs(sources).items():
        refs.setdefault(source, doc_id)
    return refs


def resolver_pairs(sources: Iterable[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for source, doc_id in sources:
        out.setdefault(source, doc_id)
        out.setdefault(source.replace("\\", "/").rsplit("/", 1)[-1], doc_id)
    return out


def reporting_documents(group: Group) -> set[str]:
    """The documents that give an incident as news (or deny it); background mentions do not count."""
    return {m.document for m in group.mentions if m.role != "background"}


def pair_contested(groups: Sequence[Group], a: str, b: str, settings: Settings,
                   reports: Mapping[str, Sequence[Mention]] | None = None) -> frozenset[str]:
    """The fields an incident record built from reports ``a`` and ``b`` alone would mark
    contested, for their principal shared incident (docs/incident-guide.md §2-3: the one both
    give most weight): the one that holds most of their lead events, then most of their mentions."""
    shared = [g for g in groups if {a, b} <= reporting_documents(g)]
    if not shared:
        return frozenset()
    leads = {lead.id for d in (a, b) if (lead := lead_event((reports or {}).get(d, ()))) is not None}
    best = max(shared, key=lambda g: (sum(m.id in leads for m in g.mentions),
                                      sum(m.document in (a, b) for m in g.mentions), min(m.id for m in g.news)))
    two = [m for m in best.mentions if m.document in (a, b)]
    return frozenset(c.field for c in contested(two, settings, reports))


def predictions(groups: Sequence[Group], gold: Sequence[GoldPair], refs: dict[str, str],
                settings: Settings, reports: Mapping[str, Sequence[Mention]] | None = None,
                ) -> dict[tuple[str, str], Prediction]:
    """Same or not, and the contested fields, for every gold pair."""
    same = same_incident_pairs(reporting_documents(g) for g in groups)
    out = {}
    for pair in gold:
        a, b = refs.get(pair.a), refs.get(pair.b)
        if a is None or b is None:
            out[(pair.a, pair.b)] = Prediction(same=False, resolved=False)
        elif frozenset((a, b)) in same:
            out[(pair.a, pair.b)] = Prediction(same=True, contested=pair_contested(groups, a, b, settings, reports))
        else:
            out[(pair.a, pair.b)] = Prediction(same=False)
    return out


def evaluate_inputs(docs: Sequence[DocumentInput], gold: Sequence[GoldPair], settings: Settings,
                    sources: Iterable[tuple[str, str]] = ()) -> dict[str, Any]:
    """Link ``docs`` and score the gold pairs (see ``scorer.score``)."""
    found = mentions(docs, settings)
    reports: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        reports[m.document].append(m)
    groups = link(found, settings)
    return score(gold, predictions(groups, gold, references(docs, sources), settings, reports))


def evaluate(path: Path, *, db: Path, limit: int | None = None) -> dict[str, Any]:
    """``sitrep eval incidents PAIRS --db DB``: link the reports ``sitrep run`` analysed in
    ``DB`` (the code ``sitrep run`` links them with, on every analysed report) and score the
    pairs of ``PATH`` (the first ``limit`` of them, when given)."""
    from .settings import load_settings
    from .update import load_inputs

    gold = read_pairs(path)[:limit] if limit else read_pairs(path)
    settings = load_settings()
    with Store(db, readonly=True) as store:
        docs = load_inputs(store, store.analyzed_versions(),
                           named=settings.rollup_battles and settings.rollup_fight_frames)
        sources = store.document_sources() if store.has_incidents else []
    if not docs:
        raise EvalError(f"{db}: no analysed documents; run `sitrep run` on the corpus first.")
    return evaluate_inputs(docs, gold, settings, sources)
