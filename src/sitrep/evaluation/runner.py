"""The one evaluation runner: gold texts through ingest and the built pipeline, as users run them.

A gold set that comes as text (an article, a sentence) becomes a :class:`GoldText`;
:func:`run_documents` passes each through ``sitrep.ingest.build_document`` exactly
as ``sitrep ingest`` passes a CSV row (header and footer recovery, line repair,
language identification; a given publication date as the row's ``published``
column) and the documents through ``Pipeline.analyze``, the code ``sitrep
analyze`` runs. It then maps every offset of the analysis back into the gold
text (``Document.char_map``), so that scorers compare like with like.

A text that ingest refuses or marks as skipped (empty after header removal, not
English) is not analyzed, as in ``sitrep run``: it gets an empty analysis and is
counted in :attr:`DocumentRun.skipped` with its reason.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..ingest import IngestOptions, build_document
from ..ingest.textmap import to_raw
from ..pipeline import Pipeline
from ..records import Analysis, Document

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GoldText:
    """One gold document as text, with the metadata a user would give with it."""

    id: str
    text: str
    published: str | None = None
    #: the given date is the document creation time itself (TimeML's DCT): the text's own date
    #: (``Document.text_date``) is read but never overrides it
    dct: bool = False


@dataclass(slots=True)
class DocumentRun:
    """The pipeline's analyses of gold texts, in gold order, offsets into the gold texts."""

    analyses: list[Analysis]
    #: gold id -> why ingest kept the text out of the analysis
    skipped: dict[str, str] = field(default_factory=dict)
    #: the documents ingest made, in gold order (None where it kept the text out): their
    #: ``text`` and ``char_map`` are what the pipeline (and a kept spaCy ``doc``) saw
    documents: list[Document | None] = field(default_factory=list)


def ingest_text(gold: GoldText) -> Document:
    """The ``Document`` ``sitrep ingest`` makes of a CSV row holding this text (and date)."""
    options = IngestOptions(text_date_days=None) if gold.dct else None
    return build_document(gold.text, kind="row", source_path=f"gold:{gold.id}",
                          fields={"published": gold.published}, options=options)


def _is_start(name: str) -> bool:
    return name == "start" or name.endswith("_start")


def _raw_end(char_map: list[tuple[int, int]], start: int, end: int) -> int:
    """An exclusive end offset in raw coordinates: one past the raw position of the last
    character (a span never stretches over text that repair removed after it)."""
    return to_raw(char_map, end - 1) + 1 if end > start else to_raw(char_map, end)


def map_offsets(value: Any, char_map: list[tuple[int, int]]) -> Any:
    """``value`` (a record, or a list of records) with every ``start``/``end``-named offset
    (``speaker_start``, nested evidence...) mapped from the stored text into the raw text."""
    if isinstance(value, list):
        return [map_offsets(v, char_map) for v in value]
    if not (dataclasses.is_dataclass(value) and not isinstance(value, type)):
        return value
    changes: dict[str, Any] = {}
    names = [f.name for f in dataclasses.fields(value)]
    for name in names:
        current = getattr(value, name)
        if isinstance(current, int) and not isinstance(current, bool) and _is_start(name):
            end_name = name[: -len("start")] + "end"
            end = getattr(value, end_name, None)
            changes[name] = to_raw(char_map, current)
            if isinstance(end, int):
                changes[end_name] = _raw_end(char_map, current, end)
        elif isinstance(current, list) or dataclasses.is_dataclass(current):
            changes[name] = map_offsets(current, char_map)
    return dataclasses.replace(value, **changes)


def to_gold_coordinates(analysis: Analysis, raw: str) -> Analysis:
    """The analysis with its document text replaced by the gold text ``raw`` and every offset
    mapped into it."""
    char_map = analysis.document.char_map
    lists = {f.name: map_offsets(getattr(analysis, f.name), char_map)
             for f in dataclasses.fields(analysis) if f.name not in ("document", "doc")}
    document = dataclasses.replace(analysis.document, text=raw, char_map=[])
    return dataclasses.replace(analysis, document=document, **lists)


def run_documents(pipeline: Pipeline, golds: Sequence[GoldText], *, keep_doc: bool = False) -> DocumentRun:
    """Ingest and analyze every gold text; analyses in gold order, in gold coordinates.

    ``keep_doc`` keeps each analysis's spaCy ``doc`` (whose offsets are those of the
    ingested text: ``DocumentRun.documents`` leads there).
    """
    run = DocumentRun(analyses=[])
    documents: list[Document] = []
    positions: list[int] = []
    for i, gold in enumerate(golds):
        try:
            document = ingest_text(gold)
        except InputError as exc:
            run.skipped[gold.id] = str(exc)
            continue
        if document.status == "skipped":
            run.skipped[gold.id] = document.reason or "skipped by ingest"
            continue
        documents.append(dataclasses.replace(document, id=gold.id))
        positions.append(i)
    if run.skipped:
        log.info("%d of %d gold texts not analyzed (kept out by ingest, as `sitrep run` would)",
                 len(run.skipped), len(golds))
    analyzed: dict[int, Analysis] = dict(zip(positions, pipeline.analyze(documents, keep_doc=keep_doc),
                                             strict=True))
    by_position = dict(zip(positions, documents, strict=True))
    for i, gold in enumerate(golds):
        found = analyzed.get(i)
        run.documents.append(by_position.get(i))
        if found is None:
            empty = Document(id=gold.id, sha256=gold.id, text=gold.text, published=gold.published)
            run.analyses.append(Analysis(document=empty))
        else:
            run.analyses.append(to_gold_coordinates(found, gold.text))
    return run
