"""Stage ``framing``: how one document labels and judges each actor it mentions.

Per (document, actor) it writes one :class:`~sitrep.records.Framing`:

- ``labels``: the referring noun phrases (``labels.label_span``) grouped by
  ``labels.normalize_label``, with counts;
- ``sentiment``: the target-dependent sentiment model run on each sentence that
  mentions the actor (its first mention there), averaged: score = mean of
  P(pos) - P(neg), label = argmax of the mean class probabilities, n = sentences;
- ``loaded_terms``: lexicon hits and scare quotes tied to the actor by syntax
  (``attach``); untied terms are not reported;
- ``evidence``: the sentences that carry the loaded terms and the strongest
  sentiment toward the actor (at most ``max_evidence``), in text order.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...errors import PipelineError
from ...records import Evidence, Framing, Label, LoadedTerm, Mention, SentimentScore
from ..base import Analysis
from .attach import MentionSpan, attach
from .labels import display_label, label_span, normalize_label
from .lexicon import TermMatcher
from .sentiment import TargetPrediction, TargetSentimentModel

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

SCARE_QUOTE = "scare_quote"


@dataclass(slots=True)
class _Scored:
    """One sentiment prediction toward an actor in one sentence."""

    sentence: Span
    prediction: TargetPrediction


class FramingStage:
    name = "framing"
    version = "1"
    reads = ("document", "doc", "mentions", "actors", "scare_quotes")
    writes = ("framings",)

    def __init__(
        self,
        nlp: Language,
        *,
        model: TargetSentimentModel | None = None,
        max_evidence: int = 5,
        max_sentences_per_actor: int | None = None,
        threads: int = 1,
    ) -> None:
        self.terms = TermMatcher(nlp)
        self.model = model or TargetSentimentModel(threads=threads)
        self.max_evidence = max_evidence
        self.max_sentences_per_actor = max_sentences_per_actor

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        if doc is None:
            raise PipelineError("The framing stage needs the parsed Doc: run the parse stage before it.")
        spans = self._mention_spans(doc, analysis.mentions)
        if not spans:
            return dataclasses.replace(analysis, framings=[])
        labels = self._labels(spans)
        scored = self._sentiment(spans)
        terms = self._loaded_terms(doc, analysis, spans)
        framings = []
        for actor in dict.fromkeys(m.actor for m in spans):  # first-mention order
            framings.append(Framing(
                document=analysis.document.id,
                actor=actor,
                labels=labels.get(actor, []),
                sentiment=_aggregate(scored.get(actor, [])),
                loaded_terms=terms.get(actor, []),
                evidence=self._evidence(doc, scored.get(actor, []), terms.get(actor, [])),
            ))
        return dataclasses.replace(analysis, framings=framings)

    # -- pieces -----------------------------------------------------------------------------------

    @staticmethod
    def _mention_spans(doc: Doc, mentions: list[Mention]) -> list[MentionSpan]:
        out = []
        for m in sorted(mentions, key=lambda m: (m.start, m.end)):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            out.append(MentionSpan(actor=m.actor, span=span, label=label_span(span)))
        return out

    @staticmethod
    def _labels(spans: list[MentionSpan]) -> dict[str, list[Label]]:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        shown: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        seen: set[tuple[str, int, int]] = set()
        for m in spans:
            key = (m.actor, m.label.start, m.label.end)
            if key in seen:  # two mentions inside one phrase ("Al Assad and his acolytes")
                continue
            seen.add(key)
            norm = normalize_label(m.label.text)
            if not norm:
                continue
            counts[m.actor][norm] += 1
            shown[(m.actor, norm)][display_label(m.label.text)] += 1
        return {
            actor: [Label(text=shown[(actor, norm)].most_common(1)[0][0], count=n)
                    for norm, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]
            for actor, c in counts.items()
        }

    def _sentiment(self, spans: list[MentionSpan]) -> dict[str, list[_Scored]]:
        chosen: dict[tuple[str, int], MentionSpan] = {}
        per_actor: Counter[str] = Counter()
        for m in spans:
            key = (m.actor, m.span.sent.start)
            if key in chosen:
                continue
            if self.max_sentences_per_actor is not None and per_actor[m.actor] >= self.max_sentences_per_actor:
                continue
            chosen[key] = m
            per_actor[m.actor] += 1
        items = list(chosen.values())
        preds = self.model.predict([
            (m.span.sent.text, m.span.start_char - m.span.sent.start_char, m.span.end_char - m.span.sent.start_char)
            for m in items
        ])
        out: dict[str, list[_Scored]] = defaultdict(list)
        for m, p in zip(items, preds):
            out[m.actor].append(_Scored(sentence=m.span.sent, prediction=p))
        return out

    def _loaded_terms(self, doc: Doc, analysis: Analysis, spans: list[MentionSpan]) -> dict[str, list[LoadedTerm]]:
        out: dict[str, list[LoadedTerm]] = defaultdict(list)
        for hit in self.terms(doc):
            actor = attach(hit.span, spans)
            if actor is not None:
                out[actor].append(LoadedTerm(
                    text=display_label(hit.span.text), category=hit.category,
                    start=hit.span.start_char, end=hit.span.end_char,
                ))
        known = {m.actor for m in spans}
        for sq in analysis.scare_quotes:
            actor = sq.attached_to if sq.attached_to in known else None
            if actor is None:
                span = doc.char_span(sq.start, sq.end, alignment_mode="expand")
                actor = attach(span, spans) if span is not None and len(span) else None
            if actor is not None:
                out[actor].append(LoadedTerm(text=sq.text, category=SCARE_QUOTE, start=sq.start, end=sq.end))
        for terms in out.values():
            terms.sort(key=lambda t: t.start)
        return out

    def _evidence(self, doc: Doc, scored: list[_Scored], terms: list[LoadedTerm]) -> list[Evidence]:
        weight: dict[int, float] = defaultdict(float)
        sents: dict[int, Span] = {}
        for s in scored:
            if s.prediction.label != "neutral":
                weight[s.sentence.start] += abs(s.prediction.score)
                sents[s.sentence.start] = s.sentence
        for t in terms:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and len(span):
                weight[span.sent.start] += 1.0
                sents[span.sent.start] = span.sent
        best = sorted(weight, key=lambda k: -weight[k])[: self.max_evidence]
        return [Evidence(start=sents[k].start_char, end=sents[k].end_char, text=sents[k].text) for k in sorted(best)]


def _aggregate(scored: list[_Scored]) -> SentimentScore | None:
    """Mean score and the label with the highest mean probability (None when nothing was scored)."""
    if not scored:
        return None
    n = len(scored)
    width = len(scored[0].prediction.probabilities)
    mean = [sum(s.prediction.probabilities[k] for s in scored) / n for k in range(width)]
    labels = ("negative", "neutral", "positive")
    return SentimentScore(
        score=round(sum(s.prediction.score for s in scored) / n, 4),
        label=labels[max(range(width), key=lambda k: mean[k])],
        n=n,
    )
