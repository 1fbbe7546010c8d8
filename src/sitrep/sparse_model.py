"""Sparse binary logistic models shipped as plain JSON: the arithmetic and the file format that
sitrep's small learned add-ons share (the casualty war-total check, the events doer model, the
incident linker's sigmoid).

A model file holds ``features`` and ``weights`` (two parallel lists), an ``intercept`` and a
``threshold``, next to whatever its training script records about how they were chosen. It is
read without scikit-learn; a missing file is logged and the caller falls back to its rules.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

M = TypeVar("M", bound="SparseLogistic")


def logistic(z: float) -> float:
    """The logistic function; exactly 0 far below (where ``math.exp`` would overflow)."""
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


def read_weights(data: Mapping[str, Any]) -> dict[str, float]:
    """Feature name -> weight from a model file's parallel ``features`` and ``weights`` lists."""
    return dict(zip(data["features"], data["weights"], strict=True))


@dataclass(frozen=True, slots=True)
class SparseLogistic:
    """Weights over named sparse features, an intercept, and the probability that decides."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float

    def probability(self, feats: Mapping[str, float]) -> float:
        return logistic(self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items()))

    @classmethod
    def load(cls: type[M], path: Path, *, without: str) -> M | None:
        """The model in ``path``, or None (logged, saying that ``without`` decides) when the file is missing."""
        if not path.exists():
            log.warning("%s is missing (run `make models`); %s", path, without)
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(read_weights(data), float(data["intercept"]), float(data["threshold"]))
