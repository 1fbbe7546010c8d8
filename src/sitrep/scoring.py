"""Precision, recall and F1: the arithmetic every scorer shares."""

from __future__ import annotations


def f1(precision: float, recall: float) -> float:
    """Harmonic mean; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """``(precision, recall, f1)`` of ``tp`` matches among ``n_pred`` predictions and ``n_gold`` gold items."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, f1(p, r)
