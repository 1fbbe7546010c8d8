"""The API's schemas: what a request may ask (inputs) and what it gets back (outputs).

Outputs are shaped like the export contract (``docs/export-format.md``): the same field
names and values, with a ``type``; list items add what a list needs (``outlet``, ``day``),
and lists come in a :class:`Page` with the cursor of the next page. Inputs are the
filters of each list, validated here (dates are ISO days, a bounding box is four numbers),
so a bad value is a 422 that names the parameter, never a server error.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import HTTPException, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from ..records import ActorKind, DocumentStatus, EventCategory, EventStatus, QuoteKind

T = TypeVar("T")

DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

# --- inputs -----------------------------------------------------------------------------------

Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (1-500).")]
Cursor = Annotated[str | None, Query(max_length=400, description="`next` of the previous page.")]
DateFrom = Annotated[str | None, Query(pattern=DAY_PATTERN, description="First day (ISO YYYY-MM-DD), inclusive.")]
DateTo = Annotated[str | None, Query(pattern=DAY_PATTERN, description="Last day (ISO YYYY-MM-DD), inclusive.")]
Outlet = Annotated[str | None, Query(max_length=300, description="Outlet (publisher, else title) exactly.")]
ActorId = Annotated[str | None, Query(max_length=200, description="Actor id (see /api/actors).")]
Bbox = Annotated[str | None, Query(
    pattern=r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$",
    description="Bounding box west,south,east,north in degrees (WGS84).")]

CategoryIn = EventCategory
StatusIn = EventStatus
DocumentStatusIn = DocumentStatus
ActorKindIn = ActorKind
QuoteKindIn = QuoteKind


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``"w,s,e,n"`` as four floats; a 422 when latitudes are out of range or south > north."""
    if text is None:
        return None
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        west = south = east = north = math.nan
    if not (-90 <= south <= north <= 90) or not (-180 <= west <= 180 and -180 <= east <= 180):
        raise RequestValidationError([{
            "type": "value_error", "loc": ("query", "bbox"), "input": text,
            "msg": "give west,south,east,north with -180 <= longitude <= 180 and -90 <= south <= north <= 90"}])
    return west, south, east, north


def encode_cursor(key: tuple[Any, ...] | str) -> str:
    """An opaque cursor for a keyset key."""
    raw = json.dumps(key if isinstance(key, str) else list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, shape: tuple[type, ...]) -> Any:
    """The key a cursor holds, checked against ``shape`` (one type per part; one part: a bare
    value); a 400 that says so when it is not one this API gave out."""
    if cursor is None:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        parts = data if len(shape) > 1 else [data]
        if not isinstance(parts, list) or len(parts) != len(shape) or not all(
                isinstance(v, t) and not isinstance(v, bool) for v, t in zip(parts, shape, strict=True)):
            raise ValueError(cursor)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise HTTPException(400, "cursor: not a cursor this API returned; use the `next` value of a page") from exc
    return tuple(parts) if len(shape) > 1 else parts[0]


@dataclass(slots=True)
class EventQuery:
    """The event filters of a request (``/api/events``, ``/api/map/events``)."""

    category: str | None
    status: str | None
    actor: str | None
    outlet: str | None
    document: str | None
    date_from: str | None
    date_to: str | None
    bbox: str | None
    place: str | None


async def event_query(
    category: Annotated[CategoryIn | None, Query(description="PLOVER category.")] = None,
    status: Annotated[StatusIn | None, Query(description="Factual status.")] = None,
    actor: ActorId = None,
    outlet: Outlet = None,
    document: Annotated[str | None, Query(max_length=64, description="Document id.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    bbox: Bbox = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name (exact, any case).")] = None,
) -> EventQuery:
    return EventQuery(category, status, actor, outlet, document, date_from, date_to, bbox, place)


# --- outputs ----------------------------------------------------------------------------------


class Page(BaseModel, Generic[T]):
    """One page of a list; ``next`` is the cursor of the next page (null on the last)."""

    items: list[T]
    next: str | None = None


class EvidenceOut(BaseModel):
    start: int
    end: int
    text: str


class EventPlaceOut(BaseModel):
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    geonames_id: int | None = None
    text: str | None = None
    start: int | None = Field(None, description="Offset of the place's words in the document text, when known.")
    end: int | None = None


class EventDateOut(BaseModel):
    value: str | None = None
    precision: str | None = None
    text: str | None = None
    told: bool = Field(False, description="The day its source spoke, which dates the statement, not the act.")


class FightSideOut(BaseModel):
    """An armed side a fight's own clause names: the actors stage's mention of it."""

    actor: str
    start: int
    end: int
    text: str = ""


class EventOut(BaseModel):
    """An event as exported, with its report's outlet, its day and its tone."""

    type: Literal["event"] = "event"
    id: str
    document: str
    category: str
    mode: str | None = None
    actors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    place: EventPlaceOut | None = None
    date: EventDateOut | None = None
    status: str
    attributed_to: str | None = None
    trigger: str
    evidence: EvidenceOut
    confidence: float
    trigger_start: int | None = Field(None, description="Offset of the trigger words in the document text.")
    trigger_end: int | None = None
    casualties: list[dict[str, Any]] = Field(default_factory=list, description="Victim counts, as the `casualty` export type.")
    incident: str | None = Field(None, description="The incident the event belongs to (null when none).")
    fight_told: bool = Field(False, description="Its own clause tells a fight (a fight word by lemma, or a fight frame naming an armed side).")
    fight_sides: list[FightSideOut] = Field(default_factory=list,
                                            description="The armed sides its clause's fight frame names (actors stage mentions).")
    outlet: str | None = None
    day: str | None = Field(None, description="The event's first day (its own date, else its report's); null if unknown.")
    tone: Literal["cooperation", "conflict", "neutral"]


class DocumentSummaryOut(BaseModel):
    type: Literal["document"] = "document"
    id: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    outlet: str
    day: str | None = None
    status: str
    language: str | None = None
    url: str | None = None
    source_path: str | None = None


class SpanOut(BaseModel):
    """An item's span in the document text, for highlighting: ``text[start:end]``."""

    kind: Literal["mention", "event", "quote", "place", "time", "scare_quote"]
    start: int
    end: int
    text: str
    ref: str | None = Field(None, description="The record it belongs to: actor id, event id, quote id.")
    label: str


class DocumentOut(BaseModel):
    """A document as exported (with its text), plus its outlet and every span found in it."""

    type: Literal["document"] = "document"
    id: str
    sha256: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    dateline: str | None = None
    url: str | None = None
    source_path: str | None = None
    language: str | None = None
    status: str
    text: str
    outlet: str
    stages: list[str] | None = Field(None, description="The stages that analyzed it (null: not analyzed, or "
                                     "before sitrep recorded them); a record type whose stage is not listed "
                                     "was not looked for, so no framing is not a neutral framing.")
    spans: list[SpanOut] = Field(default_factory=list)


class ActorOut(BaseModel):
    type: Literal["actor"] = "actor"
    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = Field(default_factory=list)
    wikidata: str | None = None
    mentions: int


class CountOut(BaseModel):
    key: str
    count: int


class LabelOut(BaseModel):
    text: str
    count: int


class SentimentOut(BaseModel):
    score: float
    label: str
    n: int


class TermOut(BaseModel):
    text: str
    category: str
    count: int


class OutletEvidenceOut(BaseModel):
    document: str
    start: int
    end: int
    text: str


class OutletFramingOut(BaseModel):
    """How one outlet labels and judges one actor (``sitrep compare --actor``)."""

    outlet: str
    actor: str
    documents: int
    labels: list[LabelOut]
    sentiment: SentimentOut | None = None
    sentiment_documents: dict[str, int] = Field(default_factory=dict)
    loaded_terms: list[TermOut]
    evidence: list[OutletEvidenceOut]


class EdgeOut(BaseModel):
    source: str
    target: str
    tone: Literal["cooperation", "conflict", "neutral"]
    count: int


class ActorProfileOut(BaseModel):
    actor: ActorOut
    documents: int
    by_month: list[CountOut]
    by_outlet: list[CountOut]
    framing: list[OutletFramingOut]
    network: list[EdgeOut]
    names: dict[str, str] = Field(description="Names of the actor ids in `network`.")


class QuoteOut(BaseModel):
    type: Literal["quote"] = "quote"
    id: str
    document: str
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    text: str
    kind: str
    start: int
    end: int
    sentence: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    outlet: str


class SnippetPart(BaseModel):
    text: str
    match: bool


class SearchHitOut(BaseModel):
    kind: Literal["document", "title", "quote"]
    document: str
    id: str
    title: str | None = None
    outlet: str
    snippet: list[SnippetPart]
    rank: float


class SearchOut(BaseModel):
    query: str
    hits: list[SearchHitOut]
    next_offset: int | None = None


class PointGeometry(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: list[float] = Field(description="[longitude, latitude]")


class Feature(BaseModel):
    type: Literal["Feature"] = "Feature"
    geometry: PointGeometry
    properties: dict[str, Any]


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]


class OutletOut(BaseModel):
    outlet: str
    documents: int
    events: int


class OverviewOut(BaseModel):
    counts: dict[str, int]
    events_by_month: list[CountOut]
    documents_by_month: list[CountOut]
    top_actors: list[ActorOut]
    outlets: list[OutletOut]
    categories: list[CountOut]


class DistinctiveOut(BaseModel):
    """An outlet's most distinctive labels (``sitrep compare --outlets``): label and log-odds z."""

    outlet: str
    labels: list[tuple[str, float]]


# --- incidents --------------------------------------------------------------------------------


@dataclass(slots=True)
class IncidentQueryIn:
    """The incident filters of a request (``/api/incidents``, ``/api/map/incidents``)."""

    date_from: str | None
    date_to: str | None
    category: str | None
    actor: str | None
    place: str | None
    bbox: str | None
    status: str | None
    contested: bool
    min_sources: int


async def incident_query(
    date_from: DateFrom = None,
    date_to: DateTo = None,
    category: Annotated[CategoryIn | None, Query(description="PLOVER category.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id, as perpetrator or recipient.")] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name, in the incident place's name or "
                                                                   "province (any case and accents).")] = None,
    bbox: Bbox = None,
    status: Annotated[Literal["asserted", "reported", "denied"] | None,
                      Query(description="At least one report asserts it, reports it as a claim, or denies it.")] = None,
    contested: Annotated[bool, Query(description="Only incidents on which the reports disagree.")] = False,
    min_sources: Annotated[int, Query(ge=0, le=1000, description="At least this many independent sources.")] = 0,
) -> IncidentQueryIn:
    return IncidentQueryIn(date_from, date_to, category, actor, place, bbox, status, contested, min_sources)


class PlaceWithinOut(BaseModel):
    name: str
    level: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None


class IncidentPlaceOut(PlaceWithinOut):
    within: PlaceWithinOut | None = None


class IncidentDateOut(BaseModel):
    start: str | None = None
    end: str | None = None
    precision: str


class StatusCountsOut(BaseModel):
    asserted: int = 0
    reported: int = 0
    denied: int = 0


class CasualtyFigureOut(BaseModel):
    kind: str
    best: int
    low: int
    high: int
    sources: list[str] = Field(default_factory=list)


class VersionValueOut(BaseModel):
    value: str
    documents: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)


class ContestedOut(BaseModel):
    field: str
    versions: list[VersionValueOut] = Field(default_factory=list)


class ReportLinkOut(BaseModel):
    document: str
    strength: float | None = Field(None, description="The best link score between a mention of this report and "
                                                     "one of another report of the incident (report probability "
                                                     "times mention score; docs/export-format.md).")
    to: str | None = Field(None, description="That other report.")
    linked: list[str] = Field(default_factory=list, description="Every other report of the incident it has a link "
                                                                "with (the rest are tied to it through a third).")


class IncidentOut(BaseModel):
    """An incident as exported (type ``incident``), with its first day and tone."""

    type: Literal["incident"] = "incident"
    id: str
    category: str
    mode: str | None = None
    actors: list[str] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    place: IncidentPlaceOut | None = None
    date: IncidentDateOut | None = None
    events: list[str] = Field(default_factory=list)
    historical: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    outlets: list[str] = Field(default_factory=list)
    first_reported: str | None = None
    independent_sources: int = 0
    status: StatusCountsOut
    casualties: list[CasualtyFigureOut] = Field(default_factory=list)
    contested: list[ContestedOut] = Field(default_factory=list)
    confidence: float = 0.0
    links: list[ReportLinkOut] = Field(default_factory=list, description="Per report, how strongly the linker tied "
                                                                         "it to the others; empty for one report.")
    weakest_link: float | None = Field(None, description="The smallest `links` strength; null for one report.")
    day: str | None = Field(None, description="The incident's first day; null if unknown.")
    tone: Literal["cooperation", "conflict", "neutral"]


class IncidentVersionOut(BaseModel):
    """One report's version: its event (outlet, status, actors, figures, evidence) and role."""

    role: Literal["news", "background", "denial"]
    event: EventOut
    contested_values: list[str] = Field(default_factory=list, description="`field: value` of each contested "
                                                                          "version this report gives.")
    tie: float | None = Field(None, description="This report's `links` strength (null for a background mention "
                                                "or a one-report incident).")


class IncidentDetailOut(IncidentOut):
    versions: list[IncidentVersionOut] = Field(default_factory=list)
