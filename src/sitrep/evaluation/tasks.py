"""The ``sitrep eval`` tasks: each joins a stage's gold reader and pure scorer to the runner.

A task names the stages it scores (``build_pipeline(only=...)`` adds what they need)
and turns the pipeline's output into the scorer's predictions. Two paths exist:

- **documents** (events, casualties, geo end to end, quotes, time): the gold texts go through
  ingest and the pipeline (:func:`~sitrep.evaluation.runner.run_documents`); the
  predictions are the records the stage wrote, offsets mapped back into the gold text;
- **short texts / given spans** (actors, sentiment, geo given gold spans): the gold gives
  a phrase or a span, not an article, so there is nothing to parse. The task calls the
  stage's own objects from the built pipeline: the actors stage's ``Resolver`` through
  ``resolve_text`` (same KB, same town names), the framing stage's sentiment model
  with the stage's settings, a resolver on the place stage's gazetteer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..pipeline import Pipeline
from .runner import GoldText, run_documents


@dataclass(frozen=True, slots=True)
class Task:
    """One ``sitrep eval`` task."""

    name: str
    #: the stages scored (their dependencies are added when ``dependencies``)
    stages: tuple[str, ...]
    #: ``evaluate(path, pipeline, limit)``: read the gold, predict with ``pipeline``, score
    evaluate: Callable[[Path, Pipeline, int | None], dict[str, Any]]
    #: the format it reads, for the help text
    gold: str
    #: build the stages the scored ones read from (False: the short-text path needs none)
    dependencies: bool = True
    #: ``evaluate`` takes ``split=`` (the gold is split into halves: ``sitrep eval --split``)
    splits: bool = False


def _first(items: Sequence[Any], limit: int | None) -> Sequence[Any]:
    return items[:limit] if limit is not None else items


def _with_skipped(metrics: dict[str, Any], skipped: dict[str, str]) -> dict[str, Any]:
    """Metrics plus the number of gold texts ingest kept out (counted as found nothing)."""
    return {**metrics, "skipped": len(skipped)}


# -- actors: NGEC short texts -------------------------------------------------------------------
def evaluate_actors(path: Path, pipeline: Pipeline, limit: int | None = None) -> dict[str, Any]:
    from ..stages.actors.api import resolve_text
    from ..stages.actors.scorer import case_date, load_cases, score

    cases = _first(load_cases(path), limit)
    resolver = pipeline.stage("actors").resolver  # type: ignore[attr-defined]
    actors = [resolve_text(str(c.get("text", "")), date=case_date(c.get("date")),
                           context=c.get("context") or None, resolver=resolver) for c in cases]
    return score(cases, actors)


# -- events: PLOVER GSR sentences, or hand-coded articles (FA-KES) ------------------------------
def evaluate_events(path: Path, pipeline: Pipeline, limit: int | None = None,
                    split: str | None = None) -> dict[str, Any]:
    """PLOVER GSR records, or the article-level gold of ``docs/coding-guide-events.md`` (its
    articles read from the FA-KES CSV under the shared data folder). The metrics of all items
    (or of ``split``), and without ``split`` each half under ``tune`` / ``check``."""
    from ..stages.events.article_scorer import is_article_gold

    if is_article_gold(path):
        return _evaluate_event_articles(path, pipeline, limit, split)
    from ..stages.events.scorer import (
        PLOVER_SPLITS,
        plover_split,
        read_gold,
        score_by_split,
    )

    if split is not None and split not in PLOVER_SPLITS:
        raise EvalError(f"Unknown split {split!r}; PLOVER records are split into {', '.join(PLOVER_SPLITS)}.")
    indexed = [(i, rec) for i, rec in enumerate(read_gold(path)) if split is None or plover_split(i) == split]
    indexed = list(_first(indexed, limit))
    if not indexed:
        raise EvalError(f"{path} holds no PLOVER event records" + (f" in split {split!r}." if split else "."))
    records = [rec for _, rec in indexed]
    golds = [GoldText(str(rec.get("id", i)), rec["text"]) for i, rec in indexed]
    run = run_documents(pipeline, golds)
    by_split = score_by_split(records, run.analyses, [plover_split(i) for i, _ in indexed])
    return _with_skipped(_flat(by_split, split), run.skipped)


def _flat(by_split: dict[str, Any], split: str | None) -> dict[str, Any]:
    """The chosen split's metrics at the top level; without a split, all items there and each
    half under its name."""
    if split is not None:
        return {"split": split, **by_split["all"]}
    return {**by_split["all"], **{k: v for k, v in by_split.items() if k != "all"}}


def _evaluate_event_articles(path: Path, pipeline: Pipeline, limit: int | None,
                             split: str | None) -> dict[str, Any]:
    from ..datasets import shared_data_dir
    from ..errors import SitrepError
    from ..stages.events.article_scorer import (
        read_article_gold,
        read_texts,
        score_articles,
    )

    articles = list(_first(read_article_gold(path, split=split), limit))
    if not articles:
        raise EvalError(f"{path} holds no gold articles" + (f" in split {split!r}." if split else "."))
    try:
        corpus = shared_data_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv"
    except SitrepError as exc:
        raise EvalError(f"The gold's articles are read from the FA-KES corpus: {exc}") from exc
    texts = read_texts(articles, corpus)
    run = run_documents(pipeline, [GoldText(a.document, t, a.published) for a, t in zip(articles, texts, strict=True)])
    return _with_skipped(_flat(score_articles(articles, run.analyses), split), run.skipped)


# -- geo: GeoWebNews / LGL -----------------------------------------------------------------------
def resolve_gold_spans(articles: Sequence[Any], pipeline: Pipeline) -> list[list[Any]]:
    """Each article's located gold spans resolved by a resolver on the place stage's gazetteer
    (set for given spans: demonyms resolve, unknown spans fall back to the main city)."""
    from ..stages.place.resolver import Resolver, Span
    from ..stages.place.scorer import located_spans

    resolver = Resolver(pipeline.stage("place").gaz, demonyms=True,  # type: ignore[attr-defined]
                        contain_unknown="all")
    spans = [[Span(t.start, t.end, t.text) for t in located_spans(art)] for art in articles]
    return [[r.entry for r in resolver.resolve(art.text, s)] for art, s in zip(articles, spans, strict=True)]


def geo_texts(articles: Sequence[Any]) -> list[GoldText]:
    return [GoldText(a.id or str(i), a.text, a.published) for i, a in enumerate(articles)]


def evaluate_geo(path: Path, pipeline: Pipeline, limit: int | None = None) -> dict[str, Any]:
    from ..stages.place.scorer import load_corpus, point_predictions, score

    articles = _first(load_corpus(path, pipeline.stage("place").gaz), limit)  # type: ignore[attr-defined]
    run = run_documents(pipeline, geo_texts(articles))
    predictions = [point_predictions(a.places) for a in run.analyses]
    return _with_skipped(score(articles, resolve_gold_spans(articles, pipeline), predictions),
                         run.skipped)


# -- quotes: PolNeAR -----------------------------------------------------------------------------
def evaluate_quotes(path: Path, pipeline: Pipeline, limit: int | None = None) -> dict[str, Any]:
    from ..stages.quotes.scorer import load_gold, score, units_from_quotes

    gold = _first(load_gold(path), limit)
    run = run_documents(pipeline, [GoldText(g.name, g.text) for g in gold])
    return _with_skipped(score(gold, [units_from_quotes(a.quotes) for a in run.analyses]), run.skipped)


# -- sentiment: NewsMTSC targets -----------------------------------------------------------------
def evaluate_sentiment(path: Path, pipeline: Pipeline, limit: int | None = None) -> dict[str, Any]:
    from ..stages.framing.newsmtsc import read_newsmtsc
    from ..stages.framing.scorer import score

    examples = _first(read_newsmtsc(path), limit)
    model = pipeline.stage("framing").model  # type: ignore[attr-defined]
    if model is None:
        raise EvalError("The framing stage has no sentiment model (see the log); nothing to score.")
    predictions = model.predict([(e.sentence, e.start, e.end) for e in examples])
    return score([e.label for e in examples], [p.label for p in predictions])


# -- time: TimeML folders ------------------------------------------------------------------------
def time_texts(docs: Sequence[Any]) -> list[GoldText]:
    """TimeML texts with their DCT as publication date and creation time (the DCT itself is never
    scored, and the text's own date never overrides it)."""
    return [GoldText(d.name, d.text, (d.dct or "")[:10] or None, dct=True) for d in docs]


def evaluate_time(path: Path, pipeline: Pipeline, limit: int | None = None) -> dict[str, Any]:
    from ..stages.time.scorer import predictions, score
    from ..stages.time.timeml import read_folder

    docs = _first(read_folder(path), limit)
    run = run_documents(pipeline, time_texts(docs))
    counts = score(docs, [predictions(a.times) for a in run.analyses])
    return _with_skipped(counts.metrics(), run.skipped)


# -- casualties: the FA-KES casualty gold or PLOVER GSR dead/injured ------------------------------
def evaluate_casualties(path: Path, pipeline: Pipeline, limit: int | None = None) -> dict[str, Any]:
    """Figures, headline tolls and sources against the casualty gold (its articles read from the
    FA-KES CSV under the shared data folder: the gold stores offsets only), overall and per
    half; or against PLOVER GSR ``dead``/``injured``."""
    from ..datasets import shared_data_dir
    from ..stages.casualties.scorer import (
        predictions,
        read_fakes_texts,
        read_gold,
        score_by_split,
    )

    gold = list(_first(read_gold(path), limit))
    if any(g.text is None for g in gold):
        texts = read_fakes_texts(gold, shared_data_dir() / "corpus" / "fakes" / "FA-KES-Dataset.csv")
    else:
        texts = [g.text or "" for g in gold]
    run = run_documents(pipeline, [GoldText(g.document, t, g.published) for g, t in zip(gold, texts, strict=True)])
    return _with_skipped(score_by_split(gold, predictions(run.analyses)), run.skipped)


TASKS: dict[str, Task] = {
    task.name: task for task in (
        Task("actors", ("actors",), evaluate_actors, "NGEC actor cases (JSON Lines)", dependencies=False),
        Task("events", ("events",), evaluate_events,
             "PLOVER GSR records or hand-coded articles (JSON Lines, docs/eval-events.md)", splits=True),
        Task("casualties", ("casualties",), evaluate_casualties,
             "casualty gold (docs/coding-guide-casualties.md) or PLOVER GSR records (JSON Lines)"),
        Task("geo", ("place",), evaluate_geo, "GeoWebNews or LGL (XML)"),
        Task("quotes", ("quotes",), evaluate_quotes, "PolNeAR folder (text/, attributions/)"),
        Task("sentiment", ("framing",), evaluate_sentiment, "NewsMTSC (JSON Lines)", dependencies=False),
        Task("time", ("time",), evaluate_time, "folder of TimeML files"),
    )
}
