"""Stage ``casualties``: victim counts on the violent events, and who reports each event.

Runs after the events and quotes stages. For each document it reads the parse, the events,
the actor mentions, the time expressions and the quotes (whose speaker is a figure's source
when the sentence names none), and:

- puts each incident figure on the one event it belongs to (``Event.casualties``);
- keeps the figures that belong to no event in ``Analysis.casualties``: earlier incidents
  (``background``), war-wide totals (``war_total``, never an incident's figure) and incident
  figures in a sentence without an event;
- fills ``Event.attributed_to`` where the event stage left it empty and the sentence names a
  source (its figures' source, a reporting verb governing the trigger, or for a ``reported``
  event the sentence's source): an actor id when the KB knows the source, else its words.

Data in, data out: the lexicon and the learned war-total model (``scope_model``) load in
``__init__``; the extraction itself is ``extract.extract`` (pure).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...records import Analysis, Casualty, Event
from ...versioning import content_digest, files_digest, stage_version
from .background import BACKGROUND_MODEL_PATH, BackgroundModel, load_background_model
from .carry import CARRY_MODEL_PATH, CarryModel, load_carry_model
from .extract import BackgroundDecider, CarryDecider, Extraction, ScopeDecider, extract
from .lexicon import PACKAGE, CasualtyLexicon, load_lexicon
from .record import EventAnchor
from .scope_model import MODEL_PATH, ScopeModel, load_scope_model

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from ...resources import Resources
    from ..base import Stage


def event_anchors(events: Sequence[Event], text: str) -> list[EventAnchor]:
    """Trigger offsets of the events: the occurrence of the trigger in the evidence sentence
    whose offsets give the event's id (``events.stage.event_id``), else its first occurrence."""
    from ..events.stage import event_id

    out = []
    for ev in events:
        found = _trigger_span(ev, text, event_id)
        if found is not None:
            out.append(EventAnchor(ev.id, found[0], found[1], ev.category, ev.status))
    return out


def _trigger_span(ev: Event, text: str, make_id: Any) -> tuple[int, int] | None:
    base = ev.evidence.start
    sentence = text[base:ev.evidence.end]
    first = ev.trigger.split()[0] if ev.trigger.split() else ""
    if not first:
        return None
    hits = []
    i = sentence.find(first)
    while i >= 0:
        hits.append(base + i)
        i = sentence.find(first, i + 1)
    for start in hits:
        for end in range(start + len(first), min(ev.evidence.end, start + len(ev.trigger) + 40) + 1):
            if make_id(ev.document, start, end, ev.category) == ev.id:
                return start, end
    return (hits[0], hits[0] + len(first)) if hits else None


class CasualtyStage:
    name = "casualties"
    reads = ("doc", "document", "events", "mentions", "actors", "times", "quotes")
    writes = ("events", "casualties")

    def __init__(self, nlp: Language | None = None, *, lexicon: CasualtyLexicon | None = None,
                 scope_model: bool = True, background_model: bool = True, carry_model: bool = True) -> None:
        """``lexicon``: another word list than the shipped ``lexicon.yaml`` (tests, experiments);
        ``scope_model``: False decides scope by the rules alone, without the learned war-total
        model (``scope_model.py``); ``background_model``: False leaves out the learned
        background-vs-incident decision (``background.py``); ``carry_model``: False decides the
        previous sentence's source by the rule the learned carry replaced (``carry.py``)."""
        self.nlp = nlp
        self._custom_lexicon = lexicon is not None
        self.lexicon = lexicon or load_lexicon()
        self.scope_model: ScopeModel | None = load_scope_model() if scope_model else None
        self.background_model: BackgroundModel | None = load_background_model() if background_model else None
        self.carry_model: CarryModel | None = load_carry_model() if carry_model else None

    @classmethod
    def from_resources(cls, resources: Resources, **options: Any) -> CasualtyStage:
        return cls(resources.nlp, **options)

    @functools.cached_property
    def version(self) -> str:
        """Code and word lists of the package (and of the events code it reads trigger offsets
        with), or the content of a lexicon given in code."""
        lexicon = f"lexicon:{content_digest(self.lexicon)}" if self._custom_lexicon else "lexicon:shipped"
        model = f"scope-model:{files_digest([MODEL_PATH])}" if self.scope_model is not None else "scope-model:none"
        background = (f"background-model:{files_digest([BACKGROUND_MODEL_PATH])}"
                      if self.background_model is not None else "background-model:none")
        carry = (f"carry-model:{files_digest([CARRY_MODEL_PATH])}"
                 if self.carry_model is not None else "carry-model:none")
        return stage_version(PACKAGE, lexicon, model, background, carry)

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.doc is None:
            from ...errors import PipelineError

            raise PipelineError("The casualties stage needs the parse stage's spaCy Doc; run the parse "
                                "stage first (build_pipeline does).")
        found = extract_from(analysis, self.lexicon,
                             scope=self.scope_model.decide if self.scope_model is not None else None,
                             background=self.background_model.decide if self.background_model is not None else None,
                             carry=self.carry_model.decide if self.carry_model is not None else None)
        events = with_casualties(analysis.events, found)
        loose = [c for c in found.casualties if c.event is None]
        return dataclasses.replace(analysis, events=events, casualties=loose)


def extract_from(analysis: Analysis, lexicon: CasualtyLexicon, *, scope: ScopeDecider | None = None,
                 background: BackgroundDecider | None = None, carry: CarryDecider | None = None) -> Extraction:
    """The extractor on an analysis's parse and upstream records, with the given deciders: the
    stage's call, which the casualty models' fitting scripts replay with their own deciders."""
    from ..events.stage import published_date

    assert analysis.doc is not None
    return extract(analysis.doc, document=analysis.document.id, lexicon=lexicon,
                   anchors=event_anchors(analysis.events, analysis.text), mentions=analysis.mentions,
                   actors=analysis.actors, times=analysis.times, quotes=analysis.quotes,
                   published=published_date(analysis.document.anchor_date), places=analysis.places,
                   scope=scope, background=background, carry=carry,
                   text=analysis.text)  # the parse keeps the text: doc.text == it


def with_casualties(events: Sequence[Event], found: Extraction) -> list[Event]:
    """The events with their figures, and a source where they had none."""
    by_event: dict[str, list[Casualty]] = {}
    for c in found.casualties:
        if c.event is not None:
            by_event.setdefault(c.event, []).append(c)
    out = []
    for ev in events:
        changes: dict[str, Any] = {}
        if ev.id in by_event:
            changes["casualties"] = by_event[ev.id]
        source = found.event_sources.get(ev.id)
        if ev.attributed_to is None and source is not None:
            changes["attributed_to"] = source.label
        out.append(dataclasses.replace(ev, **changes) if changes else ev)
    return out


@functools.cache
def upstream_stages() -> tuple[Stage, ...]:
    """The pipeline's stages before the casualty stage (loaded once per process)."""
    from ...pipeline import build_pipeline

    return tuple(s for s in build_pipeline(only=["casualties"]).stages if s.name != "casualties")


def upstream(text: str, source_path: str, published: str | None) -> Analysis:
    """A text analysed by every stage before the casualty stage, as ``sitrep`` runs them on a
    data row: what the casualty models' fitting scripts and benchmarks hand to ``extract_from``."""
    from ...ingest import build_document

    analysis = Analysis(document=build_document(text, kind="row", source_path=source_path,
                                                fields={"published": published}))
    for stage in upstream_stages():
        analysis = stage(analysis)
    return analysis
