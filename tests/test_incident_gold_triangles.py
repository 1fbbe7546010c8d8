"""``benchmarks/incident_gold_triangles.py`` (the tune pair gold's open triangles), on made-up pairs only.

No pair here comes from FA-KES or any evaluation set; the references and notes are invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import incident_gold_triangles as triangles


def _line(a: int, b: int, label: str, split: str = "tune", note: str = "") -> str:
    return json.dumps({"a": f"X.csv#row{a}", "b": f"X.csv#row{b}", "label": label, "split": split,
                       "incident": "made-up strike" if label == "same" else None, "contested": [],
                       "versions": {}, "note": note})


def test_incident_gold_triangles_finds_a_made_up_same_same_different() -> None:
    lines = [_line(1, 2, "same"), _line(2, 3, "same"), _line(1, 3, "different", note="two towns")]
    found = triangles.find_triangles(triangles.load_pairs(lines))
    assert len(found) == 1
    tri = found[0]
    assert tri.kind == "same-same-different"
    assert tri.hub == "X.csv#row2"
    assert tri.ends == ("X.csv#row1", "X.csv#row3")
    assert tri.third is not None and tri.third.note == "two towns"


def test_incident_gold_triangles_reports_an_unlabelled_third_side() -> None:
    lines = [_line(5, 4, "same"), _line(4, 9, "same"), _line(7, 8, "different")]
    found = triangles.find_triangles(triangles.load_pairs(lines))
    assert [(t.kind, t.hub, t.ends) for t in found] == [
        ("same-same-unlabelled", "X.csv#row4", ("X.csv#row5", "X.csv#row9"))]


def test_incident_gold_triangles_skips_closed_triangles_and_other_splits() -> None:
    closed = [_line(1, 2, "same"), _line(2, 3, "same"), _line(1, 3, "same")]
    assert triangles.find_triangles(triangles.load_pairs(closed)) == []
    # the third side is a check pair: it is not read, so the triangle counts as unlabelled
    mixed = [_line(1, 2, "same"), _line(2, 3, "same"), _line(1, 3, "different", split="check")]
    found = triangles.find_triangles(triangles.load_pairs(mixed))
    assert [t.kind for t in found] == ["same-same-unlabelled"]
    # a same pair of the check half makes no triangle
    other = [_line(1, 2, "same"), _line(2, 3, "same", split="check"), _line(1, 3, "different")]
    assert triangles.find_triangles(triangles.load_pairs(other)) == []


def test_incident_gold_triangles_cli_prints_rows_labels_notes_and_counts(tmp_path: Path, capsys) -> None:
    gold = tmp_path / "pairs.jsonl"
    gold.write_text("\n".join([_line(1, 2, "same", note="n12"), _line(2, 3, "same", note="n23"),
                               _line(1, 3, "different", note="n13")]) + "\n", encoding="utf-8")
    assert triangles.main(["--gold", str(gold), "--kind", "all"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "[same-same-different] hub row2, ends row1 and row3"
    assert out[1].startswith("  row2/row1: same | incident: made-up strike") and out[1].endswith("n12")
    assert out[3] == "  row1/row3: different | incident: None | note: n13"
    assert out[-2:] == ["same-same-different: 1", "same-same-unlabelled: 0"]
