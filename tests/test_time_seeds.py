"""The four seed articles: their dates come out as a careful reader would read them.

Seed 001 is dated 16 July 2016 (its text says so); the others carry no
publication date, so their relative expressions must stay unresolved.
"""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS, needs_shared

from sitrep.stages.time import TimeStage

pytestmark = [needs_shared, pytest.mark.shared]


def _read(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    # seed 002 is hard-wrapped: join single newlines inside blank-line blocks
    return "\n\n".join(" ".join(block.split("\n")) for block in re.split(r"\n\s*\n", text))


@pytest.fixture(scope="module")
def seed_times(parse, nlp):
    stage = TimeStage(nlp)

    def _times(prefix: str, published: str | None) -> dict[str, tuple]:
        analysis = stage(parse(_read(prefix), published=published, doc_id=prefix))
        return {t.text: (t.value, t.fuzzy, t.anchor) for t in analysis.times}

    return _times


def test_seed_001_dates(seed_times):
    found = seed_times("001", "2016-07-16")
    assert found["Thursday evening"][0] == "2016-07-14TEV"
    assert found["early July"][:2] == ("2016-07", True)
    assert found["September 2015"][0] == "2015-09"
    assert found["2011"][0] == "2011"
    assert found["Friday"][0] == "2016-07-15"  # "the Times noted Friday"
    assert "some quarters" not in found


def test_seed_000_dateless_relative_stays_unresolved(seed_times):
    found = seed_times("000", None)
    assert found["A few days ago"] == (None, True, None)
    assert found["2011"][0] == "2011"  # "since 2011" is absolute
    assert found["six weeks"][:2] == ("P6W", True)  # "about" read as a hedge, outside the extent


def test_seed_002_dateless_but_the_caption_gives_the_year(seed_times):
    found = seed_times("002", None)
    assert found["a year ago"][0] is None and found["a year ago"][2] is None
    assert found["this week"][0] is None
    assert found["Sept. 21, 2016"][0] == "2016-09-21"
    # month-days placed in the year of the full date the text gives, marked fuzzy
    assert found["Sept. 12"][:2] == ("2016-09-12", True)
    assert found["Sept. 17"][:2] == ("2016-09-17", True)
    assert not any(text.lower().startswith("may") for text in found)


def test_seed_003_dateless(seed_times):
    found = seed_times("003", None)
    assert found["this week"][0] is None
    assert all(anchor is None for _, _, anchor in found.values())
