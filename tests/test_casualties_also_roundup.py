"""``record.ALSO_ROUNDUP`` (issue 12, branch mainkill1): a later sentence that adds another act
with "also" opens the round-up's part of the headline toll. Ships off (its bar failed: see
docs/benchmarks-incoming/mainkill1.md); tested both ways on project-written sentences."""

from __future__ import annotations

import pytest

from sitrep.records import Casualty, Evidence
from sitrep.stages.casualties import record
from sitrep.stages.casualties.record import additive_incident, headline_toll

NOUNS = frozenset({"attack", "strike", "shelling", "raid"})
LEAD = "Shelling on the town of Alpha killed 4 civilians on Tuesday, a monitor said."
OTHER = "Jets also struck the village of Gamma, where 9 people were killed."
BACK = "The shelling also killed 6 fighters near the town's market."
UPDATE = "The toll in Alpha rose to 12 by the evening, the monitor said."


def _fig(n: int, sentence: str, at: int) -> Casualty:
    start = at + sentence.index(str(n))
    return Casualty(f"c{n}", "d", "killed", "people", n, start, start + len(str(n)), str(n),
                    Evidence(at, at + len(sentence), sentence))


def _article(*sentences: tuple[int, str]) -> list[Casualty]:
    out, at = [], 0
    for n, sentence in sentences:
        out.append(_fig(n, sentence, at))
        at += len(sentence) + 1
    return out


def test_the_switch_ships_off():
    assert record.ALSO_ROUNDUP is False


@pytest.mark.parametrize(("sentence", "expected"), [
    (OTHER, True),
    ("It also reported 8 civilians killed in rebel fire on the west of the city.", True),
    (BACK, False),  # "the shelling": the article's own incident
    ("This attack also wounded 20.", False),
    (LEAD, False),  # no "also"
    ("Also-ran candidates said nothing.", False),  # "also" only as a whole word
])
def test_additive_incident(sentence, expected):
    assert additive_incident(sentence, NOUNS) is expected


@pytest.mark.parametrize(("on", "toll"), [(False, 9), (True, 4)])
def test_another_act_told_with_also_is_left_out_only_when_on(monkeypatch, on, toll):
    monkeypatch.setattr(record, "ALSO_ROUNDUP", on)
    assert headline_toll(_article((4, LEAD), (9, OTHER)), {}) == toll


@pytest.mark.parametrize("on", [False, True])
def test_a_sentence_pointing_back_to_the_incident_stays_either_way(monkeypatch, on):
    monkeypatch.setattr(record, "ALSO_ROUNDUP", on)
    assert headline_toll(_article((4, LEAD), (6, BACK)), {}) == 6


@pytest.mark.parametrize("on", [False, True])
def test_the_lead_toll_alone_is_untouched(monkeypatch, on):
    monkeypatch.setattr(record, "ALSO_ROUNDUP", on)
    assert headline_toll(_article((9, OTHER)), {}) == 9  # the article's first toll is never cut


def test_off_keeps_a_later_update_of_the_headline_incident(monkeypatch):
    monkeypatch.setattr(record, "ALSO_ROUNDUP", False)
    assert headline_toll(_article((4, LEAD), (9, OTHER), (12, UPDATE)), {}) == 12


@pytest.mark.xfail(strict=True, reason="known defect of the reading as built: the cut drops every later "
                   "sentence, so an update of the headline incident after an 'also' sentence is lost")
def test_on_keeps_a_later_update_of_the_headline_incident(monkeypatch):
    monkeypatch.setattr(record, "ALSO_ROUNDUP", True)
    assert headline_toll(_article((4, LEAD), (9, OTHER), (12, UPDATE)), {}) == 12
