"""benchmarks/check_twins.py: a check article repeated in the tune half is found, on project-written texts."""

from __future__ import annotations

import json
from pathlib import Path

import check_twins as ct

A = ("Shelling hit the market of a northern town on Monday morning, and rescuers said they pulled eleven "
     "people from the rubble before the evening curfew began across the district.")


def test_a_repeated_article_and_one_with_a_line_changed_are_twins_a_different_story_is_not() -> None:
    texts = {1: A, 2: A, 3: A.replace("eleven", "twelve"),
             4: "Talks on a prisoner exchange resumed in the capital after a week of delays, officials said."}
    splits = {1: "check", 2: "tune", 3: "tune", 4: "tune"}
    twins = ct.find_twins(splits, texts, threshold=0.6)
    assert [(t.check_row, t.tune_row) for t in twins] == [(1, 2), (1, 3)]
    assert twins[0].jaccard == 1.0 and 0.6 <= twins[1].jaccard < 1.0
    assert ct.find_twins(splits, texts, threshold=0.99) == [ct.Twin(1, 2, 1.0)]
    # tune rows are never compared with each other, and a check row without a twin gives nothing
    assert ct.find_twins({1: "tune", 2: "tune", 4: "check"}, texts, threshold=0.5) == []


def test_the_check_file_keeps_the_check_rows_without_their_twins(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    rows = [{"document": f"FA-KES-Dataset.csv#row{n}", "split": s, "events": []}
            for n, s in ((2, "tune"), (4, "check"), (6, "check"))]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert ct.gold_splits(gold) == {2: "tune", 4: "check", 6: "check"}
    out = ct.check_without(gold, {4}, tmp_path)
    assert [json.loads(line)["document"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        "FA-KES-Dataset.csv#row6"]
