"""Shared helpers of the events tests: the learned event-role models (``recipient_model``) and the
events of one trigger from a built pipeline."""

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


def trigger_events(pipeline: Any, text: str, trigger: str) -> list[Any]:
    """The events ``pipeline`` finds in ``text`` (one document) whose trigger is ``trigger``."""
    from sitrep.records import Document

    analysis = next(iter(pipeline.analyze([Document(id="d", sha256="d", text=text)])))
    return [e for e in analysis.events if e.trigger == trigger]
