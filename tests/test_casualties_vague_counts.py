"""Issue 12 (2026-12-06, morning, branch casualties38): vague counts and words for large numbers
with the switch ``vague.VAGUE_COUNTS``. A number times a vague unit is one count ("two dozen
people" -> 24, approximate; off, main reads 2, or 2 and 12), and the counted noun of a vague partitive
is read as the noun of a number is ("scores of bodies" -> killed 20, "dozens of dead fighters" ->
killed 12; off, lost); a vague toll is never the headline toll over an exact one of the same
event. Switch on, a vague partitive of things is never a figure ("dozens of
villages", "hundreds of times", "millions of dollars", "scores of reports"), nor are the bad
inputs. casualties41: the first reading alone has its own switch, ``vague.UNIT_MULTIPLES`` (on);
"off" below means both switches off (main before casualties38). Sentences written for the project,
never taken from a data set.
"""

from __future__ import annotations

import pytest

from sitrep.stages.casualties import vague

LEAD = "An air strike killed 40 people in Douma on Saturday a monitor said. "

#: (sentence, kind, value, first word of the figure's text)
VAGUE = [
    ("A doctor said two dozen people died in the raids on Sunday.", "killed", 24, "two"),
    ("Rescuers found scores of bodies under the rubble of the market.", "killed", 20, "scores"),
    ("A video showed dozens of dead fighters on the road near the town.", "killed", 12, "dozens"),
]

#: never a figure, switch on: vague counts of things, and numbers that are no counts of people
NOT_FIGURES = [
    "Shelling hit dozens of villages in the province on Sunday.",
    "The town was bombed hundreds of times last year.",
    "The fighting has cost millions of dollars in damage.",
    "Scores of reports said the market was hit again.",
    "Thousands of evacuees waited at the crossing on Sunday.",
    "The convoy carried two dozen tents and a dozen ambulances.",
    "The dead included a 12-year-old boy the monitor said.",
    "Rebels fired 120mm mortars at dozens of buildings.",
    "Turnout among 35 percent of voters was low.",
]


def _figures(casualty_run, text: str, on: bool, monkeypatch) -> list:
    monkeypatch.setattr(vague, "VAGUE_COUNTS", on)
    monkeypatch.setattr(vague, "UNIT_MULTIPLES", False)  # off means main: neither switch
    _, figures = casualty_run(text)
    return figures


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "kind", "value", "first"), VAGUE)
def test_a_vague_count_is_one_figure_of_the_guides_value(casualty_run, monkeypatch, sentence, kind, value, first):
    start = len(LEAD)
    figures = [c for c in _figures(casualty_run, LEAD + sentence, True, monkeypatch) if c.start >= start]
    assert [(c.kind, c.best) for c in figures] == [(kind, value)], figures
    assert figures[0].approximate
    assert figures[0].low is None and figures[0].high is None
    assert sentence[figures[0].start - start:figures[0].end - start].split()[0] == first


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "kind", "value", "first"), VAGUE)
def test_switched_off_main_misses_the_vague_count(casualty_run, monkeypatch, sentence, kind, value, first):
    figures = [c for c in _figures(casualty_run, LEAD + sentence, False, monkeypatch) if c.start >= len(LEAD)]
    assert value not in [c.best for c in figures], figures


@pytest.mark.slow
def test_switched_off_two_dozen_is_read_as_the_number_alone(casualty_run, monkeypatch):
    figures = _figures(casualty_run, LEAD + VAGUE[0][0], False, monkeypatch)
    assert [c.best for c in figures if c.start >= len(LEAD)] == [2], figures


@pytest.mark.slow
@pytest.mark.parametrize("sentence", ["Jets killed two dozen people at the market on Sunday, a doctor said.",
                                      "Two dozen civilians were reported dead after the raids on Sunday."])
def test_a_number_times_a_unit_is_one_count_however_the_parse_hangs_it(casualty_run, monkeypatch, sentence):
    figures = _figures(casualty_run, LEAD + sentence, True, monkeypatch)
    assert [(c.kind, c.best) for c in figures if c.start >= len(LEAD)] == [("killed", 24)], figures


@pytest.mark.slow
@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_no_vague_count_of_things_or_bad_input_becomes_a_figure(casualty_run, monkeypatch, sentence):
    text = LEAD + sentence
    figures = _figures(casualty_run, text, True, monkeypatch)
    assert [c.best for c in figures if c.start >= text.index(sentence)] == [], figures


@pytest.mark.slow
def test_a_vague_count_is_never_the_headline_toll_over_the_exact_one(casualty_run, monkeypatch):
    from sitrep.stages.casualties.record import headline_toll

    text = ("An air raid on the main market in Douma on Saturday killed 9 people and left scores of bodies "
            "under the rubble a monitor said.")
    monkeypatch.setattr(vague, "VAGUE_COUNTS", True)
    analysis, figures = casualty_run(text)
    vague_toll = [c for c in figures if c.kind == "killed" and c.best == 20]
    exact_toll = [c for c in figures if c.kind == "killed" and c.best == 9]
    assert vague_toll and exact_toll and vague_toll[0].event == exact_toll[0].event is not None, figures
    statuses = {e.id: str(e.status) for e in analysis.events}
    assert headline_toll(figures, statuses) == 9, figures


def _toll(best: int, text: str, event: str | None):  # type: ignore[no-untyped-def]
    from sitrep.records import Casualty, Evidence

    return Casualty(f"c{best}{event}", "d", "killed", "people", best, 0, len(text), text,
                    Evidence(0, len(text), text), event=event)


def test_exact_first_drops_a_vague_toll_only_beside_an_exact_one_of_its_event(monkeypatch):
    from sitrep.stages.casualties.lexicon import load_lexicon

    lex = load_lexicon()
    exact, same, other, loose = (_toll(9, "9 people", "e1"), _toll(20, "scores of bodies", "e1"),
                                 _toll(12, "almost a dozen civilians", "e2"), _toll(100, "hundreds", None))
    monkeypatch.setattr(vague, "VAGUE_COUNTS", True)
    assert vague.exact_first([exact, same, other, loose], lex) == [exact, other, loose]
    assert vague.exact_first([same], lex) == [same]
    monkeypatch.setattr(vague, "VAGUE_COUNTS", False)
    assert vague.exact_first([exact, same], lex) == [exact, same]


def test_is_vague_reads_the_lexicons_vague_words():
    from sitrep.stages.casualties.lexicon import load_lexicon

    lex = load_lexicon()
    assert vague.is_vague("Dozens of people", lex) and vague.is_vague("two dozen", lex)
    assert vague.is_vague("hundreds of thousands of civilians", lex)
    assert not vague.is_vague("At least 11 civilians", lex) and not vague.is_vague("five hundred people", lex)


# --- casualties41: a number times a vague unit alone (``vague.UNIT_MULTIPLES``) ----------------

def _units_only(casualty_run, text: str, monkeypatch) -> list:
    monkeypatch.setattr(vague, "VAGUE_COUNTS", False)
    monkeypatch.setattr(vague, "UNIT_MULTIPLES", True)
    _, figures = casualty_run(text)
    return [c for c in figures if c.start >= len(LEAD)]


@pytest.mark.slow
@pytest.mark.parametrize("sentence", ["Two dozen people were reported killed by shelling on Monday, medics said.",
                                      "Shells killed two dozen people near the bakery on Monday."])
def test_units_alone_read_two_dozen_people_as_one_figure_of_24(casualty_run, monkeypatch, sentence):
    figures = _units_only(casualty_run, LEAD + sentence, monkeypatch)
    assert [(c.kind, c.best) for c in figures] == [("killed", 24)], figures
    assert figures[0].approximate and figures[0].low is None and figures[0].high is None
    text = (LEAD + sentence)[figures[0].start:figures[0].end]
    assert text.lower().startswith("two dozen"), text


@pytest.mark.slow
@pytest.mark.parametrize("sentence", ["Shelling hit two dozen villages in the province on Monday.",
                                      "Two dozen villages were shelled on Monday, killing no one."])
def test_units_alone_give_no_figure_for_two_dozen_villages(casualty_run, monkeypatch, sentence):
    assert _units_only(casualty_run, LEAD + sentence, monkeypatch) == []


@pytest.mark.slow
def test_units_alone_leave_the_partitive_reading_off(casualty_run, monkeypatch):
    figures = _units_only(casualty_run, LEAD + VAGUE[1][0], monkeypatch)
    assert 20 not in [c.best for c in figures], figures


def test_units_alone_leave_the_headline_guard_off(monkeypatch):
    from sitrep.stages.casualties.lexicon import load_lexicon

    lex = load_lexicon()
    exact, same = _toll(9, "9 people", "e1"), _toll(20, "scores of bodies", "e1")
    monkeypatch.setattr(vague, "VAGUE_COUNTS", False)
    monkeypatch.setattr(vague, "UNIT_MULTIPLES", True)
    assert not vague.guard_on()
    assert vague.exact_first([exact, same], lex) == [exact, same]
