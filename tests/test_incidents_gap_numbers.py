"""The stacked report input ``gap_numbers`` (switched off) and the study script
``benchmarks/incident_missed_links.py`` (issue 11, incidents56).

Reports here are invented (``incident_helpers``); none comes from an evaluation set.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import REPO
from incident_helpers import Line, assert_stacked_input_off, report

from sitrep.incidents.features import (
    FEATURES,
    REPORT_FEATURES,
    STACKED_SWITCHED_OFF,
)
from sitrep.incidents.mentions import mentions
from sitrep.incidents.settings import load_settings

S = load_settings()
GAP_NUMBERS = STACKED_SWITCHED_OFF["gap_numbers"][1]


def _strike(doc_id: str, published: str, toll: str):  # type: ignore[no-untyped-def]
    """A report of a strike on the mill of an invented town that gives ``toll`` in its sentence."""
    words = f"Jets struck the mill of Qarat Amal, killing {toll} people, the monitor said."
    return mentions([report(doc_id, doc_id.upper(), published,
                            [Line(words, "struck", place="Qarat Amal")])], S)[0]


def test_incidents_gap_numbers_is_the_gap_of_a_late_report_retelling_a_figure() -> None:
    """A report two days later giving the first one's toll: the publication gap (as ``report_gap``)
    times the shared numbers (one of the cap of two: a half), the same in either order; a day later:
    half of that; another toll, or one publication day (no gap to take back): 0."""
    first = _strike("a", "2030-05-06", "17")
    late = _strike("b", "2030-05-08", "17")
    assert GAP_NUMBERS(first, late, S) == GAP_NUMBERS(late, first, S) == 0.5
    assert GAP_NUMBERS(first, late, S) == REPORT_FEATURES["report_gap"](first, late, S) / 2
    assert GAP_NUMBERS(first, _strike("c", "2030-05-07", "17"), S) == 0.25
    assert GAP_NUMBERS(first, _strike("d", "2030-05-08", "23"), S) == 0.0
    assert GAP_NUMBERS(first, _strike("e", "2030-05-06", "17"), S) == 0.0


def test_incidents_gap_numbers_is_off_unless_the_environment_names_it() -> None:
    """Off (the default), the input is no column of the fit and the shipped linker does not weigh
    it; named in ``SITREP_INCIDENT_INPUTS``, it is a stacked report column whose source is no
    mention column; the fit holds its sign >= 0."""
    assert_stacked_input_off("gap_numbers")


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
