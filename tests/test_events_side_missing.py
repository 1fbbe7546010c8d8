"""The leave-one-wave-out study library of the events stage (``benchmarks/events_side_missing.py``):
its PLOVER guard reads the dev file's tune part only."""

from __future__ import annotations

import pytest

from sitrep.stages.events import arguments


def test_plover_dev_guard_reads_the_tune_part_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PLOVER guard of the events studies scores the dev file's tune part (``plover_split``), never
    its check part: ``common.plover_tune_gold`` keeps exactly the even positions of the file, and
    ``plover_dev`` hands those records to the scorer."""
    import common
    import events_side_missing as esm

    from sitrep.stages.events import scorer

    all_records = [{"id": f"r{i}", "text": "x", "event": "ASSAULT"} for i in range(7)]
    monkeypatch.setattr(scorer, "read_gold", lambda path: all_records)
    monkeypatch.setattr(common, "shared_dir", lambda: __import__("pathlib").Path("/nonexistent"))
    records, golds = common.plover_tune_gold()
    assert [r["id"] for r in records] == [r["id"] for i, r in enumerate(all_records) if scorer.plover_split(i) == "tune"]
    assert [r["id"] for r in records] == ["r0", "r2", "r4", "r6"] and len(golds) == 4

    monkeypatch.setattr(esm, "plover_tune_gold", lambda: (records, golds))
    monkeypatch.setattr(esm, "run_documents", lambda pipeline, docs: type("R", (), {"analyses": docs})())
    monkeypatch.setattr(esm, "build_for", lambda task: None)
    seen: list[list[str]] = []

    def fake_score(recs: list[dict], analyses: list) -> dict:
        seen.append([r["id"] for r in recs])
        return {k: 0.0 for k in esm.PLOVER_KEYS}

    monkeypatch.setattr(esm, "score_events", fake_score)
    esm.plover_dev(arguments, (), {"off": ()})
    assert seen == [["r0", "r2", "r4", "r6"]]
