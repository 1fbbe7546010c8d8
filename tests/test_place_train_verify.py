"""``scripts/train_place.py --verify``: the comparison of a fresh fit with the shipped model file.

The model parts below are written for this test (feature names of a made-up model), not read
from the shipped file or any evaluation set.
"""

from __future__ import annotations

from conftest import script_module


def _part(**weights: float) -> dict:
    return {"features": list(weights), "weights": dict(weights), "bias": 0.0, "threshold": 0.5,
            "trained_on": "three made-up pairs", "date": "2026-12-03"}


def test_equal_parts_have_no_difference() -> None:
    fitted = {"rank": _part(near=1.5, far=-0.25), "accept": _part(score=0.5)}
    shipped = {**fitted, "toponym": _part(org_word=-2.0)}  # a part not fitted is not compared
    assert script_module("train_place").model_differences(fitted, shipped) == []


def test_every_moved_weight_and_missing_part_is_listed() -> None:
    fitted = {"rank": _part(near=1.5, far=-0.3, extra=0.1), "accept": _part(score=0.5)}
    shipped = {"rank": {**_part(near=1.5, far=-0.25), "bias": 0.2}}
    diffs = script_module("train_place").model_differences(fitted, shipped)
    assert "rank.weights.far: shipped -0.25, fitted -0.3" in diffs
    assert "rank.weights.extra: shipped None, fitted 0.1" in diffs
    assert "rank.bias: shipped 0.2, fitted 0.0" in diffs
    assert any(d.startswith("rank.features") for d in diffs)
    assert "accept: missing from the shipped file" in diffs
    assert not any(d.startswith("rank.weights.near") for d in diffs)
