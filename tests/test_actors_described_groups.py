"""Described groups (issue 13, actors): "<ethnic or religious modifier> <group head>" is an actor
mention of the document's country with the head's sector. Sentences written for these tests."""

from __future__ import annotations

import csv

import pytest

from sitrep.stages.actors import ActorStage
from sitrep.stages.actors.groups import MODIFIERS_PATH, group_modifiers


@pytest.fixture(scope="module")
def stage(nlp):
    return ActorStage(nlp)


@pytest.fixture(scope="module")
def run(stage, parse):
    def _run(text):
        analysis = stage(parse(text))
        actors = {a.id: a for a in analysis.actors}
        return {m.text: (actors[m.actor].country, actors[m.actor].sector) for m in analysis.mentions}
    return _run


def test_described_group_modifiers_are_derived_data() -> None:
    """The vocabulary is the script's output: a header, sorted unique folded words."""
    with MODIFIERS_PATH.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    words = [r["word"] for r in rows]
    assert words == sorted(set(words))
    assert all(w == w.lower() and r["source"] for w, r in zip(words, rows, strict=True))
    vocab = group_modifiers()
    assert "sunni" in vocab and "kurdish" in vocab and vocab["kurdish"] is None
    assert "syrian" not in vocab  # a state's demonym is composed by the KB steps, not here


@pytest.mark.slow
@pytest.mark.parametrize(("text", "surface", "expected"), [
    # the country from a state named in the same sentence (no theatre in the text)
    ("Kurdish fighters attacked a Turkish army post near the border on Sunday.",
     "Kurdish fighters", ("TUR", "REB")),
    # a community's leaders are its notables, not the state's government
    ("Maronite leaders asked the Lebanese government for help.", "Maronite leaders", ("LBN", "ELI")),
    # from the text's theatre (the state it places events in)
    ("Violence flared again in Iraq this week. Sunni militants ambushed a convoy on the highway.",
     "Sunni militants", ("IRQ", "REB")),
    ("Christian villagers fled their homes in Nigeria after the raid.", "Christian villagers", ("NGA", "CVL")),
    # a community's forces are a non-state armed group, not the state's army
    ("Kurdish forces shelled the village in northern Syria.", "Kurdish forces", ("SYR", "REB")),
    # an ethnic name the NER takes for a place no gazetteer knows, before a plural noun for people
    ("The Yoruba elders of Lagos have asked Nigeria's president to resign.", "Yoruba elders", ("NGA", "ELI")),
])
def test_described_group_takes_the_documents_country(run, text, surface, expected) -> None:
    found = run(text)
    assert found.get(surface) == expected, found


@pytest.mark.slow
def test_described_group_without_any_country_is_not_invented(run) -> None:
    found = run("Shiite protesters marched after the Friday prayers.")
    assert not any("protesters" in surface for surface in found), found


@pytest.mark.slow
def test_state_demonyms_and_kb_names_keep_their_own_composition(run) -> None:
    found = run("Palestinian gunmen fired on Israeli troops, and Hezbollah fighters crossed the border.")
    assert found["Palestinian gunmen"] == ("PSE", "UAF")
    assert "Hezbollah fighters" in found  # the KB's organisation, as before


@pytest.mark.slow
def test_what_is_no_described_group(run) -> None:
    # a political party's adjective (NER: NORP) is not taken: NORP modifiers were measured and left out
    found = run("Republican senators criticised the Iraqi government.")
    assert not any("senators" in surface for surface in found), found
    # a place's head noun after a name is a place
    found = run("Gunmen attacked Kafr Tawil village on Monday, and Sunni clerics in Iraq condemned it.")
    assert not any("village" in surface for surface in found), found
    # a religion word in lower case before a noun is a role, not a group's name
    found = run("The cleric leaders of Iraq met on Monday.")
    assert "cleric leaders" not in found


@pytest.mark.slow
def test_misspelt_state_the_ner_left_out_is_the_state(run) -> None:
    """"Ethopia" first in a sentence has no NER label: a near spelling of a state still names it."""
    found = run("Ethopia has reopened its border crossing.")
    assert found.get("Ethopia") == ("ETH", None)
    found = run("Quatar's foreign minister arrived on Monday.")
    assert any(country == "QAT" for country, _ in found.values()), found


# ---- the named switches (branch plover1; benchmarks/actors_plover_ablation.py measures them)


@pytest.mark.slow
def test_described_groups_switched_off_give_no_group(run, monkeypatch) -> None:
    from sitrep.stages.actors import groups

    text = "Kurdish fighters attacked a Turkish army post near the border on Sunday."
    assert run(text).get("Kurdish fighters") == ("TUR", "REB")
    monkeypatch.setattr(groups, "DESCRIBED_GROUPS", False)
    assert "Kurdish fighters" not in run(text)


@pytest.mark.slow
def test_the_ner_path_switched_off_leaves_an_unknown_ethnic_name_out(run, monkeypatch) -> None:
    from sitrep.stages.actors import groups

    text = "The Yoruba elders of Lagos have asked Nigeria's president to resign."
    monkeypatch.setattr(groups, "UNPLACED_LABELS", frozenset())
    assert "Yoruba elders" not in run(text)
    # the vocabulary's words still make groups
    assert run("Kurdish fighters attacked a Turkish army post near the border on Sunday.").get(
        "Kurdish fighters") == ("TUR", "REB")


@pytest.mark.slow
def test_unlabelled_states_switched_off_leave_the_misspelling_out(run, monkeypatch) -> None:
    from sitrep.stages.actors import context

    monkeypatch.setattr(context, "UNLABELLED_STATES", False)
    assert "Ethopia" not in run("Ethopia has reopened its border crossing.")
