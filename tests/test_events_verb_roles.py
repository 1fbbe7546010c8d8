"""A party's event role told by another verb of the sentence, from the verb-role table derived from
the PETRARCH2 CAMEO patterns (issue 13, branch events50; ``sitrep.stages.events.verb_roles``,
measured by ``benchmarks/events_verb_roles.py``). Sentences written for these tests."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from spacy.tokens import Doc

from sitrep.records import Event, Evidence, Mention
from sitrep.stages.events import verb_roles
from sitrep.stages.events.arguments import MentionIndex

REPO = Path(__file__).resolve().parents[1]


def _build_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_verb_roles", REPO / "scripts" / "build_verb_roles.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_switches_ship_off():
    assert verb_roles.VERB_ROLES is False
    assert verb_roles.VERB_ROLES_CARRIED is False


@pytest.mark.parametrize(("pattern", "links"), [
    ("* FROM +", [("from", "target")]),
    ("+ * (BY FORCES)", [("nsubj", "target")]),
    ("$ * (IN TALK) (WITH +)", [("nsubj", "source"), ("with", "target")]),
    ("* +", [("dobj", "target")]),
    ("+ INSPECTOR * (INTO $)", [("into", "source")]),  # a noun between the marker and the verb: no subject
    ("* SANCTIONS", []),
])
def test_the_build_script_reads_the_marked_roles_by_their_link(pattern, links):
    assert _build_script().links(pattern) == links


def test_the_shipped_table_is_the_scripts_with_its_provenance():
    data = json.loads(verb_roles.TABLE_FILE.read_text(encoding="utf-8"))
    source = data["provenance"]["sources"][0]
    assert source["repo"] == "openeventdata/petrarch2" and source["licence"] == "MIT"
    assert data["provenance"]["generated_by"] == "scripts/build_verb_roles.py"
    assert set(data["roles"].values()) <= {"source", "target"}
    assert set(data["roles"]) == set(data["counts"])
    for key, (n_source, n_target) in data["counts"].items():  # the majority of the marked patterns
        assert data["roles"][key] == ("source" if n_source > n_target else "target")
    assert verb_roles.load_table()["retreat|from"] == "target"


def _word(doc, text):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(("text", "word", "head", "link"), [
    ("The rebels withdrew from the town on Monday.", "town", "withdrew", "from"),
    ("The army fired at the rebels and the militia.", "militia", "fired", "at"),
    ("The convoy came under fire near the border.", "convoy", "came", "nsubj"),
    ("The village was shelled by the army.", "village", "shelled", "dobj"),
    ("The village was shelled by the army.", "army", "shelled", "by"),
])
def test_the_link_of_a_party(nlp, text, word, head, link):
    found = verb_roles.link_of(_word(nlp(text), word))
    assert found is not None and (found[0].text, found[1]) == (head, link)


def _index(doc: Doc, parties: dict[str, tuple[str, str]]) -> MentionIndex:
    """A mention index over ``doc``: word → (actor id, kind)."""
    mentions, kinds = [], {}
    for word, (actor, kind) in parties.items():
        tok = _word(doc, word)
        mentions.append(Mention("d", actor, tok.idx, tok.idx + len(tok), tok.text, "s0"))
        kinds[actor] = kind
    index = MentionIndex.build(doc, mentions, [])
    index.kinds.update(kinds)
    return index


def _event(doc: Doc, trigger: str, actors: list[str], recipients: list[str]) -> Event:
    tok = _word(doc, trigger)
    return Event("e1", "d", "ASSAULT", "asserted", Evidence(0, len(doc.text), doc.text), trigger,
                 actors=actors, recipients=recipients, trigger_start=tok.idx, trigger_end=tok.idx + len(tok))


def test_an_empty_role_takes_the_party_the_table_gives_it_only_with_the_switch(nlp):
    doc = nlp("The rebels retreated from Aleppo after an assault by Hezbollah.")
    index = _index(doc, {"rebels": ("REB", "armed_group"), "Hezbollah": ("HEZ", "armed_group")})
    table = {"retreat|from": "target", "retreat|nsubj": "source", "assault|by": "source"}
    event = _event(doc, "assault", [], [])
    assert verb_roles.fill_roles([event], doc, index, empty=False, carried=False, table=table) == [event]
    filled = verb_roles.fill_roles([event], doc, index, empty=True, carried=False, table=table)[0]
    assert filled.actors == ["HEZ"] and filled.recipients == []  # "rebels" hang on a word not connected


def test_a_role_of_the_rules_is_kept_and_a_carried_one_replaced_only_with_its_switch(nlp):
    doc = nlp("Government troops withdrew from the hill after the army shelled the rebels.")
    index = _index(doc, {"troops": ("GOV", "military"), "army": ("ARMY", "military"),
                         "rebels": ("REB", "armed_group")})
    table = {"shell|dobj": "target", "shell|nsubj": "source"}
    kept = _event(doc, "shelled", ["ARMY"], ["REB"])
    assert verb_roles.fill_roles([kept], doc, index, empty=True, carried=True, table=table) == [kept]
    carried = _event(doc, "shelled", ["ARMY"], ["ELSEWHERE"])  # no mention of it in the sentence
    assert verb_roles.fill_roles([carried], doc, index, empty=True, carried=False, table=table) == [carried]
    replaced = verb_roles.fill_roles([carried], doc, index, empty=False, carried=True, table=table)[0]
    assert replaced.recipients == ["REB"] and replaced.actors == ["ARMY"]


def test_an_outlet_takes_no_role_and_no_party_takes_both_roles(nlp):
    doc = nlp("The army shelled the rebels, Reuters said.")
    index = _index(doc, {"army": ("ARMY", "military"), "rebels": ("REB", "armed_group"),
                         "Reuters": ("REUTERS", "media")})
    table = {"shell|dobj": "target", "say|nsubj": "source"}
    event = _event(doc, "shelled", [], ["ARMY"])
    out = verb_roles.fill_roles([event], doc, index, empty=True, carried=False, table=table)[0]
    assert out.actors == [] and out.recipients == ["ARMY"]


def test_the_unmarked_reading_holds_only_for_a_coded_verb_and_only_where_nothing_is_marked(nlp):
    doc = nlp("The rebels killed three soldiers near the border.")
    killed = _word(doc, "killed")
    assert verb_roles.role_of(killed, "dobj", table={}, defaults=frozenset()) is None
    assert verb_roles.role_of(killed, "dobj", table={}, defaults=frozenset({"kill"})) == "target"
    assert verb_roles.role_of(killed, "nsubj", table={}, defaults=frozenset({"kill"})) == "source"
    assert verb_roles.role_of(killed, "near", table={}, defaults=frozenset({"kill"})) is None
    marked = {"kill|dobj": "source"}  # a marked pattern wins over the unmarked reading
    assert verb_roles.role_of(killed, "dobj", table=marked, defaults=frozenset({"kill"})) == "source"
    assert "kill" in verb_roles.load_defaults() and "say" not in verb_roles.load_defaults()
