"""Shared helpers of the learned event-role tests (``doer_model``, ``recipient_model``)."""

from __future__ import annotations

import json
from typing import Any


def assert_round_trips(module: Any, model: Any, tmp_path: Any) -> None:
    """``model`` written as JSON loads back equal through ``module.load_model``; an absent file loads as None."""
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    assert module.load_model.__wrapped__(path) == model
    assert module.load_model.__wrapped__(tmp_path / "absent.json") is None


def assert_shipped_model_reachable(module: Any) -> Any:
    """The shipped model of ``module`` loads with weights and a threshold it can reach; returned."""
    model = module.load_model()
    assert model is not None and model.weights
    assert 0.0 < model.threshold <= 1.0
    return model
