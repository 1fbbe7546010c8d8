"""The brief's data rule: no text of the evaluation sets enters the repository.

``benchmarks/copy_check.py`` compares every tracked text file with the evaluation texts in runs of
10 lower-cased words; the scan over the repository needs ``../shared`` (skipped without it). The
scanner's own behaviour is pinned on project-written sentences (no shared data needed).
"""

from __future__ import annotations

import json

import copy_check
import pytest
from conftest import SHARED, needs_shared
from copy_check import file_units, scan, text_unit

#: a project-written "evaluation text" for the scanner's tests
SOURCE = "The night ferry to the island left the harbour at noon with forty passengers and two crew on board."


@pytest.fixture(scope="module")
def repo_hits() -> list[copy_check.Hit]:
    return scan(copy_check.repo_units(), copy_check.source_texts(SHARED))


def _shown(hits: list[copy_check.Hit]) -> str:
    return "\n".join(f"{h.path}:{h.line}: [{h.source}] {h.run}" for h in hits)


@needs_shared
def test_no_tracked_file_holds_a_run_of_evaluation_text(repo_hits):
    assert not repo_hits, "describe these passages in your own words:\n" + _shown(repo_hits)


# -- the scanner on project-written text ---------------------------------------------------------

def test_a_run_across_a_line_break_is_found_with_its_lines():
    unit = text_unit("docs/example.md", "Intro.\nAs told: the night ferry to the island left the\nharbour at noon, it said.\n")
    (hit,) = scan([unit], [("example", SOURCE)])
    assert (hit.path, hit.line, hit.last_line, hit.source) == ("docs/example.md", 2, 3, "example")
    assert hit.run == "the night ferry to the island left the harbour at noon"


def test_a_run_shorter_than_n_is_not_a_copy():
    unit = text_unit("tests/example.py", "a ferry to the island left the harbour at noon today")  # 9 shared words
    assert scan([unit], [("example", SOURCE)]) == []
    assert len(scan([unit], [("example", SOURCE)], n=8)) == 1


def test_name_files_are_exempt_by_path():
    assert list(file_units("src/sitrep/kb/actors.yaml", SOURCE)) == []
    assert list(file_units("src/sitrep/stages/place/data/curated.yaml", SOURCE)) == []
    assert list(file_units("src/sitrep/kb/README.md", SOURCE))  # prose beside the names is scanned


def test_a_span_label_is_exempt_and_a_note_is_not():
    records = [
        {"text": SOURCE, "start": 0, "end": 99},            # a span label checked against its offsets
        {"figure": {"text": SOURCE, "value": 40}},          # a gold figure's words beside its value
        {"text": SOURCE, "start": 0},                       # no end: not a span
        {"note": SOURCE},                                   # a note quoting the text
    ]
    text = "\n".join(json.dumps(r) for r in records) + "\n"
    hits = scan(file_units("benchmarks/data/example.jsonl", text), [("example", SOURCE)])
    assert [h.line for h in hits] == [3, 4]


def test_a_json_file_reports_the_line_of_the_string():
    text = json.dumps({"a": 1, "rows": [{"note": "short"}, {"note": SOURCE}]}, indent=2)
    (hit,) = scan(file_units("benchmarks/results/example.json", text), [("example", SOURCE)])
    assert text.splitlines()[hit.line - 1].strip().startswith('"note": "The night ferry')


def test_xml_sources_lose_their_tags_and_entities():
    assert copy_check._xml_text("<p>fish &amp; <b>chips</b><![CDATA[ now]]></p>").split() == ["fish", "&", "chips", "now"]


def test_the_script_exits_2_without_the_shared_data(tmp_path, capsys):
    assert copy_check.main(["--shared", str(tmp_path / "absent")]) == 2
    assert "no shared datasets" in capsys.readouterr().err
