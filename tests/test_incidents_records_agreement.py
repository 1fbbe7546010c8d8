"""Two judges' agreement on the incident-record gold (benchmarks/incidents_records_agreement.py) on
project-written toy lines (no FA-KES text; places, parties and figures are made up), and the committed
second judgement's format."""

from __future__ import annotations

import json
import random
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


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_incidents_records_second_judge_file_names_tune_gold_incidents():
    agreement = agreement_script
    data = REPO / "benchmarks" / "data"
    gold = {g.id: g for g in agreement.read_gold(data / "fakes_incident_records_gold.jsonl")}
    raw = _lines(data / "fakes_incident_records_second_judge.jsonl")
    second = [b for b, r in zip(agreement.read_gold(data / "fakes_incident_records_second_judge.jsonl"), raw,
                                strict=True) if "gold" not in r]
    assert {r.get("gold", "records") for r in raw} == {"records", "single"}  # the two draw sets, nothing else
    assert len(second) == len({b.id for b in second}) == 24  # incaudit2's 12, then incaudit3b's 12
    draw3 = {line["position"] for line in _lines(data / "fakes_incident_records_draw3.jsonl")}
    assert all(int(b.id[1:]) in draw3 for b in second[12:])  # incaudit3b judged lines incaudit3 added
    for b in second:
        assert b.id in gold and gold[b.id].split == b.split == "tune"
        assert set(b.spans) == set(b.documents)
        if b.real:
            assert b.categories and all(c.low <= c.best <= c.high for c in b.casualties)


def test_incidents_records_second_judge_single_lines_are_the_tune_draws_40_to_79():
    """incaudit5b's blind lines: one per tune draw of positions 40-79 of the one-report draw, each drawn record's
    one report, matched to the one-report gold line that holds its draw."""
    data = REPO / "benchmarks" / "data"
    single = [r for r in _lines(data / "fakes_incident_records_second_judge.jsonl")
              if r.get("gold") == "single" and r["note"].startswith("[incaudit5b]")]
    draws = {d["position"]: d for d in _lines(data / "fakes_incident_records_single_draw.jsonl")}
    tune = {p for p, d in draws.items() if 40 <= p < 80 and d["split"] == "tune"}
    assert sorted(p for r in single for p in r["draw"]) == sorted(tune) and len(tune) == 28
    held = {p: g for g in _lines(data / "fakes_incident_records_single_gold.jsonl") for p in g["draw"]}
    for r in single:
        d = draws[r["draw"][0]]
        assert r["id"] == f"s{d['position']:02d}" and r["split"] == "tune" and r["sampled_from"] == [d["incident"]]
        assert r["note"].startswith("[incaudit5b]") and held[d["position"]]["split"] == "tune"
        if r["real"]:
            assert r["documents"] == d["rows"] and set(r["spans"]) == set(r["documents"]) and r["category"]
            assert all(c["low"] <= c["best"] <= c["high"] for c in r["casualties"])
        else:
            assert not r["documents"] and not r["actors"] and r["date"] is None


def test_incidents_records_agreement_single_set_matches_by_draw_and_gives_kappa(tmp_path: Path, capsys):
    a_file, b_file = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a_lines = [{**BASE, "id": "s1", "draw": [1, 5]}, {**BASE, "id": "s2", "draw": [2]},
               {**BASE, "id": "s3", "draw": [3], "real": False}, {**BASE, "id": "s4", "draw": [4], "real": False},
               BASE]
    b_lines = [{**BASE, "id": "s5", "draw": [5], "gold": "single"},  # B's own line for draw 5 meets A's s1
               {**BASE, "id": "s2", "draw": [2], "gold": "single", "real": False},
               {**BASE, "id": "s3", "draw": [3], "gold": "single", "real": False},
               {**BASE, "id": "s4", "draw": [4], "gold": "single", "real": False},
               {**BASE, "id": "g1"}]  # a two-report line: not in the single set
    a_file.write_text("".join(json.dumps(x) + "\n" for x in a_lines), encoding="utf-8")
    b_file.write_text("".join(json.dumps(x) + "\n" for x in b_lines), encoding="utf-8")
    pairs = agreement_script.matched(a_file, b_file, "single", set())
    assert [(a.id, b.id) for a, b in pairs] == [("s1", "s5"), ("s2", "s2"), ("s3", "s3"), ("s4", "s4")]
    real = agreement_script.real_agreement(pairs, boot=200, seed=1)
    assert (real["both_real"], real["neither_real"], real["only_a_real"], real["only_b_real"]) == (1, 2, 1, 0)
    assert real["raw"] == 0.75 and real["kappa"] == 0.5  # observed 0.75, chance 0.5
    assert real["kappa_95"][0] <= real["kappa"] <= real["kappa_95"][1]
    agreement_script.main(["--a", str(a_file), "--b", str(b_file), "--set", "single", "--boot", "200"])
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["real", "3", "/", "4"] and "s5~s1" not in out and "s2: real" in out
    assert '"kappa": 0.5' in out
    agreement_script.main(["--a", str(a_file), "--b", str(b_file)])  # the default set: the two-report line only
    assert capsys.readouterr().out.splitlines()[0].split() == ["real", "1", "/", "1"]


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


def _seeded_second_judge_sample(tag: str, positions: range, seed: int) -> tuple[list[dict], dict[int, dict]]:
    """A second judge's lines (notes starting with ``tag``) and the draws by position, after checking that
    the lines cover exactly the seeded sample of 30 tune draws among ``positions`` its doc pre-registered (all of
    them when the range holds fewer than 30, as 400-439's 29)."""
    data = REPO / "benchmarks" / "data"
    lines = [r for r in _lines(data / "fakes_incident_records_second_judge.jsonl") if r["note"].startswith(tag)]
    draws = {d["position"]: d for d in _lines(data / "fakes_incident_records_single_draw.jsonl")}
    pool = [p for p, d in draws.items() if p in positions and d["split"] == "tune"]
    assert sorted(p for r in lines for p in r["draw"]) == sorted(random.Random(seed).sample(pool, min(30, len(pool))))
    return lines, draws


def test_incidents_records_second_judge_incaudit11b_lines_are_the_seeded_tune_sample():
    """incaudit11b's blind lines: one per draw of a seeded sample of 30 tune draws among positions 200-319 (the rule
    its incoming doc pre-registered), each the drawn record's one report, in the file's format."""
    lines, draws = _seeded_second_judge_sample("[incaudit11b]", range(200, 320), 2026120711)
    for r in lines:
        d = draws[r["draw"][0]]
        assert r["gold"] == "single" and r["id"] == f"s{d['position']}" and r["split"] == "tune"
        assert r["sampled_from"] == [d["incident"]]
        if r["real"]:
            assert r["documents"] == d["rows"] and set(r["spans"]) == set(r["documents"]) and r["category"]
            assert all(c["low"] <= c["best"] <= c["high"] for c in r["casualties"])
            assert set(r["versions"]) <= {row.rsplit("row", 1)[1] for row in r["documents"]}
        else:
            assert not r["documents"] and not r["actors"] and r["date"] is None and not r["casualties"]


def _check_joined_lines(lines: list[dict], draws: dict[int, dict]) -> None:
    """Each line holds its draws' reports and the gold format's fields (a later sampled draw of the same incident
    joins the line)."""
    for r in lines:
        d = draws[r["draw"][0]]
        assert r["gold"] == "single" and r["id"] == f"s{d['position']}" and r["split"] == "tune"
        assert r["draw"] == sorted(r["draw"]) and r["sampled_from"] == [draws[p]["incident"] for p in r["draw"]]
        if r["real"]:
            rows = {row for p in r["draw"] for row in draws[p]["rows"]}
            assert rows <= set(r["documents"]) and set(r["spans"]) == set(r["documents"]) and r["category"]
            assert len(r["outlets"]) == r["independent_sources"] >= 1
            assert all(c["low"] <= c["best"] <= c["high"] for c in r["casualties"])
            assert set(r["versions"]) <= set(r["contested"])
            assert all(set(v) <= set(r["documents"]) for v in r["versions"].values())
        else:
            assert not r["documents"] and not r["actors"] and r["date"] is None and not r["casualties"]


def test_incidents_records_second_judge_incaudit13b_lines_are_the_seeded_tune_sample():
    """incaudit13b's blind lines: the seeded sample of 30 tune draws among positions 320-399 (the rule its incoming
    doc pre-registered), one line per incident, a later sampled draw of the same incident joining its line; each line
    holds its draws' reports and the gold format's fields."""
    lines, draws = _seeded_second_judge_sample("[incaudit13b]", range(320, 400), 2026120713)
    _check_joined_lines(lines, draws)


def test_incidents_records_second_judge_incaudit14b_lines_are_the_seeded_tune_sample():
    """incaudit14b's blind lines: the seeded draw of the tune draws among positions 400-439 (29, so all of them; the
    rule its incoming doc pre-registered), one line per incident (draw 439 joins s412), in the gold format."""
    lines, draws = _seeded_second_judge_sample("[incaudit14b]", range(400, 440), 2026120814)
    assert len(lines) == 28 and next(r for r in lines if r["id"] == "s412")["draw"] == [412, 439]
    _check_joined_lines(lines, draws)


def test_incidents_records_second_judge_incaudit15b_lines_are_the_seeded_tune_sample():
    """incaudit15b's blind lines: the seeded draw of the tune draws among positions 440-479 (29, so all of them; the
    rule its incoming doc pre-registered), one line per draw (no draw joins another), in the gold format."""
    lines, draws = _seeded_second_judge_sample("[incaudit15b]", range(440, 480), 2026120815)
    assert len(lines) == 29 and all(len(r["draw"]) == 1 for r in lines)
    _check_joined_lines(lines, draws)
