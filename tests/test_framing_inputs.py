"""The framing inputs profile (``benchmarks/framing_inputs.py``, issue 16): the padding a batch would
carry, and what the tapped sentiment model records about its items and runs."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

import framing_inputs  # noqa: E402


def test_framing_inputs_padding_in_order_and_sorted() -> None:
    calls = [[3, 10, 4, 9], [5]]
    in_order = framing_inputs.padding(calls, 2, by_length=False)
    assert in_order == {"real_tokens": 31, "pad_tokens": 12, "pad_share": round(12 / 43, 4)}
    by_length = framing_inputs.padding(calls, 2, by_length=True)
    assert by_length["pad_tokens"] == 2  # [3, 4] and [9, 10]; [5] alone
    assert framing_inputs.padding(calls, 1, by_length=False)["pad_tokens"] == 0


def test_framing_inputs_tap_counts_items_runs_and_repeats() -> None:
    from sitrep.stages.framing.sentiment import TargetSentimentModel

    model = TargetSentimentModel()  # the shipped model
    tap = framing_inputs.Tap()
    framing_inputs.tap_model(model, tap)
    sentence = "The ministry praised the rescue teams in the northern district."
    items = [(sentence, 4, 12), (sentence, 25, 37), (sentence, 4, 12)]
    preds = model.predict(items)
    assert preds[0] == preds[2]
    assert tap.calls == [items]
    assert len(tap.lengths) == 2  # the repeated item is served from the cache, not run again
    assert tap.session_cpu > 0.0
    profile = framing_inputs.input_profile(model, tap.calls, [])
    assert profile["items"] == 3
    assert profile["distinct_inputs"] == 2
    assert profile["items_scored_again"] == 1
    assert profile["distinct_sentences"] == 1
    assert profile["items_not_counted"] == 3  # no records were passed in
    assert profile["tokens"]["max"] == max(tap.lengths)
