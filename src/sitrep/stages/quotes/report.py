"""Library functions for the report and the CLI: what each actor is quoted saying, where."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ...records import Actor, Document, Quote


@dataclass(slots=True)
class QuoteLine:
    """One thing an actor is quoted saying, in one outlet."""

    document: str
    outlet: str
    text: str
    kind: str
    cue: str | None
    quote_id: str


@dataclass(slots=True)
class ActorQuotes:
    """Everything one speaker is quoted saying (``actor`` is None when unresolved)."""

    actor: str | None
    speaker: str
    quotes: list[QuoteLine] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({q.outlet for q in self.quotes})


def outlet_of(document: Document | None, doc_id: str) -> str:
    """The outlet label of a document: publisher, else title, else id."""
    return document.outlet if document is not None else doc_id


def quotes_by_actor(
    quotes: Iterable[Quote],
    documents: Iterable[Document],
    *,
    speaker: str | None = None,
    actors: Iterable[Actor] = (),
) -> list[ActorQuotes]:
    """Group quotes by speaker (actor id, else speaker text), most quoted first.

    ``speaker`` filters (case-insensitive) on the actor id, the actor's name or a
    substring of the speaker text. A group is labelled with the actor's name when
    ``actors`` knows it, else with the first speaker text seen. Quotes without any
    speaker are grouped under ``"(unattributed)"``.
    """
    docs = {d.id: d for d in documents}
    names = {a.id: a.name for a in actors}
    groups: dict[str, ActorQuotes] = {}
    needle = speaker.lower() if speaker else None
    for q in quotes:
        text = q.speaker_text or "(unattributed)"
        label = names.get(q.speaker or "", text)
        if needle and not (
            (q.speaker and q.speaker.lower() == needle) or needle in text.lower() or needle in label.lower()
        ):
            continue
        key = q.speaker or f"text:{text.lower()}"
        group = groups.setdefault(key, ActorQuotes(q.speaker, label))
        group.quotes.append(
            QuoteLine(q.document, outlet_of(docs.get(q.document), q.document), q.text, q.kind, q.cue, q.id)
        )
    return sorted(groups.values(), key=lambda g: (-len(g.quotes), g.speaker.lower()))
