"""The PolNeAR scorer: brat parsing by offsets, matching rules, and a pinned dev score."""

from __future__ import annotations

import pytest
from conftest import SHARED, needs_shared

from sitrep.stages.quotes.scorer import Unit, match_doc, metrics, parse_ann

# a hand-written article and annotation in the PolNeAR brat layout (not PolNeAR text)
TEXT = 'The mayor said that the bridge\nwas closed. "We are ready," she added.'
ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 42\tthat the bridge\nwas closed\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 43 58;59 62\t\"We are ready,\" she\n"
    "T6\tCue 64 69\tadded\n"
    "T7\tAttribution-no-source 64 69\tadded\n"
    "E2\tAttribution-no-source:T7 Content:T5 Cue:T6\n"
    "T8\tDiscard 0 3\tThe\n"
)


def test_scorer_parses_multiline_and_discontinuous_spans() -> None:
    units = parse_ann(ANN)
    assert [u.content for u in units] == [[(15, 42)], [(43, 58), (59, 62)]]
    assert units[0].source == [(0, 9)] and units[1].source == []
    assert TEXT[15:42] == "that the bridge\nwas closed."[:27]


def test_scorer_exact_ignores_edge_punctuation_and_quote_marks() -> None:
    gold = [Unit([(43, 58)])]
    pred = [Unit([(44, 56)])]  # without the marks and the comma
    c = match_doc(TEXT, gold, pred)
    assert (c.exact, c.overlap) == (1, 1)


def test_scorer_overlap_is_one_to_one() -> None:
    gold = [Unit([(15, 42)], [(0, 9)])]
    pred = [Unit([(15, 30)], [(0, 9)]), Unit([(31, 42)], [(60, 63)])]
    c = match_doc(TEXT, gold, pred)
    assert (c.n_pred, c.overlap, c.exact) == (2, 1, 0)
    m = metrics(c)
    assert m["overlap_precision"] == 0.5 and m["overlap_recall"] == 1.0
    assert m["speaker_accuracy"] == 1.0  # the larger overlap (with the right source) wins


def test_scorer_speaker_must_overlap_gold_source() -> None:
    gold = [Unit([(15, 42)], [(0, 9)])]
    c = match_doc(TEXT, gold, [Unit([(15, 42)], [(60, 63)])])
    assert (c.with_source, c.speaker_ok) == (1, 0)


@needs_shared
@pytest.mark.shared
@pytest.mark.slow
def test_scorer_pinned_polnear_dev_subset() -> None:
    """Guards the current score on the first 8 dev articles (by name)."""
    from sitrep.eval import run_eval

    m = run_eval("quotes", SHARED / "quotes" / "polnear" / "dev", limit=8)
    assert m["n_gold"] == PINNED["n_gold"]
    assert m["overlap_f1"] >= PINNED["overlap_f1"] - 0.02, m
    assert m["speaker_accuracy"] >= PINNED["speaker_accuracy"] - 0.03, m


#: measured 2026-11-21 (see docs/benchmarks.md)
PINNED = {"n_gold": 56, "overlap_f1": 0.7478, "speaker_accuracy": 0.7907}
