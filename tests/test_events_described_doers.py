"""A sentence's own described doer against the doer of the same incident told before (issue 13,
branch events44; the context rule's ``replace_unidentified``). Sentences written for these tests.
The switched-off readings events44 measured (``DESCRIBED_MENTIONS``, ``KEEP_OWN_DESCRIBED``) were
removed by branch prune2 (``docs/benchmarks/pruned.md``)."""

from __future__ import annotations

import pytest

TWO = ("Islamic State fighters attacked an army checkpoint in Qamishli on Monday. "
       "Two suicide bombers attacked the checkpoint again later in the day.")


@pytest.fixture(scope="module")
def analyze(analyze_text):  # loads the model (slow)
    return lambda text: analyze_text(text, ["actors", "time", "place", "events"], published="2016-07-16")


def test_the_carried_doer_replaces_the_described_one(analyze):
    an = analyze(TWO)
    (second,) = [e for e in an.events if e.category == "ASSAULT" and e.evidence.start > 0]
    assert second.actors == ["ISIS"]
