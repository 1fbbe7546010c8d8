"""Typed records that flow between pipeline stages and into the store.

Every extracted item carries the id of its document, character offsets into the
stored document text (``Document.text``) and the text of its evidence sentence.
The export contract (``docs/export-format.md``) is these records serialised:
``to_export()`` adds the ``type`` key.

Records are plain dataclasses: stages build them, the store writes them, the
exporters and the report read them. Nothing here does I/O.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, get_args

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# --- closed value sets: one Literal each; the tuples are derived from it -------------------------

DocumentStatus = Literal["ingested", "analyzed", "skipped", "failed"]
SkipStatus = Literal["skipped", "failed"]
#: the 16 PLOVER event categories
EventCategory = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
#: an event's factual status (see ``stages/events/modality.py``)
EventStatus = Literal["asserted", "reported", "historical", "future", "hypothetical", "negated"]
ActorKind = Literal[
    "person", "state", "government_body", "military", "armed_group", "igo", "ngo", "media",
    "monitor", "party", "company", "ethnic_religious_group", "other",
]
#: TIMEX3 types
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect", "mixed"]
SentimentLabel = Literal["negative", "neutral", "positive"]
#: what happened to the people a casualty figure counts (docs/coding-guide-casualties.md)
CasualtyKind = Literal["killed", "injured", "missing", "abducted", "arrested", "displaced"]
#: who a casualty figure counts
Victims = Literal["civilians", "children", "women", "fighters", "soldiers", "police", "people"]
#: ``incident``: the reported incident; ``background``: an earlier one brought in as context;
#: ``war_total``: a war-wide or period total (never an incident's figure)
CasualtyScope = Literal["incident", "background", "war_total"]

EVENT_CATEGORIES: tuple[EventCategory, ...] = get_args(EventCategory)
EVENT_STATUSES: tuple[EventStatus, ...] = get_args(EventStatus)
ACTOR_KINDS: tuple[ActorKind, ...] = get_args(ActorKind)
TIMEX_TYPES: tuple[TimexType, ...] = get_args(TimexType)
QUOTE_KINDS: tuple[QuoteKind, ...] = get_args(QuoteKind)
SENTIMENT_LABELS: tuple[SentimentLabel, ...] = get_args(SentimentLabel)
CASUALTY_KINDS: tuple[CasualtyKind, ...] = get_args(CasualtyKind)
VICTIMS: tuple[Victims, ...] = get_args(Victims)
CASUALTY_SCOPES: tuple[CasualtyScope, ...] = get_args(CasualtyScope)

L = TypeVar("L", bound=str)


def narrow(value: str, allowed: tuple[L, ...], *, default: L | None = None) -> L:
    """``value`` as a member of the closed set ``allowed`` (one of the tuples above).

    A value outside the set is a bug upstream: with a ``default`` it is logged and
    replaced, without one it raises ``ValueError`` naming the allowed values.

    >>> narrow("ASSAULT", EVENT_CATEGORIES)
    'ASSAULT'
    """
    for member in allowed:
        if member == value:
            return member
    if default is not None:
        log.warning("unexpected value %r (allowed: %s); using %r", value, ", ".join(allowed), default)
        return default
    raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")


#: field names per dataclass type, learned on first use (``dataclasses.fields`` is slow to ask each time)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
#: types ``plain`` returns as they are without asking anything else
_SCALARS = (str, int, float, bool, type(None))


def plain(value: Any) -> Any:
    """Records (and lists/dicts of them) as plain JSON-ready data: the one converter."""
    cls = type(value)
    names = _FIELD_NAMES.get(cls)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if cls in _SCALARS:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(value))
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: the export ``type`` name and conversion to plain data."""

    TYPE: ClassVar[str] = ""
    #: fields kept in the store but left out of the export contract
    INTERNAL: ClassVar[tuple[str, ...]] = ()
    #: fields exported under another name (a field may not be called ``type`` in the export)
    EXPORT_NAMES: ClassVar[dict[str, str]] = {}
    #: fields the store derives when it reads the record (never written with it)
    DERIVED: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        return plain(self)  # type: ignore[no-any-return]

    def to_export(self) -> dict[str, Any]:
        data = {self.EXPORT_NAMES.get(k, k): v for k, v in self.to_dict().items() if k not in self.INTERNAL}
        return {"type": self.TYPE, **data}


@dataclass(slots=True)
class Removed:
    """A span of web-page furniture taken out of a body: ``raw_text[start:end]`` and why."""

    start: int
    end: int
    kind: str  # e.g. "share", "tags", "related", "credit", "date", "repeated"


@dataclass(slots=True)
class ContextText:
    """Run-on furniture taken out of a body whose names stay **document context only**:
    ``raw_text[raw_from:raw_to]`` (a span of ``Document.removed``) and its text. The stages never
    read it as sentences: the actor stage resolves its names into :class:`ContextName` evidence."""

    raw_from: int
    raw_to: int
    text: str


@dataclass(slots=True)
class ContextName:
    """A name found in a :class:`ContextText`: document-level evidence only (which state the
    document is about), never a mention, a place, an event or a framing label of its own.

    ``raw_from``/``raw_to`` are a span of ``Document.raw_text`` (for a place name the whole context
    text it came from); ``actor`` the KB actor (a state's ISO3 for a place name), ``country`` its
    state, ``kind`` the KB kind, ``placed`` a place name (the text's places, not its parties)."""

    raw_from: int
    raw_to: int
    actor: str
    country: str | None
    kind: str
    placed: bool = False


@dataclass(slots=True)
class Document(Record):
    """One ingested article. ``text`` is the repaired body all offsets point into."""

    TYPE: ClassVar[str] = "document"
    INTERNAL: ClassVar[tuple[str, ...]] = (
        "raw_text", "char_map", "captions", "footer", "reason", "version", "previous",
        "encoding", "replaced", "removed", "context",
    )

    id: str
    sha256: str
    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD, YYYY-MM or YYYY; None when unknown
    dateline: str | None = None
    url: str | None = None
    source_path: str | None = None
    language: str | None = None
    status: DocumentStatus = "ingested"
    reason: str | None = None
    #: the text as read (decoded), before repair; ``char_map`` maps offsets back into it
    raw_text: str | None = None
    #: anchor points (stored_offset, raw_offset): between anchors offsets advance together
    char_map: list[tuple[int, int]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    footer: str | None = None
    version: int = 1
    previous: str | None = None
    #: how the input's bytes were decoded (None when the text came already decoded)
    encoding: str | None = None
    #: characters replaced by U+FFFD to make the text valid (undecodable bytes, lone surrogates)
    replaced: int = 0
    #: web-page furniture removed from the body (spans of ``raw_text``)
    removed: list[Removed] = field(default_factory=list)
    #: the run-on furniture of ``removed`` kept as document context only (``sitrep.ingest.runon``):
    #: its names may tell which state the document is about, never yield a record of their own
    context: list[ContextText] = field(default_factory=list)
    #: the date the text states at its top as the report's own (a dateline, a "Published" line;
    #: ``sitrep.ingest.textdate``), ISO day; None when the text states none. ``published`` stays the metadata's
    text_date: str | None = None
    #: the document creation time the stages anchor on (relative dates, event dates, background):
    #: chosen by ingest from ``published`` and ``text_date`` (``sitrep.dates.creation_time``); None when
    #: neither is known, never today
    created: str | None = None

    @property
    def anchor_date(self) -> str | None:
        """The creation time the stages anchor on: ``created`` as ingest chose it, else (a document
        built in code, or stored before ingest chose one) ``published``."""
        return self.created if self.created is not None else self.published

    @property
    def outlet(self) -> str:
        """Who a document speaks for in comparisons: its publisher, else the document itself."""
        return self.publisher or self.title or self.id


@dataclass(slots=True)
class Skip(Record):
    """An input that did not become an analyzable document, and why."""

    TYPE: ClassVar[str] = "skip"

    source: str
    status: SkipStatus
    reason: str
    document: str | None = None


@dataclass(slots=True)
class Sentence(Record):
    TYPE: ClassVar[str] = "sentence"

    document: str
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Entity(Record):
    """A raw named-entity span from the spaCy pipeline."""

    TYPE: ClassVar[str] = "entity"

    document: str
    start: int
    end: int
    text: str
    label: str
    sentence: str


@dataclass(slots=True)
class Actor(Record):
    """A knowledge-base actor (or a provisional one found in text)."""

    TYPE: ClassVar[str] = "actor"
    INTERNAL: ClassVar[tuple[str, ...]] = ("provisional",)

    id: str
    name: str
    kind: ActorKind = "other"
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    provisional: bool = False


@dataclass(slots=True)
class Mention(Record):
    """A span of text that refers to an actor."""

    TYPE: ClassVar[str] = "mention"
    INTERNAL: ClassVar[tuple[str, ...]] = ("method",)

    document: str
    actor: str
    start: int
    end: int
    text: str
    sentence: str
    #: how it was resolved: kb, role, coref, acronym, metonym, generic, provisional
    method: str = "kb"


@dataclass(slots=True)
class TimeExpr(Record):
    """A TIMEX3-style temporal expression, normalised against the document date."""

    TYPE: ClassVar[str] = "time"
    EXPORT_NAMES: ClassVar[dict[str, str]] = {"type": "timex_type"}

    document: str
    start: int
    end: int
    text: str
    sentence: str
    type: TimexType
    value: str | None
    precision: str | None = None  # day, week, month, quarter, year, decade, century, time
    anchor: str | None = None  # the date it was resolved against (ISO), None if absolute
    fuzzy: bool = False


@dataclass(slots=True)
class Place(Record):
    """A toponym resolved to a gazetteer entry."""

    TYPE: ClassVar[str] = "place"

    document: str
    start: int
    end: int
    text: str
    sentence: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    geonames_id: int | None = None
    level: int | None = None  # PLOVER: 5 sub-city, 4 city, 3 district, 2 region, 1 country


@dataclass(slots=True)
class EventDate(Record):
    """An event's date (``stages.events.anchoring.event_date``). ``told``: the expression is the day
    its source spoke ("activists said on Wednesday that strikes killed nine": a calendar expression
    governing a reporting verb whose complement holds the event), which dates the statement, not
    the act (decisions §6d rule 1); the act then has no day of its own."""

    value: str | None
    precision: str | None = None
    text: str | None = None
    told: bool = False


@dataclass(slots=True)
class EventPlace(Record):
    """The place an event governs; ``start``/``end``: offsets of the toponym it was read from."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonames_id: int | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Evidence(Record):
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Casualty(Record):
    """A victim count ("at least 20 civilians were killed") and who reports it.

    ``best`` is the figure's value read as ACLED does ("at least 20" -> 20, "dozens" -> 12,
    the low end of a range); ``low``/``high`` only for ranges; ``approximate`` for hedged and
    vague counts. ``scope`` keeps war-wide totals and earlier incidents apart from the reported
    incident's figures: only ``incident`` figures belong to an ``event``. ``subset_of`` is the
    id of the total a figure is part of ("including 8 children": never added to it);
    ``superseded`` marks a toll the text itself updates ("rose to 45"). ``attributed_to`` is
    the source's actor id when the knowledge base knows it, else the source's words, with
    their offsets in ``source_start``/``source_end``.
    """

    TYPE: ClassVar[str] = "casualty"

    id: str
    document: str
    kind: CasualtyKind
    victims: Victims
    best: int
    start: int
    end: int
    text: str
    evidence: Evidence
    low: int | None = None
    high: int | None = None
    approximate: bool = False
    side: str | None = None
    scope: CasualtyScope = "incident"
    event: str | None = None
    subset_of: str | None = None
    superseded: bool = False
    attributed_to: str | None = None
    source_text: str | None = None
    source_start: int | None = None
    source_end: int | None = None

    def __post_init__(self) -> None:
        if self.event is not None and self.scope != "incident":
            raise ValueError(f"casualty {self.id}: a {self.scope} figure cannot belong to an event ({self.event}); "
                             "only incident figures attach to events (issue 12)")


@dataclass(frozen=True, slots=True)
class FightSide:
    """An armed side a fight's own clause names (``Event.fight_sides``): the actors stage's mention of
    it in the event's evidence sentence — its actor id, offsets into the document text and its words."""

    actor: str
    start: int
    end: int
    text: str = ""


@dataclass(slots=True)
class Event(Record):
    """A PLOVER-coded event with its factual status; ``casualties`` are its victim counts."""

    TYPE: ClassVar[str] = "event"
    DERIVED: ClassVar[tuple[str, ...]] = ("incident",)

    id: str
    document: str
    category: EventCategory
    status: EventStatus
    evidence: Evidence
    trigger: str
    mode: str | None = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    place: EventPlace | None = None
    date: EventDate | None = None
    attributed_to: str | None = None
    confidence: float = 0.5
    #: offsets of the trigger words in the document text (from the first to the last word)
    trigger_start: int | None = None
    trigger_end: int | None = None
    casualties: list[Casualty] = field(default_factory=list)
    #: the incident it belongs to (set by the incident layer, issue 11; None when it is in none)
    incident: str | None = None
    #: its sentence tells a fight: its trigger is a fight word by its lemma ("clashed"), or a fight word
    #: its trigger governs names an armed side (``stages.events.fight_frame``; branch battle3)
    fight_told: bool = False
    #: the armed sides the fight frame of its own clause names ("clashes between A and B", "killed in
    #: clashes with B", "repelled an attack by B"), each the actors stage's mention of it; its ``actors``
    #: and ``recipients`` do not change. Empty for events stored before it existed
    fight_sides: list[FightSide] = field(default_factory=list)

    def __post_init__(self) -> None:
        for c in self.casualties:
            if c.scope != "incident":
                raise ValueError(f"event {self.id}: casualty {c.id} is a {c.scope} figure; war-wide totals and "
                                 "earlier incidents never belong to an event (issue 12)")


@dataclass(slots=True)
class Quote(Record):
    """A claim with its speaker: direct, indirect or mixed speech."""

    TYPE: ClassVar[str] = "quote"

    id: str
    document: str
    text: str
    kind: QuoteKind
    start: int
    end: int
    sentence: str
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    #: offsets of the attribution's source phrase ("he" in "he said", "who" in "officials, who
    #: said"), which ``speaker``/``speaker_text`` resolve; None when nobody is credited
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(slots=True)
class ScareQuote(Record):
    """Words in quotation marks that nobody is quoted as saying: a framing signal."""

    TYPE: ClassVar[str] = "scare_quote"

    document: str
    start: int
    end: int
    text: str
    sentence: str
    attached_to: str | None = None  # actor id or topic text


@dataclass(slots=True)
class Label(Record):
    text: str
    count: int


@dataclass(slots=True)
class SentimentScore(Record):
    score: float
    label: SentimentLabel
    n: int


@dataclass(slots=True)
class LoadedTerm(Record):
    text: str
    category: str
    start: int
    end: int


@dataclass(slots=True)
class Framing(Record):
    """How one document labels and judges one actor."""

    TYPE: ClassVar[str] = "framing"

    document: str
    actor: str
    labels: list[Label] = field(default_factory=list)
    sentiment: SentimentScore | None = None
    loaded_terms: list[LoadedTerm] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """Everything known about one document as it moves through the stages.

    Each list holds the records one stage writes (``Stage.writes`` names these fields);
    ``doc`` is the parsed spaCy ``Doc``, transient: never stored, dropped before pickling.
    """

    document: Document
    doc: Doc | None = None
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    #: casualty figures that belong to no event: background incidents, war-wide totals, and
    #: incident figures in a sentence without an event (an event's own are ``Event.casualties``)
    casualties: list[Casualty] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    scare_quotes: list[ScareQuote] = field(default_factory=list)
    framings: list[Framing] = field(default_factory=list)
    #: names in ``document.context`` (removed run-on furniture), written by the actor stage:
    #: document-level evidence only, never exported or stored
    context_names: list[ContextName] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains character ``offset`` (None outside any)."""
        starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < max(self.sentences[i].end, offset + 1):
            return self.sentences[i]
        return None

    def sentence_text(self, offset: int, end: int | None = None) -> str:
        """The evidence sentence of a span starting at ``offset``: the sentence that contains it, and
        when the span runs on past that sentence's end (``end``: a date the sentence splitter cut,
        "... Fri Sep 30 | 2016"), the text through the sentence where it ends, so that the evidence
        always holds the span."""
        sent = self.sentence_at(offset)
        if sent is None:
            return ""
        if end is None or end <= sent.end:
            return sent.text
        last = self.sentence_at(end - 1)
        if last is None or last.end <= sent.end:
            return sent.text
        return self.text[sent.start:last.end]

    def without_doc(self) -> Analysis:
        return dataclasses.replace(self, doc=None)


#: every field of ``Analysis`` (what a stage may declare in ``reads`` / ``writes``)
ANALYSIS_FIELDS: frozenset[str] = frozenset(f.name for f in dataclasses.fields(Analysis))


#: ``Analysis`` field -> the record type it lists, for every list the store keeps per document
#: (``actors`` is shared across documents, so the store upserts it apart)
ANALYSIS_LISTS: dict[str, type[Record]] = {
    "sentences": Sentence, "entities": Entity, "mentions": Mention, "times": TimeExpr,
    "places": Place, "events": Event, "casualties": Casualty, "quotes": Quote,
    "scare_quotes": ScareQuote, "framings": Framing,
}


@functools.cache
def _field_hints(cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    """(field name, resolved type) of a record class, computed once per class."""
    import typing

    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints.get(f.name)) for f in dataclasses.fields(cls))


def from_plain(cls: type[Any], data: Any) -> Any:
    """Rebuild a record (and its nested records) from plain data, e.g. a decoded JSON column."""
    if data is None or not (dataclasses.is_dataclass(cls) and isinstance(data, dict)):
        return data
    kwargs = {}
    for name, convert in _field_converters(cls):
        if name in data:
            value = data[name]
            kwargs[name] = value if value is None else convert(value)
    return cls(**kwargs)


@functools.cache
def _field_converters(cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    """(field name, converter) of a record class, computed once per class (hashing a type hint
    to find its cached converter costs more than converting the value)."""
    return tuple((name, _converter(hint)) for name, hint in _field_hints(cls))  # type: ignore[arg-type]


def _same(value: Any) -> Any:
    return value


@functools.cache
def _converter(hint: Any) -> Any:
    """A function turning plain data into a value of type ``hint`` (built once per type)."""
    import types
    import typing

    if hint is None:
        return _same
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in typing.get_args(hint) if a is not type(None)]
        if not present:
            return _same
        inner = _converter(present[0])
        return inner if inner is _same else (lambda v: None if v is None else inner(v))
    if origin in (list, tuple):
        (item,) = typing.get_args(hint)[:1] or (Any,)
        each = _converter(item)
        if origin is list:
            return _same if each is _same else (lambda v: [each(x) for x in v])
        return lambda v: tuple(each(x) for x in v)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda v: from_plain(hint, v) if isinstance(v, dict) else v
    return _same
