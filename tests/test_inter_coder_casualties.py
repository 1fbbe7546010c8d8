"""The inter-coder agreement script (``benchmarks/inter_coder_casualties.py``, branch agree2) on
project-written records (never taken from a data set): a coding scored against itself is perfect,
a one-figure difference is exactly that miss, a war total read as incident is caught, and the
seeded draw takes tune rows only, deterministically."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from conftest import REPO

from sitrep.stages.casualties.scorer import read_gold, score

sys.path.insert(0, str(REPO / "benchmarks"))
import inter_coder_casualties as ic  # noqa: E402

TEXT = ("Shelling killed 12 people in the town on Monday, including five children, a monitor said. "
        "Another 30 were wounded. A tally since 2011 puts more than 300,000 people dead in all.")


def _fig(fid: str, kind: str, value: int, words: str, scope: str = "incident",
         source: str | None = "a monitor", subset_of: str | None = None) -> dict[str, Any]:
    start = TEXT.index(words)
    src = None
    if source is not None:
        s = TEXT.index(source)
        src = {"text": source, "start": s, "end": s + len(source)}
    return {"id": fid, "kind": kind, "victims": "people", "side": None, "value": value, "low": None, "high": None,
            "approximate": False, "text": words, "start": start, "end": start + len(words), "scope": scope,
            "superseded": False, "subset_of": subset_of, "attributed_to": src}


def _record(document: str = "made-up#row2") -> dict[str, Any]:
    return {"document": document, "unit_id": "2", "outlet": "x", "published": "2020-01-01", "split": "tune",
            "note": None, "main_killed": 12, "figures": [
                _fig("f1", "killed", 12, "12 people"),
                _fig("f2", "killed", 5, "five children", subset_of="f1"),
                _fig("f3", "injured", 30, "Another 30"),
                _fig("f4", "killed", 300000, "more than 300,000 people", scope="war_total", source=None)]}


def _compare(tmp_path: Path, a: dict[str, Any], b: dict[str, Any]) -> tuple[dict[str, Any], list[ic.Disagreement]]:
    """Score ``b`` against ``a`` (A as gold) through the scorer, and list their disagreements."""
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(a) + "\n", encoding="utf-8")
    gold = ic.coder_articles([a], path)
    return score(gold, [ic.as_predicted(b)]), ic.disagreements(a, gold[0], b)


def test_inter_coder_a_coding_against_itself_is_perfect(tmp_path: Path) -> None:
    a = _record()
    metrics, diff = _compare(tmp_path, a, copy.deepcopy(a))
    assert metrics["figure_f1"] == 1.0 and metrics["gold_figures"] == 4
    assert metrics["main_killed_accuracy"] == 1.0
    assert metrics["attribution_accuracy"] == 1.0 and metrics["attribution_strict"] == 1.0
    assert metrics["scope_accuracy"] == 1.0 and metrics["victims_accuracy"] == 1.0
    assert metrics["war_totals_on_incidents"] == 0
    assert diff == []


def test_inter_coder_one_missing_figure_is_exactly_that_miss(tmp_path: Path) -> None:
    a = _record()
    b = copy.deepcopy(a)
    b["figures"] = [f for f in b["figures"] if f["id"] != "f3"]
    metrics, diff = _compare(tmp_path, a, b)
    assert metrics["figure_precision"] == 1.0
    assert metrics["figure_recall"] == 0.75
    assert metrics["predicted_figures"] == 3 and metrics["gold_figures"] == 4
    assert metrics["attribution_strict"] == round(2 / 3, 4)  # the missed figure named a source
    assert metrics["main_killed_accuracy"] == 1.0
    assert diff == [ic.Disagreement("made-up#row2", "figure", "f3", None, "injured 30", None)]


def test_inter_coder_war_total_read_as_incident_and_other_main_killed(tmp_path: Path) -> None:
    a = _record()
    b = copy.deepcopy(a)
    b["figures"][3]["scope"] = "incident"
    b["figures"][0]["attributed_to"] = None
    b["main_killed"] = 300000
    metrics, diff = _compare(tmp_path, a, b)
    assert metrics["figure_f1"] == 1.0
    assert metrics["war_totals_on_incidents"] == 1
    assert metrics["scope_accuracy"] == 0.75
    assert metrics["main_killed_accuracy"] == 0.0
    assert metrics["attribution_accuracy"] == round(2 / 3, 4)
    assert {(d.field, d.a_figure) for d in diff} == {("scope", "f4"), ("source", "f1"), ("main_killed", None)}


def test_inter_coder_reads_both_codings_with_the_scorers_reader(tmp_path: Path) -> None:
    b = _record()
    b["coder"] = "B"
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps(b) + "\n", encoding="utf-8")
    (article,) = read_gold(path)
    assert article.main_killed == 12 and len(article.figures) == 4
    assert [f.scope for f in article.figures] == ["incident", "incident", "incident", "war_total"]


def test_inter_coder_draw_is_seeded_and_takes_tune_rows_only(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    lines = [{"document": f"made-up#row{n}", "unit_id": str(2 * n), "outlet": "x",
              "split": "tune" if n % 2 else "check", "figures": [], "main_killed": None} for n in range(1, 41)]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    first = ic.draw(path, seed=7, size=5)
    assert first == ic.draw(path, seed=7, size=5)
    assert len({d.document for d in first}) == 5
    assert all(d.position % 2 == 1 for d in first)  # the tune rows of this file are its odd lines
    assert ic.draw(path, seed=8, size=5) != first
    assert first[0].wave == ic.wave_of(first[0].position)[0]


def test_inter_coder_waves_cover_the_gold_file_in_order() -> None:
    assert ic.wave_of(1) == ("round 1 (12-03)", "12-03")
    assert ic.wave_of(190)[0] == "wave 1"
    assert ic.wave_of(363)[0] == "wave 20"
    bounds = [(lo, hi) for lo, hi, _, _ in ic.WAVES]
    assert all(nxt[0] == cur[1] + 1 for cur, nxt in zip(bounds, bounds[1:], strict=False))


# -- the second sample (branch agree6): rows the guide never names, random waves, pooled scoring --

GUIDE_TEXT = """- **A made-up extension**: rows 12, 34 and
  56 were labelled (rows 21-60 of the draw before were passed over, positions 192, 236);
  the first 8 rows (88, 90) were kept; row 7 (a headline) and Row 9. See `x.csv#row99`.
### Follow-up: [branch other] row 500 is named here only
"""


def test_inter_coder_named_rows_reads_lists_but_not_ranges_or_positions() -> None:
    assert ic.named_rows(GUIDE_TEXT) == {12, 34, 56, 88, 90, 7, 9, 99, 500}
    named = ic.named_rows(GUIDE_TEXT.split("### ")[0])
    assert 500 not in named and not named & set(range(21, 61)) - {34, 56}
    assert 192 not in named and 236 not in named and 8 not in named


def test_inter_coder_section_is_one_heading_to_the_next() -> None:
    text = "intro row 1\n### A [branch agree2] x\nrow 2 and rows 3, 4\n### B\nrow 5\n"
    assert ic.named_rows(ic.section(text, "[branch agree2]")) == {2, 3, 4}


def _made_up_gold(path: Path, n: int = 240) -> None:
    lines = [{"document": f"made-up#row{k}", "unit_id": str(2 * k), "outlet": "x", "split": "tune",
              "figures": [], "main_killed": None} for k in range(1, n + 1)]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")


def test_inter_coder_unnamed_draw_leaves_out_named_rows_and_picked_waves(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    _made_up_gold(path)
    excluded = ic.excluded_rows(GUIDE_TEXT, "### [branch agree2]\nrows 3 and 4", ["made-up#row5"])
    assert {3, 4, 5, 12, 500} <= excluded
    picked_positions = {p for lo, hi, name, _ in ic.WAVES if "picked" in name for p in range(lo, hi + 1)}
    pool = {k for k in range(1, 241) if k not in excluded and k not in picked_positions}
    everything = ic.draw_unnamed(path, excluded=excluded, seed=3, size=len(pool))
    assert {ic.row_number(d.document) for d in everything} == pool  # the row number is the position here
    assert not any("picked" in d.wave for d in everything)
    first = ic.draw_unnamed(path, excluded=excluded, seed=2032, size=5)
    assert first == ic.draw_unnamed(path, excluded=excluded, seed=2032, size=5)
    assert {ic.row_number(d.document) for d in first} <= pool


def test_inter_coder_clopper_pearson_known_values() -> None:
    assert ic.clopper_pearson(20, 20) == (0.8316, 1.0)
    assert ic.clopper_pearson(0, 10) == (0.0, 0.3085)
    assert ic.clopper_pearson(5, 10) == (0.1871, 0.8129)


def _article(doc: str, main_killed: int | None, scope: str = "incident") -> dict[str, Any]:
    rec = _record(doc)
    rec["main_killed"] = main_killed
    rec["figures"][3]["scope"] = scope
    return rec


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_inter_coder_pooled_scoring_keeps_the_strata(tmp_path: Path) -> None:
    """Stratum 1: B agrees with A on everything; stratum 2: B's headline toll differs in every
    article and B calls A's war total an incident figure. Resampled by stratum, main-killed
    agreement is 0.5 in every draw; pooled without strata it varies."""
    docs = [f"made-up#row{k}" for k in (2, 4, 6, 8, 10, 12)]
    a = [_article(d, 12, scope="war_total") for d in docs]
    b1 = [copy.deepcopy(r) for r in a[:3]]
    b2 = [_article(d, 5) for d in docs[3:]]
    gold = _write(tmp_path / "a.jsonl", a)
    first, second = _write(tmp_path / "b1.jsonl", b1), _write(tmp_path / "b2.jsonl", b2)
    rows = [ic.Drawn(d, "2", "x", 1, "round 1 (12-03)", "12-03") for d in docs]
    recs = ic.coder_records(gold, docs)

    def same_as_a(articles: Any) -> list[Any]:
        return [ic.as_predicted(r) for r in recs]

    strata = [range(3), range(3, 6)]
    out = ic.measure(rows, same_as_a, gold_path=gold, second_paths=(first, second), seed=1, strata=strata)
    assert out["main_killed_agreement"] == {"agree": 3, "articles": 6, "exact_95": [0.1181, 0.8819]}
    assert out["scores"]["B_vs_A"]["main_killed_accuracy"] == 0.5
    assert out["intervals"]["B_vs_A"]["main_killed_accuracy"] == [0.5, 0.5]
    assert out["war_total_disagreements"] == 3  # B's three incident figures A calls war totals
    assert out["scores"]["sitrep_vs_A"]["figure_f1"] == 1.0
    loose = ic.measure(rows, same_as_a, gold_path=gold, second_paths=(first, second), seed=1)
    low, high = loose["intervals"]["B_vs_A"]["main_killed_accuracy"]
    assert low < 0.5 < high
    recs_b, _ = ic.coder_b(docs, (first, second))
    assert [r["main_killed"] for r in recs_b] == [12, 12, 12, 5, 5, 5]


def test_inter_coder_committed_sample_keeps_the_drawn_order(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    _made_up_gold(gold, n=30)
    sample = _write(tmp_path / "sample.jsonl", [{"document": "made-up#row9"}, {"document": "made-up#row3"}])
    rows = ic.committed_sample(sample, gold)
    assert [(r.document, r.position, r.unit_id) for r in rows] == [("made-up#row9", 9, "18"), ("made-up#row3", 3, "6")]
