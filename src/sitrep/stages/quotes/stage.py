"""Stage ``quotes``: who said what — quotes and attributed claims, plus scare quotes.

Reads the parsed ``doc`` (falls back to parsing the text), the actor stage's
``mentions``/``actors`` (optional: without them speakers keep their text and no
actor id) and writes ``quotes`` and ``scare_quotes``. Pure: no I/O. Each quote
keeps the offsets of its source phrase (``speaker_start``, ``speaker_end``: "he" in
"he said", resolved to the person named before; "who" in "officials, who said",
resolved through "officials").
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import logging
from typing import TYPE_CHECKING, Any

from ...lexicon import pronouns
from ...records import QUOTE_KINDS, Analysis, Quote, ScareQuote, Sentence, narrow
from ...versioning import content_digest, stage_version
from .extract import Extraction, Options, extract
from .speakers import SpeakerResolver, clean

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from ...resources import Resources

log = logging.getLogger(__name__)
PACKAGE = "sitrep.stages.quotes"

#: a scare quote attached to a bare pronoun names nothing ("us" is left out: it may be the "US")
_PRONOUNS = pronouns() - {"us"}


class QuoteStage:
    name = "quotes"
    reads = ("doc", "document", "mentions", "actors")
    writes = ("quotes", "scare_quotes")

    def __init__(self, nlp: Language, *, options: Options | None = None) -> None:
        self.nlp = nlp
        self.options = options or Options()

    @classmethod
    def from_resources(cls, resources: Resources, **options: Any) -> QuoteStage:
        return cls(resources.nlp, **options)

    @functools.cached_property
    def version(self) -> str:
        """Code and word lists of the package, and the extraction options."""
        return stage_version(PACKAGE, f"options:{content_digest(self.options)}")

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.doc is None:
            log.debug("%s: no parse from the parse stage; parsing the text for the quote rules",
                      analysis.document.id)
        doc = analysis.doc if analysis.doc is not None else self.nlp(analysis.document.text)
        found = extract(doc, self.options, analysis.document.text)  # the parse keeps the text: doc.text == it
        quotes, scares = build_records(analysis, found)
        return dataclasses.replace(analysis, quotes=quotes, scare_quotes=scares)


def _sentences_text(sentences: list[Sentence], starts: list[int], text: str, s: int, e: int) -> str:
    """Text of the sentence(s) covering [s, e)."""
    if not sentences:
        return text[s:e]
    i = max(0, bisect.bisect_right(starts, s) - 1)
    j = max(i, bisect.bisect_left(starts, e) - 1)
    return text[sentences[i].start : sentences[j].end].strip()


def build_records(analysis: Analysis, found: Extraction) -> tuple[list[Quote], list[ScareQuote]]:
    """Quote and ScareQuote records from the extractor's attributions."""
    text = analysis.document.text
    doc_id = analysis.document.id
    sents = analysis.sentences
    starts = [s.start for s in sents]
    resolver = SpeakerResolver(text, analysis.mentions, analysis.actors)
    quotes: list[Quote] = []
    for n, att in enumerate(found.attributions, 1):
        speaker = resolver.resolve(att.refers or att.source, att.start)
        cue = clean(text[att.cue[0] : att.cue[1]]) if att.cue else None
        for k, (s, e) in enumerate(att.content):
            qid = f"{doc_id}:q{n}" if len(att.content) == 1 else f"{doc_id}:q{n}.{k + 1}"
            lo = min(s, att.cue[0]) if att.cue and abs(att.cue[0] - s) < 300 else s
            hi = max(e, att.cue[1]) if att.cue and abs(att.cue[1] - e) < 300 else e
            quotes.append(
                Quote(
                    id=qid,
                    document=doc_id,
                    text=text[s:e],
                    kind=narrow(att.kind, QUOTE_KINDS),
                    start=s,
                    end=e,
                    sentence=_sentences_text(sents, starts, text, lo, hi),
                    speaker=speaker.actor if speaker else None,
                    speaker_text=speaker.text if speaker else None,
                    cue=cue,
                    speaker_start=att.source[0] if att.source else None,
                    speaker_end=att.source[1] if att.source else None,
                )
            )
    scares = []
    for sc in found.scares:
        attached = None
        if sc.attached is not None:
            a0, a1 = sc.attached
            hit = [m for m in analysis.mentions if m.start < a1 and a0 < m.end]
            attached = hit[0].actor if hit else clean(text[a0:a1]) or None
            if attached is not None and attached.lower() in _PRONOUNS:
                attached = None  # "his “Pivot (back) to Asia”": a bare pronoun names nothing
        scares.append(
            ScareQuote(
                document=doc_id,
                start=sc.start,
                end=sc.end,
                text=text[sc.start : sc.end],
                sentence=_sentences_text(sents, starts, text, sc.start, sc.end),
                attached_to=attached,
            )
        )
    return quotes, scares
