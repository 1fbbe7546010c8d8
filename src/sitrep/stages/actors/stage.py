"""Stage ``actors``: KB matching, roles, metonymy, generic agents, coreference, provisional actors.

Reads ``doc``, ``entities`` and ``document`` (its ``published`` date resolves
titles); writes ``actors`` (every actor a mention refers to, with the surface
forms this document used as ``aliases``) and ``mentions``.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from typing import TYPE_CHECKING, Any

from ...errors import PipelineError
from ...records import Actor, Analysis, ContextName, Document, Mention
from ...versioning import stage_version
from . import resolve
from .matcher import shared_matcher
from .resolve import Resolver
from .spans import Found

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from ...kb import KnowledgeBase
    from ...resources import Resources

log = logging.getLogger(__name__)
PACKAGE = "sitrep.stages.actors"


class ActorStage:
    name = "actors"
    reads = ("doc", "entities", "document")
    writes = ("actors", "mentions", "context_names")

    def __init__(self, nlp: Language | None = None, *, kb: KnowledgeBase | None = None,
                 resources: Resources | None = None) -> None:
        """``resources`` gives the KB and the town names (``build_pipeline`` passes them); without
        it, ``kb`` (default: the shipped one) and the shipped town names are used."""
        if resources is None:
            from ...resources import Resources

            resources = Resources(nlp=nlp, kb=kb)
        elif kb is not None:
            raise PipelineError("Give the actors stage a KB through its resources or as `kb`, not both.")
        self.nlp = nlp
        self.resources = resources
        self.kb = resources.kb
        self.matcher = shared_matcher(self.kb)  # compiled once per process and KB
        self.resolver = Resolver(self.matcher, places=resources.town_names)

    @classmethod
    def from_resources(cls, resources: Resources, **options: Any) -> ActorStage:
        return cls(resources=resources, **options)

    @functools.cached_property
    def version(self) -> str:
        """Code of the package and of the KB modules, the KB's content, the town names."""
        version = stage_version(PACKAGE, self.resources.fingerprint("kb"),
                                self.resources.fingerprint("town_names"))
        # the bare state-force nouns' switch (``resolve.STANDALONE_AGENTS``, on by default) is named when off
        return version if resolve.STANDALONE_AGENTS else f"{version}+no-standalone-agents"

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        if doc is None:
            raise PipelineError("Stage 'actors' needs the spaCy Doc: run the 'parse' stage before it.")
        text = analysis.document.text
        context = self.context_names(analysis.document)
        placed = tuple(n.actor for n in context if n.placed)
        res = self.resolver.resolve(text, doc, date=analysis.document.anchor_date, parsed=True, theatre=placed)
        mentions, actors = build_records(analysis, res.found)
        provisional = sum(1 for a in actors if a.provisional)
        if provisional:
            log.debug("%s: %d of %d actors not in the KB, kept as provisional",
                      analysis.document.id, provisional, len(actors))
        return dataclasses.replace(analysis, mentions=mentions, actors=actors, context_names=context)

    def context_names(self, document: Document) -> list[ContextName]:
        """The names in the document's context text (removed run-on furniture, ``Document.context``),
        each text resolved alone without a parse: its actors (with their state) and the states of its
        place names. Evidence for the document's theatre only: never a mention or an actor record."""
        names: list[ContextName] = []
        for ctx in document.context:
            res = self.resolver.resolve(ctx.text, None, date=document.anchor_date, parsed=False)
            for f in res.found:
                country = f.actor.id if f.actor.kind == "state" else f.actor.country
                names.append(ContextName(ctx.raw_from + f.start, ctx.raw_from + f.end, f.actor.id, country,
                                         f.actor.kind))
            names += [ContextName(ctx.raw_from, ctx.raw_to, iso, iso, "state", placed=True) for iso in res.theatre]
        return names


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
                                analysis.sentence_text(f.start, f.end), f.method))
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
