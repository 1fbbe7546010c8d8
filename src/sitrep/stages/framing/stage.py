"""Stage ``framing``: how one document labels and judges each actor it mentions.

Per (document, actor) it writes one :class:`~sitrep.records.Framing`:

- ``labels``: the referring noun phrases (``labels.label_span``) grouped by
  ``labels.normalize_label``, with counts;
- ``sentiment``: the target-dependent sentiment model run on the sentences that
  mention the actor (its first mention in each), averaged: score = mean of
  P(pos) - P(neg), label = argmax of the mean class probabilities, n = sentences
  scored. To stay within its time budget (<= 30 % of parsing) the stage scores at
  most ``targets_per_100_words`` (actor, sentence) pairs per 100 words of the
  document (at least ``min_targets``), shared out by actor salience
  (``select_targets``, D'Hondt by mention count): parse time and this budget both
  grow with the text.
  Actors left out get ``None``; ``targets_per_100_words=None`` scores everything;
- ``loaded_terms``: lexicon hits and scare quotes tied to the actor by syntax
  (``attach``); untied terms are not reported;
- ``evidence``: the sentences that carry the loaded terms and the strongest
  sentiment toward the actor (at most ``max_evidence``), in text order.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import PipelineError
from ...records import (
    SENTIMENT_LABELS,
    Analysis,
    Evidence,
    Framing,
    Label,
    LoadedTerm,
    Mention,
    SentimentScore,
)
from ...versioning import content_digest, stage_version
from .attach import MentionSpan, attach
from .labels import display_label, is_classifier, label_span, normalize_label
from .lexicon import TermMatcher
from .sentiment import TargetPrediction, TargetSentimentModel

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from ...resources import Resources

PACKAGE = "sitrep.stages.framing"

SCARE_QUOTE = "scare_quote"
#: sentiment inputs scored per 100 words by default (and at least MIN_TARGETS per document):
#: keeps the stage within its time budget (<= 30 % of parsing; benchmarks/framing_speed.py)
DEFAULT_TARGETS_PER_100_WORDS = 1.25
MIN_TARGETS = 4
#: context window (tokens) around the target at run time (the model was trained with 128)
DEFAULT_MAX_LEN = 64


@dataclass(slots=True)
class _Scored:
    """One sentiment prediction toward an actor in one sentence."""

    sentence: Span
    prediction: TargetPrediction


@dataclass(slots=True)
class _Plan:
    """What one document needs before the batched sentiment call."""

    spans: list[MentionSpan]
    targets: list[MentionSpan]


class FramingStage:
    name = "framing"
    reads = ("document", "doc", "mentions", "actors", "scare_quotes")
    writes = ("framings",)

    def __init__(
        self,
        nlp: Language,
        *,
        model: TargetSentimentModel | None = None,
        max_evidence: int = 5,
        targets_per_100_words: float | None = DEFAULT_TARGETS_PER_100_WORDS,
        min_targets: int = MIN_TARGETS,
        max_len: int = DEFAULT_MAX_LEN,
        batch_documents: int = 16,
        threads: int = 1,
        resources: Resources | None = None,
    ) -> None:
        """``model`` (or the ``resources``' sentiment model for ``threads`` and ``max_len``,
        else the shipped one) scores sentiment; when no model can be loaded the stage still
        writes labels and loaded terms, with no sentiment (logged by ``Resources``)."""
        if resources is None:
            from ...resources import Resources

            resources = Resources(nlp=nlp)
        self.resources = resources
        self.terms = TermMatcher(nlp)
        self._custom_model = model is not None
        self.model = model if model is not None else resources.sentiment_model(threads=threads, max_len=max_len)
        self.max_evidence = max_evidence
        self.targets_per_100_words = targets_per_100_words
        self.min_targets = min_targets
        self.max_len = max_len
        self.batch_documents = batch_documents

    @classmethod
    def from_resources(cls, resources: Resources, **options: Any) -> FramingStage:
        return cls(resources.nlp, resources=resources, **options)

    @functools.cached_property
    def version(self) -> str:
        """Code and lexicon of the package, the sentiment model, the settings that change output."""
        if self._custom_model:
            meta = getattr(self.model, "meta", None)
            model = f"sentiment_model:{type(self.model).__name__}:{content_digest(meta)}"
        else:
            model = self.resources.fingerprint("sentiment_model")
        settings = (self.max_evidence, self.targets_per_100_words, self.min_targets, self.max_len)
        return stage_version(PACKAGE, model, f"settings:{content_digest(settings)}")

    def __call__(self, analysis: Analysis) -> Analysis:
        return next(iter(self.pipe([analysis])))

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        """Batch the sentiment model across ``batch_documents`` documents at a time."""
        chunk: list[Analysis] = []
        for analysis in analyses:
            chunk.append(analysis)
            if len(chunk) >= self.batch_documents:
                yield from self._run(chunk)
                chunk = []
        if chunk:
            yield from self._run(chunk)

    def _run(self, chunk: list[Analysis]) -> list[Analysis]:
        plans = [self._plan(a) for a in chunk]
        items = [_item(m) for p in plans for m in p.targets]
        preds = iter(self.model.predict(items)) if items and self.model is not None else iter(())
        out = []
        for analysis, plan in zip(chunk, plans, strict=True):
            scored: dict[str, list[_Scored]] = defaultdict(list)
            for m in plan.targets:
                scored[m.actor].append(_Scored(sentence=m.sent, prediction=next(preds)))
            out.append(self._finish(analysis, plan, scored))
        return out

    # -- pieces -----------------------------------------------------------------------------------

    def _plan(self, analysis: Analysis) -> _Plan:
        doc = analysis.doc
        if doc is None:
            raise PipelineError("The framing stage needs the parsed Doc: run the parse stage before it.")
        spans = self._mention_spans(doc, analysis.mentions)
        if self.model is None:
            return _Plan(spans=spans, targets=[])
        provisional = {a.id for a in analysis.actors if a.provisional}
        return _Plan(spans=spans, targets=select_targets(spans, provisional, self.budget(len(doc))))

    def budget(self, n_tokens: int) -> int | None:
        """How many (actor, sentence) pairs a document of ``n_tokens`` tokens gets scored."""
        if self.targets_per_100_words is None:
            return None
        words = n_tokens * 0.85  # spaCy tokens include punctuation
        return max(self.min_targets, round(words * self.targets_per_100_words / 100))

    def _finish(self, analysis: Analysis, plan: _Plan, scored: dict[str, list[_Scored]]) -> Analysis:
        if not plan.spans:
            return dataclasses.replace(analysis, framings=[])
        doc = analysis.doc
        assert doc is not None
        labels = self._labels(plan.spans)
        terms = self._loaded_terms(doc, analysis, plan.spans)
        framings = []
        for actor in dict.fromkeys(m.actor for m in plan.spans):  # first-mention order
            framings.append(Framing(
                document=analysis.document.id,
                actor=actor,
                labels=labels.get(actor, []),
                sentiment=_aggregate(scored.get(actor, [])),
                loaded_terms=terms.get(actor, []),
                evidence=self._evidence(doc, scored.get(actor, []), terms.get(actor, [])),
            ))
        return dataclasses.replace(analysis, framings=framings)

    @staticmethod
    def _mention_spans(doc: Doc, mentions: list[Mention]) -> list[MentionSpan]:
        sents = list(doc.sents)
        starts = [s.start for s in sents]
        found: list[tuple[str, Span]] = []
        tokens_of: dict[str, set[int]] = defaultdict(set)
        for m in sorted(mentions, key=lambda m: (m.start, m.end)):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0 or is_classifier(span):
                continue
            found.append((m.actor, span))
            tokens_of[m.actor].update(range(span.start, span.end))
        every = set().union(*tokens_of.values()) if tokens_of else set()
        others = {actor: frozenset(every - own) for actor, own in tokens_of.items()}
        out = []
        for actor, span in found:
            sent = sents[bisect.bisect_right(starts, span.start) - 1]
            out.append(MentionSpan(actor=actor, span=span, label=label_span(span, others[actor]), sent=sent))
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
            actor: [Label(text=_commonest(shown[(actor, norm)]), count=n)
                    for norm, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]
            for actor, c in counts.items()
        }

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
                start, end = _strip_quotes(analysis.text, sq.start, sq.end)
                span = doc.char_span(start, end, alignment_mode="expand")
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
                sent = span.sent
                weight[sent.start] += 1.0
                sents[sent.start] = sent
        best = sorted(weight, key=lambda k: -weight[k])[: self.max_evidence]
        return [Evidence(start=sents[k].start_char, end=sents[k].end_char, text=sents[k].text) for k in sorted(best)]


QUOTE_MARKS = "\"'“”‘’«»"


def _strip_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of a scare quote's words without the quotation marks around them."""
    while start < end and text[start] in QUOTE_MARKS:
        start += 1
    while end > start and text[end - 1] in QUOTE_MARKS:
        end -= 1
    return start, end


def _commonest(counter: Counter[str]) -> str:
    return max(counter.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _item(m: MentionSpan) -> tuple[str, int, int]:
    sent = m.sent
    return sent.text, m.span.start_char - sent.start_char, m.span.end_char - sent.start_char


def select_targets(spans: list[MentionSpan], provisional: set[str], budget: int | None) -> list[MentionSpan]:
    """The mentions whose sentences are scored: one per (actor, sentence), within ``budget``.

    Under a budget, sentences are shared out by salience with the D'Hondt rule: the
    next pick goes to the actor with the highest mentions / (picks + 1), provisional
    actors counting half, ties to the earlier-mentioned actor; each actor's
    sentences are taken in text order. Frequently mentioned actors get several
    sentences, actors mentioned once get one if the budget allows.
    """
    per_actor: dict[str, list[MentionSpan]] = defaultdict(list)
    seen: set[tuple[str, int]] = set()
    mentions: Counter[str] = Counter(m.actor for m in spans)
    for m in spans:
        key = (m.actor, m.sent.start)
        if key not in seen:
            seen.add(key)
            per_actor[m.actor].append(m)
    if budget is None:
        return sorted((m for ms in per_actor.values() for m in ms), key=lambda m: m.span.start)
    first = {actor: i for i, actor in enumerate(per_actor)}
    weight = {a: mentions[a] * (0.5 if a in provisional else 1.0) for a in per_actor}
    picks: Counter[str] = Counter()
    chosen: list[MentionSpan] = []
    while len(chosen) < budget:
        open_actors = [a for a in per_actor if picks[a] < len(per_actor[a])]
        if not open_actors:
            break
        actor = max(open_actors, key=lambda a: (weight[a] / (picks[a] + 1), -first[a]))
        chosen.append(per_actor[actor][picks[actor]])
        picks[actor] += 1
    return chosen


def _aggregate(scored: list[_Scored]) -> SentimentScore | None:
    """Mean score and the label with the highest mean probability (None when nothing was scored)."""
    if not scored:
        return None
    n = len(scored)
    width = len(scored[0].prediction.probabilities)
    mean = [sum(s.prediction.probabilities[k] for s in scored) / n for k in range(width)]
    return SentimentScore(
        score=round(sum(s.prediction.score for s in scored) / n, 4),
        label=SENTIMENT_LABELS[max(range(width), key=lambda k: mean[k])],
        n=n,
    )
