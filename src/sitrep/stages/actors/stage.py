"""Stage ``actors``: KB matching, roles, metonymy, generic agents, coreference, provisional actors.

Reads ``doc``, ``entities`` and ``document`` (its ``published`` date resolves
titles); writes ``actors`` (every actor a mention refers to, with the surface
forms this document used as ``aliases``) and ``mentions``.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ...errors import PipelineError
from ...kb import KnowledgeBase, load_kb
from ...records import Actor, Mention
from ..base import Analysis
from .matcher import ActorMatcher
from .resolve import Resolver, gazetteer_names
from .spans import Found

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


class ActorStage:
    name = "actors"
    version = "2"
    reads = ("doc", "entities", "document")
    writes = ("actors", "mentions")

    def __init__(self, nlp: Language, *, kb: KnowledgeBase | None = None) -> None:
        self.nlp = nlp
        self.kb = kb or load_kb()
        if kb is None:  # the shipped KB: its content is part of the version
            from ...kb.load import kb_fingerprint

            self.version = f"{type(self).version}+kb.{kb_fingerprint()}"
        self.matcher = ActorMatcher(self.kb)
        self.resolver = Resolver(self.matcher, places=gazetteer_names())

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        if doc is None:
            raise PipelineError("Stage 'actors' needs the spaCy Doc: run the 'parse' stage before it.")
        text = analysis.document.text
        res = self.resolver.resolve(text, doc, date=analysis.document.published, parsed=True)
        mentions, actors = build_records(analysis, res.found)
        return dataclasses.replace(analysis, mentions=mentions, actors=actors)


def build_records(analysis: Analysis, found: list[Found]) -> tuple[list[Mention], list[Actor]]:
    """Mentions in text order and the actors they refer to (aliases = surface forms seen here)."""
    text = analysis.document.text
    doc_id = analysis.document.id
    mentions: list[Mention] = []
    surfaces: dict[str, list[str]] = {}
    kb_actors: dict[str, Actor] = {}
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        surface = text[f.start:f.end]
        mentions.append(Mention(doc_id, f.actor.id, f.start, f.end, surface,
                                analysis.sentence_text(f.start), f.method))
        seen = surfaces.setdefault(f.actor.id, [])
        if surface not in seen:
            seen.append(surface)
        if f.actor.id not in kb_actors:
            actor = f.actor.to_actor(aliases=[])
            actor.provisional = f.actor.provenance == "provisional"
            kb_actors[f.actor.id] = actor
    actors = []
    for actor_id, actor in kb_actors.items():
        actor.aliases = surfaces[actor_id]
        actors.append(actor)
    return mentions, actors
