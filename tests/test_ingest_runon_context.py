"""Removed run-on furniture as document context only (issue 13, branch furniture2).

The names in a removed span (a "Tags Syria ..." list) stay available to the document-level evidence
(``Document.context`` → ``Analysis.context_names`` → the actor and events theatre) and never yield a
record of their own. The examples are written for these tests; the last test reads the FA-KES events
gold's tune articles (skips without ../shared; the check half is not read).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, SHARED, needs_shared

from sitrep.ingest import build_document, runon
from sitrep.records import ContextText

LEAD = "Shelling hit the northern district of Aleppo on Monday killing four people rescuers said."
TAGS = "Tags Syria Aleppo shelling civil defence"
BODY = f"{LEAD} {TAGS} Russia has denied striking the district."


@pytest.fixture
def on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runon, "RUN_ON", True)
    monkeypatch.setattr(runon, "CONTEXT", True)
    monkeypatch.delenv("SITREP_RUN_ON_FURNITURE", raising=False)


def test_context_keeps_the_removed_run_on_text_with_raw_offsets(on: None) -> None:
    doc = build_document(BODY, kind="row", source_path="x.csv")
    start = BODY.index(TAGS)
    assert doc.context == [ContextText(start, start + len(TAGS), TAGS)]
    assert [(s.start, s.end) for s in doc.removed] == [(start, start + len(TAGS))]
    assert "Syria" not in doc.text and "Tags" not in doc.text  # not left in the body


def test_context_is_empty_when_the_detector_or_the_context_switch_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_RUN_ON_FURNITURE", "0")
    assert build_document(BODY, kind="row", source_path="x.csv").context == []
    monkeypatch.setenv("SITREP_RUN_ON_FURNITURE", "1")
    monkeypatch.setattr(runon, "CONTEXT", False)
    doc = build_document(BODY, kind="row", source_path="x.csv")
    assert doc.context == [] and len(doc.removed) == 1  # removed as before, no context kept


def test_context_survives_the_store(on: None, tmp_path: Path) -> None:
    from sitrep.store import Store

    doc = build_document(BODY, kind="row", source_path="x.csv")
    with Store(tmp_path / "c.db") as store:
        store.add_document(doc)
        back = store.documents_by_id([doc.id])
    assert back[0].context == doc.context and isinstance(back[0].context[0], ContextText)


def test_context_names_are_resolved_with_offsets_into_the_raw_text(on: None) -> None:
    from sitrep.stages.actors.stage import ActorStage

    doc = build_document(BODY, kind="row", source_path="x.csv")
    names = ActorStage().context_names(doc)
    syria = [n for n in names if n.actor == "SYR"]
    assert syria and syria[0].country == "SYR" and not syria[0].placed
    assert BODY[syria[0].raw_from:syria[0].raw_to] == "Syria"


@pytest.mark.slow
def test_context_names_yield_no_mention_place_or_event_of_their_own(on: None) -> None:
    from sitrep.evaluation import build_for, get_task, run_documents
    from sitrep.evaluation.runner import GoldText

    analysis = run_documents(build_for(get_task("events")), [GoldText("x", BODY, "2016-05-02")]).analyses[0]
    start, end = BODY.index(TAGS), BODY.index(TAGS) + len(TAGS)
    assert any(n.actor == "SYR" for n in analysis.context_names)
    assert not [m for m in analysis.mentions if start <= m.start < end]
    assert not [p for p in analysis.places if start <= p.start < end]
    assert not [e for e in analysis.events if e.trigger_start is not None and start <= e.trigger_start < end]


@needs_shared
def test_done_when_no_event_place_or_framing_from_removed_text_on_the_tune_articles(on: None) -> None:
    """Issue 13's done-when on the labelled tune articles: no coded trigger lies in a removed span,
    and with the detector on no event trigger, place, actor mention or framing evidence does."""
    from sitrep.evaluation import build_for, get_task, run_documents
    from sitrep.evaluation.runner import GoldText
    from sitrep.pipeline import build_pipeline
    from sitrep.stages.events.article_scorer import read_article_gold, read_texts

    articles = read_article_gold(REPO / "benchmarks" / "data" / "fakes_events_gold.jsonl", split="tune")
    texts = read_texts(articles, SHARED / "corpus" / "fakes" / "FA-KES-Dataset.csv")
    chosen = [(a, t, runon.run_on_furniture(t)) for a, t in zip(articles, texts, strict=True)]
    chosen = [c for c in chosen if c[2]]
    assert len(chosen) >= 10  # the detector fires on these bodies
    for article, _, spans in chosen:
        assert not [e.id for e in article.events for s in spans if s.start <= e.trigger[0] < s.end]
    docs = [GoldText(a.document, t, a.published) for a, t, _ in chosen]
    events = run_documents(build_for(get_task("events")), docs).analyses
    framed = run_documents(build_pipeline(only=["framing"]), docs).analyses
    for (article, _, spans), analysis, framing in zip(chosen, events, framed, strict=True):
        def inside(start: int, spans: list = spans) -> bool:  # type: ignore[type-arg]
            return any(s.start <= start < s.end for s in spans)
        assert not [e.trigger for e in analysis.events if e.trigger_start is not None and inside(e.trigger_start)]
        assert not [p.text for p in analysis.places if inside(p.start)], article.document
        assert not [m.start for m in analysis.mentions if inside(m.start)], article.document
        assert not [e.text for f in framing.framings for e in f.evidence if inside(e.start)], article.document
