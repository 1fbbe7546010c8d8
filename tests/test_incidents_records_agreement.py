"""Two judges' agreement on the incident-record gold (benchmarks/incidents_records_agreement.py) on
project-written toy lines (no FA-KES text; places, parties and figures are made up), and the committed
second judgement's format."""

from __future__ import annotations

import json
from pathlib import Path

import incidents_records_agreement as agreement_script  # benchmarks/ is on sys.path (conftest)
from conftest import REPO

BASE = {
    "id": "g1", "split": "tune", "real": True, "documents": ["FA-KES-Dataset.csv#row2", "FA-KES-Dataset.csv#row4"],
    "spans": {}, "intruders": [], "category": "ASSAULT", "category_accepted": ["COERCE"],
    "actors": [["VAR_MIL", "VAR_AF", "VAR"]], "recipients": [["VAR_CVL", "CVL"]],
    "place": {"name": "Tarvin", "accepted": ["Al-Tarvin"], "geonames_id": None, "containing": ["Varnholt"]},
    "date": {"start": "2031-05-01", "end": "2031-05-01"},
    "casualties": [{"kind": "killed", "figures": [], "best": 7, "low": 7, "high": 12}],
    "contested": ["casualties"], "outlets": ["harbour", "kestrel"], "independent_sources": 2, "note": "toy",
}


def _pair(tmp_path: Path, **changes) -> object:
    agreement = agreement_script
    b_line = {**BASE, **changes}
    a_file, b_file = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a_file.write_text(json.dumps(BASE) + "\n", encoding="utf-8")
    b_file.write_text(json.dumps(b_line) + "\n", encoding="utf-8")
    a = agreement.read_gold(a_file)[0]
    b = agreement.read_gold(b_file)[0]
    return agreement.compare(a, b)


def test_incidents_records_agreement_same_line_agrees_everywhere(tmp_path: Path):
    out = _pair(tmp_path)
    assert all(out.agree.values())
    assert "injured.best" not in out.agree  # a kind neither judge gives is not compared


def test_incidents_records_agreement_slots_match_by_shared_id(tmp_path: Path):
    assert _pair(tmp_path, actors=[["VAR_AF", "VAR_GOV"]]).agree["actors"]  # shares VAR_AF with A's slot
    assert not _pair(tmp_path, actors=[["VAR_AF"], ["REBELS"]]).agree["actors"]  # an extra party
    assert not _pair(tmp_path, recipients=[]).agree["recipients"]  # B names none where A names one
    out = _pair(tmp_path, category="COERCE")
    assert out.agree["category"]  # B's category among A's accepted ones


def test_incidents_records_agreement_place_date_figures(tmp_path: Path):
    out = _pair(tmp_path, place={"name": "al-tarvin", "accepted": [], "geonames_id": 99, "containing": []})
    assert out.agree["place"] and not out.place_coarser
    out = _pair(tmp_path, place={"name": "Varnholt", "accepted": [], "geonames_id": None, "containing": []})
    assert not out.agree["place"] and out.place_coarser
    assert _pair(tmp_path, date={"start": "2031-04-30", "end": "2031-05-02"}).agree["date"]  # the night rule
    assert not _pair(tmp_path, date={"start": "2031-05-03", "end": "2031-05-03"}).agree["date"]
    out = _pair(tmp_path, casualties=[{"kind": "killed", "figures": [], "best": 7, "low": 7, "high": 9},
                                      {"kind": "injured", "figures": [], "best": 3, "low": 3, "high": 3}])
    assert out.agree["killed.best"] and not out.agree["killed.low_high"]
    assert not out.agree["injured.best"]  # only judge B gives the kind


def test_incidents_records_agreement_no_incident_compares_real_only(tmp_path: Path):
    out = _pair(tmp_path, real=False)
    assert out.agree == {"real": False}


def test_incidents_records_second_judge_file_names_tune_gold_incidents():
    agreement = agreement_script
    data = REPO / "benchmarks" / "data"
    gold = {g.id: g for g in agreement.read_gold(data / "fakes_incident_records_gold.jsonl")}
    second = agreement.read_gold(data / "fakes_incident_records_second_judge.jsonl")
    assert len(second) == len({b.id for b in second}) == 24  # incaudit2's 12, then incaudit3b's 12
    draw3 = {json.loads(line)["position"] for line in
             (data / "fakes_incident_records_draw3.jsonl").read_text(encoding="utf-8").splitlines()}
    assert all(int(b.id[1:]) in draw3 for b in second[12:])  # incaudit3b judged lines incaudit3 added
    for b in second:
        assert b.id in gold and gold[b.id].split == b.split == "tune"
        assert set(b.spans) == set(b.documents)
        if b.real:
            assert b.categories and all(c.low <= c.best <= c.high for c in b.casualties)


def test_incidents_records_agreement_ids_restrict_the_comparison(tmp_path: Path, capsys):
    a_file, b_file = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    other = {**BASE, "id": "g2", "independent_sources": 3}
    a_file.write_text(json.dumps(BASE) + "\n" + json.dumps({**other, "independent_sources": 2}) + "\n", encoding="utf-8")
    b_file.write_text(json.dumps(BASE) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    agreement_script.main(["--a", str(a_file), "--b", str(b_file)])
    both = capsys.readouterr().out
    assert "independent_sources    1 / 2" in both and "g2: independent_sources" in both
    agreement_script.main(["--a", str(a_file), "--b", str(b_file), "--ids", "g1"])
    only = capsys.readouterr().out
    assert "independent_sources    1 / 1" in only and "g2" not in only
