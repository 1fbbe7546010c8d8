"""Per-stage commands: actors, kb, events, quotes, compare — each a thin layer over library functions.

Every query goes through a store method (no SQL here). An id the database does not
hold (``--actor NOPE``, ``--document nope``) is a usage error (exit 2) that says
where to find the valid ones, never an empty table.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.table import Table

from ..records import EVENT_CATEGORIES, EVENT_STATUSES
from . import Db, _guarded, _store, app, choice
from .progress import console, err_console

if TYPE_CHECKING:  # pragma: no cover
    from ..stages.framing.compare import OutletFraming
    from ..store import Store

kb_app = typer.Typer(help="The actor knowledge base.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(kb_app, name="kb")

AsJson = Annotated[bool, typer.Option("--json", help="JSON Lines on stdout.")]
Limit = Annotated[int, typer.Option("--limit", "-n", help="Show at most N rows (0: all).")]

T = TypeVar("T")



def _table(*columns: str) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold")
    return table


def _limit(rows: list[T], n: int) -> list[T]:
    return rows if n <= 0 else rows[:n]


def _known_actor(store: Store, actor: str, option: str) -> str:
    """The stored actor id ``actor`` names (ids match case-insensitively), else a usage error."""
    found = store.actor_id(actor)
    if found is None:
        raise typer.BadParameter(
            f"no actor {actor!r} in {store.path}; `sitrep actors` lists the actor ids.", param_hint=option)
    return found


def _known_document(store: Store, document: str) -> str:
    if not store.has_document(document):
        raise typer.BadParameter(
            f"no document {document!r} in {store.path}; `sitrep export --type document` lists the document ids.",
            param_hint="--document")
    return document


@app.command()
def actors(
    db: Db = "sitrep.db",
    document: Annotated[str | None, typer.Option("--document", "-d", help="Only this document id.")] = None,
    unknown: Annotated[bool, typer.Option("--unknown", help="Only provisional actors (names not in the KB), for curation.")] = False,
    as_json: AsJson = False,
    limit: Limit = 50,
) -> None:
    """List actors with mention counts.

    Example: sitrep actors --unknown
    """
    from ..records import Actor, Mention
    from ..stages.actors.api import unknown_actors

    with _guarded(), _store(db, readonly=True) as store:
        if document is not None:
            _known_document(store, document)
        if unknown:
            rows = unknown_actors(store.records(Mention, document=document), store.records(Actor))
        else:
            counts = store.actor_counts(document=document)
    if unknown:
        if as_json:
            for u in _limit(rows, limit):
                print(json.dumps({"id": u.id, "name": u.name, "kind": u.kind, "mentions": u.mentions,
                                  "documents": u.documents, "surface_forms": list(u.surface_forms)}))
            return
        table = _table("id", "name", "kind", "mentions", "documents", "surface forms")
        for u in _limit(rows, limit):
            table.add_row(u.id, u.name, u.kind, str(u.mentions), str(u.documents), ", ".join(u.surface_forms))
        console.print(table)
        return
    if as_json:
        for actor, n, docs in _limit(counts, limit):
            print(json.dumps({**actor.to_export(), "mentions": n, "documents": docs}))
        return
    table = _table("id", "name", "kind", "country", "sector", "mentions", "documents")
    for actor, n, docs in _limit(counts, limit):
        table.add_row(actor.id, actor.name, actor.kind, actor.country or "", actor.sector or "", str(n), str(docs))
    console.print(table)


@kb_app.command("check")
def kb_check() -> None:
    """Validate the shipped knowledge base: unique ids, alias clashes, codes, role dates.

    Example: sitrep kb check
    """
    from ..kb import check, load_kb

    kb = load_kb()
    problems = check(kb)
    for p in problems:
        err_console.print(f"[red]problem:[/red] {p}", highlight=False)
    console.print(f"kb: {len(kb.actors)} actors, {len(problems)} problems")
    if problems:
        raise typer.Exit(1)


@app.command()
def events(
    db: Db = "sitrep.db",
    status: Annotated[str | None, typer.Option("--status", callback=choice(EVENT_STATUSES), metavar="STATUS",
                                                  help="Factual status: " + ", ".join(EVENT_STATUSES) + ".")] = None,
    category: Annotated[str | None, typer.Option("--category", callback=choice(EVENT_CATEGORIES), metavar="CATEGORY",
                                                    help="A PLOVER category: " + ", ".join(EVENT_CATEGORIES) + ".")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id (as actor or recipient); see `sitrep actors`.")] = None,
    as_json: AsJson = False,
    limit: Limit = 50,
) -> None:
    """List events, optionally filtered.

    Example: sitrep events --status asserted --category ASSAULT
    """
    with _guarded(), _store(db, readonly=True) as store:
        actor_id = _known_actor(store, actor, "--actor") if actor is not None else None
        rows = store.events(status=status, category=category, actor=actor_id)
        names = store.actor_names()
    if as_json:
        for e in _limit(rows, limit):
            print(json.dumps(e.to_export(), ensure_ascii=False))
        return
    from ..stages.casualties.report import figures_line

    table = _table("category", "status", "actors", "recipients", "date", "place", "victims", "source", "evidence")
    for e in _limit(rows, limit):
        table.add_row(
            e.category + (f":{e.mode}" if e.mode else ""), e.status,
            ", ".join(names.get(a, a) for a in e.actors), ", ".join(names.get(a, a) for a in e.recipients),
            (e.date.value or "") if e.date else "", e.place.name if e.place else "",
            figures_line(e.casualties, names), names.get(e.attributed_to, e.attributed_to) if e.attributed_to else "",
            e.evidence.text,
        )
    console.print(table)
    err_console.print(f"{len(rows)} events")


@app.command()
def quotes(
    db: Db = "sitrep.db",
    speaker: Annotated[str | None, typer.Option("--speaker", help="Actor id, or part of the speaker's name.")] = None,
    as_json: AsJson = False,
    limit: Limit = 50,
) -> None:
    """List quotes and attributed claims with their speakers.

    Example: sitrep quotes --speaker Kerry
    """
    from ..records import Actor, Document, Quote
    from ..stages.quotes.report import quotes_by_actor

    with _guarded(), _store(db, readonly=True) as store:
        quotes_ = store.records(Quote)
        groups = quotes_by_actor(quotes_, store.records(Document), speaker=speaker, actors=store.records(Actor))
    if as_json:
        by_id = {q.id: q for q in quotes_}
        for group in groups:
            for line in group.quotes:
                print(json.dumps(by_id[line.quote_id].to_export(), ensure_ascii=False))
        return
    rows = [(group.speaker, line) for group in groups for line in group.quotes]
    table = _table("speaker", "kind", "cue", "text", "outlet")
    for name, line in _limit(rows, limit):
        table.add_row(name, line.kind, line.cue or "", line.text, line.outlet)
    console.print(table)
    err_console.print(f"{len(rows)} quotes")


@app.command()
def compare(
    db: Db = "sitrep.db",
    actor: Annotated[str | None, typer.Option("--actor", help="Actor id: how each outlet labels and judges it.")] = None,
    outlets: Annotated[bool, typer.Option("--outlets", help="Each outlet's most distinctive labels (log-odds vs the rest).")] = False,
    top: Annotated[int, typer.Option("--top", help="Labels per outlet with --outlets.")] = 10,
    as_json: AsJson = False,
) -> None:
    """Compare outlets: labels, sentiment and loaded terms for an actor, or distinctive labels overall.

    Example: sitrep compare --actor SYR_GOV
    """
    from ..records import Document, Framing
    from ..stages.framing.compare import compare_actor, distinctive_labels

    if not actor and not outlets:
        raise typer.BadParameter("give --actor ID or --outlets")
    with _guarded(), _store(db, readonly=True) as store:
        actor_id = _known_actor(store, actor, "--actor") if actor else None
        framings = store.records(Framing)
        documents = store.records(Document)
    if outlets:
        _print_outlets(distinctive_labels(framings, documents, top=top), as_json)
        return
    assert actor_id is not None
    rows = compare_actor(framings, documents, actor_id)
    if as_json:
        for row in rows:
            print(json.dumps(asdict(row), ensure_ascii=False))
        return
    if not rows:
        err_console.print(f"no framing found for actor {actor_id!r}: no document framed it")
        raise typer.Exit(1)
    table = _table("outlet", "labels", "sentiment", "loaded terms", "evidence")
    for row in rows:
        table.add_row(*_compare_cells(row))
    console.print(table)


def _print_outlets(result: dict[str, list[tuple[str, float]]], as_json: bool) -> None:
    if as_json:
        print(json.dumps({o: [[label, round(score, 3)] for label, score in rows] for o, rows in result.items()}))
        return
    table = _table("outlet", "most distinctive labels (log-odds z)")
    for outlet, rows in result.items():
        table.add_row(outlet, ", ".join(f"{label} ({score:+.1f})" for label, score in rows))
    console.print(table)


def _compare_cells(row: OutletFraming) -> tuple[str, str, str, str, str]:
    """Render one ``sitrep.stages.framing.compare.OutletFraming`` as table cells."""
    labels = ", ".join(f"{lb.text} ×{lb.count}" if lb.count > 1 else lb.text for lb in row.labels)
    s: Any = row.sentiment
    sentiment = f"{s.label} {s.score:+.2f} (n={s.n})" if s is not None else "—"
    terms = ", ".join(f"{t.text} ({t.category})" for t in row.loaded_terms)
    evidence = " | ".join(e.text for e in row.evidence[:2])
    return f"{row.outlet} ({row.documents} doc.)", labels, sentiment, terms, evidence
