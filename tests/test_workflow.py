"""analyze: workers give the same records as one process; a failing document is isolated."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.pipeline import build_pipeline
from sitrep.records import Entity, Sentence
from sitrep.store import Store
from sitrep.workflow import analyze, ingest

TEXTS = [
    "Aid convoy reaches Madaya\n\nThe convoy reached Madaya on Monday, the Red Cross said.",
    "Talks stall in Geneva\n\nDiplomats from Russia and the United States failed to agree on Tuesday.",
    "Strike hits hospital\n\nA hospital in Idlib was hit by an air strike overnight, doctors said.",
    "Truce extended\n\nThe truce was extended by 48 hours, officials in Moscow and Washington announced.",
]


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "c"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text)
    return folder


def _snapshot(store: Store):
    return (
        [(s.document, s.start, s.end) for s in store.records(Sentence)],
        [(e.document, e.start, e.end, e.label) for e in store.records(Entity)],
    )


@pytest.mark.slow
def test_workflow_two_workers_match_one(tmp_path: Path):
    corpus = _corpus(tmp_path)
    snaps = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            ingest(store, [str(corpus)])
            summary = analyze(store, workers=workers, batch_size=1)
            assert summary.analyzed == len(TEXTS) and summary.failed == 0
            snaps.append(_snapshot(store))
            assert analyze(store, workers=workers).analyzed == 0  # nothing left to do
    assert snaps[0] == snaps[1]


class _Boom:
    name, version, reads, writes = "boom", "1", ("document",), ("entities",)

    def __call__(self, analysis):
        if "hospital" in analysis.document.text:
            raise ValueError("stage bug on this document")
        return analysis


@pytest.mark.slow
def test_workflow_failing_document_is_recorded_and_others_continue(tmp_path: Path):
    corpus = _corpus(tmp_path)
    pipeline = build_pipeline(only=["parse"])
    pipeline.stages.append(_Boom())
    with Store(tmp_path / "f.db") as store:
        ingest(store, [str(corpus)])
        summary = analyze(store, pipeline=pipeline)
        assert (summary.analyzed, summary.failed) == (3, 1)
        assert "stage bug on this document" in summary.problems[0].reason
        counts = store.status_counts()
        assert counts["failed"] == 1 and counts["analyzed"] == 3
        assert analyze(store, pipeline=pipeline).analyzed == 0  # not retried until the pipeline changes
