"""The study script ``benchmarks/incident_missed_links.py`` (issue 11, incidents56; its input
``gap_numbers`` failed its bar and was removed: prune4).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import REPO
from incident_helpers import Line, report

from sitrep.incidents.features import (
    FEATURES,
)
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import load_settings

S = load_settings()


def _strike(doc_id: str, published: str, toll: str):  # type: ignore[no-untyped-def]
    """A report of a strike on the mill of an invented town that gives ``toll`` in its sentence."""
    words = f"Jets struck the mill of Qarat Amal, killing {toll} people, the monitor said."
    return mentions([report(doc_id, doc_id.upper(), published,
                            [Line(words, "struck", place="Qarat Amal")])], S)[0]


@pytest.fixture()
def missed():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(REPO / "benchmarks"))
    import incident_missed_links

    return incident_missed_links


def test_incidents_missed_links_reads_only_lost_same_pairs_and_tallies_them_by_split(missed, tmp_path: Path) -> None:
    """Only the lost same pairs of a losses file are read, each in its split; a stage is counted
    per split (0 where a split has none) with its mean over the splits."""
    rows = [{"split": 0, "a": "x#row2", "b": "x#row4", "error": "lost same", "cause": "below"},
            {"split": 1, "a": "x#row2", "b": "x#row4", "error": "lost same", "cause": "below"},
            {"split": 1, "a": "x#row6", "b": "x#row8", "error": "lost same", "cause": "blocked:window"},
            {"split": 1, "a": "x#row6", "b": "x#row10", "error": "false link", "cause": "chain"}]
    path = tmp_path / "losses.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    misses = missed.read_misses(path)
    assert [m.cause for m in misses] == ["below", "below", "blocked:window"]
    assert misses[0].key == frozenset(("x#row2", "x#row4"))
    assert missed.tally(misses, 2) == {"below": {"per_split": [1, 1], "mean": 1.0},
                                       "blocked:window": {"per_split": [0, 1], "mean": 0.5}}


def test_incidents_missed_links_contributions_and_shortfalls(missed) -> None:
    """A pair's contribution of an input is its weight times its value in the pair's first row
    (report-level values are the pair's own); the shortfall is how far it stays under the linked
    pairs' mean."""
    row = [0.0] * len(FEATURES)
    row[FEATURES.index("report_gap")] = 1.0
    row[FEATURES.index("body")] = 0.5
    got = missed.contributions([row], {"report_gap": -2.0, "body": 2.0})
    assert got["report_gap"] == -2.0 and got["body"] == 1.0 and got["lead_words"] == 0.0
    linked = missed.mean_of([{**got, "report_gap": 0.0, "body": 1.5}, {**got, "report_gap": -1.0, "body": 0.5}])
    assert linked["report_gap"] == -0.5 and linked["body"] == 1.0
    short = missed.shortfalls(got, linked)
    assert short["report_gap"] == 1.5 and short["body"] == 0.0
