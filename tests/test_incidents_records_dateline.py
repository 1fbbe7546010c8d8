"""Gold dates nearer the metadata date than the text's own (benchmarks/incidents_records_dateline.py), on
project-written toy lines and documents (no FA-KES text)."""

from __future__ import annotations

import json
from pathlib import Path

import incidents_records_dateline as dateline  # benchmarks/ is on sys.path (conftest)


def _export(tmp_path: Path) -> Path:
    docs = [{"type": "document", "id": "d1", "source_path": "/x/FA-KES-Dataset.csv#row2", "published": "2031-01-10",
             "text_date": "2031-06-20"},  # the text's dateline is months off the column
            {"type": "document", "id": "d2", "source_path": "/x/FA-KES-Dataset.csv#row4", "published": "2031-03-03",
             "text_date": "2031-03-04"},  # a day apart: no question
            {"type": "event", "id": "e1"}]
    path = tmp_path / "export.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def _gold(row: str, start: str, **extra) -> dict:
    return {"id": "s1", "split": "tune", "real": True, "documents": [f"FA-KES-Dataset.csv#{row}"],
            "date": {"start": start, "end": start}, **extra}


def test_incidents_records_dateline_flags_a_day_counted_from_the_column(tmp_path: Path):
    dates = dateline.document_dates(_export(tmp_path))
    assert dates == {"FA-KES-Dataset.csv#row2": ("2031-01-10", "2031-06-20"),
                     "FA-KES-Dataset.csv#row4": ("2031-03-03", "2031-03-04")}
    found = dateline.candidates([_gold("row2", "2031-01-08")], dates, days=5)
    assert [(c.id, c.published, c.text_date, c.gold_start) for c in found] == [
        ("s1", "2031-01-10", "2031-06-20", "2031-01-08")]
    assert not dateline.candidates([_gold("row2", "2031-06-18")], dates, days=5)  # counted from the text: fine
    assert not dateline.candidates([_gold("row4", "2031-03-01")], dates, days=5)  # the two dates agree
    assert not dateline.candidates([_gold("row2", "2031-01-08", real=False)], dates, days=5)
    assert not dateline.candidates([{**_gold("row2", "2031-01-08"), "date": None}], dates, days=5)


def test_incidents_records_dateline_main_counts_the_split(tmp_path: Path, capsys):
    gold = tmp_path / "gold.jsonl"
    lines = [_gold("row2", "2031-01-08"), {**_gold("row2", "2031-01-08"), "id": "s2", "split": "check"}]
    gold.write_text("".join(json.dumps(g) + "\n" for g in lines), encoding="utf-8")
    dateline.main([str(_export(tmp_path)), "--gold", str(gold), "--split", "tune"])
    out = capsys.readouterr().out
    assert "s1 FA-KES-Dataset.csv#row2" in out and "s2" not in out and "1 candidates in 1 gold lines" in out
