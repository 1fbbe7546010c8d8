"""Stage ``quotes``: who said what — quotes and attributed claims, plus scare quotes.

Reads the parsed ``doc`` (falls back to parsing the text), the actor stage's
``mentions``/``actors`` (optional: without them speakers keep their text and no
actor id) and writes ``quotes`` and ``scare_quotes``. Pure: no I/O.
"""

from __future__ import annotations

import bisect
import dataclasses
from typing import TYPE_CHECKING

from ...lexicon import pronouns
from ...records import Quote, ScareQuote, Sentence
from ..base import Analysis
from .extract import Extraction, Options, extract
from .speakers import SpeakerResolver, clean

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

#: a scare quote attached to a bare pronoun names nothing ("us" is left out: it may be the "US")
_PRONOUNS = pronouns() - {"us"}


class QuoteStage:
    name = "quotes"
    version = "1"
    reads = ("doc", "document", "mentions", "actors")
    writes = ("quotes", "scare_quotes")

    def __init__(self, nlp: Language, *, options: Options | None = None) -> None:
        self.nlp = nlp
        self.options = options or Options()

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc if analysis.doc is not None else self.nlp(analysis.document.text)
        found = extract(doc, self.options)
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
                    kind=att.kind,
                    start=s,
                    end=e,
                    sentence=_sentences_text(sents, starts, text, lo, hi),
                    speaker=speaker.actor if speaker else None,
                    speaker_text=speaker.text if speaker else None,
                    cue=cue,
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
