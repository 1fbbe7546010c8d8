"""Wire copies (``copies.copy_groups``): Jaccard within ``copy_days`` (main) and containment any day
(``Settings.copy_by_containment``, branch indep1). Texts are written for the tests."""

from __future__ import annotations

from dataclasses import replace

from sitrep.incidents.copies import containment, copy_groups, shingles
from sitrep.incidents.settings import Settings, load_settings
from sitrep.incidents.update import linker_version
from sitrep.records import Document

AGENCY = ("Shelling hit the old market of Harbourtown on Tuesday morning, killing nine people and wounding "
          "fourteen, the regional health office said. Witnesses said the shells came from the hills east of "
          "the town, where government artillery has been positioned since the spring. Rescue teams were still "
          "searching the rubble of two shops in the evening, a volunteer told the agency by telephone.")
#: a reprint that adds two paragraphs of its own: Jaccard falls under one half, containment stays high
REPRINT = AGENCY + (" The town has been shelled almost daily since the ceasefire collapsed in March, and aid "
                    "groups say the last bakery closed last week. Local officials appealed for a humanitarian "
                    "corridor to evacuate the wounded to the coast, where two field hospitals are still open. "
                    "The governor said talks with the mediators would resume at the end of the month.")
OWN = ("Nine people died when shells struck a market in Harbourtown, medics said, as fighting for the hills "
       "above the town went on for a third week. Our correspondent saw smoke over the eastern quarter.")


def _settings(**changes: object) -> Settings:
    return replace(load_settings(), **changes)  # type: ignore[arg-type]


def _doc(doc_id: str, text: str, published: str | None) -> Document:
    return Document(id=doc_id, sha256=doc_id * 8, text=text, publisher=doc_id, published=published)


def test_copies_reprint_with_added_paragraphs_has_low_jaccard_high_containment() -> None:
    a, b = shingles(AGENCY), shingles(REPRINT)
    assert len(a & b) / len(a | b) < 0.5
    assert containment(a, b) == 1.0
    assert containment(shingles(AGENCY), shingles(OWN)) < 0.1


def test_copies_main_misses_a_reprint_days_apart_the_switch_finds_it() -> None:
    docs = [_doc("a", AGENCY, "2016-03-01"), _doc("b", AGENCY, "2016-03-12"), _doc("c", OWN, "2016-03-01")]
    off = copy_groups(docs, _settings(copy_by_containment=False))
    assert len(set(off.values())) == 3  # identical bodies, but 11 days apart: two sources under main's window
    on = copy_groups(docs, _settings(copy_by_containment=True))
    assert on == {"a": "a", "b": "a", "c": "c"}  # one wire text and the outlet's own report: two sources


def test_copies_containment_groups_an_extended_reprint_and_keeps_an_own_report_apart() -> None:
    docs = [_doc("x", REPRINT, "2016-03-02"), _doc("y", AGENCY, None), _doc("z", OWN, "2016-03-01")]
    assert len(set(copy_groups(docs, _settings(copy_by_containment=False)).values())) == 3
    on = copy_groups(docs, _settings(copy_by_containment=True))
    assert on["x"] == on["y"] == "x" and on["z"] == "z"


def test_copies_containment_threshold_decides() -> None:
    docs = [_doc("a", AGENCY, "2016-03-01"), _doc("b", REPRINT, "2016-03-01")]
    strict = _settings(copy_by_containment=True, copy_containment=1.01)
    assert len(set(copy_groups(docs, strict).values())) == 2


def test_copies_containment_is_the_shipped_default() -> None:
    assert load_settings().copy_by_containment


def test_copies_switch_enters_linker_version_only_when_on() -> None:
    base = _settings(copy_by_containment=False)
    assert linker_version(base) == linker_version(replace(base, copy_containment=0.9))  # off: the number is unused
    on = replace(base, copy_by_containment=True)
    assert linker_version(on) != linker_version(base)
    assert linker_version(on) != linker_version(replace(on, copy_containment=0.9))


def test_copies_one_shared_sentence_of_names_is_no_copy() -> None:
    """Two one-sentence reports in their own words share a run of names (place, day): most of the shorter
    one's shingles, but one sentence; not copies. Two sentences reprinted are."""
    own_a = _doc("a", "Rebels shelled the grain silos of Tel Wardeh on Tuesday, wounding three guards.", "2030-05-07")
    own_b = _doc("b", "Rebel artillery shelled the grain silos of Tel Wardeh on Tuesday and three guards were wounded.",
                 "2030-05-09")
    assert containment(shingles(own_a.text), shingles(own_b.text)) >= _settings().copy_containment
    assert len(set(copy_groups([own_a, own_b], _settings()).values())) == 2
    two = _doc("c", AGENCY.split(". ")[0] + ". " + AGENCY.split(". ")[1] + ". Our reporter saw it.", "2031-01-01")
    assert copy_groups([_doc("d", AGENCY, "2016-03-01"), two], _settings()) == {"d": "c", "c": "c"}
