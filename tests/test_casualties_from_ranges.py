"""A range opened by "from" (``numbers.FROM_RANGES``, casualties34, default off): project-written
sentences after an incident lead. With the switch on the range is read (low, high, the conservative
best) and tied to its casualty verb; with it off main's reading stands (the range is lost); a verb
of change ("rose from 15 to 20") and a place range ("from 20 villages to the coast") are never
casualty ranges."""

from __future__ import annotations

import pytest

from sitrep.stages.casualties import numbers

LEAD = "Air strikes hit the market in Idlib on Monday, killing 12 civilians, activists said. "

RANGES = [
    ("Rebels said the gas attack killed from 500 to well over 1000 people.", 500, 1000),
    ("Rebels said the gas attack killed from 500 to well over 1000 people", 500, 1000),
    ("The strike killed from 20 to 30 people, the monitor said.", 20, 30),
    ("Government shelling killed from 20 to nearly 30 civilians in the town.", 20, 30),
    ("Government shelling killed from 20 to more than 30 civilians in the town.", 20, 30),
]


def _killed(casualty_run, sentence: str) -> list[tuple[int, int | None, int | None]]:
    _, figures = casualty_run(LEAD + sentence)
    return [(c.best, c.low, c.high) for c in figures if c.kind == "killed" and c.start >= len(LEAD)]


@pytest.mark.parametrize(("sentence", "low", "high"), RANGES)
def test_from_range_read_when_on(casualty_run, monkeypatch, sentence, low, high):
    monkeypatch.setattr(numbers, "FROM_RANGES", True)
    assert _killed(casualty_run, sentence) == [(low, low, high)]


@pytest.mark.parametrize(("sentence", "low", "high"), RANGES[:3])
def test_from_range_off_is_mains_reading(casualty_run, monkeypatch, sentence, low, high):
    monkeypatch.setattr(numbers, "FROM_RANGES", False)
    assert (low, low, high) not in _killed(casualty_run, sentence)


@pytest.mark.parametrize("on", [False, True])
def test_between_and_plain_ranges_unchanged(casualty_run, monkeypatch, on):
    monkeypatch.setattr(numbers, "FROM_RANGES", on)
    assert _killed(casualty_run, "The gas attack killed between 500 and 1000 people, rebels said.") == [(500, 500, 1000)]
    assert _killed(casualty_run, "The gas attack killed 500 to 1000 people, rebels said.") == [(500, 500, 1000)]


@pytest.mark.parametrize("sentence", [
    "The death toll rose from 15 to 20, the monitor said.",
    "The army moved the wounded from 20 villages to the coast.",
    "The convoy drove from 20 kilometres to the border.",
])
def test_not_a_casualty_range(casualty_run, monkeypatch, sentence):
    monkeypatch.setattr(numbers, "FROM_RANGES", True)
    assert all(low is None for _, low, _ in _killed(casualty_run, sentence))


def test_the_bar_needs_a_mean_gain_beyond_its_spread_and_no_loss():
    """``casualties_from_ranges.verdict``: one wave's gain of one article among 17 is inside the
    spread (the measured case), a loss anywhere fails, and gains on most waves pass."""
    import sys

    from conftest import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    from casualties_from_ranges import verdict

    def waves(gains: list[int], figures: int = 0) -> tuple[dict, dict]:
        off = {f"w{i}": {"main_killed": 5, "figures": 10, "attribution": 8} for i in range(len(gains))}
        on = {w: {"main_killed": 5 + g, "figures": 10 + figures, "attribution": 8} for w, g in zip(off, gains, strict=True)}
        return off, on

    one = verdict(*waves([1] + [0] * 16), 0.9487, 0.9491)
    assert not one["passed"] and one["mean_gain"] < one["sd"]
    assert not verdict(*waves([1] * 12 + [0] * 5, figures=-1), 0.95, 0.95)["passed"]
    assert not verdict(*waves([1] * 12 + [0] * 5), 0.95, 0.949)["passed"]
    assert verdict(*waves([1] * 12 + [0] * 5), 0.95, 0.95)["passed"]
