"""Integration: `sitrep run` on the four seed articles recovers what a reader sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS, needs_shared
from typer.testing import CliRunner

from sitrep.cli import app

pytestmark = [needs_shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def seeds_export(tmp_path_factory) -> dict[str, dict]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = CliRunner().invoke(app, ["run", str(SEEDS), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    exported = CliRunner().invoke(app, ["export", "--db", str(db)])
    docs = [json.loads(line) for line in exported.stdout.splitlines() if '"type": "document"' in line]
    return {Path(d["source_path"]).name[:3]: d for d in docs}


def test_seeds_all_analyzed(seeds_export):
    assert sorted(seeds_export) == ["000", "001", "002", "003"]
    assert all(d["status"] == "analyzed" and d["language"] == "en" for d in seeds_export.values())


def test_seeds_001_metadata_and_no_footer(seeds_export):
    d = seeds_export["001"]
    assert d["author"] == "Thomas Gaist"
    assert d["published"] == "2016-07-16"
    assert d["title"].startswith("In bid to save proxy forces in Syria")
    assert "To contact" not in d["text"] and "wsws.org" not in d["text"]
    assert "Thomas Gaist" not in d["text"]
    assert "*" not in d["text"]  # Markdown emphasis around *New York Times* removed


def test_seeds_000_dateline(seeds_export):
    d = seeds_export["000"]
    assert d["dateline"] == "Beirut"
    assert d["text"].startswith("Like his predecessors")
    assert d["published"] is None and d["author"] is None  # not in the text: null, not a guess


def test_seeds_002_unwrapped_and_caption_removed(seeds_export):
    d = seeds_export["002"]
    paragraphs = d["text"].split("\n\n")
    assert len(paragraphs) > 5
    assert all("\n" not in p for p in paragraphs)  # no mid-sentence line breaks left
    assert "bomb its way out of its most important" in d["text"]
    assert "White Helmets / AP" not in d["text"]
    assert d["published"] is None  # the caption's photo date is not a publication date


def test_seeds_003_byline(seeds_export):
    d = seeds_export["003"]
    assert d["author"] == "Andrew Korybko"
    assert not d["text"].startswith("Authored by")
    assert d["published"] is None
