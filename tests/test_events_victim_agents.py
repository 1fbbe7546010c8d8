"""People nouns derived from open data as possible victims (issue 13, branch events40;
``arguments.VICTIM_AGENT_NOUNS``, ``scripts/build_victim_nouns.py``). Sentences written for these
tests."""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from sitrep.stages.events import arguments
from sitrep.stages.events.lexicon import VICTIM_NOUNS

REPO = Path(__file__).resolve().parents[1]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_victim_nouns", REPO / "scripts" / "build_victim_nouns.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_victim_nouns"] = module
    spec.loader.exec_module(module)
    return module


def test_the_switch_ships_off():
    assert arguments.VICTIM_AGENT_NOUNS is False


def test_the_data_file_names_its_provenance_and_no_fighting_sector():
    lines = arguments.VICTIM_AGENTS_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# derived by scripts/build_victim_nouns.py")
    rows = list(csv.DictReader(lines[1:]))
    assert rows, "the derived list is empty"
    script = _script()
    for row in rows:
        assert row["noun"] not in VICTIM_NOUNS
        assert row["sector"] not in script.ARMED
        assert int(row["person"]) >= 1
        assert row["provenance"].startswith("petrarch2 agents:")
    assert arguments.victim_agents() == {r["noun"]: r["sector"] for r in rows}


def test_derive_keeps_person_nouns_of_unarmed_sectors_only():
    script = _script()
    agents = {"teacher": ("EDU", "agents:1"), "hospital": ("MED", "agents:2"), "colonel": ("MIL", "agents:3"),
              "civilian": ("CVL", "agents:4"), "farmhand": ("AGR", "agents:5")}
    counts = {"person": Counter({"teacher": 3, "colonel": 4, "civilian": 9, "farmhand": 1}),
              "harmed": Counter({"hospital": 5})}
    rows = {r["noun"]: r for r in script.derive(agents, counts, 1)}
    # a building is never named as a person; an armed sector's side is not in the noun; a listed
    # victim noun stays as it is; a sector the coding guide lacks is unaffiliated people
    assert set(rows) == {"teacher", "farmhand"}
    assert rows["teacher"]["sector"] == "EDU"
    assert rows["farmhand"]["sector"] == "CVL"
    assert {r["noun"] for r in script.derive(agents, counts, 2)} == {"teacher"}


@pytest.mark.slow
def test_a_who_clause_marks_a_person_and_a_harm_verb_a_victim(nlp):
    script = _script()
    counts = script.evidence(["The nurses who treated the wounded were killed on Monday.",
                              "The depot which stored the fuel was destroyed."], nlp)
    assert counts["person"]["nurse"] == 1
    assert counts["person"]["depot"] == 0
    assert counts["harmed"]["depot"] == 1


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def _assault(analysis):
    (ev,) = [e for e in analysis.events if e.category == "ASSAULT"]
    return ev


@pytest.mark.slow
def test_a_derived_people_noun_is_a_recipient_of_its_sector(analyze, monkeypatch):
    assert arguments.victim_agents()["medic"] == "MED"
    text = "Army shelling killed three medics near Aleppo in Syria on Monday."
    assert _assault(analyze(text)).recipients == []  # off: main's reading, no recipient
    monkeypatch.setattr(arguments, "VICTIM_AGENT_NOUNS", True)
    assert _assault(analyze(text)).recipients == ["SYR_MED"]


@pytest.mark.slow
def test_two_victim_groups_of_two_sectors_are_two_recipients(analyze, monkeypatch):
    monkeypatch.setattr(arguments, "VICTIM_AGENT_NOUNS", True)
    text = "Army shelling killed three nurses and two children near Aleppo in Syria on Monday."
    assert sorted(_assault(analyze(text)).recipients) == ["SYR_CVL", "SYR_MED"]


@pytest.mark.slow
def test_an_armed_noun_is_no_derived_victim(analyze, monkeypatch):
    monkeypatch.setattr(arguments, "VICTIM_AGENT_NOUNS", True)
    assert "colonel" not in arguments.victim_agents()
    text = "Army shelling killed three colonels near Aleppo in Syria on Monday."
    assert not any(r.endswith(("_CVL", "_MED")) for r in _assault(analyze(text)).recipients)


@pytest.mark.slow
def test_listed_victims_keep_one_civilians_recipient(analyze, monkeypatch):
    text = "Government shelling killed three children and two women near Aleppo in Syria on Monday."
    before = _assault(analyze(text)).recipients
    monkeypatch.setattr(arguments, "VICTIM_AGENT_NOUNS", True)
    assert _assault(analyze(text)).recipients == before == ["SYR_CVL"]
