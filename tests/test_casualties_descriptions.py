"""Issue 12, follow-up of 2026-12-05 (evening, ``casualties28``): a source named by what it is
("the group said", "the monitor added", "the agency reported") takes the KB actor of the earlier
source it agrees with (``sitrep.stages.casualties.descriptions``), keeping its own words.

Sentences written for these tests (never taken from a data set). Probes of the class (a
description after a named monitor, news agency, rescue body) and of its opposites (a description
whose nearest earlier source is of another kind, or words only, keeps its words; "the group"
after an armed group that is no source is not the monitor; an indefinite "a monitor" introduces
a source, it does not point back; a name with a common-noun head is no description).
"""

from __future__ import annotations

import pytest

from sitrep.records import Actor
from sitrep.stages.casualties.descriptions import (
    agreement,
    agrees,
    agrees_all,
    referent,
)

SOHR = "The Syrian Observatory for Human Rights"


def _figure(figures, kind: str, value: int):
    found = [c for c in figures if c.kind == kind and c.best == value]
    assert found, (kind, value, [(c.kind, c.best) for c in figures])
    return found[-1]


@pytest.fixture(scope="module")
def run(casualty_run):  # loads the spaCy model (the tests are ``slow``)
    return casualty_run


# -- the agreement table, read from the KB -------------------------------------------------------

def test_head_words_agree_with_the_kinds_the_kb_names_them_by():
    monitor = Actor(id="M", name="M", kind="monitor", sector="NGO")
    agency = Actor(id="A", name="A", kind="media", sector="GOV")
    ministry = Actor(id="G", name="G", kind="government_body", sector="GOV")
    person = Actor(id="P", name="P", kind="person", sector="NGO")
    assert agrees("monitor", monitor) and agrees("observatory", monitor)
    assert agrees("group", monitor)  # the KB's monitors are NGOs by sector; groups name NGOs
    assert agrees("agency", agency) and not agrees("agency", monitor)
    assert agrees("ministry", ministry) and not agrees("ministry", agency)
    assert not agrees("group", person)  # a description names an organisation, never a person
    assert not agrees_all(("group", "observatory"), Actor(id="R", name="R", kind="armed_group", sector="REB"))


def test_the_table_is_the_kbs_organisation_words():
    table = agreement()
    assert "spokesman" not in table  # a person noun names no organisation
    assert table["ministry"] == {"government_body"}
    assert "monitor" in table["monitor"] and "media" in table["agency"]


def test_only_the_nearest_earlier_source_is_the_referent():
    known = {"SOHR": Actor(id="SOHR", name="SOHR", kind="monitor", sector="NGO"),
             "SANA": Actor(id="SANA", name="SANA", kind="media", sector="GOV")}
    sohr, sana = ("The Syrian Observatory for Human Rights", "SOHR"), ("SANA", "SANA")
    assert referent(("monitor",), [sana, sohr], known) == "SOHR"
    assert referent(("monitor",), [sohr, sana], known) is None  # the agency spoke last
    assert referent(("monitor",), [sohr, ("local sources", None)], known) is None  # words only
    assert referent(("monitor",), [], known) is None


def test_an_earlier_source_with_the_descriptions_head_comes_first():
    known = {"RUS_MOD": Actor(id="RUS_MOD", name="RUS_MOD", kind="government_body", sector="GOV"),
             "USA_DOD": Actor(id="USA_DOD", name="USA_DOD", kind="government_body", sector="GOV")}
    earlier = [("the defence ministry in Moscow", "RUS_MOD"), ("the Pentagon", "USA_DOD")]
    assert referent(("ministry",), earlier, known) == "RUS_MOD"
    assert referent(("ministry",), earlier[1:], known) == "USA_DOD"  # no earlier ministry: kind agreement


# -- the class --------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_group_after_the_observatory_is_the_observatory(run):
    _, figures = run(f"Air strikes hit Douma. {SOHR} said 9 people were killed in the strikes on Sunday. "
                     "Another 14 people were killed in barrel bomb attacks on the town of Harasta, the group said.")
    fig = _figure(figures, "killed", 14)
    assert fig.attributed_to == "SOHR"
    assert fig.source_text == "the group"  # the description keeps its own words


@pytest.mark.slow
def test_it_after_the_group_is_the_observatory(run):
    _, figures = run(f"Air strikes hit Douma. {SOHR} said 9 people were killed in the strikes on Sunday. "
                     "Another 14 people were killed in Harasta, the group said. "
                     "Five more died in the village of Tlajabin, it added.")
    assert _figure(figures, "killed", 5).attributed_to == "SOHR"


@pytest.mark.slow
def test_the_monitor_after_the_observatory_is_the_observatory(run):
    _, figures = run(f"Shelling hits Aleppo. {SOHR} reported heavy shelling of Aleppo on Monday. "
                     "At least 12 civilians were killed in the eastern districts, the Britain-based monitor said.")
    assert _figure(figures, "killed", 12).attributed_to == "SOHR"


@pytest.mark.slow
def test_the_agency_after_sana_is_sana(run):
    _, figures = run("Mortars hit Damascus. State news agency SANA said mortar shells struck the old city on "
                     "Tuesday. The agency reported that 4 people were killed in the attack.")
    assert _figure(figures, "killed", 4).attributed_to == "SANA"


# -- its opposites ------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_monitor_after_an_agency_keeps_its_words(run):
    _, figures = run("Mortars hit Damascus. State news agency SANA said mortar shells struck the old city on "
                     "Tuesday. At least 7 people were killed in the attack, the monitor said.")
    fig = _figure(figures, "killed", 7)
    assert fig.attributed_to == "the monitor"
    assert fig.source_text == "the monitor"


@pytest.mark.slow
def test_a_description_with_no_earlier_source_keeps_its_words(run):
    _, figures = run("Air strikes hit Douma. At least 9 people were killed in the strikes on Sunday, the group said.")
    assert _figure(figures, "killed", 9).attributed_to == "the group"


@pytest.mark.slow
def test_the_group_after_an_armed_group_that_is_no_source_is_not_the_monitor(run):
    _, figures = run(f"Fighting rages near Raqqa. {SOHR} said Islamic State fighters attacked the village on "
                     "Monday. The Islamic State group said 6 of its fighters had been killed in the clashes.")
    fig = _figure(figures, "killed", 6)
    assert fig.attributed_to != "SOHR"


@pytest.mark.slow
def test_an_indefinite_monitor_does_not_point_back(run):
    _, figures = run(f"Shelling hits Aleppo. {SOHR} reported heavy shelling of Aleppo on Monday. "
                     "Separately, 3 people were killed in Idlib, a monitor said.")
    assert _figure(figures, "killed", 3).attributed_to == "a monitor"


@pytest.mark.slow
def test_a_name_with_a_common_noun_head_is_no_description(run):
    _, figures = run(f"Shelling hits Aleppo. {SOHR} reported heavy shelling of Aleppo on Monday. "
                     "The activist-run Halab Today network said 8 people were killed in the shelling.")
    assert _figure(figures, "killed", 8).attributed_to != "SOHR"
