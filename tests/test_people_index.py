"""``scripts/build_people_index.py``: the Factbook's office holders, one entry per person."""

from __future__ import annotations

from collections import Counter

import yaml
from conftest import REPO, script_module


def _person(pid: str, country: str, role: str) -> dict:
    return {"id": pid, "country": country, "kind": "person",
            "roles": [{"title": f"President of {country}", "role": role, "of": country}]}


def test_two_offices_of_one_state_are_one_person_with_both_roles():
    build = script_module("build_people_index")
    stats: Counter[str] = Counter()
    people = [_person("fb_a_b", "NGA", "head_of_state"), _person("fb_a_b", "NGA", "head_of_government"),
              _person("fb_c_d", "ZAF", "head_of_state")]
    out = build._merge_offices(people, stats)
    assert [p["id"] for p in out] == ["fb_a_b", "fb_c_d"]
    assert [r["role"] for r in out[0]["roles"]] == ["head_of_state", "head_of_government"]
    assert stats["offices merged into one person"] == 1


def test_a_namesake_in_two_states_stays_ambiguous():
    build = script_module("build_people_index")
    people = [_person("fb_x_y", "AUS", "head_of_state"), _person("fb_x_y", "CAN", "head_of_state")]
    out = build._merge_offices(people, Counter())
    assert [p["country"] for p in out] == ["AUS", "CAN"]  # kept apart: build() drops both as a duplicate id


def test_the_shipped_index_lists_each_person_once_and_keeps_both_offices():
    actors = yaml.safe_load((REPO / "src/sitrep/kb/factbook.yaml").read_text(encoding="utf-8"))["actors"]
    ids = Counter(a["id"] for a in actors)
    assert max(ids.values()) == 1
    both = [a for a in actors if a["kind"] == "person"
            and {r["role"] for r in a["roles"]} == {"head_of_state", "head_of_government"}]
    assert len(both) >= 10  # presidents who also head their government (13 in the shipped Factbook edition)
