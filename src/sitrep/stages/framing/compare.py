"""Cross-outlet comparison of framings (pure functions over records).

- :func:`compare_actor`: for one actor, per outlet (``Document.outlet``: the
  publisher, else the document): the labels it used, its mean sentiment, its
  loaded terms and evidence sentences.
- :func:`distinctive_labels`: each outlet's most distinctive labels against the
  rest of the corpus, by the log-odds ratio with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eq. 22/ z-scores), the prior
  being the label counts of the whole corpus.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ...records import Document, Framing, Label, SentimentLabel, SentimentScore
from .labels import normalize_label

#: an outlet's mean score at or beyond these is labelled negative / positive
NEGATIVE_BELOW = -0.15
POSITIVE_ABOVE = 0.15


def mean_label(mean: float) -> SentimentLabel:
    """The label of a mean sentiment score.

    >>> mean_label(-0.4)
    'negative'
    """
    if mean <= NEGATIVE_BELOW:
        return "negative"
    return "positive" if mean >= POSITIVE_ABOVE else "neutral"


@dataclass(slots=True)
class TermCount:
    """A loaded term (normalised text) with its category and how often an outlet used it."""

    text: str
    category: str
    count: int


@dataclass(slots=True)
class OutletEvidence:
    """An evidence sentence, with the document it comes from."""

    document: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class OutletFraming:
    """How one outlet framed one actor across its documents."""

    outlet: str
    actor: str
    documents: int
    labels: list[Label] = field(default_factory=list)
    sentiment: SentimentScore | None = None
    #: how many of the outlet's documents were negative / neutral / positive toward the actor
    sentiment_documents: dict[str, int] = field(default_factory=dict)
    loaded_terms: list[TermCount] = field(default_factory=list)
    evidence: list[OutletEvidence] = field(default_factory=list)


def outlet_of(document: Document) -> str:
    """The outlet a document belongs to (``Document.outlet``: publisher, else title, else id)."""
    return document.outlet


def _outlets(documents: Iterable[Document] | Mapping[str, str]) -> Mapping[str, str]:
    """Document id -> outlet; ``documents`` may already be that map (``sitrep serve`` reads it
    from the store's index instead of loading every document's text)."""
    if isinstance(documents, Mapping):
        return documents
    return {d.id: outlet_of(d) for d in documents}


def compare_actor(
    framings: Iterable[Framing],
    documents: Iterable[Document] | Mapping[str, str],
    actor_id: str,
    *,
    max_evidence: int = 5,
) -> list[OutletFraming]:
    """One row per outlet that mentions ``actor_id``, sorted by outlet name."""
    outlet = _outlets(documents)
    rows: dict[str, list[Framing]] = defaultdict(list)
    for f in framings:
        if f.actor == actor_id:
            rows[outlet.get(f.document, f.document)].append(f)
    return [_outlet_row(name, actor_id, group, max_evidence) for name, group in sorted(rows.items())]


def _outlet_row(outlet: str, actor: str, group: list[Framing], max_evidence: int) -> OutletFraming:
    label_counts: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    terms: Counter[tuple[str, str]] = Counter()
    doc_labels: Counter[str] = Counter()
    total, weight = 0.0, 0
    evidence: list[OutletEvidence] = []
    for f in group:
        for lab in f.labels:
            key = normalize_label(lab.text)
            label_counts[key] += lab.count
            shown[key][lab.text] += lab.count
        for t in f.loaded_terms:
            terms[(t.text.lower(), t.category)] += 1
        if f.sentiment is not None and f.sentiment.n:
            total += f.sentiment.score * f.sentiment.n
            weight += f.sentiment.n
            doc_labels[f.sentiment.label] += 1
        for e in f.evidence:
            if len(evidence) < max_evidence:
                evidence.append(OutletEvidence(f.document, e.start, e.end, e.text))
    sentiment = None
    if weight:
        mean = total / weight
        sentiment = SentimentScore(score=round(mean, 4), label=mean_label(mean), n=weight)
    return OutletFraming(
        outlet=outlet,
        actor=actor,
        documents=len({f.document for f in group}),
        labels=[Label(shown[k].most_common(1)[0][0], n) for k, n in
                sorted(label_counts.items(), key=lambda kv: (-kv[1], kv[0]))],
        sentiment=sentiment,
        sentiment_documents={k: doc_labels.get(k, 0) for k in ("negative", "neutral", "positive")},
        loaded_terms=[TermCount(text, cat, n) for (text, cat), n in
                      sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))],
        evidence=evidence,
    )


def log_odds_dirichlet(
    counts_i: Counter[str], counts_j: Counter[str], prior: Counter[str], prior_scale: float = 1.0
) -> dict[str, float]:
    """z-scored log-odds ratio of each word in ``i`` vs ``j`` with Dirichlet prior ``prior``."""
    a = {w: prior_scale * c for w, c in prior.items() if c > 0}
    a0 = sum(a.values())
    n_i, n_j = sum(counts_i.values()), sum(counts_j.values())
    out: dict[str, float] = {}
    for w, aw in a.items():
        yi, yj = counts_i.get(w, 0), counts_j.get(w, 0)
        rest_i, rest_j = n_i + a0 - yi - aw, n_j + a0 - yj - aw
        if rest_i <= 0 or rest_j <= 0:  # a one-word vocabulary has no odds to compare
            continue
        delta = math.log((yi + aw) / rest_i) - math.log((yj + aw) / rest_j)
        var = 1.0 / (yi + aw) + 1.0 / (yj + aw)
        out[w] = delta / math.sqrt(var)
    return out


def distinctive_labels(
    framings: Sequence[Framing] | Iterable[Framing],
    documents: Iterable[Document] | Mapping[str, str],
    top: int = 10,
    *,
    prior_scale: float = 1.0,
    actors: Collection[str] | None = None,
) -> dict[str, list[tuple[str, float]]]:
    """Each outlet's ``top`` labels most over-used against all other outlets.

    Returns outlet -> [(label, z-scored log-odds)], highest first, only labels the
    outlet used and with a positive score. ``actors`` restricts the count to the
    labels of those actor ids (e.g. the parties to the conflict, leaving out the
    outlets' own names).
    """
    outlet = _outlets(documents)
    per_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    shown: dict[str, Counter[str]] = defaultdict(Counter)
    for f in framings:
        if actors is not None and f.actor not in actors:
            continue
        name = outlet.get(f.document, f.document)
        for lab in f.labels:
            key = normalize_label(lab.text)
            per_outlet[name][key] += lab.count
            shown[key][lab.text] += lab.count
    corpus: Counter[str] = Counter()
    for c in per_outlet.values():
        corpus.update(c)
    result: dict[str, list[tuple[str, float]]] = {}
    for name, counts in sorted(per_outlet.items()):
        rest = corpus.copy()
        rest.subtract(counts)
        scores = log_odds_dirichlet(counts, +rest, corpus, prior_scale)
        ranked = sorted((w for w in counts if scores.get(w, 0.0) > 0), key=lambda w: (-scores[w], w))
        result[name] = [(shown[w].most_common(1)[0][0], round(scores[w], 3)) for w in ranked[:top]]
    return result
