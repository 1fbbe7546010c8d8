"""The learned war-total check on top of the scope rules (issue 12, fourth follow-up).

``scope.rule_scope`` decides a figure's scope from hand-set rules. A war-wide or period total
the rules call ``incident`` ends up on an event, which the issue forbids; the rules only know
the cue words they were written for. ``ScopeModel`` is a logistic regression fitted by
``scripts/train_casualty_scope.py`` (``make models``) on the **tune** half of the casualty gold:
from every feature of ``scope.scope_features`` (time span phrases, "since", war nouns, the
count's magnitude, the perfect, sentence position, place level, a vague count …) it gives the
probability that a figure is a ``war_total``. Its decision extends the rules: a figure outside
the headline that the rules keep as ``incident`` or ``background`` becomes ``war_total`` when
that probability reaches the fitted threshold; what the rules call ``war_total`` stays one.

The model ships as plain JSON (``src/sitrep/models/casualty_scope.json``: feature names,
weights, intercept, threshold and how they were chosen), read without scikit-learn; when the
file is missing the stage falls back to the rules alone (logged).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ...sparse_model import SparseLogistic
from .scope import rule_scope

MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "casualty_scope.json"


@dataclass(frozen=True, slots=True)
class ScopeModel(SparseLogistic):
    """The binary war-total model (weights, intercept) and the probability at which it overrides."""

    def war_total_probability(self, feats: Mapping[str, float]) -> float:
        return self.probability(feats)

    def decide(self, feats: Mapping[str, float]) -> str:
        """The rules' scope, or ``war_total`` where the model is confident and the figure is not
        in the headline (a headline reports its incident)."""
        scope = rule_scope(dict(feats))
        if scope == "war_total" or feats.get("sent=0"):
            return scope
        return "war_total" if self.war_total_probability(feats) >= self.threshold else scope


def load_scope_model(path: Path | None = None) -> ScopeModel | None:
    """The shipped model, or None (logged) when its file is missing: the rules decide alone."""
    return ScopeModel.load(path or MODEL_PATH, without="scope rules only")
