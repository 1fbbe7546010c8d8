"""A learned choice of the headline toll among an article's incident killed figures (issue 12;
branch casualties45), behind a switch.

``record.headline_toll`` takes the largest ``incident`` killed figure left after its round-up cut.
On the tune half the commonest main-killed miss is a larger toll of *another* incident or time
that the stage keeps at ``incident`` scope (a same-day strike elsewhere, an earlier day's raid, a
campaign's count, a related-article headline): the maximum then picks it over the headline
incident's own toll. With ``LEARNED_MAIN_CHOICE`` on, a small logistic model fitted by
``scripts/train_casualty_main.py`` on the tune half scores each candidate for "larger than the
headline incident's toll" from where it sits and how it is told, relative to the article's first
toll (its sentence's order among the candidates' sentences, whether it is in the lead, how much
larger it is than the first toll, a round-up opener, "also", a weekday or a year the lead does not
name, names of places or sides the lead and the first toll's sentence do not have, a vague count); the toll is the largest candidate the model does not flag, and the rule's
maximum when it flags them all. Off (the default), or with no shipped model, the rule decides alone.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from ...records import Casualty
from ...sparse_model import SparseLogistic, read_weights

#: the learned choice of the headline toll among the incident killed figures. Measured leaving one
#: wave out on the 280 tune articles by ``scripts/train_casualty_main.py`` (its bar is written there):
#: two runs, nothing moved out of fold (summed gain 0), failed — off, and no model file is shipped
#: (docs/benchmarks.md, casualties45). Off: the rule's maximum.
LEARNED_MAIN_CHOICE = False

MAIN_CHOICE_PATH = Path(__file__).resolve().parents[2] / "models" / "casualty_main.json"

_WORD = re.compile(r"[A-Za-z]+|\d+")
_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend"})
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _names(text: str) -> set[str]:
    """Capitalised words after a sentence's first word (names of places, sides, outlets), lower-cased."""
    words = _WORD.findall(text)[1:]
    return {w.lower() for w in words if w[:1].isupper() and len(w) > 2}


def candidate_features(found: Sequence[Casualty], lead_start: int, roundup: Sequence[bool],
                       lead_text: str = "") -> list[dict[str, float]]:
    """The features of each candidate toll (``found``, in any order; ``roundup[i]`` whether its
    sentence opens on a round-up word), relative to the article's first toll: the largest figure of
    the earliest sentence holding a candidate. ``lead_start`` is the article's first sentence's start;
    ``lead_text`` its text (with the first toll's sentence, the names a later toll may share)."""
    starts = sorted({c.evidence.start for c in found})
    first = starts[0]
    first_best = max(c.best for c in found if c.evidence.start == first)
    first_text = next(c.evidence.text for c in found if c.evidence.start == first)
    first_words = set(_words(first_text))
    first_days = first_words & _DAYS
    first_years = {w for w in first_words if _YEAR.match(w)}
    lead_names = _names(lead_text) | _names(first_text)
    out = []
    for c, opens_roundup in zip(found, roundup, strict=True):
        words = set(_words(c.evidence.text))
        order = starts.index(c.evidence.start)
        ratio = math.log((c.best + 1) / (first_best + 1))
        names = _names(c.evidence.text)
        new = len(names - lead_names) if order > 0 else 0
        feats: dict[str, float] = {
            "first_sentence": float(order == 0),
            "lead": float(c.evidence.start == lead_start),
            "order": min(order, 3) / 3.0,
            "log_ratio_first": max(-3.0, min(3.0, ratio)),
            "larger_than_first": float(c.best > first_best),
            "approximate": float(c.approximate),
            "roundup": float(opens_roundup),
            "also": float("also" in words and order > 0),
            "other_day": float(bool(words & _DAYS - first_days) and order > 0),
            "other_year": float(any(_YEAR.match(w) for w in words - first_years) and order > 0),
            "candidates": min(len(starts), 6) / 6.0,
            "new_names": min(new, 4) / 4.0,
            "no_shared_name": float(order > 0 and bool(names) and not names & lead_names),
        }
        out.append({k: v for k, v in feats.items() if v})
    return out


@functools.cache
def load_main_choice(path: Path = MAIN_CHOICE_PATH) -> SparseLogistic | None:
    """The shipped model, or None when the file is missing or says it was not shipped."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if not data.get("shipped"):
        return None
    return SparseLogistic(read_weights(data), float(data["intercept"]), float(data["threshold"]))


def choose(found: Sequence[Casualty], features: Sequence[Mapping[str, float]], model: SparseLogistic) -> int:
    """The largest candidate toll the model does not flag as another incident's (probability below
    its threshold); the largest of all when it flags every one."""
    kept = [c.best for c, f in zip(found, features, strict=True) if model.probability(f) < model.threshold]
    return max(kept) if kept else max(c.best for c in found)
