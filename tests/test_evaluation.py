"""The evaluation runner: gold texts go through ingest and the built pipeline, offsets come
back in gold coordinates, and every scorer is a pure function that runs nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.evaluation import TASKS, build_for, get_task, run_documents
from sitrep.evaluation.runner import GoldText, ingest_text, map_offsets
from sitrep.records import Evidence, Quote
from sitrep.versioning import module_closure

#: written for this test: a header ingest recovers (title, byline) and hard-wrapped lines it
#: joins, so stored offsets differ from the gold text's
ARTICLE = (
    "Ceasefire talks stall\n\nBy A. Writer\n\n"
    "Negotiators met in Geneva on Thursday and\nagreed to meet again next week, the envoy said\n"
    "after three hours of talks.\n\nThe truce had held since 12 September.\n"
)


def test_evaluation_offsets_come_back_in_gold_coordinates(nlp):
    document = ingest_text(GoldText("a", ARTICLE, "2016-09-17"))
    assert document.text != ARTICLE and document.title == "Ceasefire talks stall"
    run = run_documents(build_for(get_task("time")), [GoldText("a", ARTICLE, "2016-09-17")])
    [analysis] = run.analyses
    assert analysis.document.text == ARTICLE
    found = {t.text: t for t in analysis.times}
    assert {"Thursday", "next week", "three hours", "12 September"} <= set(found)
    for t in analysis.times:  # every span points at its words in the gold text
        assert ARTICLE[t.start:t.end] == t.text, t
    for s in analysis.sentences:
        assert s.start < s.end <= len(ARTICLE)


def test_evaluation_map_offsets_reaches_nested_and_named_offsets():
    char_map = [(0, 10), (20, 40)]  # stored 0..19 come from raw 10..29, stored 20.. from raw 40..
    q = Quote(id="d:q1", document="d", text="x", kind="direct", start=2, end=22, sentence="",
              speaker_start=21, speaker_end=25)
    moved = map_offsets([q, Evidence(0, 5, "t")], char_map)
    assert (moved[0].start, moved[0].end) == (12, 42)
    assert (moved[0].speaker_start, moved[0].speaker_end) == (41, 45)
    assert (moved[1].start, moved[1].end) == (10, 15)


def test_evaluation_texts_ingest_refuses_are_counted_not_analyzed(nlp):
    golds = [GoldText("ok", "Troops withdrew from the town on Monday."),
             GoldText("fr", "Les soldats se sont retirés de la ville lundi après des combats violents.")]
    run = run_documents(build_for(get_task("time")), golds)
    assert list(run.skipped) == ["fr"] and "language" in run.skipped["fr"]
    assert [t.text for t in run.analyses[0].times] == ["Monday"]
    assert run.analyses[1].times == []


def test_evaluation_quote_units_group_the_fragments_of_one_attribution():
    from sitrep.stages.quotes.scorer import units_from_quotes

    def quote(qid: str, start: int, end: int, **kw) -> Quote:
        return Quote(id=qid, document="doc.1", text="", kind=kw.pop("kind", "direct"), start=start,
                     end=end, sentence="", **kw)

    units = units_from_quotes([
        quote("doc.1:q1.1", 0, 5, speaker_start=10, speaker_end=12),
        quote("doc.1:q1.2", 20, 30, speaker_start=10, speaker_end=12),
        quote("doc.1:q2", 40, 50, kind="indirect"),
    ])
    assert [(u.content, u.source, u.direct) for u in units] == [
        ([(0, 5), (20, 30)], [(10, 12)], True), ([(40, 50)], [], False)]


@pytest.mark.parametrize("scorer", [
    "sitrep.stages.actors.scorer", "sitrep.stages.events.scorer", "sitrep.stages.place.scorer",
    "sitrep.stages.quotes.scorer", "sitrep.stages.framing.scorer", "sitrep.stages.time.scorer",
    "sitrep.stages.casualties.scorer",
])
def test_evaluation_scorers_import_no_pipeline_and_run_no_stage(scorer):
    closure = set(module_closure(scorer, packages=False))  # what the scorer's own imports reach
    forbidden = {"sitrep.pipeline", "sitrep.evaluation", "sitrep.resources", "sitrep.nlp",
                 "sitrep.workflow", "sitrep.stages.parse"}
    assert not closure & forbidden
    assert not [m for m in closure if m.endswith((".stage", ".api", ".sentiment", ".extract"))]


def test_evaluation_every_task_names_stages_of_the_pipeline():
    from sitrep.pipeline import stage_names

    assert set(TASKS) == {"actors", "casualties", "events", "geo", "quotes", "sentiment", "time"}
    for task in TASKS.values():
        assert set(task.stages) <= set(stage_names())


def test_evaluation_events_task_on_own_sentences(tmp_path: Path, nlp):
    from sitrep.eval import run_eval

    records = [
        {"text": "Turkish troops shelled a village in northern Iraq on Monday.", "event": "ASSAULT",
         "eventText": "shelled", "source": [{"actorText": "Turkish troops", "code": "TUR"}],
         "target": [{"actorText": "Iraq", "code": "IRQ"}]},
        {"text": "Iran accused Saudi Arabia of funding the rebels.", "event": "DISAPPROVE",
         "eventText": "accused", "source": [{"actorText": "Iran", "code": "IRN"}],
         "target": [{"actorText": "Saudi Arabia", "code": "SAU"}]},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = run_eval("events", path)
    assert result["n"] == 2 and result["skipped"] == 0
    assert result["category_accuracy"] == 1.0
    assert result["actor_f1"] == 1.0 and result["recipient_f1"] == 1.0
